package dev.devskyy.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.ToolCatalogue;
import dev.devskyy.runtime.AuditLog;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.IdempotencyStore;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallRequest;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolRuntime;
import dev.devskyy.testing.Shell;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file a tool touches on a caller's behalf goes through one guarded open: FIFOs and device
 * nodes are never opened, outputs replace only regular files, links never lead out, and what lies
 * outside the roots cannot be probed. Device nodes here are fakes made with mknod in a temporary
 * directory; no test aims at a real device.
 */
@Tag("security")
class FileAccessAttackTest {
    static final String SECRET = "Stripe.api_key = \"sk_live_kjpcZsNlOtnCdb1qOl2COLBp\"\n";
    static final Duration SHORT = Duration.ofSeconds(5);

    @TempDir
    Path tmp;

    Path root;
    Path outside;
    ToolRuntime runtime;
    Grants grants;

    @BeforeEach
    void layout() throws Exception {
        root = Files.createDirectories(tmp.resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        // keys:use too: the crypto file tools must get as far as the paths to be attacked through them
        grants = Grants.of(
                EnumSet.of(ToolPermission.FILESYSTEM_READ, ToolPermission.FILESYSTEM_WRITE, ToolPermission.KEYS_USE),
                List.of(root),
                List.of());
        Map<String, String> env =
                Map.of("ENCRYPTION_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        runtime = new ToolRuntime(
                ToolCatalogue.registry(env), IdempotencyStore.in(tmp.resolve("state")), AuditLog.DISCARD);
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    ToolCallResult call(String tool, Object... keysAndValues) {
        ObjectNode args = Json.object();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            args.set((String) keysAndValues[i], Json.tree(keysAndValues[i + 1]));
        }
        return runtime.call(ToolCallRequest.builder(tool, args, new Caller("attacker", grants, null))
                .timeout(SHORT)
                .build());
    }

    static ErrorCode code(ToolCallResult result) {
        return result.failure().map(ToolError::code).orElse(null);
    }

    Path fifo(String name) throws Exception {
        Path fifo = root.resolve(name);
        Shell.run("mkfifo", fifo.toString());
        return fifo;
    }

    /** A character device node with /dev/zero's numbers, in the temporary directory. */
    Path fakeZero(String name) throws Exception {
        Path node = root.resolve(name);
        Shell.run("mknod", node.toString(), "c", "1", "5");
        return node;
    }

    static boolean isOther(Path path) throws Exception {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .isOther();
    }

    @Nested
    class SpecialFilesAreNeverOpened {
        @Test
        void aFifoAsInput_isRefusedAtOnce() throws Exception {
            ToolCallResult result = call(
                    "crypto_encrypt_file",
                    "path",
                    fifo("in").toString(),
                    "output",
                    root.resolve("in.dsky").toString());
            assertThat(code(result)).isEqualTo(ErrorCode.E4001);
            assertThat(result.text()).contains("not a regular file");
        }

        @Test
        void aDeviceAsInput_isRefusedBeforeAByteIsRead() throws Exception {
            ToolCallResult result = call(
                    "crypto_encrypt_file",
                    "path",
                    fakeZero("zero").toString(),
                    "output",
                    root.resolve("zero.dsky").toString());
            assertThat(code(result)).isEqualTo(ErrorCode.E4001);
            assertThat(result.text()).contains("not a regular file");
            assertThat(root.resolve("zero.dsky")).doesNotExist();
        }

        @Test
        void aFifoAsRulesFile_isRefusedAtOnce() throws Exception {
            Files.writeString(root.resolve("a.txt"), "nothing\n");
            List<String> rules = List.of(fifo("rules.json").toString());
            ToolCallResult result = call("security_scan", "paths", List.of(root.toString()), "rules", rules);
            assertThat(code(result)).isEqualTo(ErrorCode.E4001);
        }

        @Test
        void aScan_passesOverFifosAndDevicesInTheTree() throws Exception {
            fifo("pipe");
            fakeZero("zero");
            Files.writeString(root.resolve("pay.rb"), SECRET);
            ToolCallResult result = call("security_scan", "paths", List.of(root.toString()));
            assertThat(result.isError()).as(result.text()).isFalse();
            assertThat(result.structuredContent()
                            .at("/summary/skipped/not_regular")
                            .asLong())
                    .isEqualTo(2);
            assertThat(result.structuredContent().path("findings").size()).isEqualTo(1);
        }
    }

    @Nested
    class OutputsReplaceOnlyRegularFiles {
        Path input;

        @BeforeEach
        void input() throws Exception {
            input = Files.writeString(root.resolve("plain.txt"), "plaintext\n");
        }

        @Test
        void aFifoOrDeviceInTheOutputsPlace_isRefusedAndLeftAsItWas() throws Exception {
            for (Path target : List.of(fifo("out.fifo"), fakeZero("out.dev"))) {
                ToolCallResult result = call(
                        "crypto_encrypt_file",
                        "path",
                        input.toString(),
                        "output",
                        target.toString(),
                        "overwrite",
                        true);
                assertThat(code(result)).as(target.toString()).isEqualTo(ErrorCode.E4001);
                assertThat(result.text()).contains("not a regular file");
                assertThat(isOther(target))
                        .as(target + " is still a special file")
                        .isTrue();
            }
            ToolCallResult scan = call(
                    "security_scan",
                    "paths",
                    List.of(input.toString()),
                    "output",
                    root.resolve("out.fifo").toString());
            assertThat(code(scan)).isEqualTo(ErrorCode.E4001);
            assertThat(isOther(root.resolve("out.fifo"))).isTrue();
        }

        @Test
        void aLinkInTheOutputsPlace_isFollowedOnlyInsideTheRoot() throws Exception {
            Path target = Files.writeString(outside.resolve("victim.txt"), "precious");
            Files.createSymbolicLink(root.resolve("out.dsky"), target);
            ToolCallResult result = call(
                    "crypto_encrypt_file",
                    "path",
                    input.toString(),
                    "output",
                    root.resolve("out.dsky").toString(),
                    "overwrite",
                    true);
            assertThat(code(result)).isEqualTo(ErrorCode.E4003);
            assertThat(Files.readString(target)).isEqualTo("precious");
        }

        @Test
        void ofConcurrentWritersThatMayNotReplace_exactlyOneWrites() throws Exception {
            Path key = root.resolve("master.key");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<ToolCallResult>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    calls.add(() -> call("crypto_keygen", "path", key.toString()));
                }
                for (int round = 0; round < 25; round++) {
                    Files.deleteIfExists(key);
                    long written = 0;
                    for (Future<ToolCallResult> result : pool.invokeAll(calls)) {
                        written += result.get().isError() ? 0 : 1;
                    }
                    assertThat(written).as("round " + round).isEqualTo(1);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                    .isEqualTo("rw-------");
        }

        @Test
        void aFailedWrite_leavesNoTemporaryFileAndNoOutput() throws Exception {
            Path sealed = root.resolve("plain.dsky");
            assertThat(call("crypto_encrypt_file", "path", input.toString(), "output", sealed.toString())
                            .isError())
                    .isFalse();
            byte[] bytes = Files.readAllBytes(sealed);
            bytes[bytes.length - 1] ^= 1;
            Files.write(sealed, bytes);
            ToolCallResult result = call(
                    "crypto_decrypt_file",
                    "path",
                    sealed.toString(),
                    "output",
                    root.resolve("back.txt").toString());
            assertThat(code(result)).isEqualTo(ErrorCode.E4007);
            try (Stream<Path> files = Files.list(root)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder("plain.txt", "plain.dsky");
            }
        }
    }

    @Nested
    class SecondaryInputsStayInside {
        @BeforeEach
        void secret() throws Exception {
            Files.writeString(root.resolve("pay.rb"), SECRET);
        }

        JsonNode scan(Object... more) {
            List<Object> args = new ArrayList<>(List.of("paths", List.of(root.toString())));
            args.addAll(List.of(more));
            ToolCallResult result = call("security_scan", args.toArray());
            assertThat(result.isError()).as(result.text()).isFalse();
            return result.structuredContent();
        }

        @Test
        void anOsvRecordThatIsALinkOut_isNotRead_andABrokenRecordIsNotQuoted() throws Exception {
            Path db = Files.createDirectories(root.resolve("osv"));
            Files.writeString(outside.resolve("token.json"), "TOPSECRETTOKEN remains outside");
            Files.createSymbolicLink(db.resolve("evil.json"), outside.resolve("token.json"));
            Files.writeString(root.resolve("requirements.txt"), "requests==2.19.0\n");
            JsonNode report = scan("osv_db", db.toString());
            assertThat(report.toString()).doesNotContain("TOPSECRETTOKEN");

            Files.writeString(db.resolve("broken.json"), "INSIDESECRETTOKEN");
            ToolCallResult broken = call("security_scan", "paths", List.of(root.toString()), "osv_db", db.toString());
            assertThat(code(broken)).isEqualTo(ErrorCode.E4001);
            assertThat(broken.text()).contains("broken.json").doesNotContain("INSIDESECRETTOKEN");
        }

        @Test
        void glTfBuffersSpecAssetsAndBundlesLeadingOut_areRefused() throws Exception {
            String triangle = """
                    {"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[0]}],"nodes":[{"mesh":0}],
                     "meshes":[{"primitives":[{"attributes":{"POSITION":0}}]}],
                     "accessors":[{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3"}],
                     "bufferViews":[{"buffer":0,"byteLength":36}],"images":[{"uri":"%s"}],
                     "buffers":[{"byteLength":36,"uri":"data:application/octet-stream;base64,\
                    AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}]}
                    """;
            String spec = """
                    {"spec_version":"1.0.0","variant":"RUNWAY","collection_id":"c1","scene":{"assets":["%s"]},
                     "camera":{"fov":50,"position":[0,0,5],"target":[0,0,0]},"interactions":[],"ui_overlay":{},
                     "performance_budget":{"max_triangles":9,"max_texture_memory_mb":1,"max_draw_calls":5,
                       "max_bundle_size_kb":100},"analytics_events":[]}
                    """;
            Files.write(outside.resolve("image.png"), new byte[36]);
            Files.writeString(outside.resolve("t.gltf"), String.format(triangle, "image.png"));
            Files.createSymbolicLink(root.resolve("linked.png"), outside.resolve("image.png"));
            Files.writeString(root.resolve("up.gltf"), String.format(triangle, "../outside/image.png"));
            Files.writeString(root.resolve("link.gltf"), String.format(triangle, "linked.png"));
            Files.writeString(root.resolve("abs.gltf"), String.format(triangle, outside.resolve("image.png")));
            for (String asset : List.of("up.gltf", "link.gltf", "abs.gltf", "../outside/t.gltf")) {
                Path specFile = Files.writeString(root.resolve("spec.json"), String.format(spec, asset));
                ToolCallResult result = call("budget_verify", "spec", specFile.toString());
                assertThat(code(result)).as(asset + ": " + result.text()).isEqualTo(ErrorCode.E4003);
            }
            Files.writeString(outside.resolve("app.js"), "x");
            Files.createSymbolicLink(root.resolve("bundle"), outside);
            Files.writeString(root.resolve("spec.json"), String.format(spec, "ok.gltf"));
            // a 1x1 PNG, so that only the bundle can fail
            Files.write(
                    root.resolve("ok.png"),
                    Base64.getDecoder()
                            .decode(
                                    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
            Files.writeString(root.resolve("ok.gltf"), String.format(triangle, "ok.png"));
            ToolCallResult bundle = call(
                    "budget_verify",
                    "spec",
                    root.resolve("spec.json").toString(),
                    "bundle",
                    root.resolve("bundle").toString());
            assertThat(code(bundle)).as(bundle.text()).isEqualTo(ErrorCode.E4003);
        }

        @Test
        void aGitignoreThatIsALink_isNotRead() throws Exception {
            Files.writeString(outside.resolve("rules"), "*.rb\n");
            Files.createSymbolicLink(root.resolve(".gitignore"), outside.resolve("rules"));
            assertThat(scan().path("findings").size()).isEqualTo(1);
        }

        @Test
        void aGitignoreAboveTheRoot_isNotRead() throws Exception {
            Files.createDirectories(tmp.resolve(".git"));
            Files.writeString(tmp.resolve(".gitignore"), "*.rb\n");
            assertThat(scan().path("findings").size()).isEqualTo(1);
        }

        @Test
        void anOversizedGitignore_isPassedOver() throws Exception {
            Files.write(root.resolve(".gitignore"), new byte[(2 << 20)]);
            JsonNode report = scan();
            assertThat(report.path("findings").size()).isEqualTo(1);
            assertThat(report.at("/summary/skipped/unreadable").asLong()).isEqualTo(1);
        }
    }

    @Nested
    class NamesAreTakenAsTheyAre {
        /** Runs a bash command in the root, for names Java cannot spell (bytes that are not UTF-8). */
        void bash(String command) throws Exception {
            Process process = new ProcessBuilder("bash", "-c", command)
                    .directory(root.toFile())
                    .inheritIO()
                    .start();
            assertThat(process.waitFor()).as(command).isZero();
        }

        @Test
        void filesWhoseNamesAreNotUtf8_areScannedLikeAnyOther() throws Exception {
            Files.writeString(root.resolve("normal.rb"), SECRET);
            Files.writeString(root.resolve("secret.rb.txt"), SECRET);
            bash("mkdir $'dir\\xfe' && cp secret.rb.txt $'bad\\xff.rb' && mv secret.rb.txt $'dir\\xfe/inner.rb'");
            JsonNode report =
                    call("security_scan", "paths", List.of(root.toString())).structuredContent();
            assertThat(report.at("/summary/files_scanned").asLong())
                    .as(report.toString())
                    .isEqualTo(3);
            assertThat(report.path("findings").size()).isEqualTo(3);
        }

        @Test
        void aLinkToANameThatIsNotUtf8_leadsToThatVeryFile() throws Exception {
            bash("printf real > $'\\xff' && printf decoy > $'\\xef\\xbf\\xbd' && ln -s $'\\xff' link");
            ToolCallResult result =
                    call("file_hash", "path", root.resolve("link").toString());
            assertThat(result.structuredContent().path("bytes").asLong()).isEqualTo("real".length());
        }

        @Test
        void aNameTooLongInsideTheRoot_isInvalidInput_notOutside() throws Exception {
            ToolCallResult result =
                    call("file_hash", "path", root.resolve("a".repeat(300)).toString());
            assertThat(code(result)).isEqualTo(ErrorCode.E4001);
            assertThat(result.text()).contains("too long");
        }

        @Test
        void anOutputWithANameNearTheLimit_isWritten_andNothingElseIsLeft() throws Exception {
            Path key = root.resolve("k".repeat(250));
            ToolCallResult result = call("crypto_keygen", "path", key.toString());
            assertThat(result.isError()).as(result.text()).isFalse();
            try (Stream<Path> files = Files.list(root)) {
                assertThat(files).containsExactly(key);
            }
        }
    }

    @Nested
    class NothingOutsideCanBeProbed {
        @Test
        void linksToAnExistingAndToAMissingFileOutside_failAlike() throws Exception {
            Files.writeString(outside.resolve("exists.txt"), "x");
            Files.createSymbolicLink(root.resolve("to-existing"), outside.resolve("exists.txt"));
            Files.createSymbolicLink(root.resolve("to-missing"), outside.resolve("missing.txt"));
            Files.createSymbolicLink(root.resolve("dir-missing"), outside.resolve("nowhere"));
            for (String name : List.of("to-existing", "to-missing", "dir-missing/file")) {
                ToolCallResult result =
                        call("file_hash", "path", root.resolve(name).toString());
                assertThat(code(result)).as(name).isEqualTo(ErrorCode.E4003);
                assertThat(result.text()).as(name).contains("outside the granted roots");
            }
        }

        @Test
        void backingOutOfADirectoryOutside_failsWhetherItExistsOrNot() throws Exception {
            Files.createDirectories(outside.resolve("secretdir"));
            Files.writeString(root.resolve("f.txt"), "inside");
            for (String probe : List.of("secretdir", "nodir")) {
                Path path = outside.resolve(probe).resolve("../../root/f.txt");
                ToolCallResult result = call("file_hash", "path", path.toString());
                assertThat(code(result)).as(probe).isEqualTo(ErrorCode.E4003);
            }
        }

        @Test
        void aPathGivenThroughALinkOutsideTheRoots_stillReachesTheRoot() throws Exception {
            Files.writeString(root.resolve("f.txt"), "inside");
            Files.createSymbolicLink(outside.resolve("alias"), root);
            ToolCallResult result =
                    call("file_hash", "path", outside.resolve("alias/f.txt").toString());
            assertThat(result.isError()).as(result.text()).isFalse();
        }

        @Test
        void dotDotAfterALink_goesWhereTheLinkLeads() throws Exception {
            Files.createDirectories(outside.resolve("sub"));
            Files.writeString(outside.resolve("f.txt"), "outside");
            Files.writeString(root.resolve("f.txt"), "inside");
            Files.createSymbolicLink(root.resolve("link"), outside.resolve("sub"));
            ToolCallResult result =
                    call("file_hash", "path", root.resolve("link/../f.txt").toString());
            assertThat(code(result)).isEqualTo(ErrorCode.E4003);
        }
    }
}
