package dev.devskyy.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DevSkyy platform's envelope, byte for byte: {@code v{N}:{base64(iv)}:{base64(ct‖tag)}},
 * standard base64 with padding, a random 96-bit IV, AES-256-GCM, and the AAD
 * {@code devskyy-platform-v3} unless another non-empty one is given.
 */
public final class PlatformEnvelope {
    public static final byte[] DEFAULT_AAD = "devskyy-platform-v3".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern SHAPE = Pattern.compile("(v[1-9][0-9]{0,8}):([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PlatformEnvelope() {}

    public static String seal(MasterKeys keys, byte[] plaintext, byte[] aad) {
        byte[] iv = new byte[AesGcm.NONCE_BYTES];
        RANDOM.nextBytes(iv);
        byte[] sealed = AesGcm.create().seal(keys.current(), iv, effective(aad), plaintext);
        Base64.Encoder base64 = Base64.getEncoder();
        return keys.currentVersion() + ":" + base64.encodeToString(iv) + ":" + base64.encodeToString(sealed);
    }

    /**
     * @throws CryptoException FORMAT for a malformed envelope, KEY for an unknown version,
     *     AUTHENTICATION for a wrong key, AAD or altered data
     */
    public static byte[] open(MasterKeys keys, String envelope, byte[] aad) {
        Matcher m = SHAPE.matcher(envelope.strip());
        if (!m.matches()) {
            throw new CryptoException(CryptoException.Kind.FORMAT, "not a platform envelope (v{N}:{iv}:{ciphertext})");
        }
        byte[] iv = decode(m.group(2), "IV");
        if (iv.length != AesGcm.NONCE_BYTES) {
            throw new CryptoException(CryptoException.Kind.FORMAT, "envelope IV is " + iv.length + " bytes, not 12");
        }
        return AesGcm.create().open(keys.forVersion(m.group(1)), iv, effective(aad), decode(m.group(3), "ciphertext"));
    }

    /** The same plaintext and AAD, sealed again under the current key (key rotation). */
    public static String rotate(MasterKeys keys, String envelope, byte[] aad) {
        return seal(keys, open(keys, envelope, aad), aad);
    }

    /** As the platform does: no AAD, or an empty one, means the default. */
    private static byte[] effective(byte[] aad) {
        return aad == null || aad.length == 0 ? DEFAULT_AAD : aad;
    }

    private static byte[] decode(String base64, String what) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new CryptoException(CryptoException.Kind.FORMAT, "envelope " + what + " is not valid base64");
        }
    }
}
