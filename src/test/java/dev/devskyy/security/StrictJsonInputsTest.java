package dev.devskyy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.devskyy.ToolCatalogue;
import dev.devskyy.runtime.AuditLog;
import dev.devskyy.runtime.CallMetadata;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.IdempotencyStore;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.Policy;
import dev.devskyy.runtime.ToolCallRequest;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every JSON file a person hands devskyy is read strictly: a repeated member or content after the
 * document is refused, never resolved as "the last value wins" or "the rest is ignored". A file that
 * means two things could make a reviewer see one key and the program use another.
 */
class StrictJsonInputsTest {
    static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
    static final String KEY_B = Base64.getEncoder().encodeToString(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32
    });
    static final String KEYRING = "{\"current\":\"v1\",\"keys\":{\"v1\":\"" + KEY_A + "\"}}";
    /** Anything after the document: a second value, a word, a stray bracket. */
    static final String[] TRAILERS = {" {}", " x", "]", "\n{\"current\":\"v1\"}"};

    @TempDir
    Path root;

    @TempDir
    Path state;

    ToolRuntime runtime;
    Grants read;

    @BeforeEach
    void start() {
        runtime = new ToolRuntime(ToolCatalogue.registry(Map.of()), IdempotencyStore.in(state), AuditLog.DISCARD);
        read = Grants.of(Set.of(ToolPermission.FILESYSTEM_READ), List.of(root), List.of());
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    ToolCallResult encryptWithKeyring(String keyring) throws Exception {
        Path file = Files.writeString(root.resolve("keyring.json"), keyring);
        return runtime.call(ToolCallRequest.builder(
                        "crypto_encrypt",
                        Json.parse("{\"text\":\"x\"}"),
                        new Caller("t", Grants.of(Set.of(ToolPermission.KEYS_USE), List.of(), List.of()), null))
                .metadata(Map.of(CallMetadata.KEYRING, file.toString()))
                .build());
    }

    @Test
    void theKeyringItselfIsGood() throws Exception {
        assertThat(encryptWithKeyring(KEYRING).isError()).isFalse();
    }

    @Test
    void aKeyringWithARepeatedKeyVersion_isRefused() throws Exception {
        String twice = "{\"current\":\"v1\",\"keys\":{\"v1\":\"" + KEY_A + "\",\"v1\":\"" + KEY_B + "\"}}";
        ToolCallResult result = encryptWithKeyring(twice);
        assertThat(result.isError()).isTrue();
        assertThat(result.error().code()).isEqualTo(ErrorCode.E4001);
        assertThat(result.text()).contains("the keyring (--keyring)").doesNotContain(KEY_A, KEY_B);
        String currentTwice = "{\"current\":\"v1\",\"current\":\"v2\",\"keys\":{\"v1\":\"" + KEY_A + "\"}}";
        assertThat(encryptWithKeyring(currentTwice).error().code()).isEqualTo(ErrorCode.E4001);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void aKeyringWithTrailingContent_isRefused(int trailer) throws Exception {
        ToolCallResult result = encryptWithKeyring(KEYRING + TRAILERS[trailer]);
        assertThat(result.isError()).as(result.text()).isTrue();
        assertThat(result.error().code()).isEqualTo(ErrorCode.E4001);
        assertThat(result.text()).contains("the keyring (--keyring)").doesNotContain(KEY_A);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void aJwkSetWithTrailingContent_isRefused(int trailer) throws Exception {
        String jwks = "{\"keys\":[{\"kty\":\"oct\",\"alg\":\"HS256\",\"k\":\"" + KEY_A.replace("=", "") + "\"}]}";
        Path good = Files.writeString(root.resolve("good.jwks"), jwks);
        Path bad = Files.writeString(root.resolve("bad.jwks"), jwks + TRAILERS[trailer]);
        assertThat(verifyJwtWith(good).isError()).as("the set itself is good").isFalse();
        ToolCallResult result = verifyJwtWith(bad);
        assertThat(result.isError()).as(result.text()).isTrue();
        assertThat(result.text()).contains("E4001").contains("the key file is neither PEM nor valid JSON");
    }

    private ToolCallResult verifyJwtWith(Path keyFile) throws Exception {
        return runtime.call(ToolCallRequest.builder(
                        "jwt_verify", Json.parse("{\"token\":\"a.b.c\"}"), new Caller("t", Grants.NONE, null))
                .metadata(Map.of(CallMetadata.JWT_KEY_FILE, keyFile.toString()))
                .build());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void aPolicyWithTrailingContent_isRefused(int trailer) throws Exception {
        String policy = "{\"version\":1,\"actors\":{\"ci\":{\"permissions\":[\"filesystem:read\"]}}}";
        Policy.load(Files.writeString(root.resolve("good.json"), policy));
        Path bad = Files.writeString(root.resolve("policy.json"), policy + TRAILERS[trailer]);
        assertThatThrownBy(() -> Policy.load(bad)).isInstanceOf(ToolError.class).hasMessageContaining("not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void aRulesFileWithTrailingContent_isRefused(int trailer) throws Exception {
        String rules = "{\"version\":1,\"rules\":[]}";
        Path good = Files.writeString(root.resolve("good-rules.json"), rules);
        Path bad = Files.writeString(root.resolve("rules.json"), rules + TRAILERS[trailer]);
        ToolCallResult ok = scanWith("rules", "[" + Json.tree(good.toString()) + "]");
        assertThat(ok.isError())
                .as("the rules file itself is good: %s", ok.text())
                .isFalse();
        ToolCallResult result = scanWith("rules", "[" + Json.tree(bad.toString()) + "]");
        assertThat(result.isError()).as(result.text()).isTrue();
        assertThat(result.text()).contains("E4001").contains("rules.json: not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void aBaselineWithTrailingContent_isRefused(int trailer) throws Exception {
        String baseline = "{\"findings\":[]}";
        Path good = Files.writeString(root.resolve("good-baseline.json"), baseline);
        Path bad = Files.writeString(root.resolve("baseline.json"), baseline + TRAILERS[trailer]);
        ToolCallResult ok = scanWith("baseline", Json.tree(good.toString()).toString());
        assertThat(ok.isError())
                .as("the baseline itself is good: %s", ok.text())
                .isFalse();
        ToolCallResult result = scanWith("baseline", Json.tree(bad.toString()).toString());
        assertThat(result.isError()).as(result.text()).isTrue();
        assertThat(result.text()).contains("E4001").contains("baseline.json: not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void anOsvRecordWithTrailingContent_isRefused(int trailer) throws Exception {
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/requirements.txt"), "requests==2.19.0\n");
        String record = "{\"id\":\"PYSEC-0000-1\",\"affected\":[{\"package\":"
                + "{\"ecosystem\":\"PyPI\",\"name\":\"requests\"},\"versions\":[\"2.19.0\"]}]}";
        Path good = Files.createDirectories(root.resolve("osv-good"));
        Files.writeString(good.resolve("PYSEC-0000-1.json"), record);
        Path bad = Files.createDirectories(root.resolve("osv-bad"));
        Files.writeString(bad.resolve("PYSEC-0000-1.json"), record + TRAILERS[trailer]);
        ToolCallResult ok = scanWith("osv_db", Json.tree(good.toString()).toString());
        // the record itself is good: the scan reports it (and fails the build on it, as it should)
        assertThat(ok.text()).contains("dependency 1").doesNotContain("E4001");
        ToolCallResult result = scanWith("osv_db", Json.tree(bad.toString()).toString());
        assertThat(result.isError()).as(result.text()).isTrue();
        assertThat(result.text()).contains("E4001").contains("PYSEC-0000-1.json is not valid JSON");
    }

    private ToolCallResult scanWith(String member, String value) throws Exception {
        Path scanned = Files.createDirectories(root.resolve("src"));
        Files.writeString(scanned.resolve("a.txt"), "nothing to see\n");
        String args = "{\"paths\":[" + Json.tree(scanned.toString()) + "],\"" + member + "\":" + value + "}";
        return runtime.call(ToolCallRequest.builder("security_scan", Json.parse(args), new Caller("t", read, null))
                .build());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void aBudgetSpecWithTrailingContent_isRefused(int trailer) throws Exception {
        Path spec = Files.writeString(root.resolve("spec.json"), "{\"collection_id\":\"c\"}" + TRAILERS[trailer]);
        ToolCallResult result = runtime.call(ToolCallRequest.builder(
                        "budget_verify",
                        Json.parse("{\"spec\":" + Json.tree(spec.toString()) + "}"),
                        new Caller("t", read, null))
                .build());
        assertThat(result.isError()).as(result.text()).isTrue();
        assertThat(result.text()).contains("E4001").contains("is not readable JSON");
    }
}
