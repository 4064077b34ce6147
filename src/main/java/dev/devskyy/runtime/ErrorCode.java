package dev.devskyy.runtime;

/**
 * The one error taxonomy of devskyy. E4xxx: the caller can fix it; E5xxx: devskyy or the tool
 * failed; E6xxx: something outside failed. Codes are stable; documented in docs/errors.md.
 */
public enum ErrorCode {
    E4001("INVALID_INPUT", false),
    E4002("MISSING_PARAMETER", false),
    E4003("PERMISSION_DENIED", false),
    E4004("TOOL_NOT_FOUND", false),
    E4005("IDEMPOTENCY_CONFLICT", false),
    E4006("CANCELLED", false),
    E4007("AUTHENTICATION_FAILED", false),
    E5001("TIMEOUT", true),
    E5002("RETRIES_EXHAUSTED", false),
    E5003("INTERNAL_ERROR", false),
    E5004("DEPENDENCY_FAILURE", true),
    /** The machine failed a file operation: disk full, read-only file system, I/O error, no descriptors. */
    E5005("ENVIRONMENT_ERROR", false),
    E6001("NETWORK_ERROR", true),
    E6002("API_ERROR", false),
    E6003("RATE_LIMITED", true);

    private final String title;
    private final boolean retryableByDefault;

    ErrorCode(String title, boolean retryableByDefault) {
        this.title = title;
        this.retryableByDefault = retryableByDefault;
    }

    /** The upper-case name shown beside the code, e.g. {@code PERMISSION_DENIED}. */
    public String title() {
        return title;
    }

    public boolean retryableByDefault() {
        return retryableByDefault;
    }

    /** {@code E4003 PERMISSION_DENIED}. */
    public String label() {
        return name() + " " + title;
    }
}
