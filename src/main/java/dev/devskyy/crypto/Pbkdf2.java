package dev.devskyy.crypto;

import javax.crypto.Mac;

/**
 * PBKDF2-HMAC-SHA256 (RFC 8018) over password bytes. The JDK's version takes a char[] and
 * re-encodes it, which cannot express every byte string and refuses the empty password.
 */
public final class Pbkdf2 {
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256, and devskyy's floor for new files. */
    public static final int OWASP_ITERATIONS = 600_000;

    private Pbkdf2() {}

    public static byte[] derive(byte[] password, byte[] salt, int iterations, int length) {
        if (iterations < 1 || length < 1) {
            throw new IllegalArgumentException("PBKDF2 needs at least one iteration and one byte of output");
        }
        Mac prf = Hmac.sha256(password);
        byte[] out = new byte[length];
        byte[] u = new byte[Hmac.LENGTH];
        byte[] t = new byte[Hmac.LENGTH];
        for (int block = 1, done = 0; done < length; block++) {
            prf.update(salt);
            prf.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
            doFinal(prf, u);
            System.arraycopy(u, 0, t, 0, t.length);
            for (int i = 1; i < iterations; i++) {
                prf.update(u);
                doFinal(prf, u);
                for (int j = 0; j < t.length; j++) {
                    t[j] ^= u[j];
                }
            }
            int n = Math.min(t.length, length - done);
            System.arraycopy(t, 0, out, done, n);
            done += n;
        }
        return out;
    }

    private static void doFinal(Mac mac, byte[] into) {
        try {
            mac.doFinal(into, 0);
        } catch (javax.crypto.ShortBufferException e) {
            throw new IllegalStateException("an HMAC-SHA256 buffer is 32 bytes", e);
        }
    }
}
