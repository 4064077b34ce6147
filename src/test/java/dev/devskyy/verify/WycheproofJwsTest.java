package dev.devskyy.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.testing.Wycheproof;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Wycheproof JWS and JWK vectors: the verifier's verdict must be the expected one. */
class WycheproofJwsTest {
    /** "valid" or "invalid", as this verifier decides with the group's key set and no allowlist. */
    static String verdict(Wycheproof.Case c) {
        if (!c.test().has("jws") || !c.test().get("jws").isTextual()) {
            return "invalid"; // JWE, or the JSON serialization: not JWS compact, not accepted
        }
        try {
            List<VerificationKey> keys = VerificationKey.parseSet(c.group().get("private"));
            JwsVerifier.verify(c.test().get("jws").asText(), keys, Set.of());
            return "valid";
        } catch (JwtException e) {
            return "invalid";
        }
    }

    static List<String> disagreements(String file) throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Wycheproof.Case c : Wycheproof.cases(file)) {
            if (!verdict(c).equals(c.result())) {
                wrong.add(c.group().path("comment").asText() + " " + c + " expected " + c.result());
            }
        }
        return wrong;
    }

    /**
     * 392 of 401 agree. The 9 that do not, on purpose: five RFC 7520 tokens signed with an
     * algorithm other than the one their key declares (PS384 with an "alg":"PS256" key, ES512 with
     * "ES521") or with a key whose key_ops lacks "verify" (["sign, verify"]) — RFC 7517 §4.3–4.4 and
     * RFC 8725 §3.1 say refuse; and four vectors whose labels contradict their bytes: 367 and 370 are
     * byte for byte the valid token yet marked invalid, 372 and 373 carry a '?' inside base64url yet
     * are marked valid.
     */
    @Test
    void jsonWebSignatureVectors() throws Exception {
        assertThat(disagreements("json_web_signature_test.json"))
                .containsExactlyInAnyOrder(
                        "rfc7520 tcId 346 Figure20 expected valid",
                        "rfc7520 tcId 347 Figure27 expected valid",
                        "rfc7520WithKeyOps tcId 349 Figure13 expected valid",
                        "rfc7520WithKeyOps tcId 350 Figure20 expected valid",
                        "rfc7520WithKeyOps tcId 351 Figure27 expected valid",
                        "base64 tcId 367 invalidBase64Padding expected invalid",
                        "base64 tcId 370 invalidBase64PaddingInPayload expected invalid",
                        "base64 tcId 372 InvalidCharacterInsertedInHeader expected valid",
                        "base64 tcId 373 InvalidCharacterInsertedInPayload expected valid");
    }

    @Test
    void jsonWebKeyVectors() throws Exception {
        assertThat(disagreements("json_web_key_test.json")).isEmpty();
    }

    /** 81 of 83: the two valid JWE (encrypted) tokens are refused, since only JWS is verified. */
    @Test
    void jsonWebCryptoVectors() throws Exception {
        assertThat(disagreements("json_web_crypto_test.json"))
                .containsExactlyInAnyOrder(
                        "jwe_aes tcId 50 acceptsValid expected valid", "jwe_ec tcId 67 acceptsValid expected valid");
    }
}
