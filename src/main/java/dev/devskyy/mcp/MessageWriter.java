package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The only way to the protocol stream: one JSON-RPC message per line, UTF-8, {@code \n} only.
 * Messages are serialized by the sending thread and written whole under one lock, so lines from
 * concurrent calls never interleave.
 */
final class MessageWriter {
    private final OutputStream out;

    MessageWriter(OutputStream out) {
        this.out = out;
    }

    void send(JsonNode message) {
        byte[] bytes = Json.bytes(message);
        synchronized (this) {
            try {
                out.write(bytes);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("the client closed its input", e);
            }
        }
    }
}
