package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The launcher's class-data archive (AppCDS on JDK 17-24, AOT cache on JDK 25+) is only ever an
 * acceleration: damaged, unwritable or planted, it never changes what devskyy prints or does, and
 * nothing is written through a symlink planted at its name. Run on an unpacked release, whose
 * archives go to a cache directory of the test's own, on one JDK home per Java version.
 */
@Tag("security")
class ClassDataArchiveAttackIT {
    private static final Pattern ARCHIVE = Pattern.compile("-XX:(?:SharedArchiveFile|AOTCache)=(\\S+)");

    @TempDir
    Path unpacked;

    @TempDir
    Path home;

    @TempDir
    Path cache;

    Path launcher;

    @BeforeEach
    void unpackTheRelease() throws Exception {
        Launcher.runTool(unpacked, List.of("tar", "-xzf", ReleaseArchiveIT.TAR.toString()));
        launcher = unpacked.resolve(ReleaseArchiveIT.TOP).resolve("bin/devskyy");
    }

    @Test
    void aTruncatedOrCorruptArchive_isRunWithout_theOutputUnchangedAndStderrEmpty() throws Exception {
        for (Path jdk : jdks()) {
            Launcher.Run clean = toolsList(jdk, Map.of());
            Path archive = archiveOf(jdk);
            assertThat(archive).as(jdk.toString()).isRegularFile();
            FileTime made = Files.getLastModifiedTime(archive);
            byte[] whole = Files.readAllBytes(archive);
            List<byte[]> damaged = new ArrayList<>();
            damaged.add(java.util.Arrays.copyOf(whole, whole.length / 2));
            damaged.add(flipped(whole, 0)); // the header too
            damaged.add(flipped(whole, 1 << 16)); // a sound header over damaged contents
            for (int i = 0; i < damaged.size(); i++) {
                byte[] bytes = damaged.get(i);
                String what = jdk + ", damage " + i + ": ";
                archive.toFile().setWritable(true);
                Files.write(archive, bytes);
                Files.setLastModifiedTime(archive, made); // as new as before: the launcher keeps it
                Launcher.Run run = toolsList(jdk, Map.of());
                assertThat(run.code()).as(what + run.err() + run.out()).isZero();
                assertThat(run.out()).as(what).isEqualTo(clean.out());
                assertThat(run.err()).as(what).isEmpty();
            }
        }
    }

    @Test
    void anArchiveDirectoryThatCannotBeWritten_runsWithoutAnArchive() throws Exception {
        // /proc/self refuses mkdir even to root, who may write wherever permission bits say not
        Map<String, String> unwritable = Map.of("XDG_CACHE_HOME", "/proc/self", "HOME", "/proc/self");
        for (Path jdk : jdks()) {
            Launcher.Run run = toolsList(jdk, unwritable);
            assertThat(run.code()).as(jdk + ": " + run.err()).isZero();
            assertThat(run.out()).contains("\"tools\"");
            assertThat(run.err()).isEmpty();
            assertThat(javaCommand(jdk, unwritable))
                    .doesNotContain("SharedArchiveFile")
                    .doesNotContain("AOTCache");
        }
    }

    @Test
    void aSymlinkPlantedAtTheArchivesName_isNeitherReadNorWrittenThrough_butReplaced() throws Exception {
        Path victim = Files.writeString(home.resolve("precious.txt"), "not an archive\n");
        for (Path jdk : jdks()) {
            toolsList(jdk, Map.of());
            Path archive = archiveOf(jdk);
            Files.delete(archive);
            Files.createSymbolicLink(archive, victim);
            Launcher.Run run = toolsList(jdk, Map.of());
            assertThat(run.code()).as(jdk + ": " + run.err()).isZero();
            assertThat(run.err()).isEmpty();
            assertThat(Files.readString(victim)).isEqualTo("not an archive\n");
            assertThat(archive).as("the archive, made anew in the link's place").isRegularFile();
            assertThat(Files.isSymbolicLink(archive)).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 134})
    void aTrainingRunThatLeavesNoArchive_stillRunsDevskyy_andLeavesNothingBehind(int trainingExit) throws Exception {
        // A JDK whose training runs (class list, dump, AOT cache output) end with this exit code
        // and write nothing, as after a crash or on a full disk; everything else is the real JVM.
        Path real = jdks().get(0);
        Path jdk = Files.createDirectories(home.resolve("jdk-that-cannot-train"));
        Files.copy(real.resolve("release"), jdk.resolve("release"));
        Files.createSymbolicLink(jdk.resolve("lib"), real.resolve("lib").toRealPath());
        Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                for arg in "$@"; do
                  case $arg in
                    -XX:DumpLoadedClassList=* | -XX:AOTCacheOutput=* | -Xshare:dump) echo "$arg" >>%s; exit %d ;;
                  esac
                done
                exec %s "$@"
                """.formatted(
                        home.resolve("trainings"),
                        trainingExit,
                        real.resolve("bin/java").toRealPath()));
        java.toFile().setExecutable(true);

        List<String> trainings = null;
        for (int run = 1; run <= 2; run++) {
            Launcher.Run version = Launcher.run(home, unpacked, env(jdk, Map.of()), launcher, "--version");

            assertThat(version.code()).as(version.err()).isZero();
            assertThat(version.out()).startsWith("devskyy ");
            assertThat(version.err()).isEmpty();
            if (trainings == null) {
                trainings = Files.readAllLines(home.resolve("trainings"));
                assertThat(trainings).isNotEmpty();
            }
        }
        assertThat(Files.readAllLines(home.resolve("trainings")))
                .as("trained on the first run only, not again on every later one")
                .isEqualTo(trainings);
        try (var left = Files.walk(cache)) {
            assertThat(left.filter(path -> path.getFileName().toString().endsWith(".d")))
                    .as("work directories of the failed training")
                    .isEmpty();
        }
    }

    /** {@code bytes} with one byte in every 4 KiB from {@code from} on changed. */
    private static byte[] flipped(byte[] bytes, int from) {
        byte[] damaged = bytes.clone();
        for (int i = from; i < damaged.length; i += 4096) {
            damaged[i] ^= 0x5a;
        }
        return damaged;
    }

    private List<Path> jdks() throws IOException {
        Map<String, Path> byRealPath = new TreeMap<>();
        for (Path jdk : Launcher.installedJdks()) {
            byRealPath.putIfAbsent(jdk.toRealPath().toString(), jdk);
        }
        assertThat(byRealPath).isNotEmpty();
        return List.copyOf(byRealPath.values());
    }

    private Launcher.Run toolsList(Path jdk, Map<String, String> extra) throws Exception {
        return Launcher.run(home, unpacked, env(jdk, extra), launcher, "tools", "list", "--json");
    }

    private Path archiveOf(Path jdk) throws Exception {
        Matcher archive = ARCHIVE.matcher(javaCommand(jdk, Map.of()));
        assertThat(archive.find()).as(jdk + ": an archive in use").isTrue();
        return Path.of(archive.group(1));
    }

    /** The java command line the launcher runs for {@code --version} (DEVSKYY_LAUNCHER_DEBUG). */
    private String javaCommand(Path jdk, Map<String, String> extra) throws Exception {
        Map<String, String> debug = new TreeMap<>(env(jdk, extra));
        debug.put("DEVSKYY_LAUNCHER_DEBUG", "1");
        Launcher.Run run = Launcher.run(home, unpacked, debug, launcher, "--version");
        assertThat(run.code()).as(run.err()).isZero();
        return run.err();
    }

    private Map<String, String> env(Path jdk, Map<String, String> extra) {
        Map<String, String> env =
                new TreeMap<>(Map.of("XDG_CACHE_HOME", cache.toString(), "JAVA_HOME", jdk.toString()));
        env.putAll(extra);
        return env;
    }
}
