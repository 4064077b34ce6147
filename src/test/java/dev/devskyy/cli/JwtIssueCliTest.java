package dev.devskyy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code devskyy jwt issue}: the platform's pair and custom tokens, checked by devskyy's own
 * verifier and, independently, by jose4j.
 */
class JwtIssueCliTest {
    static final String SECRET = "a-development-secret-of-sixty-four-bytes-or-more-0123456789abcdefgh";

    @TempDir
    Path dir;

    Map<String, String> env;

    @BeforeEach
    void setUp() {
        env = new HashMap<>(Map.of("XDG_STATE_HOME", dir.toString(), "S", SECRET));
    }

    CatalogueRunner.Run run(String... args) {
        return CatalogueRunner.run(Map.copyOf(env), new byte[0], args);
    }

    @Test
    void thePlatformPairVerifiesUnderTheDevskyyProfile_asOneFamily() throws Exception {
        CatalogueRunner.Run issued = run(
                "jwt",
                "issue",
                "--profile",
                "devskyy",
                "--sub",
                "user-7",
                "--roles",
                "customer,admin",
                "--tier",
                "gold",
                "--secret-env",
                "S");
        assertThat(issued.code()).as(issued.err()).isZero();
        JsonNode pair = Json.parse(issued.text());
        assertThat(pair.get("token_type").asText()).isEqualTo("bearer");
        assertThat(pair.get("expires_in").asInt()).isEqualTo(900);
        String access = pair.get("access_token").asText();
        String refresh = pair.get("refresh_token").asText();
        assertThat(run("verify", "jwt", access, "--profile", "devskyy", "--secret-env", "S")
                        .code())
                .isZero();
        assertThat(run("verify", "jwt", refresh, "--profile", "devskyy", "--type", "refresh", "--secret-env", "S")
                        .code())
                .isZero();
        JsonNode accessClaims = claims(access);
        JsonNode refreshClaims = claims(refresh);
        assertThat(accessClaims.get("exp").asLong() - accessClaims.get("iat").asLong())
                .isEqualTo(900);
        assertThat(refreshClaims.get("exp").asLong() - refreshClaims.get("iat").asLong())
                .isEqualTo(7 * 24 * 3600);
        assertThat(accessClaims.get("family_id")).isEqualTo(refreshClaims.get("family_id"));
        assertThat(accessClaims.get("jti")).isNotEqualTo(refreshClaims.get("jti"));
        assertThat(accessClaims.get("roles").toString()).isEqualTo("[\"customer\",\"admin\"]");
        assertThat(accessClaims.get("tier").asText()).isEqualTo("gold");
        assertThat(issued.text() + issued.err()).doesNotContain(SECRET);
    }

    @Test
    void customTokensOfEveryAsymmetricAlgorithmVerifyInDevskyyAndInJose4j() throws Exception {
        Map<String, KeyPair> keys = Map.of(
                "RS256",
                rsa(),
                "PS384",
                rsa(),
                "ES256",
                ec("secp256r1"),
                "ES384",
                ec("secp384r1"),
                "ES512",
                ec("secp521r1"),
                "EdDSA",
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        for (var entry : keys.entrySet()) {
            String alg = entry.getKey();
            Path privatePem = pem(
                    dir.resolve(alg + ".key"),
                    "PRIVATE KEY",
                    entry.getValue().getPrivate().getEncoded());
            Path publicPem = pem(
                    dir.resolve(alg + ".pub"),
                    "PUBLIC KEY",
                    entry.getValue().getPublic().getEncoded());
            CatalogueRunner.Run issued = run(
                    "jwt",
                    "issue",
                    "--alg",
                    alg,
                    "--claims",
                    "{\"sub\":\"svc\",\"aud\":\"api\"}",
                    "--ttl",
                    "5m",
                    "--key",
                    privatePem.toString());
            assertThat(issued.code()).as(alg + issued.err()).isZero();
            String token = issued.text().strip();
            CatalogueRunner.Run verified =
                    run("verify", "jwt", token, "--key", publicPem.toString(), "--alg", alg, "--aud", "api");
            assertThat(verified.code()).as(alg + verified.text()).isZero();
            assertThat(jose4jAccepts(token, entry.getValue())).as(alg).isTrue();
            assertThat(claims(token).get("exp").asLong()
                            - claims(token).get("iat").asLong())
                    .isEqualTo(300);
        }
    }

    @Test
    void hmacCustomTokensHonourTheirOwnIatAndExp() throws Exception {
        CatalogueRunner.Run issued = run(
                "jwt",
                "issue",
                "--alg",
                "HS256",
                "--claims",
                "{\"iat\":1700000000,\"exp\":1700000100}",
                "--secret-env",
                "S");
        String token = issued.text().strip();
        assertThat(claims(token).get("exp").asLong()).isEqualTo(1700000100);
        CatalogueRunner.Run verified = run("verify", "jwt", token, "--secret-env", "S", "--alg", "HS256");
        assertThat(verified.code()).isEqualTo(1);
        assertThat(verified.text()).startsWith("INVALID: expired");
    }

    @Test
    void weakOrMissingOrWrongKeysAreUsageErrors() throws Exception {
        env.put("SHORT", "only-thirty-two-bytes-of-secret!");
        assertThat(run("jwt", "issue", "--alg", "HS512", "--secret-env", "SHORT")
                        .err())
                .contains("at least 64 bytes");
        assertThat(run("jwt", "issue", "--alg", "HS512").code()).isEqualTo(2);
        KeyPair p256 = ec("secp256r1");
        Path key = pem(dir.resolve("p256.key"), "PRIVATE KEY", p256.getPrivate().getEncoded());
        CatalogueRunner.Run wrongCurve = run("jwt", "issue", "--alg", "ES384", "--key", key.toString());
        assertThat(wrongCurve.code()).isEqualTo(2);
        assertThat(wrongCurve.err()).contains("not on the curve");
        Path publicKey =
                pem(dir.resolve("p256.pub"), "PUBLIC KEY", p256.getPublic().getEncoded());
        assertThat(run("jwt", "issue", "--alg", "ES256", "--key", publicKey.toString())
                        .err())
                .contains("PKCS#8 PEM private key");
        assertThat(run("jwt", "issue", "--alg", "RS256", "--key", key.toString())
                        .err())
                .contains("not a RSA key");
    }

    @Test
    void theProfileFixesTheToken_andNeedsASubject() {
        assertThat(run("jwt", "issue", "--profile", "devskyy", "--secret-env", "S")
                        .err())
                .contains("needs a subject");
        CatalogueRunner.Run mixed =
                run("jwt", "issue", "--profile", "devskyy", "--sub", "u", "--alg", "HS256", "--secret-env", "S");
        assertThat(mixed.code()).isEqualTo(2);
        assertThat(mixed.err()).contains("algorithm is for custom tokens");
        assertThat(run("jwt", "issue", "--alg", "HS256", "--claims", "[1]", "--secret-env", "S")
                        .code())
                .isEqualTo(2);
    }

    /** A server that verifies tokens cannot mint them: only the signing variables let jwt_issue sign. */
    @Test
    void theServersVerificationSecretNeverSigns() {
        env.put("DEVSKYY_JWT_SECRET", SECRET);
        CatalogueRunner.Run refused = run(
                "tools", "call", "jwt_issue", "--allow", "keys:use", "--arg", "profile=devskyy", "--arg", "subject=u");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("signs only with DEVSKYY_JWT_SIGNING_SECRET");
        env.put("DEVSKYY_JWT_SIGNING_SECRET", SECRET);
        CatalogueRunner.Run issued = run(
                "tools", "call", "jwt_issue", "--allow", "keys:use", "--arg", "profile=devskyy", "--arg", "subject=u");
        assertThat(issued.code()).as(issued.err()).isZero();
    }

    static JsonNode claims(String token) throws Exception {
        return Json.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    static boolean jose4jAccepts(String token, KeyPair pair) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        jws.setKey(pair.getPublic());
        return jws.verifySignature();
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    static Path pem(Path file, String type, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        return file;
    }
}
