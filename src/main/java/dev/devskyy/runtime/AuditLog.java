package dev.devskyy.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per call. Lines carry a hash of the arguments, never the arguments themselves,
 * so the log can be kept and shared without leaking what was processed.
 */
public interface AuditLog {
    /** The facts of one finished call. {@code toolVersion} is null when the tool was not found. */
    record Entry(
            Instant time,
            String correlationId,
            String actor,
            String tool,
            String toolVersion,
            String argumentsSha256,
            String outcome,
            long durationMillis,
            int attempts,
            boolean replayed) {

        public String toJsonLine() {
            ObjectNode node = Json.object();
            node.put("time", time.toString());
            node.put("correlationId", correlationId);
            node.put("actor", actor);
            node.put("tool", tool);
            node.put("toolVersion", toolVersion);
            node.put("argumentsSha256", argumentsSha256);
            node.put("outcome", outcome);
            node.put("durationMs", durationMillis);
            node.put("attempts", attempts);
            node.put("replayed", replayed);
            return Json.compact(node) + "\n";
        }
    }

    void record(Entry entry);

    AuditLog DISCARD = entry -> {};

    /** Lines written to a stream, e.g. stderr for {@code --audit-log -}. */
    static AuditLog to(PrintStream stream) {
        return entry -> {
            synchronized (stream) {
                stream.print(entry.toJsonLine());
                stream.flush();
            }
        };
    }

    /**
     * Lines appended to a file that other processes may append to at the same moment. Each line
     * is one write under an exclusive lock on an O_APPEND channel, so lines never interleave.
     * A failure to write is reported on the log and never fails the call it describes.
     */
    static AuditLog appendingTo(Path file) {
        Logger log = LoggerFactory.getLogger(AuditLog.class);
        return entry -> {
            ByteBuffer line = ByteBuffer.wrap(entry.toJsonLine().getBytes(StandardCharsets.UTF_8));
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                // One JVM may not hold two overlapping locks on a file: its own threads queue here.
                synchronized (AuditLog.class) {
                    try (FileChannel channel = FileChannel.open(
                            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                        FileLock lock = channel.lock();
                        try {
                            while (line.hasRemaining()) {
                                channel.write(line);
                            }
                        } finally {
                            lock.release();
                        }
                    }
                }
            } catch (IOException e) {
                log.warn("could not write the audit log {}: {}", file, e.toString());
            }
        };
    }
}
