package dev.devskyy.verify;

/**
 * Why a token or key was refused.
 *
 * @see #reason() a stable code, e.g. {@code bad_signature}, {@code alg_not_allowed}
 */
public final class JwtException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public JwtException(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
