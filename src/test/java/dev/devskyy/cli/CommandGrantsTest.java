package dev.devskyy.cli;

import static dev.devskyy.runtime.ToolPermission.FILESYSTEM_READ;
import static dev.devskyy.runtime.ToolPermission.FILESYSTEM_WRITE;
import static dev.devskyy.runtime.ToolPermission.KEYS_USE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.runtime.GrantRecorder;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolPermission;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each command that fronts a tool grants that tool exactly what it needs for the command line
 * given, and nothing more: a probe wraps the real tools and notes the permissions every call
 * arrives with, and each command still does its work.
 */
class CommandGrantsTest {
    @TempDir
    Path dir;

    final GrantRecorder recorder = new GrantRecorder();

    Map<String, String> env;

    @BeforeEach
    void keys() {
        byte[] key = new byte[32];
        new Random(3).nextBytes(key);
        env = Map.of(
                "ENCRYPTION_MASTER_KEY",
                Base64.getEncoder().encodeToString(key),
                "S",
                JwtIssueCliTest.SECRET,
                "XDG_STATE_HOME",
                dir.resolve("state").toString());
    }

    /** Runs the command, which must succeed, and gives what {@code tool} was granted. */
    Set<ToolPermission> granted(String tool, String... args) {
        CatalogueRunner.Run run = CatalogueRunner.run(env, new byte[0], recorder::wrap, args);
        assertThat(run.code()).as(run.err()).isZero();
        return recorder.lastGranted(tool);
    }

    Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void theVerifyCommandsGrantNoWrite() throws Exception {
        String pair = CatalogueRunner.run(
                        env, new byte[0], "jwt", "issue", "--profile", "devskyy", "--sub", "u1", "--secret-env", "S")
                .text();
        String token = Json.parse(pair).get("access_token").asText();
        assertThat(granted("jwt_verify", "verify", "jwt", token, "--profile", "devskyy", "--secret-env", "S"))
                .isEmpty();
        assertThat(granted("csp_evaluate", "verify", "csp", "default-src 'self'"))
                .isEmpty();

        Path assets = Files.createDirectories(dir.resolve("assets"));
        Files.writeString(assets.resolve("t.gltf"), BudgetCliTest.TRIANGLE);
        Path spec = file("spec.json", String.format(BudgetCliTest.SPEC, "t.gltf", 1));
        assertThat(granted("budget_verify", "verify", "budget", spec.toString(), "--assets", assets.toString()))
                .containsExactly(FILESYSTEM_READ);

        String envelope = CatalogueRunner.run(env, new byte[0], "encrypt", "--envelope", "x")
                .text()
                .strip();
        assertThat(granted("crypto_verify", "verify", "envelope", envelope)).isEmpty();
        Path sealed = dir.resolve("f.dsky");
        Files.write(
                sealed,
                CatalogueRunner.run(env, "data".getBytes(StandardCharsets.UTF_8), "encrypt", "-")
                        .out());
        assertThat(granted("crypto_verify_file", "verify", "envelope", sealed.toString()))
                .containsExactly(FILESYSTEM_READ);
        assertThat(granted(
                        "crypto_verify_file",
                        "verify",
                        "envelope",
                        file("e.txt", envelope).toString()))
                .containsExactly(FILESYSTEM_READ);
    }

    @Test
    void scanReadsAndWritesOnlyWithAnOutput() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("a.txt"), "nothing to see\n");
        assertThat(granted("security_scan", "scan", tree.toString())).containsExactly(FILESYSTEM_READ);
        Path report = dir.resolve("report.json");
        assertThat(granted("security_scan", "scan", tree.toString(), "--format", "json", "-o", report.toString()))
                .containsExactlyInAnyOrder(FILESYSTEM_READ, FILESYSTEM_WRITE);
        assertThat(report).exists();
    }

    @Test
    void fileCommandsReadAndWrite_keygenOnlyWrites_keyCommandsUseKeys_textCommandsGrantNothing() throws Exception {
        Path plain = file("plain.txt", "secret data");
        assertThat(granted("crypto_encrypt_file", "encrypt", plain.toString()))
                .containsExactlyInAnyOrder(FILESYSTEM_READ, FILESYSTEM_WRITE, KEYS_USE);
        Path sealed = dir.resolve("plain.txt.dsky");
        assertThat(granted("crypto_decrypt_file", "decrypt", sealed.toString(), "-o", "-"))
                .containsExactlyInAnyOrder(FILESYSTEM_READ, FILESYSTEM_WRITE, KEYS_USE);
        assertThat(granted("crypto_encrypt", "encrypt", "--envelope", "text")).containsExactly(KEYS_USE);
        Path key = dir.resolve("new.key");
        assertThat(granted("crypto_keygen", "keygen", "-o", key.toString())).containsExactly(FILESYSTEM_WRITE);
        assertThat(key).exists();
        assertThat(granted("csp_build", "csp", "build")).isEmpty();
        assertThat(granted("jwt_issue", "jwt", "issue", "--profile", "devskyy", "--sub", "u1", "--secret-env", "S"))
                .containsExactly(KEYS_USE);
    }
}
