package dev.devskyy.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JWT verification against tokens the platform's own library (PyJWT, see
 * src/test/resources/jwt/platform_tokens.py) minted, and against the attacks RFC 8725 lists.
 */
class JwtVerifierTest {
    static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
    static final JsonNode TOKENS = load();

    @TempDir
    Path dir;

    static JsonNode load() {
        try (InputStream in = JwtVerifierTest.class.getResourceAsStream("/jwt/tokens.json")) {
            return JsonMapper.builder().build().readTree(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String token(String name) {
        return TOKENS.get(name).asText();
    }

    static byte[] platformSecret() {
        return token("secret").getBytes(StandardCharsets.UTF_8);
    }

    static JwtPolicy platform(String type) {
        return JwtPolicy.devskyy(type, Duration.ofSeconds(60), null, Set.of(), NOW);
    }

    static JwtPolicy open(String... algorithms) {
        return new JwtPolicy(
                Set.of(algorithms),
                null,
                null,
                null,
                List.of(),
                Duration.ofSeconds(60),
                null,
                Set.of(),
                true,
                null,
                NOW);
    }

    static List<String> reasons(JwtVerifier.Result result) {
        return result.failures().stream().map(JwtVerifier.Failure::reason).toList();
    }

    static JwtVerifier.Result verifyPlatform(String token, JwtPolicy policy) {
        return JwtVerifier.verify(token, List.of(JwtKeys.secret(platformSecret())), policy);
    }

    /** Signs header.claims with HMAC, as an attacker (or a careless issuer) could. */
    static String hmacToken(String header, String claims, byte[] secret, String jcaName) throws Exception {
        return hmacToken(header, claims.getBytes(StandardCharsets.UTF_8), secret, jcaName);
    }

    static String hmacToken(String header, byte[] claims, byte[] secret, String jcaName) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(claims);
        Mac mac = Mac.getInstance(jcaName);
        mac.init(new SecretKeySpec(secret, jcaName));
        return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    static String platformToken(String header, String claims) throws Exception {
        return hmacToken(header, claims, platformSecret(), "HmacSHA512");
    }

    static final String HS512 = "{\"alg\":\"HS512\",\"typ\":\"JWT\"}";
    static final String GOOD_CLAIMS = "{\"iss\":\"devskyy-platform\",\"aud\":\"devskyy-api\",\"sub\":\"u\","
            + "\"jti\":\"j\",\"type\":\"access\",\"iat\":1700000000,\"exp\":4102444800";

    // --- the platform's own tokens -------------------------------------------------------------

    @Test
    void thePlatformsAccessTokenIsValid_withItsClaimsHandedOut() {
        JwtVerifier.Result result = verifyPlatform(token("access"), platform(null));
        assertThat(result.failures()).isEmpty();
        assertThat(result.valid()).isTrue();
        assertThat(result.claims().get("sub").asText()).isEqualTo("user-42");
        assertThat(result.claims().get("roles").get(0).asText()).isEqualTo("customer");
        assertThat(result.header().get("alg").asText()).isEqualTo("HS512");
    }

    @Test
    void aRefreshTokenIsValidOnlyWhereARefreshTokenIsExpected() {
        assertThat(verifyPlatform(token("refresh"), platform("refresh")).valid())
                .isTrue();
        assertThat(reasons(verifyPlatform(token("refresh"), platform(null)))).containsExactly("type_mismatch");
        assertThat(reasons(verifyPlatform(token("access"), platform("refresh"))))
                .containsExactly("type_mismatch");
    }

    @Test
    void anApiKeyIsItsPrefixPlusAJwtOfTypeApiKey() {
        assertThat(verifyPlatform(token("api_key"), platform(null)).valid()).isTrue();
        String unprefixed = token("api_key").substring("dsk_".length());
        assertThat(reasons(verifyPlatform(unprefixed, platform(null)))).containsExactly("type_mismatch");
        String prefixedAccess = "dsk_" + token("access");
        assertThat(reasons(verifyPlatform(prefixedAccess, platform(null)))).containsExactly("type_mismatch");
    }

    @Test
    void anExpiredTokenFailsAsExpired_butStillVerifiesItsSignature() {
        JwtVerifier.Result result = verifyPlatform(token("expired"), platform(null));
        assertThat(reasons(result)).containsExactly("expired");
        assertThat(result.header()).isNotNull();
    }

    @Test
    void leewayCoversClockSkew_notMore() throws Exception {
        long exp = NOW.getEpochSecond() - 30;
        String token = platformToken(HS512, GOOD_CLAIMS.replace("4102444800", Long.toString(exp)) + "}");
        assertThat(verifyPlatform(token, platform(null)).valid()).isTrue();
        JwtPolicy strict = JwtPolicy.devskyy(null, Duration.ZERO, null, Set.of(), NOW);
        assertThat(reasons(verifyPlatform(token, strict))).containsExactly("expired");
    }

    @Test
    void revokingTheJtiOrTheWholeFamilyInvalidatesTheToken() {
        JwtPolicy jti = JwtPolicy.devskyy(null, Duration.ofSeconds(60), null, Set.of("jti-access"), NOW);
        assertThat(reasons(verifyPlatform(token("access"), jti))).containsExactly("revoked");
        JwtPolicy family = JwtPolicy.devskyy("refresh", Duration.ofSeconds(60), null, Set.of("fam-1"), NOW);
        assertThat(reasons(verifyPlatform(token("refresh"), family))).containsExactly("revoked");
    }

    @Test
    void maxAgeIsMeasuredFromIat() {
        JwtPolicy young = JwtPolicy.devskyy(null, Duration.ZERO, Duration.ofDays(36500), Set.of(), NOW);
        assertThat(verifyPlatform(token("access"), young).valid()).isTrue();
        JwtPolicy day = JwtPolicy.devskyy(null, Duration.ZERO, Duration.ofDays(1), Set.of(), NOW);
        assertThat(reasons(verifyPlatform(token("access"), day))).containsExactly("too_old");
    }

    @Test
    void aWrongSecretIsABadSignature_andNoClaimsAreHandedOut() {
        byte[] other =
                "another-secret-of-sixty-four-bytes-or-more-0123456789-0123456789-x".getBytes(StandardCharsets.UTF_8);
        JwtVerifier.Result result = JwtVerifier.verify(token("access"), List.of(JwtKeys.secret(other)), platform(null));
        assertThat(reasons(result)).containsExactly("bad_signature");
        assertThat(result.claims()).isNull();
        assertThat(result.header()).isNull();
    }

    @Test
    void aTamperedPayloadIsABadSignature() {
        String[] parts = token("access").split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("customer", "admin");
        String forged = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
        assertThat(reasons(verifyPlatform(forged, platform(null)))).containsExactly("bad_signature");
    }

    // --- public-key tokens, keys from PEM files ------------------------------------------------

    @Test
    void rsaPssEcdsaAndEdDsaTokensVerifyWithTheirPemKeys() throws Exception {
        Map<String, String> keyOf =
                Map.of("rs256", "rsa_public", "ps256", "rsa_public", "es256", "ec_public", "eddsa", "ed_public");
        Map<String, String> algOf = Map.of("rs256", "RS256", "ps256", "PS256", "es256", "ES256", "eddsa", "EdDSA");
        for (String name : keyOf.keySet()) {
            Path pem = dir.resolve(name + ".pem");
            Files.writeString(pem, token(keyOf.get(name)));
            List<VerificationKey> keys = JwtKeys.load(new JwtKeys.Settings(null, null, pem.toString()), Map.of());
            JwtPolicy policy = new JwtPolicy(
                    Set.of(algOf.get(name)),
                    "https://issuer.example",
                    "web",
                    null,
                    List.of("sub"),
                    Duration.ofSeconds(60),
                    null,
                    Set.of(),
                    true,
                    null,
                    NOW);
            JwtVerifier.Result result = JwtVerifier.verify(token(name), keys, policy);
            assertThat(result.failures()).as(name).isEmpty();
            assertThat(reasons(JwtVerifier.verify(token(name), keys, open("ES384"))))
                    .as(name)
                    .containsExactly("alg_not_allowed");
        }
    }

    @Test
    void aPemKeyNamesNoAlgorithm_soWithoutAnAllowlistNothingVerifies() throws Exception {
        Path pem = dir.resolve("rsa.pem");
        Files.writeString(pem, token("rsa_public"));
        List<VerificationKey> keys = JwtKeys.load(new JwtKeys.Settings(null, null, pem.toString()), Map.of());
        assertThat(reasons(JwtVerifier.verify(token("rs256"), keys, open()))).containsExactly("alg_not_allowed");
    }

    @Test
    void audienceMayBeAnArray_andMustContainTheExpectedOne() throws Exception {
        Path pem = dir.resolve("ec.pem");
        Files.writeString(pem, token("ec_public"));
        List<VerificationKey> keys = JwtKeys.load(new JwtKeys.Settings(null, null, pem.toString()), Map.of());
        JwtPolicy otherAudience = new JwtPolicy(
                Set.of("ES256"), null, "billing", null, List.of(), Duration.ZERO, null, Set.of(), true, null, NOW);
        assertThat(reasons(JwtVerifier.verify(token("es256"), keys, otherAudience)))
                .containsExactly("audience_mismatch");
    }

    @Test
    void privateKeysAndGarbageAreRefusedAsKeys() throws Exception {
        Path priv = dir.resolve("private.pem");
        Files.writeString(priv, "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> JwtKeys.load(new JwtKeys.Settings(null, null, priv.toString()), Map.of()))
                .hasMessageContaining("private key");
        Path junk = dir.resolve("junk.json");
        Files.writeString(junk, "{not json");
        assertThatThrownBy(() -> JwtKeys.load(new JwtKeys.Settings(null, null, junk.toString()), Map.of()))
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> JwtKeys.load(new JwtKeys.Settings("UNSET", null, null), Map.of()))
                .hasMessageContaining("the variable named by --secret-env is not set")
                .hasMessageNotContaining("UNSET");
        assertThatThrownBy(() -> JwtKeys.load(new JwtKeys.Settings(null, null, null), Map.of()))
                .hasMessageContaining("no key");
    }

    // --- RFC 8725 §2 attacks (§2.3–2.5 concern JWE, which is refused outright) -------------------

    /** RFC 8725 §2.1: "none" is an algorithm an attacker picks. */
    @Test
    void algNoneIsNeverAccepted_inAnyCase() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String claims = b64.encodeToString((GOOD_CLAIMS + "}").getBytes(StandardCharsets.UTF_8));
        for (String alg : List.of("none", "None", "NONE")) {
            String header = b64.encodeToString(("{\"alg\":\"" + alg + "\"}").getBytes(StandardCharsets.UTF_8));
            assertThat(reasons(verifyPlatform(header + "." + claims + ".", platform(null))))
                    .as(alg)
                    .containsExactly("alg_none");
        }
    }

    /** RFC 8725 §2.1: an HMAC token keyed with the RSA public key must not verify against that key. */
    @Test
    void hmacSignedWithThePublicKeyIsRefused() throws Exception {
        Path pem = dir.resolve("rsa.pem");
        Files.writeString(pem, token("rsa_public"));
        List<VerificationKey> keys = JwtKeys.load(new JwtKeys.Settings(null, null, pem.toString()), Map.of());
        String forged = hmacToken(
                "{\"alg\":\"HS256\"}",
                "{\"sub\":\"admin\",\"exp\":4102444800}",
                token("rsa_public").getBytes(StandardCharsets.US_ASCII),
                "HmacSHA256");
        assertThat(reasons(JwtVerifier.verify(forged, keys, open("RS256")))).containsExactly("alg_not_allowed");
        assertThat(reasons(JwtVerifier.verify(forged, keys, open("RS256", "HS256"))))
                .containsExactly("alg_not_allowed");
    }

    /** RFC 8725 §2.9 and §3.10: keys named by the token itself decide nothing. */
    @Test
    void aKeyEmbeddedInTheHeaderIsNotTrusted() throws Exception {
        byte[] attacker = new byte[64];
        String jwk = "{\"kty\":\"oct\",\"k\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(attacker) + "\"}";
        String forged = hmacToken("{\"alg\":\"HS512\",\"jwk\":" + jwk + "}", GOOD_CLAIMS + "}", attacker, "HmacSHA512");
        assertThat(reasons(verifyPlatform(forged, platform(null)))).containsExactly("bad_signature");
    }

    /** RFC 8725 §2.1 and §3.1: the verifier, not the token, fixes the algorithm. */
    @Test
    void anAlgorithmOutsideTheProfileIsRefused_evenWithTheRightSecret() throws Exception {
        String hs256 = hmacToken("{\"alg\":\"HS256\"}", GOOD_CLAIMS + "}", platformSecret(), "HmacSHA256");
        assertThat(reasons(verifyPlatform(hs256, platform(null)))).containsExactly("alg_not_allowed");
    }

    /** RFC 8725 §2.2 and §3.5: HMAC keys at least as long as the hash (RFC 7518 §3.2). */
    @Test
    void aSecretShorterThanTheHashIsWeak() throws Exception {
        byte[] shortSecret = "only-32-bytes-of-secret-material".getBytes(StandardCharsets.UTF_8);
        String token = hmacToken(HS512, GOOD_CLAIMS + "}", shortSecret, "HmacSHA512");
        JwtVerifier.Result result = JwtVerifier.verify(token, List.of(JwtKeys.secret(shortSecret)), platform(null));
        assertThat(reasons(result)).containsExactly("key_weak");
    }

    @Test
    void unknownCriticalExtensionsAreRefused() throws Exception {
        String token = platformToken("{\"alg\":\"HS512\",\"crit\":[\"exp\"],\"exp\":1}", GOOD_CLAIMS + "}");
        assertThat(reasons(verifyPlatform(token, platform(null)))).containsExactly("crit_unsupported");
    }

    @Test
    void aTokenWithoutExpiryIsRefused_soAreFutureIatAndNbf() throws Exception {
        String noExp = platformToken(HS512, GOOD_CLAIMS.replace(",\"exp\":4102444800", "") + "}");
        assertThat(reasons(verifyPlatform(noExp, platform(null)))).containsExactly("claim_missing", "claim_missing");
        String future = platformToken(HS512, GOOD_CLAIMS.replace("1700000000", "4000000000") + ",\"nbf\":4000000000}");
        assertThat(reasons(verifyPlatform(future, platform(null))))
                .containsExactlyInAnyOrder("not_yet_valid", "issued_in_future");
    }

    /** RFC 7515 §5.2: duplicate member names are refused, not resolved one way or the other. */
    @Test
    void claimsThatAreNotWellFormedFail() throws Exception {
        String stringExp = platformToken(HS512, GOOD_CLAIMS.replace("4102444800", "\"4102444800\"") + "}");
        assertThat(reasons(verifyPlatform(stringExp, platform(null)))).contains("claim_malformed");
        String duplicated = platformToken(HS512, GOOD_CLAIMS + ",\"sub\":\"admin\"}");
        assertThat(reasons(verifyPlatform(duplicated, platform(null)))).containsExactly("claims_malformed");
        String array = platformToken(HS512, "[1,2]");
        assertThat(reasons(verifyPlatform(array, platform(null)))).containsExactly("claims_malformed");
    }

    /** RFC 8725 §2.6 and §3.7: only UTF-8; a UTF-16 payload is not read as JSON by guessing. */
    @Test
    void aPayloadInAnotherEncodingIsRefused() throws Exception {
        String token = hmacToken(
                HS512, (GOOD_CLAIMS + "}").getBytes(StandardCharsets.UTF_16BE), platformSecret(), "HmacSHA512");
        assertThat(reasons(verifyPlatform(token, platform(null)))).containsExactly("claims_malformed");
    }

    /** RFC 8725 §2.7: a token minted for one service must not be accepted by another. */
    @Test
    void aTokenForAnotherIssuerOrAudienceIsRefused() throws Exception {
        String other = platformToken(
                HS512, GOOD_CLAIMS.replace("devskyy-platform", "evil").replace("\"devskyy-api\"", "[\"other\"]") + "}");
        assertThat(reasons(verifyPlatform(other, platform(null))))
                .containsExactlyInAnyOrder("issuer_mismatch", "audience_mismatch");
    }

    /** RFC 8725 §2.8 and §3.11: an access token is not a refresh token, nor an API key. */
    @Test
    void aRefreshTokenCannotPassAsAnAccessToken() {
        assertThat(reasons(verifyPlatform(token("refresh"), platform("access"))))
                .containsExactly("type_mismatch");
        assertThat(reasons(verifyPlatform(token("refresh"), platform("api_key"))))
                .containsExactly("type_mismatch");
    }

    /** RFC 8725 §2.9: URLs in the header (jku, x5u) are never fetched; the configured key decides. */
    @Test
    void keyUrlsInTheHeaderAreNeverFollowed() throws Exception {
        String header = "{\"alg\":\"HS512\",\"jku\":\"http://127.0.0.1:9/keys\",\"x5u\":\"file:///etc/passwd\","
                + "\"kid\":\"../../dev/null\"}";
        String token = platformToken(header, GOOD_CLAIMS + "}");
        assertThat(reasons(verifyPlatform(token, platform(null)))).containsExactly("kid_unknown");
        String noKid = platformToken(header.replace(",\"kid\":\"../../dev/null\"", ""), GOOD_CLAIMS + "}");
        assertThat(verifyPlatform(noKid, platform(null)).valid()).isTrue();
    }

    @Test
    void malformedTokensFailCleanly() {
        for (String bad : List.of("", "a.b", "a.b.c.d", "!!!.e30.", "e30.e30.e30", "x".repeat(300_000))) {
            JwtVerifier.Result result = verifyPlatform(bad, platform(null));
            assertThat(result.valid()).as(bad.length() > 20 ? "huge" : bad).isFalse();
            assertThat(result.failures()).isNotEmpty();
        }
    }

    @Test
    void decodeShowsUnverifiedContent_andRejectsNonTokens() {
        JsonNode[] parts = JwtVerifier.decodeUnverified(token("expired"));
        assertThat(parts[0].get("alg").asText()).isEqualTo("HS512");
        assertThat(parts[1].get("jti").asText()).isEqualTo("jti-old");
        assertThatThrownBy(() -> JwtVerifier.decodeUnverified("a.b")).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> JwtVerifier.decodeUnverified("e30.bm90IGpzb24."))
                .isInstanceOf(JwtException.class);
    }
}
