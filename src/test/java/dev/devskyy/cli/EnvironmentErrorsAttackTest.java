package dev.devskyy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.ToolCatalogue;
import dev.devskyy.runtime.AuditLog;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.IdempotencyStore;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallRequest;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failing machine is not a bug: a full disk, a read-only file system, a NUL in a path or a
 * directory where a file belongs give their own code, exit status and OS reason, not E5003 / 70.
 * Real conditions: a 256 KiB tmpfs filled to the last byte, a tmpfs remounted read-only. Mounting
 * needs root, which the tests and CI have; where it is refused the test fails and says why.
 */
@Tag("security")
class EnvironmentErrorsAttackTest {
    @TempDir
    Path dir;

    final List<Path> mounts = new ArrayList<>();
    final String key = Base64.getEncoder().encodeToString(new byte[32]);

    @AfterEach
    void unmount() throws Exception {
        for (Path mount : mounts) {
            command("umount", "-l", mount.toString());
        }
    }

    /** A tmpfs of {@code size} at a new directory under the test's temporary directory. */
    private Path tmpfs(String name, String size) throws Exception {
        Path mount = Files.createDirectory(dir.resolve(name));
        String refused =
                command("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", mount.toString());
        if (refused != null) {
            fail("cannot mount a tmpfs here (" + refused + "): this test needs root and mount(2), as CI has; "
                    + "it does not skip, since a skipped test proves nothing");
        }
        mounts.add(mount);
        return mount;
    }

    /** Runs a command; null when it succeeded, else what it printed. */
    private static String command(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return String.join(" ", command) + " did not finish";
        }
        return process.exitValue() == 0 ? null : String.join(" ", command) + ": " + output.strip();
    }

    /** Writes until the file system says it is full; nothing is left but a page's remainder. */
    private static void fill(Path mount) {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(mount.resolve("filler"))) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            assertThat(e.getMessage()).contains("No space left on device");
        }
    }

    private CatalogueRunner.Run cli(String... args) {
        return CatalogueRunner.run(
                Map.of(
                        "ENCRYPTION_MASTER_KEY",
                        key,
                        "XDG_STATE_HOME",
                        dir.resolve("state").toString()),
                new byte[0],
                args);
    }

    private ToolCallResult call(String tool, ObjectNode args) {
        Map<String, String> env = Map.of("ENCRYPTION_MASTER_KEY", key);
        Grants grants = Grants.of(Arrays.asList(ToolPermission.values()), List.of(dir), Set.of());
        try (ToolRuntime runtime = new ToolRuntime(
                ToolCatalogue.registry(env), IdempotencyStore.in(dir.resolve("state")), AuditLog.DISCARD)) {
            return runtime.call(ToolCallRequest.builder(tool, args, new Caller("model", grants, null))
                    .build());
        }
    }

    @Test
    void aFullDiskIsAnEnvironmentError_notAnInternalOne() throws Exception {
        Path full = tmpfs("full", "256k");
        fill(full);
        Path input = Files.write(dir.resolve("input.bin"), new byte[64 * 1024]);

        CatalogueRunner.Run encrypt =
                cli("encrypt", input.toString(), "-o", full.resolve("out.dsky").toString());
        assertThat(encrypt.code()).as(encrypt.err()).isEqualTo(74);
        assertThat(encrypt.err())
                .startsWith("E5005 ENVIRONMENT_ERROR: tool crypto_encrypt_file could not write")
                .contains("no space left on device")
                .doesNotContain("INTERNAL")
                .doesNotContain("\tat ");

        CatalogueRunner.Run keygen = cli("keygen", "-o", full.resolve("new.key").toString());
        assertThat(keygen.code()).as(keygen.err()).isEqualTo(74);
        assertThat(keygen.err()).contains("E5005 ENVIRONMENT_ERROR", "no space left on device");

        ToolCallResult result = call(
                "crypto_keygen",
                Json.object().put("path", full.resolve("model.key").toString()));
        assertThat(result.isError()).isTrue();
        assertThat(result.structuredContent().get("code").asText()).isEqualTo("E5005");
        assertThat(result.structuredContent().at("/details/reason").asText()).isEqualTo("No space left on device");
    }

    @Test
    void aReadOnlyFileSystemIsAnEnvironmentError_namingTheOperationAndThePath() throws Exception {
        Path readOnly = tmpfs("ro", "256k");
        Files.writeString(readOnly.resolve("existing.txt"), "hello\n");
        String refused = command("mount", "-o", "remount,ro", readOnly.toString());
        if (refused != null) {
            fail("cannot remount the tmpfs read-only (" + refused + "); root ignores file modes, so a mount is the "
                    + "only real read-only directory");
        }
        Path input = Files.writeString(dir.resolve("input.txt"), "data\n");

        CatalogueRunner.Run encrypt = cli(
                "encrypt", input.toString(), "-o", readOnly.resolve("out.dsky").toString());
        assertThat(encrypt.code()).as(encrypt.err()).isEqualTo(74);
        // the path as the failing operation was given it: absolute, or relative to an open directory
        assertThat(encrypt.err())
                .startsWith("E5005 ENVIRONMENT_ERROR: tool crypto_encrypt_file could not ")
                .contains("out.dsky")
                .contains("read-only file system");

        ToolCallResult result = call(
                "crypto_keygen", Json.object().put("path", readOnly.resolve("k").toString()));
        assertThat(result.structuredContent().get("code").asText()).isEqualTo("E5005");
        assertThat(result.structuredContent().at("/details/reason").asText()).isEqualTo("Read-only file system");
        // what was already there is still readable: reading is not refused
        assertThat(cli(
                                "tools",
                                "call",
                                "file_hash",
                                "--arg",
                                "path=" + readOnly.resolve("existing.txt"),
                                "--allow",
                                "filesystem:read",
                                "--root",
                                readOnly.toString())
                        .code())
                .isZero();
    }

    @Test
    void aNulInAPathIsInvalidInput_fromTheCommandLineAndFromAToolArgument() {
        String withNul = dir + "/a\u0000b.txt";
        CatalogueRunner.Run run = cli(
                "tools",
                "call",
                "file_hash",
                "--args-json",
                Json.compact(Json.object().put("path", withNul)),
                "--allow",
                "filesystem:read",
                "--root",
                dir.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err())
                .startsWith("E4001 INVALID_INPUT: ")
                .containsIgnoringCase("nul character not allowed")
                .doesNotContain("\u0000");

        Map<String, ObjectNode> calls = Map.of(
                "file_hash", Json.object().put("path", withNul),
                "crypto_encrypt_file", Json.object().put("path", withNul),
                "crypto_keygen", Json.object().put("path", withNul),
                "security_scan", Json.object().set("paths", Json.array().add(withNul)));
        for (Map.Entry<String, ObjectNode> entry : calls.entrySet()) {
            String tool = entry.getKey();
            ToolCallResult result = call(tool, entry.getValue());
            assertThat(result.structuredContent().get("code").asText())
                    .as(tool + ": " + result.text())
                    .isEqualTo("E4001");
            assertThat(result.text()).doesNotContain("\u0000");
        }
    }

    @Test
    void aDirectoryWhereAFileBelongsIsInvalidInput() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("folder"));
        CatalogueRunner.Run run = cli(
                "encrypt", directory.toString(), "-o", dir.resolve("out.dsky").toString());
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("E4001 INVALID_INPUT").containsAnyOf("is a directory", "not a regular file");
    }
}
