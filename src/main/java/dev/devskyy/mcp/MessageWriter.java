package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.GroupCommit;
import dev.devskyy.runtime.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The only way to the protocol stream: one JSON-RPC message per line, UTF-8, {@code \n} only.
 * Messages are serialized by the sending thread; the messages sent while a write is in progress go
 * out together in the next one ({@link GroupCommit}), each whole, and the stream is flushed once
 * per write, when no more messages are queued. {@link #send} returns once its message is written.
 */
final class MessageWriter {
    private final GroupCommit<byte[]> lines;

    MessageWriter(OutputStream out) {
        this.lines = new GroupCommit<>(batch -> write(out, batch));
    }

    private static void write(OutputStream out, List<byte[]> batch) throws IOException {
        if (batch.size() == 1) {
            out.write(batch.get(0));
        } else {
            ByteArrayOutputStream joined = new ByteArrayOutputStream(
                    batch.stream().mapToInt(line -> line.length).sum());
            batch.forEach(joined::writeBytes);
            joined.writeTo(out);
        }
        out.flush();
    }

    void send(JsonNode message) {
        byte[] json = Json.bytes(message);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        try {
            lines.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException("the client closed its input", e);
        }
    }
}
