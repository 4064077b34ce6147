package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * W3C Trace Context in a request's {@code _meta} (the 2026-07-28 keys {@code traceparent} and
 * {@code tracestate}, accepted from either era): a valid {@code traceparent} becomes the call's
 * correlation id, so its audit line can be found from the client's trace. Anything else is ignored,
 * never refused and never logged: the value comes from the caller, who may be hostile.
 * {@code tracestate} is vendor data with nothing for the audit; it is tolerated and left unread.
 */
final class TraceContext {
    static final String TRACEPARENT = "traceparent";
    /** Version 00: {@code 00-<trace-id>-<parent-id>-<flags>}, lowercase hex only. */
    private static final Pattern VERSION_00 = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");

    private static final int LENGTH = 55;
    private static final String INVALID_TRACE_ID = "0".repeat(32);
    private static final String INVALID_PARENT_ID = "0".repeat(16);

    private TraceContext() {}

    /**
     * The whole {@code traceparent} when it is valid: it names the trace and the client's own span
     * (so a trace viewer finds the exact caller), and holds only hex digits and dashes, so it is
     * safe in a log line. Empty otherwise, and then the runtime picks a random id.
     */
    static Optional<String> correlationId(JsonNode meta) {
        JsonNode value = meta.get(TRACEPARENT);
        // the length first: a 10 KB value is dismissed without a look at its contents
        if (value == null || !value.isTextual() || value.asText().length() != LENGTH) {
            return Optional.empty();
        }
        Matcher parts = VERSION_00.matcher(value.asText());
        if (!parts.matches()
                || parts.group(1).equals(INVALID_TRACE_ID)
                || parts.group(2).equals(INVALID_PARENT_ID)) {
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }
}
