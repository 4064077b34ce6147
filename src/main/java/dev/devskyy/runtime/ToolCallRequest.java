package dev.devskyy.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One request to run a tool, as a face received it.
 *
 * @param timeout overrides the tool's own timeout when not null
 * @param idempotencyKey null when the caller gave none
 * @param streams the caller's stdin and stdout, or null (MCP callers have none)
 */
public record ToolCallRequest(
        String toolName,
        JsonNode arguments,
        String actor,
        Grants grants,
        String idempotencyKey,
        Duration timeout,
        Map<String, String> metadata,
        Cancellation cancellation,
        CallObserver observer,
        CallerStreams streams) {

    public ToolCallRequest {
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(grants, "grants");
        metadata = Map.copyOf(metadata);
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(observer, "observer");
    }

    /** A request with no key, no timeout override, no metadata, no cancellation and no observer. */
    public static ToolCallRequest of(String toolName, JsonNode arguments, String actor, Grants grants) {
        return new ToolCallRequest(
                toolName, arguments, actor, grants, null, null, Map.of(), new Cancellation(), CallObserver.NONE, null);
    }

    public ToolCallRequest withIdempotencyKey(String key) {
        return new ToolCallRequest(
                toolName, arguments, actor, grants, key, timeout, metadata, cancellation, observer, streams);
    }

    public ToolCallRequest withTimeout(Duration value) {
        return new ToolCallRequest(
                toolName, arguments, actor, grants, idempotencyKey, value, metadata, cancellation, observer, streams);
    }

    /** Settings from the caller's own configuration (e.g. where keys are), never from a remote client. */
    public ToolCallRequest withMetadata(Map<String, String> value) {
        return new ToolCallRequest(
                toolName, arguments, actor, grants, idempotencyKey, timeout, value, cancellation, observer, streams);
    }

    public ToolCallRequest withCancellation(Cancellation value) {
        return new ToolCallRequest(
                toolName, arguments, actor, grants, idempotencyKey, timeout, metadata, value, observer, streams);
    }

    public ToolCallRequest withObserver(CallObserver value) {
        return new ToolCallRequest(
                toolName, arguments, actor, grants, idempotencyKey, timeout, metadata, cancellation, value, streams);
    }

    public ToolCallRequest withStreams(CallerStreams value) {
        return new ToolCallRequest(
                toolName, arguments, actor, grants, idempotencyKey, timeout, metadata, cancellation, observer, value);
    }
}
