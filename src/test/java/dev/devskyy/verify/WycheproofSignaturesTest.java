package dev.devskyy.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.testing.Wycheproof;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The signature primitives under the JWS verifier, against the Wycheproof ECDSA (P1363), RSA
 * PKCS#1 v1.5, Ed25519 and HMAC vectors: the key passes the same key policy as a JWK would, then
 * the verdict must be the expected one. The only "acceptable" vectors (RSA DigestInfo without its
 * NULL parameter, which RFC 8017 §9.2 note 2 lets verifiers accept) are left to the JDK.
 */
class WycheproofSignaturesTest {
    /** The vectors whose verdict differs from the expected one. */
    static List<String> disagreements(String file, JwsAlgorithm alg) throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Wycheproof.Case c : Wycheproof.cases(file)) {
            if (c.result().equals("acceptable")) {
                continue; // either verdict is right
            }
            if (!verdict(c, alg).equals(c.result())) {
                wrong.add(c + " expected " + c.result());
            }
        }
        return wrong;
    }

    /** The group's JWK; the edge-case groups give only the point, so its JWK is written here. */
    static JsonNode jwk(JsonNode group, JwsAlgorithm alg) {
        for (String member : List.of("keyJwk", "publicKeyJwk")) {
            if (group.has(member)) {
                return group.get(member);
            }
        }
        JsonNode point = group.get("publicKey");
        ObjectNode jwk = JsonMapper.builder().build().createObjectNode();
        return jwk.put("kty", "EC")
                .put("crv", alg == JwsAlgorithm.ES256 ? "P-256" : "P-384")
                .put("x", JwtKeys.fixed(new BigInteger(point.get("wx").asText(), 16), alg.size))
                .put("y", JwtKeys.fixed(new BigInteger(point.get("wy").asText(), 16), alg.size));
    }

    static String verdict(Wycheproof.Case c, JwsAlgorithm alg) {
        try {
            VerificationKey key = VerificationKey.parse(jwk(c.group(), alg));
            return JwsVerifier.signatureValid(alg, key, c.hex("msg"), c.hex("sig")) ? "valid" : "invalid";
        } catch (JwtException e) {
            return "invalid";
        }
    }

    /**
     * JDK 17's SunEC compares x(R) with r without reducing it mod n (SEC 1 §4.1.4 step 7), so it
     * refuses the two valid signatures per curve whose x(R) exceeds n: a false negative, never a
     * forgery. JDK 25's does reduce (checked on 17.0.15 and 25).
     */
    static final boolean JDK_REDUCES_X = Runtime.version().feature() >= 25;

    @Test
    void ecdsaP256() throws Exception {
        assertThat(disagreements("ecdsa_secp256r1_sha256_p1363_test.json", JwsAlgorithm.ES256))
                .containsExactlyInAnyOrderElementsOf(
                        JDK_REDUCES_X
                                ? List.of()
                                : List.of(
                                        "tcId 115 k*G has a large x-coordinate expected valid",
                                        "tcId 257 r = 3, x = n + 3 is the smallest possible x with a reduction expected valid"));
    }

    @Test
    void ecdsaP384() throws Exception {
        assertThat(disagreements("ecdsa_secp384r1_sha384_p1363_test.json", JwsAlgorithm.ES384))
                .containsExactlyInAnyOrderElementsOf(
                        JDK_REDUCES_X
                                ? List.of()
                                : List.of(
                                        "tcId 147 k*G has a large x-coordinate expected valid",
                                        "tcId 275 r = 2, x = n + 2 is the smallest possible x with a reduction expected valid"));
    }

    @Test
    void ed25519() throws Exception {
        assertThat(disagreements("ed25519_test.json", JwsAlgorithm.EdDSA)).isEmpty();
    }

    @Test
    void rsaPkcs1_2048() throws Exception {
        assertThat(disagreements("rsa_signature_2048_sha256_test.json", JwsAlgorithm.RS256))
                .isEmpty();
    }

    @Test
    void rsaPkcs1_3072() throws Exception {
        assertThat(disagreements("rsa_signature_3072_sha256_test.json", JwsAlgorithm.RS256))
                .isEmpty();
    }

    /**
     * JWS HMAC uses the whole tag and (RFC 7518 §3.2) a key at least as long as it, so only the
     * groups with full-length tags and long-enough keys are in scope; the others must all be refused.
     */
    @Test
    void hmac() throws Exception {
        for (JwsAlgorithm alg : List.of(JwsAlgorithm.HS256, JwsAlgorithm.HS384, JwsAlgorithm.HS512)) {
            String file = "hmac_sha" + alg.name().substring(2) + "_test.json";
            List<String> wrong = new ArrayList<>();
            int inScope = 0;
            for (Wycheproof.Case c : Wycheproof.cases(file)) {
                boolean jwsShaped = c.group().get("tagSize").asInt() == alg.size * 8
                        && c.group().get("keySize").asInt() >= alg.size * 8;
                String expected = jwsShaped && c.result().equals("valid") ? "valid" : "invalid";
                inScope += jwsShaped ? 1 : 0;
                if (!hmacVerdict(c, alg).equals(expected)) {
                    wrong.add(file + " " + c + " expected " + expected);
                }
            }
            assertThat(wrong).isEmpty();
            assertThat(inScope).as(file).isGreaterThan(30);
        }
    }

    static String hmacVerdict(Wycheproof.Case c, JwsAlgorithm alg) {
        try {
            return JwsVerifier.signatureValid(alg, JwtKeys.secret(c.hex("key")), c.hex("msg"), c.hex("tag"))
                    ? "valid"
                    : "invalid";
        } catch (JwtException e) {
            return "invalid";
        }
    }
}
