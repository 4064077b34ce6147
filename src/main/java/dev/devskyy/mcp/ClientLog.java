package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log records for the client: each goes to stderr, and as {@code notifications/message} to the
 * client when it asked for records of that level. A modern request asks for itself alone, with
 * {@code io.modelcontextprotocol/logLevel} in its {@code _meta} (without it, it hears nothing); a
 * legacy client asks for the session, once it has sent {@code notifications/initialized}, with
 * {@code logging/setLevel}.
 */
final class ClientLog {
    private final Outbox outbox;
    private volatile boolean clientInitialized;
    private volatile LogLevel threshold = LogLevel.WARNING;

    /** @param outbox where records about no request go */
    ClientLog(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Looked up when first needed: starting logback is not part of the handshake. */
    private static Logger log() {
        return LoggerFactory.getLogger(ClientLog.class);
    }

    /** {@code notifications/initialized}: the client is ready for log notifications. */
    void clientInitialized() {
        clientInitialized = true;
    }

    /** {@code logging/setLevel}. */
    void setLevel(Request request) {
        var level = LogLevel.parse(request.params().path("level").asText(""));
        if (level.isEmpty()) {
            request.fail(JsonRpc.INVALID_PARAMS, "Invalid params: level must be one of " + LogLevel.wireNames());
            return;
        }
        threshold = level.get();
        request.respond(Json.object());
    }

    /**
     * A record about {@code request}. Messages are built by devskyy and tools, never from call
     * arguments.
     */
    void send(Request request, LogLevel level, String logger, String message) {
        boolean wanted =
                request.modern() ? request.logLevel().map(level::atLeast).orElse(false) : legacyWants(level);
        record(level, logger, message, wanted ? request.peer().outbox() : null);
    }

    /** A record about no request (e.g. a line too long to read): only a legacy client hears of it. */
    void send(LogLevel level, String logger, String message) {
        record(level, logger, message, legacyWants(level) ? outbox : null);
    }

    /** To stderr only: for work the client is not listening to (a task, which gets no notifications). */
    void local(LogLevel level, String logger, String message) {
        record(level, logger, message, null);
    }

    private boolean legacyWants(LogLevel level) {
        return clientInitialized && level.atLeast(threshold);
    }

    /** @param client where the client hears of it, or null when it does not */
    private static void record(LogLevel level, String logger, String message, Outbox client) {
        if (level.atLeast(LogLevel.WARNING)) {
            log().warn("{} {}: {}", level.wireName(), logger, message);
        } else {
            log().info("{} {}: {}", level.wireName(), logger, message);
        }
        if (client != null) {
            ObjectNode params = Json.object();
            params.put("level", level.wireName());
            params.put("logger", logger);
            params.put("data", message);
            client.send(JsonRpc.notification("notifications/message", params));
        }
    }
}
