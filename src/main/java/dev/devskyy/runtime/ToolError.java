package dev.devskyy.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;

/**
 * A failure in the taxonomy. Unchecked so that resource checks deep inside a tool can raise it;
 * the runtime turns every one into an error result, never a stack trace.
 */
public final class ToolError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient ObjectNode details;
    private final boolean retryable;
    private final transient Duration retryAfter;

    private ToolError(ErrorCode code, String message, ObjectNode details, boolean retryable, Duration retryAfter) {
        super(message, null, false, false);
        this.code = code;
        this.details = details;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static ToolError of(ErrorCode code, String message) {
        return new ToolError(code, message, Json.object(), code.retryableByDefault(), null);
    }

    /** A copy carrying one more detail; details must never hold secrets or arguments. */
    public ToolError withDetail(String key, Object value) {
        ObjectNode copy = details.deepCopy();
        copy.set(key, Json.tree(value));
        return new ToolError(code, getMessage(), copy, retryable, retryAfter);
    }

    /** A copy with retryability decided by the tool (e.g. an API error that was a 503). */
    public ToolError retryable(boolean value) {
        return new ToolError(code, getMessage(), details, value, retryAfter);
    }

    /** A copy carrying the server's hint of when to try again (e.g. an HTTP Retry-After). */
    public ToolError retryAfter(Duration hint) {
        return new ToolError(code, getMessage(), details, retryable, hint);
    }

    public ErrorCode code() {
        return code;
    }

    public ObjectNode details() {
        return details.deepCopy();
    }

    public boolean isRetryable() {
        return retryable;
    }

    public Optional<Duration> retryAfterHint() {
        return Optional.ofNullable(retryAfter);
    }

    /** {@code E4003 PERMISSION_DENIED: message}, the one-line form shown to people and models. */
    public String oneLine() {
        return code.label() + ": " + getMessage();
    }

    /** The error object carried as structured content: code, name, message, details. */
    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("code", code.name());
        node.put("name", code.title());
        node.put("message", getMessage());
        node.set("details", details.deepCopy());
        return node;
    }
}
