package dev.devskyy.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM (NIST SP 800-38D) as every devskyy format uses it: 96-bit nonces and 128-bit tags only,
 * the sizes SP 800-38D recommends; anything else is refused before the cipher sees it. Decryption
 * releases nothing unless the tag verifies (the JDK buffers until {@code doFinal}).
 */
public final class AesGcm {
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;

    private final Cipher cipher;

    private AesGcm(Cipher cipher) {
        this.cipher = cipher;
    }

    /** A reusable instance: one per thread, since a Cipher is not thread-safe. */
    public static AesGcm create() {
        try {
            return new AesGcm(Cipher.getInstance("AES/GCM/NoPadding"));
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw new IllegalStateException("every Java platform has AES/GCM/NoPadding", e);
        }
    }

    /** Encrypts into a new array holding ciphertext ‖ tag. */
    public byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        byte[] out = new byte[plaintext.length + TAG_BYTES];
        seal(key, nonce, aad, plaintext, 0, plaintext.length, out, 0);
        return out;
    }

    /** Encrypts {@code length} bytes into {@code out} at {@code outOffset}; returns the bytes written. */
    public int seal(
            byte[] key, byte[] nonce, byte[] aad, byte[] in, int offset, int length, byte[] out, int outOffset) {
        init(Cipher.ENCRYPT_MODE, key, nonce, aad);
        try {
            return cipher.doFinal(in, offset, length, out, outOffset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Decrypts ciphertext ‖ tag.
     *
     * @throws CryptoException AUTHENTICATION when the tag does not verify, FORMAT when it is shorter than a tag
     */
    public byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed) {
        if (sealed.length < TAG_BYTES) {
            throw new CryptoException(CryptoException.Kind.FORMAT, "ciphertext is shorter than its tag");
        }
        byte[] out = new byte[sealed.length - TAG_BYTES];
        open(key, nonce, aad, sealed, 0, sealed.length, out, 0);
        return out;
    }

    /** Decrypts {@code length} bytes of ciphertext ‖ tag into {@code out}; returns the plaintext length. */
    public int open(
            byte[] key, byte[] nonce, byte[] aad, byte[] in, int offset, int length, byte[] out, int outOffset) {
        if (length < TAG_BYTES) {
            throw new CryptoException(CryptoException.Kind.FORMAT, "ciphertext is shorter than its tag");
        }
        init(Cipher.DECRYPT_MODE, key, nonce, aad);
        try {
            return cipher.doFinal(in, offset, length, out, outOffset);
        } catch (AEADBadTagException e) {
            throw new CryptoException(
                    CryptoException.Kind.AUTHENTICATION,
                    "authentication failed: wrong key or password, or the data was altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private void init(int mode, byte[] key, byte[] nonce, byte[] aad) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new CryptoException(CryptoException.Kind.KEY, "an AES key is 16, 24 or 32 bytes, not " + key.length);
        }
        if (nonce.length != NONCE_BYTES) {
            throw new CryptoException(
                    CryptoException.Kind.UNSUPPORTED, "AES-GCM nonces are 12 bytes here, not " + nonce.length);
        }
        try {
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
        } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("AES-GCM rejected checked parameters", e);
        }
        if (aad.length > 0) {
            cipher.updateAAD(aad);
        }
    }
}
