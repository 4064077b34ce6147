package dev.devskyy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code devskyy verify jwt}: exit 0 valid, 1 invalid, 2 when it cannot judge (no key, bad input). */
class JwtCliTest {
    @TempDir
    Path dir;

    JsonNode tokens;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/jwt/tokens.json")) {
            tokens = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        env = new HashMap<>(Map.of("XDG_STATE_HOME", dir.toString()));
    }

    String token(String name) {
        return tokens.get(name).asText();
    }

    CatalogueRunner.Run run(String stdin, String... args) {
        return CatalogueRunner.run(Map.copyOf(env), stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    @Test
    void aValidPlatformTokenExitsZero_keyFromTheServerVariable() {
        env.put("DEVSKYY_JWT_SECRET", token("secret"));
        CatalogueRunner.Run run = run("", "verify", "jwt", token("access"), "--profile", "devskyy");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.text()).isEqualTo("VALID\n");
    }

    /** Keys the CLI names replace the server's variables: the two are never mixed into one set. */
    @Test
    void aSecretFileWinsOverTheServersVariable() throws Exception {
        env.put("DEVSKYY_JWT_SECRET", "some-other-secret-that-is-also-sixty-four-bytes-long-0123456789abcdef");
        Path secret = dir.resolve("secret");
        Files.writeString(secret, token("secret"));
        CatalogueRunner.Run run =
                run("", "verify", "jwt", token("access"), "--profile", "devskyy", "--secret-file", secret.toString());
        assertThat(run.code()).as(run.text() + run.err()).isZero();
    }

    @Test
    void anExpiredTokenExitsOne_andSaysWhy() {
        env.put("JWTS", token("secret"));
        CatalogueRunner.Run run =
                run("", "verify", "jwt", token("expired"), "--secret-env", "JWTS", "--profile", "devskyy");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.text()).startsWith("INVALID: expired: expired at 2023-11-14T22:28:20Z");
    }

    @Test
    void jsonShowsClaimsOfInvalidTokensOnlyWhenAskedTo() throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, token("secret") + "\n");
        CatalogueRunner.Run hidden = run(
                "", "verify", "jwt", token("expired"), "--secret-file", secret.toString(), "--alg", "HS512", "--json");
        JsonNode verdict = Json.parse(hidden.text());
        assertThat(verdict.get("valid").asBoolean()).isFalse();
        assertThat(verdict.has("claims")).isFalse();
        CatalogueRunner.Run shown = run(
                "",
                "verify",
                "jwt",
                token("expired"),
                "--secret-file",
                secret.toString(),
                "--alg",
                "HS512",
                "--json",
                "--show-unverified");
        assertThat(Json.parse(shown.text()).get("claims").get("jti").asText()).isEqualTo("jti-old");
    }

    @Test
    void tokensComeFromStdinOrAFile_revocationsFromAFile() throws Exception {
        env.put("DEVSKYY_JWT_SECRET", token("secret"));
        assertThat(run(token("access") + "\n", "verify", "jwt", "-", "--profile", "devskyy")
                        .code())
                .isZero();
        Path file = dir.resolve("token");
        Files.writeString(file, token("refresh"));
        assertThat(run("", "verify", "jwt", "@" + file, "--profile", "devskyy", "--type", "refresh")
                        .code())
                .isZero();
        Path revoked = dir.resolve("revoked");
        Files.writeString(revoked, "# logged out\nfam-1\n");
        CatalogueRunner.Run run = run(
                "",
                "verify",
                "jwt",
                "@" + file,
                "--profile",
                "devskyy",
                "--type",
                "refresh",
                "--revoked",
                revoked.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.text()).contains("revoked");
    }

    @Test
    void aPemKeyWithAnAllowlistVerifiesRs256() throws Exception {
        Path pem = dir.resolve("rsa.pem");
        Files.writeString(pem, token("rsa_public"));
        CatalogueRunner.Run run =
                run("", "verify", "jwt", token("rs256"), "--key", pem.toString(), "--alg", "RS256", "--aud", "api");
        assertThat(run.code()).as(run.text() + run.err()).isZero();
        CatalogueRunner.Run wrongAudience =
                run("", "verify", "jwt", token("rs256"), "--key", pem.toString(), "--alg", "RS256", "--aud", "billing");
        assertThat(wrongAudience.code()).isEqualTo(1);
    }

    @Test
    void theSecretAppearsNeitherInOutputNorInLogsNorInTheAuditLog() throws Exception {
        env.put("DEVSKYY_JWT_SECRET", token("secret"));
        Path audit = dir.resolve("audit.jsonl");
        CatalogueRunner.Run run = run(
                "",
                "-vvv",
                "verify",
                "jwt",
                token("expired"),
                "--profile",
                "devskyy",
                "--json",
                "--show-unverified",
                "--audit-log",
                audit.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(Files.readString(audit)).contains("jwt_verify").doesNotContain(token("secret"));
        assertThat(run.text() + run.err()).doesNotContain(token("secret"));
    }

    @Test
    void withoutAKeyOrWithAnUnreadableTokenFileItExitsTwo() {
        CatalogueRunner.Run noKey = run("", "verify", "jwt", token("access"), "--profile", "devskyy");
        assertThat(noKey.code()).isEqualTo(2);
        assertThat(noKey.err()).contains("no key");
        assertThat(noKey.text()).isEmpty();
        env.put("DEVSKYY_JWT_SECRET", token("secret"));
        CatalogueRunner.Run missing = run("", "verify", "jwt", "@" + dir.resolve("nope"), "--profile", "devskyy");
        assertThat(missing.code()).isEqualTo(2);
        CatalogueRunner.Run noAlgorithm =
                run("", "verify", "jwt", token("access"), "--secret-env", "DEVSKYY_JWT_SECRET");
        assertThat(noAlgorithm.code()).isEqualTo(2);
        assertThat(noAlgorithm.err()).contains("no key names an algorithm: give --alg");
        CatalogueRunner.Run badProfile = run("", "verify", "jwt", token("access"), "--profile", "nope");
        assertThat(badProfile.code()).isEqualTo(2);
    }

    @Test
    void jwtDecodeShowsTheTokenMarkedUnverified() {
        CatalogueRunner.Run run = run("", "tools", "call", "jwt_decode", "--arg", "token=" + token("access"));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.text()).startsWith("UNVERIFIED").contains("\"sub\":\"user-42\"");
        assertThat(run("", "tools", "call", "jwt_decode", "--arg", "token=not.a.jwt")
                        .code())
                .isEqualTo(2);
    }
}
