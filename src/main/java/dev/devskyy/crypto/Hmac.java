package dev.devskyy.crypto;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 with any key, the empty one included. */
final class Hmac {
    static final int LENGTH = 32;

    private Hmac() {}

    static Mac sha256(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // HMAC pads short keys with zeros to the block size, so the empty key is the same key as
            // one zero byte; the JDK refuses an empty SecretKeySpec, so give it the equivalent.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }
}
