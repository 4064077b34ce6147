package dev.devskyy.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.devskyy.testing.Wycheproof;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Google/C2SP Wycheproof vectors through the very code the formats use. */
class WycheproofVectorsTest {
    @Test
    void aesGcm_all316Vectors() throws Exception {
        List<Wycheproof.Case> cases = Wycheproof.cases("aes_gcm_test.json");
        assertThat(cases).hasSize(316);
        AesGcm gcm = AesGcm.create();
        int checked = 0;
        int refused = 0;
        for (Wycheproof.Case c : cases) {
            byte[] key = c.hex("key");
            byte[] iv = c.hex("iv");
            byte[] aad = c.hex("aad");
            byte[] msg = c.hex("msg");
            byte[] sealed = concat(c.hex("ct"), c.hex("tag"));
            boolean supported =
                    iv.length == AesGcm.NONCE_BYTES && c.group().get("tagSize").asInt() == 128;
            if (!supported) {
                // Sizes the formats never use are refused cleanly, before any cryptography.
                assertThatThrownBy(() -> gcm.open(key, iv, aad, sealed))
                        .as(c.toString())
                        .isInstanceOfSatisfying(
                                CryptoException.class,
                                e -> assertThat(e.kind()).isEqualTo(CryptoException.Kind.UNSUPPORTED));
                refused++;
                continue;
            }
            if ("valid".equals(c.result())) {
                assertThat(gcm.seal(key, iv, aad, msg)).as(c.toString()).isEqualTo(sealed);
                assertThat(gcm.open(key, iv, aad, sealed)).as(c.toString()).isEqualTo(msg);
            } else {
                assertThatThrownBy(() -> gcm.open(key, iv, aad, sealed))
                        .as(c.toString())
                        .isInstanceOfSatisfying(
                                CryptoException.class,
                                e -> assertThat(e.kind()).isEqualTo(CryptoException.Kind.AUTHENTICATION));
            }
            checked++;
        }
        assertThat(checked + refused).isEqualTo(316);
        assertThat(checked).isEqualTo(197);
    }

    @Test
    void hkdfSha256_allVectors() throws Exception {
        for (Wycheproof.Case c : Wycheproof.cases("hkdf_sha256_test.json")) {
            int size = c.test().get("size").asInt();
            if ("valid".equals(c.result())) {
                assertThat(Hkdf.derive(c.hex("ikm"), c.hex("salt"), c.hex("info"), size))
                        .as(c.toString())
                        .isEqualTo(c.hex("okm"));
            } else {
                assertThatThrownBy(() -> Hkdf.derive(c.hex("ikm"), c.hex("salt"), c.hex("info"), size))
                        .as(c.toString())
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void pbkdf2HmacSha256_allVectors() throws Exception {
        for (Wycheproof.Case c : Wycheproof.cases("pbkdf2_hmacsha256_test.json")) {
            byte[] dk = Pbkdf2.derive(
                    c.hex("password"),
                    c.hex("salt"),
                    c.test().get("iterationCount").asInt(),
                    c.test().get("dkLen").asInt());
            assertThat(c.result()).as(c.toString()).isEqualTo("valid");
            assertThat(dk).as(c.toString()).isEqualTo(c.hex("dk"));
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
