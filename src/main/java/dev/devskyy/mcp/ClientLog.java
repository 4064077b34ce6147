package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log records for the client: each goes to stderr, and as {@code notifications/message} to a
 * client that has sent {@code notifications/initialized}, when it is at or above the level the
 * client asked for with {@code logging/setLevel}.
 */
final class ClientLog {
    private final MessageWriter writer;
    private volatile boolean clientInitialized;
    private volatile LogLevel threshold = LogLevel.WARNING;

    ClientLog(MessageWriter writer) {
        this.writer = writer;
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

    /** Messages are built by devskyy and tools, never from call arguments. */
    void send(LogLevel level, String logger, String message) {
        local(level, logger, message);
        if (clientInitialized && level.atLeast(threshold)) {
            ObjectNode params = Json.object();
            params.put("level", level.wireName());
            params.put("logger", logger);
            params.put("data", message);
            writer.send(JsonRpc.notification("notifications/message", params));
        }
    }

    /** To stderr only: for work the client is not listening to (a task, which gets no notifications). */
    void local(LogLevel level, String logger, String message) {
        if (level.atLeast(LogLevel.WARNING)) {
            log().warn("{} {}: {}", level.wireName(), logger, message);
        } else {
            log().info("{} {}: {}", level.wireName(), logger, message);
        }
    }
}
