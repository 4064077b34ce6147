package dev.devskyy.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The examples of RFC 7515 Appendix A, byte for byte as the RFC prints them. */
class Rfc7515AppendixTest {
    /** The JWT claims of A.1–A.3, with the RFC's CR LF line breaks inside the JSON. */
    static final String JOE =
            "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";

    static final String A1 =
            "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9." + JOE + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String A1_KEY = """
            {"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}""";

    static final String A2 = "eyJhbGciOiJSUzI1NiJ9." + JOE
            + ".cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdb"
            + "F9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383Lc"
            + "OLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVm"
            + "tVrBp0igcN_IoypGlUPQGe77Rw";
    static final String A2_KEY = """
            {"kty":"RSA","e":"AQAB","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJ\
            PMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdb\
            BYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_\
            h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ"}""";

    static final String A3 = "eyJhbGciOiJFUzI1NiJ9." + JOE
            + ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
    static final String A3_KEY = """
            {"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",\
            "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}""";

    static final String A4 = "eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA.AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_UxMi70cwnZOYaRI1bKPW"
            + "ROc-mZZqwqT2SI-KGDKB34XO0aw_7XdtAG8GaSwFKdCAPZgoXD2YBJZCPEX3xKpRwcdOO8KpEHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9ERB"
            + "XukOXolLzeO_Jn";
    static final String A4_KEY = """
            {"kty":"EC","crv":"P-521",\
            "x":"AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk",\
            "y":"ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2"}""";

    static final String A5 = "eyJhbGciOiJub25lIn0." + JOE + ".";

    /** 2011-03-22T18:00:00Z, before the examples' exp of 18:43. */
    static final Instant THEN = Instant.ofEpochSecond(1300816800);

    static List<VerificationKey> key(String jwk) throws Exception {
        JsonNode node = JsonMapper.builder().build().readTree(jwk);
        return List.of(VerificationKey.parse(node));
    }

    static JwsVerifier.Verified verify(String token, String jwk, JwsAlgorithm alg) throws Exception {
        return JwsVerifier.verify(token, key(jwk), Set.of(alg));
    }

    @Test
    void a1HmacSha256() throws Exception {
        assertThat(verify(A1, A1_KEY, JwsAlgorithm.HS256).header().get("typ").asText())
                .isEqualTo("JWT");
    }

    @Test
    void a2RsassaPkcs1Sha256() throws Exception {
        assertThat(verify(A2, A2_KEY, JwsAlgorithm.RS256).algorithm()).isEqualTo("RS256");
    }

    @Test
    void a3EcdsaP256Sha256() throws Exception {
        assertThat(verify(A3, A3_KEY, JwsAlgorithm.ES256).algorithm()).isEqualTo("ES256");
    }

    /** A.4's payload is the text "Payload", not JSON: a valid JWS, though not a JWT. */
    @Test
    void a4EcdsaP521Sha512() throws Exception {
        assertThat(new String(verify(A4, A4_KEY, JwsAlgorithm.ES512).payload(), StandardCharsets.US_ASCII))
                .isEqualTo("Payload");
    }

    /** A.5 is an unsecured JWS; RFC 8725 §3.1 says never accept one where a signature is expected. */
    @Test
    void a5UnsecuredIsRefused() {
        assertThatThrownBy(() -> verify(A5, A1_KEY, JwsAlgorithm.HS256))
                .isInstanceOf(JwtException.class)
                .hasFieldOrPropertyWithValue("reason", "alg_none");
    }

    @Test
    void theExamplesAreValidJwtsBeforeTheirExpiry_andExpiredNow() throws Exception {
        JwtPolicy then = new JwtPolicy(
                Set.of("HS256"), "joe", null, null, List.of(), Duration.ZERO, null, Set.of(), true, null, THEN);
        JwtVerifier.Result result = JwtVerifier.verify(A1, key(A1_KEY), then);
        assertThat(result.failures()).isEmpty();
        assertThat(result.claims().get("http://example.com/is_root").asBoolean())
                .isTrue();
        JwtPolicy now = new JwtPolicy(
                Set.of("HS256"),
                "joe",
                null,
                null,
                List.of(),
                Duration.ZERO,
                null,
                Set.of(),
                true,
                null,
                Instant.now());
        assertThat(JwtVerifier.verify(A1, key(A1_KEY), now).failures())
                .extracting(JwtVerifier.Failure::reason)
                .containsExactly("expired");
    }

    @Test
    void anyAlteredByteFailsTheSignature() throws Exception {
        for (int i = 0; i < A3.length(); i += 7) {
            char c = A3.charAt(i);
            if (c == '.') {
                continue;
            }
            String altered = A3.substring(0, i) + (c == 'A' ? 'B' : 'A') + A3.substring(i + 1);
            assertThatThrownBy(() -> verify(altered, A3_KEY, JwsAlgorithm.ES256))
                    .as("position " + i)
                    .isInstanceOf(JwtException.class);
        }
    }
}
