package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where the messages for one client go: stdout for stdio ({@link MessageWriter}), the HTTP response
 * of the request they belong to for Streamable HTTP.
 */
@FunctionalInterface
interface Outbox {
    /** Sends {@code message} whole, or throws {@link java.io.UncheckedIOException} when the client is gone. */
    void send(JsonNode message);

    /**
     * The request this outbox answers will get no answer: its client cancelled it
     * ({@code notifications/cancelled}). An HTTP response then ends without one.
     */
    default void unanswered() {}

    /** For messages nobody listens to: a stateless HTTP client has no stream outside its requests. */
    Outbox NOWHERE = message -> {};
}
