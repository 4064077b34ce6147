package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.GroupCommit;
import dev.devskyy.runtime.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The only way to the protocol stream: one JSON-RPC message per line, UTF-8, {@code \n} only.
 * Messages are serialized by the sending thread; the messages sent while a write is in progress go
 * out together in the next one ({@link GroupCommit}), each whole, through one buffer flushed once
 * per batch (a message larger than the buffer goes out directly, never copied). {@link #send}
 * returns once its message is written.
 */
final class MessageWriter implements Outbox {
    private static final int BUFFER_BYTES = 64 << 10;

    private final GroupCommit<byte[]> lines;

    MessageWriter(OutputStream out) {
        // touched only by the caller whose turn it is to write (GroupCommit hands the turn over)
        BufferedOutputStream buffered = new BufferedOutputStream(out, BUFFER_BYTES);
        this.lines = new GroupCommit<>(batch -> {
            for (byte[] json : batch) {
                buffered.write(json);
                buffered.write('\n');
            }
            buffered.flush();
        });
    }

    @Override
    public void send(JsonNode message) {
        try {
            lines.write(Json.bytes(message));
        } catch (IOException e) {
            throw new UncheckedIOException("the client closed its input", e);
        }
    }
}
