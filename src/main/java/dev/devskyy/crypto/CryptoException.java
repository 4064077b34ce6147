package dev.devskyy.crypto;

/**
 * A failure of the crypto capability, with a one-line message fit for a user: never key
 * material, never plaintext.
 */
public final class CryptoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, so that faces can choose an error code. */
    public enum Kind {
        /** Wrong key or password, or the data was altered: authentication failed. */
        AUTHENTICATION,
        /** The input is not in the expected format (truncated, bad base64, wrong magic…). */
        FORMAT,
        /** Key material is missing or malformed. */
        KEY,
        /** A format version or parameter this devskyy does not support. */
        UNSUPPORTED
    }

    private final Kind kind;

    public CryptoException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
