package dev.devskyy.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.runtime.AuditLog;
import dev.devskyy.runtime.CallObserver;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.IdempotencyStore;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallRequest;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.runtime.ToolRuntime;
import dev.devskyy.scan.SecretShapes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CryptoToolsTest {
    @TempDir
    Path root;

    @TempDir
    Path state;

    static final Grants KEYS = Grants.of(Set.of(ToolPermission.KEYS_USE), List.of(), List.of());
    static final Set<ToolPermission> FILES = Set.of(ToolPermission.FILESYSTEM_READ, ToolPermission.FILESYSTEM_WRITE);

    ToolRuntime runtime;
    Grants read;

    @BeforeEach
    void start() {
        ToolRegistry registry = new ToolRegistry();
        CryptoTools.all(Map.of(), SecretShapes::find).forEach(registry::register);
        runtime = new ToolRuntime(registry, IdempotencyStore.in(state), AuditLog.DISCARD);
        read = Grants.of(Set.of(ToolPermission.FILESYSTEM_READ), List.of(root), List.of());
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    static final String KEY = java.util.Base64.getEncoder().encodeToString(new byte[32]);

    /** A runtime whose server holds {@link #KEY} as ENCRYPTION_MASTER_KEY. */
    ToolRuntime withKey() {
        ToolRegistry registry = new ToolRegistry();
        CryptoTools.all(Map.of("ENCRYPTION_MASTER_KEY", KEY), SecretShapes::find)
                .forEach(registry::register);
        return new ToolRuntime(registry, IdempotencyStore.in(state), AuditLog.DISCARD);
    }

    ToolCallResult hash(String json) throws Exception {
        return runtime.call(ToolCallRequest.builder("file_hash", Json.parse(json), new Caller("t", read, null))
                .build());
    }

    @Test
    void hashesAFileAsSha256sumDoes_withTheFips180Vector() throws Exception {
        Path file = Files.write(root.resolve("abc.txt"), "abc".getBytes(StandardCharsets.US_ASCII));
        ToolCallResult result = hash("{\"path\":\"" + file + "\"}");
        String expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThat(result.text()).isEqualTo(expected + "  " + file.toRealPath());
        assertThat(result.structuredContent().get("bytes").asLong()).isEqualTo(3);
    }

    @Test
    void offersSha384AndSha512() throws Exception {
        Path file = Files.write(root.resolve("abc.txt"), "abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(hash("{\"path\":\"" + file + "\",\"algorithm\":\"sha512\"}")
                        .structuredContent()
                        .get("digest")
                        .asText())
                .startsWith("ddaf35a193617aba");
        assertThat(hash("{\"path\":\"" + file + "\",\"algorithm\":\"md5\"}")
                        .error()
                        .code())
                .isEqualTo(ErrorCode.E4001);
    }

    @Test
    void aDirectoryOrMissingFile_isE4001_andAFileOutsideTheRoot_isE4003() throws Exception {
        assertThat(hash("{\"path\":\"" + root + "\"}").error().code()).isEqualTo(ErrorCode.E4001);
        assertThat(hash("{\"path\":\"" + root.resolve("none") + "\"}").error().code())
                .isEqualTo(ErrorCode.E4001);
        assertThat(hash("{\"path\":\"" + state + "\"}").error().code()).isEqualTo(ErrorCode.E4003);
    }

    @Test
    void generatesTokensOfTheAskedSizeAndEncoding_neverTwiceTheSame() throws Exception {
        ToolCallResult hex = runtime.call(ToolCallRequest.builder(
                        "token_generate",
                        Json.parse("{\"bytes\":16,\"encoding\":\"hex\"}"),
                        new Caller("t", Grants.NONE, null))
                .build());
        assertThat(hex.text()).matches("[0-9a-f]{32}");
        ToolCallResult url = runtime.call(
                ToolCallRequest.builder("token_generate", Json.parse("{}"), new Caller("t", Grants.NONE, null))
                        .build());
        assertThat(url.text()).matches("[A-Za-z0-9_-]{43}");
        ToolCallResult again = runtime.call(
                ToolCallRequest.builder("token_generate", Json.parse("{}"), new Caller("t", Grants.NONE, null))
                        .build());
        assertThat(again.text()).isNotEqualTo(url.text());
        assertThat(runtime.call(ToolCallRequest.builder(
                                        "token_generate",
                                        Json.parse("{\"bytes\":8}"),
                                        new Caller("t", Grants.NONE, null))
                                .build())
                        .error()
                        .code())
                .isEqualTo(ErrorCode.E4001);
    }

    /**
     * The bar on a terminal and MCP's progress notifications show the same reports: bytes of the
     * input read, of the file's size, every 16 MiB, in words a person reads.
     */
    @Test
    void encryptingAndDecryptingAFileReportBytesOfItsSize() throws Exception {
        Grants readWrite = Grants.of(
                Set.of(ToolPermission.FILESYSTEM_READ, ToolPermission.FILESYSTEM_WRITE, ToolPermission.KEYS_USE),
                List.of(root),
                List.of());
        Path plain = Files.write(root.resolve("big.bin"), new byte[40_000_000]);
        List<String> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        CallObserver observer = new CallObserver() {
            @Override
            public void progress(double progress, Double total, String message) {
                reports.add((long) progress + "/" + (total == null ? "?" : String.valueOf(total.longValue())) + " "
                        + message);
            }
        };
        try (ToolRuntime withKey = withKey()) {
            withKey.call(ToolCallRequest.builder(
                            "crypto_encrypt_file",
                            Json.parse("{\"path\":\"" + plain + "\"}"),
                            new Caller("t", readWrite, null))
                    .observer(observer)
                    .build());
            assertThat(reports)
                    .containsExactly(
                            "16777216/40000000 encrypting: 16.8 MB of 40.0 MB",
                            "33554432/40000000 encrypting: 33.6 MB of 40.0 MB");
            reports.clear();
            Path encrypted = root.resolve("big.bin.dsky");
            withKey.call(ToolCallRequest.builder(
                            "crypto_decrypt_file",
                            Json.parse(
                                    "{\"path\":\"" + encrypted + "\",\"output\":\"" + root.resolve("back.bin") + "\"}"),
                            new Caller("t", readWrite, null))
                    .observer(observer)
                    .build());
            long size = Files.size(encrypted);
            assertThat(reports).hasSize(2).allMatch(r -> r.matches("\\d+/" + size + " decrypting: .* MB"));
        }
    }

    @Test
    void fileToolsRefuseStdinAndStdoutToCallersWithoutThem() throws Exception {
        Grants readWrite = Grants.of(
                Set.of(ToolPermission.FILESYSTEM_READ, ToolPermission.FILESYSTEM_WRITE, ToolPermission.KEYS_USE),
                List.of(root),
                List.of());
        ToolCallResult result = runtime.call(ToolCallRequest.builder(
                        "crypto_encrypt_file", Json.parse("{\"path\":\"-\"}"), new Caller("mcp", readWrite, null))
                .build());
        assertThat(result.text()).isEqualTo("E4001 INVALID_INPUT: '-' (stdin/stdout) is only for the command line");
    }

    @Test
    void decryptedResultsAreNeverStoredForReplay() throws Exception {
        ToolCallResult result = runtime.call(ToolCallRequest.builder(
                        "crypto_decrypt", Json.parse("{\"envelope\":\"v1:AAAA:AAAA\"}"), new Caller("t", KEYS, null))
                .idempotencyKey("k")
                .build());
        assertThat(result.text()).contains("takes no idempotency key: its results are secret");
    }

    @Test
    void withoutAKeyInTheEnvironment_envelopesFailWithAClearMessage() throws Exception {
        ToolCallResult result = runtime.call(
                ToolCallRequest.builder("crypto_encrypt", Json.parse("{\"text\":\"x\"}"), new Caller("t", KEYS, null))
                        .build());
        assertThat(result.text())
                .isEqualTo("E4001 INVALID_INPUT: no key: set ENCRYPTION_MASTER_KEY to a base64 32-byte key, "
                        + "or give --key-file or --keyring");
        ToolCallResult both = runtime.call(ToolCallRequest.builder(
                        "crypto_encrypt", Json.parse("{\"text\":\"x\",\"json\":{}}"), new Caller("t", KEYS, null))
                .build());
        assertThat(both.text()).contains("give exactly one of text or json");
    }

    /**
     * The server's keys read and make what they protect: only a caller granted keys:use has them
     * used. Checking authenticity answers yes or no, and needs no grant.
     */
    @Test
    void theServersKeysServeOnlyACallerGrantedKeysUse() throws Exception {
        Grants files = Grants.of(FILES, List.of(root), List.of());
        Path plain = Files.writeString(root.resolve("note.txt"), "secret");
        try (ToolRuntime withKey = withKey()) {
            String envelope = withKey.call(ToolCallRequest.builder(
                                    "crypto_encrypt", Json.parse("{\"text\":\"x\"}"), new Caller("t", KEYS, null))
                            .build())
                    .structuredContent()
                    .get("envelope")
                    .asText();
            String document = "{\"document\":{\"email\":\"a@example.com\"}}";
            String file = "{\"path\":\"" + plain + "\"}";
            for (String[] call : new String[][] {
                {"crypto_encrypt", "{\"text\":\"x\"}"},
                {"crypto_decrypt", "{\"envelope\":\"" + envelope + "\"}"},
                {"crypto_rotate", "{\"envelope\":\"" + envelope + "\"}"},
                {"crypto_encrypt_fields", document},
                {"crypto_decrypt_fields", document},
                {"crypto_rotate_fields", document},
                {"crypto_encrypt_file", file},
                {"crypto_decrypt_file", file},
                {"crypto_rotate_file", file}
            }) {
                ToolCallResult denied =
                        withKey.call(ToolCallRequest.builder(call[0], Json.parse(call[1]), new Caller("t", files, null))
                                .build());
                assertThat(denied.text())
                        .as(call[0])
                        .contains("E4003", "keys:use")
                        .doesNotContain(KEY);
            }
            ToolCallResult checked = withKey.call(ToolCallRequest.builder(
                            "crypto_verify",
                            Json.parse("{\"envelope\":\"" + envelope + "\"}"),
                            new Caller("t", Grants.NONE, null))
                    .build());
            assertThat(checked.structuredContent().get("authentic").asBoolean()).isTrue();
        }
    }

    @Test
    void maskingWorksOnTextAndDocuments() throws Exception {
        ToolCallResult text = runtime.call(ToolCallRequest.builder(
                        "data_mask",
                        Json.parse("{\"text\":\"mail ada@example.com\"}"),
                        new Caller("t", Grants.NONE, null))
                .build());
        assertThat(text.text()).isEqualTo("mail ******@example.com");
        ToolCallResult doc = runtime.call(ToolCallRequest.builder(
                        "data_mask",
                        Json.parse("{\"document\":{\"cvv\":123,\"note\":\"4111 1111 1111 1234\"}}"),
                        new Caller("t", Grants.NONE, null))
                .build());
        assertThat(doc.structuredContent().get("document").toString())
                .isEqualTo("{\"cvv\":\"[MASKED]\",\"note\":\"************1234\"}");
    }

    @Test
    void aLargeFileIsHashedInConstantMemory_matchingTheJdk() throws Exception {
        byte[] chunk = new byte[1 << 20];
        new java.util.Random(7).nextBytes(chunk);
        Path file = root.resolve("big.bin");
        var expected = java.security.MessageDigest.getInstance("SHA-256");
        try (var out = Files.newOutputStream(file)) {
            for (int i = 0; i < 20; i++) {
                out.write(chunk);
                expected.update(chunk);
            }
        }
        FileDigest.Result result;
        try (var in = Files.newInputStream(file)) {
            result = FileDigest.of(in, FileDigest.Algorithm.SHA256);
        }
        assertThat(result.hex()).isEqualTo(java.util.HexFormat.of().formatHex(expected.digest()));
        assertThat(result.bytes()).isEqualTo(20L << 20);
    }
}
