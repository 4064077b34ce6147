package dev.devskyy.runtime;

import org.slf4j.MDC;

/**
 * Names the call a thread is working on in its log lines (the JSON log format writes these keys):
 * set when the call starts on a thread and removed when it ends there, so a pooled thread never
 * lends one call's names to the next. Holds no argument and nothing secret.
 */
final class CallLogContext {
    static final String CORRELATION_ID = "correlationId";
    static final String ACTOR = "actor";
    static final String AGENT = "agent";

    private final String[] previous;

    private CallLogContext(String correlationId, String actor, String agent) {
        previous = new String[] {MDC.get(CORRELATION_ID), MDC.get(ACTOR), MDC.get(AGENT)};
        put(CORRELATION_ID, correlationId);
        put(ACTOR, actor);
        put(AGENT, agent);
    }

    static CallLogContext open(String correlationId, ToolCallRequest request) {
        return new CallLogContext(
                correlationId,
                request.actor(),
                request.agent() == null ? null : request.agent().name());
    }

    static CallLogContext open(ToolCallContext context) {
        return new CallLogContext(
                context.correlationId(), context.actor(), context.agent().orElse(null));
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** Puts back what the thread named before (nothing, outside a nested call). */
    void close() {
        put(CORRELATION_ID, previous[0]);
        put(ACTOR, previous[1]);
        put(AGENT, previous[2]);
    }
}
