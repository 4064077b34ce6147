package dev.devskyy.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One request to run a tool, as a face received it. Built with {@link #builder}: a face names the
 * tool, its arguments and who asks with what grants, and sets only the few optional parts it has.
 *
 * @param timeout overrides the tool's own timeout when not null
 * @param idempotencyKey null when the caller gave none
 * @param metadata settings from the caller's own configuration (e.g. where keys are), never from a
 *     remote client
 * @param streams the caller's stdin and stdout, or null (MCP callers have none)
 * @param correlationId what the audit line and the result name this call by; null for a fresh
 *     random one. A face sets it only from an identifier it has validated (e.g. a caller's
 *     distributed-trace context), since it goes into the audit log as it is.
 * @param agent the profile the caller acts as, whose allowlist the call must pass; null for none
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
        CallerStreams streams,
        String correlationId,
        AgentProfile agent) {

    public ToolCallRequest {
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(grants, "grants");
        metadata = Map.copyOf(metadata);
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(observer, "observer");
    }

    /**
     * A request for {@code toolName} from {@code caller}: its actor, grants and agent. Unless set, it
     * has no idempotency key, no timeout override, no metadata, a cancellation nobody signals, no
     * observer, no streams and a random correlation id.
     */
    public static Builder builder(String toolName, JsonNode arguments, Caller caller) {
        return new Builder(toolName, arguments, caller.actor(), caller.grants()).agent(caller.agent());
    }

    /** The optional parts of a {@link ToolCallRequest}; each setter replaces the previous value. */
    public static final class Builder {
        private final String toolName;
        private final JsonNode arguments;
        private final String actor;
        private final Grants grants;
        private String idempotencyKey;
        private Duration timeout;
        private Map<String, String> metadata = Map.of();
        private Cancellation cancellation = new Cancellation();
        private CallObserver observer = CallObserver.NONE;
        private CallerStreams streams;
        private String correlationId;
        private AgentProfile agent;

        private Builder(String toolName, JsonNode arguments, String actor, Grants grants) {
            this.toolName = toolName;
            this.arguments = arguments;
            this.actor = actor;
            this.grants = grants;
        }

        /** Null for none. */
        public Builder idempotencyKey(String value) {
            idempotencyKey = value;
            return this;
        }

        /** Null to keep the tool's own timeout. */
        public Builder timeout(Duration value) {
            timeout = value;
            return this;
        }

        public Builder metadata(Map<String, String> value) {
            metadata = value;
            return this;
        }

        public Builder cancellation(Cancellation value) {
            cancellation = value;
            return this;
        }

        public Builder observer(CallObserver value) {
            observer = value;
            return this;
        }

        public Builder streams(CallerStreams value) {
            streams = value;
            return this;
        }

        /** Null for a fresh random one. */
        public Builder correlationId(String value) {
            correlationId = value;
            return this;
        }

        /** Null for none. */
        public Builder agent(AgentProfile value) {
            agent = value;
            return this;
        }

        public ToolCallRequest build() {
            return new ToolCallRequest(
                    toolName,
                    arguments,
                    actor,
                    grants,
                    idempotencyKey,
                    timeout,
                    metadata,
                    cancellation,
                    observer,
                    streams,
                    correlationId,
                    agent);
        }
    }
}
