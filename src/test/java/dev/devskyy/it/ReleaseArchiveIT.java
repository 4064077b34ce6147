package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.BuildInfo;
import dev.devskyy.runtime.Json;
import dev.devskyy.testing.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archives as a user gets them: unpacked anywhere, made read-only, run with Java alone
 * (no Maven on PATH, no sources), the class-data archive going to the user's cache directory.
 */
class ReleaseArchiveIT {
    static final String TOP = "devskyy-" + BuildInfo.version();
    static final Path TAR = Launcher.PROJECT.resolve("target/" + TOP + ".tar.gz");
    static final Path ZIP = Launcher.PROJECT.resolve("target/" + TOP + ".zip");

    /** What the launcher needs from PATH in a release: no mvn, no find, not even a java. */
    static final List<String> TOOLS = List.of("sh", "dirname", "readlink", "cksum", "cut", "ls", "mkdir", "rm", "mv");

    @TempDir
    Path unpacked;

    @TempDir
    Path home;

    @TempDir
    Path cache;

    @TempDir
    Path bin;

    Path install;
    Map<String, String> env;

    @BeforeEach
    void installFromTheTarball_readOnly_withAPathWithoutMaven() throws Exception {
        Launcher.runTool(unpacked, List.of("tar", "-xzf", TAR.toString()));
        install = unpacked.resolve(TOP);
        for (String tool : TOOLS) {
            Files.createSymbolicLink(bin.resolve(tool), which(tool));
        }
        env = Map.of(
                "PATH", bin.toString(),
                "XDG_CACHE_HOME", cache.toString(),
                "JAVA_HOME", System.getProperty("java.home"));
        Launcher.Run mvn = Launcher.run(home, unpacked, env, Path.of("/bin/sh"), "-c", "command -v mvn");
        assertThat(mvn.code()).as("mvn on the test's PATH: " + mvn.out()).isNotZero();
        setWritable(install, false);
    }

    @AfterEach
    void writableAgainForCleanUp() throws IOException {
        setWritable(install, true);
    }

    @Test
    void theTarballHoldsTheLauncherJarDocsAndLicences_underOneTopDirectory() throws Exception {
        try (Stream<Path> top = Files.list(unpacked)) {
            assertThat(top).containsExactly(install);
        }
        assertThat(relativeFiles(install))
                .contains(
                        "bin/devskyy",
                        "bin/jit-directives.json",
                        "lib/devskyy.jar",
                        "completions/devskyy.bash",
                        "man/devskyy.1",
                        "man/devskyy-serve.1",
                        "LICENSE",
                        "NOTICE",
                        "licenses/EPL-2.0.md",
                        "licenses/LGPL-2.1.txt",
                        "licenses/slf4j-MIT.txt",
                        "licenses/re2j-BSD-3-Clause.txt",
                        "licenses/jline-BSD-3-Clause.txt",
                        "licenses/pgjdbc-BSD-2-Clause.txt",
                        "licenses/ongres-scram-BSD-2-Clause.txt",
                        "README.md")
                .noneMatch(name -> name.startsWith("src/") || name.equals("pom.xml"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(install.resolve("bin/devskyy"))))
                .isEqualTo("r-xr-xr-x");
    }

    @Test
    void theZipHoldsTheSameFiles_theLauncherExecutable() throws Exception {
        Map<String, String> tarFiles = new TreeMap<>();
        for (String name : relativeFiles(install)) {
            tarFiles.put(name, fingerprint(Files.readAllBytes(install.resolve(name))));
        }
        Map<String, String> zipFiles = new TreeMap<>();
        try (FileSystem zip = FileSystems.newFileSystem(
                URI.create("jar:" + ZIP.toUri()), Map.of("enablePosixFileAttributes", "true"))) {
            Path top = zip.getPath("/" + TOP);
            for (String name : relativeFiles(top)) {
                zipFiles.put(name, fingerprint(Files.readAllBytes(top.resolve(name))));
            }
            Set<PosixFilePermission> launcher = Files.readAttributes(
                            top.resolve("bin/devskyy"), PosixFileAttributes.class)
                    .permissions();
            assertThat(PosixFilePermissions.toString(launcher)).isEqualTo("rwxr-xr-x");
        }
        assertThat(zipFiles).isEqualTo(tarFiles);
    }

    @Test
    void runsVersionToolsListAndServe_withoutMaven_archiveInTheCacheDirectory_nothingWrittenToTheInstall()
            throws Exception {
        Map<String, String> before = snapshot(install);

        Launcher.Run version = run("--version");
        assertThat(version.code()).as(version.err()).isZero();
        assertThat(version.out())
                .matches("devskyy " + BuildInfo.version().replace(".", "\\.")
                        + " \\(commit ([0-9a-f]{7,40}|unknown)\\)\\n");
        assertThat(version.err()).isEmpty();

        Launcher.Run list = run("tools", "list");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).startsWith("NAME ").contains("\nfile_hash ");
        assertThat(list.err()).isEmpty();

        Launcher.Pending server = Launcher.start(home, unpacked, env, install.resolve("bin/devskyy"), "serve");
        try (OutputStream in = server.process().getOutputStream()) {
            for (String line : List.of(
                    ServeIT.INITIALIZE,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")) {
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Launcher.Run serve = server.finish();
        assertThat(serve.code()).as(serve.err()).isZero();
        List<JsonNode> answers = new ArrayList<>();
        for (String line : serve.out().lines().toList()) {
            answers.add(Json.parse(line));
        }
        assertThat(answers).hasSize(2);
        assertThat(answers.get(0).at("/result/serverInfo/name").asText()).isEqualTo("devskyy");
        assertThat(answers.get(1).at("/result/tools").findValuesAsText("name")).contains("file_hash");

        assertThat(archivesIn(cache))
                .singleElement()
                .satisfies(archive -> assertThat(archive.toString())
                        .matches(".*/devskyy/jar-\\d+-\\d+/devskyy-"
                                + Runtime.version().feature() + "-\\d+\\.(jsa|aot)"));
        assertThat(archivesIn(home)).isEmpty();
        assertThat(snapshot(install)).isEqualTo(before);
    }

    @Test
    void runsOnEveryInstalledJdk_eachWithItsOwnArchiveInTheCache() throws Exception {
        List<Path> jdks = Launcher.installedJdks();
        assertThat(jdks).isNotEmpty();
        Map<String, String> before = snapshot(install);
        for (Path jdk : jdks) {
            Map<String, String> withJdk = new TreeMap<>(env);
            withJdk.put("JAVA_HOME", jdk.toString());
            Launcher.Run run =
                    Launcher.run(home, unpacked, withJdk, install.resolve("bin/devskyy"), "tools", "list", "--json");
            assertThat(run.code()).as(jdk + ": " + run.err()).isZero();
            assertThat(Json.parse(run.out()).get("tools")).isNotEmpty();
            assertThat(run.err()).as(jdk.toString()).isEmpty();
        }
        assertThat(archivesIn(cache)).hasSize(jdks.size());
        assertThat(snapshot(install)).isEqualTo(before);
    }

    /**
     * serve runs with compile directives from a file of the install (bin/jit-directives.json): every
     * installed JDK must take it (a file it cannot parse stops the VM, silently), and its path is
     * one argument, whatever the install's path holds.
     */
    @Test
    void servesOnEveryInstalledJdk_fromAPathWithASpace_sayingNothingOnStderr() throws Exception {
        Path spaced = Files.createDirectory(unpacked.resolve("with space"));
        Launcher.runTool(spaced, List.of("tar", "-xzf", TAR.toString()));
        Path launcher = spaced.resolve(TOP).resolve("bin/devskyy");
        for (Path jdk : Launcher.installedJdks()) {
            Map<String, String> withJdk = new TreeMap<>(env);
            withJdk.put("JAVA_HOME", jdk.toString());
            Launcher.Pending server = Launcher.start(home, spaced, withJdk, launcher, "serve");
            try (OutputStream in = server.process().getOutputStream()) {
                in.write((ServeIT.INITIALIZE + "\n").getBytes(StandardCharsets.UTF_8));
            }
            Launcher.Run serve = server.finish();
            assertThat(serve.code()).as(jdk + ": " + serve.err()).isZero();
            assertThat(Json.parse(serve.out()).at("/result/serverInfo/name").asText())
                    .as(jdk.toString())
                    .isEqualTo("devskyy");
            assertThat(serve.err()).as(jdk.toString()).isEmpty();
        }
    }

    @Test
    void theJitFlagsFollowTheCommand_afterTheRootsLeadingOptions() throws Exception {
        String directives = "-XX:CompilerDirectivesFile=" + install.resolve("bin/jit-directives.json");
        assertThat(javaCommand("-q", "serve"))
                .doesNotContain("TieredStopAtLevel")
                .contains(directives, "-XX:-DisplayVMOutput -XX:+DisplayVMOutputToStderr")
                .contains("-XX:NewSize=4m -XX:MaxNewSize=48m");
        assertThat(javaCommand("--log-level", "info", "serve")).contains(directives);
        assertThat(javaCommand("serve", "--http", "127.0.0.1:0", "--help"))
                .doesNotContain("TieredStopAtLevel", "CompilerDirectivesFile")
                .contains("-XX:NewSize=4m -XX:MaxNewSize=48m");
        assertThat(javaCommand("serve", "--http=127.0.0.1:0", "--help")).doesNotContain("CompilerDirectivesFile");
        assertThat(javaCommand("-v", "--log-format=json", "scan", "--help"))
                .contains("-XX:TieredStopAtLevel=1")
                .contains("CompileThresholdScaling,dev.devskyy.scan.*::*")
                .doesNotContain("NewSize");
        assertThat(javaCommand("-vv", "--log-level", "debug", "encrypt", "--help"))
                .doesNotContain("TieredStopAtLevel")
                .contains("CompileThresholdScaling,dev.devskyy.crypto.*::*");
        assertThat(javaCommand("-q", "verify", "envelope", "--help")).contains("dev.devskyy.crypto.*::*");
        assertThat(javaCommand("-q", "tools", "list")).contains("-XX:TieredStopAtLevel=1");
        assertThat(javaCommand("shell", "--help"))
                .contains("-XX:TieredStopAtLevel=1")
                .doesNotContain(directives);
    }

    @Test
    void theJarCarriesTheLicenceAndANoticeNamingEveryBundledLibraryAtItsVersion() throws Exception {
        String notice = Files.readString(install.resolve("NOTICE"));
        try (FileSystem jar = FileSystems.newFileSystem(install.resolve("lib/devskyy.jar"))) {
            assertThat(Files.readString(jar.getPath("META-INF/LICENSE")))
                    .isEqualTo(Files.readString(install.resolve("LICENSE")));
            assertThat(Files.readString(jar.getPath("META-INF/NOTICE"))).isEqualTo(notice);
            assertThat(jar.getPath("META-INF/licenses/EPL-2.0.md")).exists();
            List<String> libraries = new ArrayList<>();
            try (Stream<Path> files = Files.walk(jar.getPath("META-INF/maven"))) {
                for (Path file : files.filter(f -> f.endsWith("pom.properties")).toList()) {
                    Properties pom = new Properties();
                    pom.load(new StringReader(Files.readString(file)));
                    if (!pom.getProperty("groupId").equals("dev.devskyy")) {
                        libraries.add(pom.getProperty("groupId") + ":" + pom.getProperty("artifactId") + " "
                                + pom.getProperty("version"));
                    }
                }
            }
            assertThat(libraries).hasSizeGreaterThan(5);
            for (String library : libraries) {
                String[] nameAndVersion = library.split(" ");
                assertThat(notice)
                        .as(library)
                        .containsPattern("(?m)^\\s*" + nameAndVersion[0].replace(".", "\\.") + "\\s+(\\S+\\s+)?"
                                + nameAndVersion[1].replace(".", "\\.") + "\\s");
            }
        }
    }

    /** The java command line the launcher would run (DEVSKYY_LAUNCHER_DEBUG), for these arguments. */
    private String javaCommand(String... args) throws Exception {
        Map<String, String> debug = new TreeMap<>(env);
        debug.put("DEVSKYY_LAUNCHER_DEBUG", "1");
        Launcher.Run run = Launcher.run(home, unpacked, debug, install.resolve("bin/devskyy"), args);
        assertThat(run.code()).as(run.err()).isZero();
        String first = run.err().lines().findFirst().orElse("");
        assertThat(first)
                .startsWith("devskyy: ")
                .endsWith(" -jar " + install.resolve("lib/devskyy.jar") + " " + String.join(" ", args));
        return first;
    }

    private Launcher.Run run(String... args) throws Exception {
        return Launcher.run(home, unpacked, env, install.resolve("bin/devskyy"), args);
    }

    private static Path which(String tool) {
        for (String dir : List.of("/usr/bin", "/bin")) {
            Path path = Path.of(dir, tool);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        throw new AssertionError(tool + " is not in /usr/bin or /bin");
    }

    private static List<Path> archivesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().matches(".*\\.(jsa|aot)$")).toList();
        }
    }

    private static List<String> relativeFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> dir.relativize(f).toString())
                    .sorted()
                    .toList();
        }
    }

    /** Every file and directory below {@code dir} with its size, time and permissions. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.toList()) {
                PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
                state.put(
                        dir.relativize(file).toString(),
                        attributes.size() + " " + attributes.lastModifiedTime() + " "
                                + PosixFilePermissions.toString(attributes.permissions()));
            }
        }
        return state;
    }

    private static String fingerprint(byte[] content) {
        return HexFormat.of().formatHex(Sha256.newDigest().digest(content));
    }

    /** Takes write permission from everyone below {@code dir} (directories too), or gives it back to the owner. */
    private static void setWritable(Path dir, boolean writable) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.toList()) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                permissions.removeAll(List.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE));
                if (writable) {
                    permissions.add(PosixFilePermission.OWNER_WRITE);
                } else {
                    permissions.remove(PosixFilePermission.OWNER_WRITE);
                }
                Files.setPosixFilePermissions(file, permissions);
            }
        }
    }
}
