package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real launcher and jar, started the way an MCP host or a CI script starts them. */
class LauncherIT {
    @TempDir
    Path home;

    @TempDir
    Path work;

    @Test
    void listsToolsWithAMinimalEnvironment_stdoutHoldingOnlyTheTable() throws Exception {
        Launcher.Run run = Launcher.run(home, "tools", "list");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("NAME ").contains("\nfile_hash ");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void versionPrintsOneLine() throws Exception {
        Launcher.Run run = Launcher.run(home, "--version");
        assertThat(run.out()).matches("devskyy \\d+\\.\\d+\\.\\d+\\S* \\(commit ([0-9a-f]{7,40}|unknown)\\)\\n");
    }

    @Test
    void aPermissionedToolWithoutAGrant_exits3_namingThePermission() throws Exception {
        Path file = Files.writeString(work.resolve("a.txt"), "abc");
        Launcher.Run run = Launcher.run(home, "tools", "call", "file_hash", "--arg", "path=" + file);
        assertThat(run.code()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("E4003 PERMISSION_DENIED: tool file_hash needs filesystem:read");
    }

    @Test
    void withAGrant_hashesTheFile_andAuditsTheCallInTheStateDirectory() throws Exception {
        byte[] content = "hello, devskyy\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path file = Files.write(work.resolve("a.txt"), content);
        Launcher.Run run = Launcher.run(home, concat(List.of("-vv"), hashWithGrant(file)));
        String expected =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(expected + "  " + file.toRealPath() + "\n");
        List<String> audit = Files.readAllLines(home.resolve(".local/state/devskyy/audit.log"));
        assertThat(audit).hasSize(1);
        assertThat(Json.parse(audit.get(0)).get("outcome").asText()).isEqualTo("ok");
        assertThat(audit.get(0)).doesNotContain(file.toString());
    }

    /** {@code tools call file_hash} on {@code file} with filesystem:read granted under {@code work}. */
    List<String> hashWithGrant(Path file) {
        return List.of(
                "tools",
                "call",
                "file_hash",
                "--allow",
                "filesystem:read",
                "--root",
                work.toString(),
                "--arg",
                "path=" + file);
    }

    static String[] concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all.toArray(String[]::new);
    }

    @Test
    void worksFromAnyDirectoryThroughASymlink() throws Exception {
        Path link = Files.createSymbolicLink(work.resolve("devskyy"), Launcher.SCRIPT);
        Launcher.Run run = Launcher.run(home, work, Map.of(), link, "--version");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("devskyy ");
    }

    @Test
    void findsTheNewestJdkUnderUsrLibJvm_whenNeitherJavaHomeNorPathHasJava() throws Exception {
        Path bin = Files.createDirectories(work.resolve("bin"));
        for (String tool : List.of(
                "sh",
                "sed",
                "dirname",
                "readlink",
                "find",
                "head",
                "cksum",
                "cut",
                "mkdir",
                "mv",
                "rm",
                "ls",
                "sort",
                "flock")) {
            Path real = Path.of("/usr/bin", tool);
            if (Files.exists(real)) {
                Files.createSymbolicLink(bin.resolve(tool), real);
            }
        }
        List<String> cmd = List.of(Launcher.SCRIPT.toString(), "--version");
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", bin.toString());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("JAVA_HOME", "/nonexistent");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).startsWith("devskyy ");
        try (Stream<Path> archives = Files.list(Launcher.PROJECT.resolve("target"))) {
            String newest = "-" + newestJdkMajor() + "-";
            assertThat(archives.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("devskyy" + newest));
        }
    }

    @Test
    void runsOnEveryInstalledJdkFrom17_eachWithItsOwnClassDataArchive() throws Exception {
        List<Path> jdks = Launcher.installedJdks();
        assertThat(jdks).isNotEmpty();
        for (Path jdk : jdks) {
            Launcher.Run run = Launcher.run(
                    home,
                    Launcher.PROJECT,
                    Map.of("JAVA_HOME", jdk.toString()),
                    Launcher.SCRIPT,
                    "tools",
                    "list",
                    "--json");
            assertThat(run.code()).as(jdk + ": " + run.err()).isZero();
            assertThat(Json.parse(run.out()).get("tools")).isNotEmpty();
            assertThat(run.err()).as(jdk.toString()).isEmpty();
        }
    }

    static int newestJdkMajor() throws Exception {
        int newest = 0;
        try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
            for (Path jdk : homes.toList()) {
                Path release = jdk.resolve("release");
                if (Files.isRegularFile(release) && Files.isExecutable(jdk.resolve("bin/java"))) {
                    for (String line : Files.readAllLines(release)) {
                        if (line.startsWith("JAVA_VERSION=\"")) {
                            newest = Math.max(
                                    newest, Integer.parseInt(line.substring(14).split("[.\"]")[0]));
                        }
                    }
                }
            }
        }
        return newest;
    }

    @Test
    void processesSharingAnIdempotencyKey_runTheToolOnce_andTheirAuditLinesNeverInterleave() throws Exception {
        Path file = Files.writeString(work.resolve("a.txt"), "abc");
        List<Launcher.Pending> pending = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pending.add(Launcher.start(
                    home,
                    Launcher.PROJECT,
                    Map.of(),
                    Launcher.SCRIPT,
                    concat(hashWithGrant(file), List.of("--idempotency-key", "ci-run-1"))));
        }
        List<String> outputs = new ArrayList<>();
        for (Launcher.Pending p : pending) {
            Launcher.Run run = p.finish();
            assertThat(run.code()).as(run.err()).isZero();
            outputs.add(run.out());
        }
        assertThat(outputs).containsOnly(outputs.get(0));
        List<String> audit = Files.readAllLines(home.resolve(".local/state/devskyy/audit.log"));
        assertThat(audit).hasSize(4);
        long fresh = 0;
        for (String line : audit) {
            JsonNode entry = Json.parse(line);
            fresh += entry.get("replayed").asBoolean() ? 0 : 1;
        }
        assertThat(fresh).isEqualTo(1);
    }
}
