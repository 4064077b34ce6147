package dev.devskyy.crypto;

import javax.crypto.Mac;

/** HKDF-SHA256 (RFC 5869): the JDK 17 platform has no HKDF of its own. */
public final class Hkdf {
    /** RFC 5869 §2.3: at most 255 blocks of output. */
    public static final int MAX_OUTPUT = 255 * Hmac.LENGTH;

    private Hkdf() {}

    /**
     * Extract-then-expand.
     *
     * @param salt an empty salt means HashLen zero bytes, as the RFC says
     */
    public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
        if (length < 0 || length > MAX_OUTPUT) {
            throw new IllegalArgumentException("HKDF-SHA256 output is 0 to " + MAX_OUTPUT + " bytes, not " + length);
        }
        byte[] prk =
                Hmac.sha256(salt.length == 0 ? new byte[Hmac.LENGTH] : salt).doFinal(ikm);
        Mac expand = Hmac.sha256(prk);
        byte[] okm = new byte[length];
        byte[] block = new byte[0];
        for (int i = 1, done = 0; done < length; i++) {
            expand.update(block);
            expand.update(info);
            expand.update((byte) i);
            block = expand.doFinal();
            int n = Math.min(block.length, length - done);
            System.arraycopy(block, 0, okm, done, n);
            done += n;
        }
        return okm;
    }
}
