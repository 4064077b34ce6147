package dev.devskyy.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per call. Lines carry a keyed fingerprint of the arguments (HMAC-SHA256 under the
 * installation secret), never the arguments themselves nor a plain hash of them, so the log can be
 * kept and shared without leaking what was processed, even a four-digit PIN.
 */
public interface AuditLog {
    /**
     * The facts of one finished call. {@code toolVersion} is null when the tool was not found;
     * {@code argumentsHmac} is null when the installation secret could not be read or made;
     * {@code agent} is null when the caller acted as no agent.
     */
    record Entry(
            Instant time,
            String correlationId,
            String actor,
            String agent,
            String tool,
            String toolVersion,
            String argumentsHmac,
            String outcome,
            long durationMillis,
            int attempts,
            boolean replayed) {

        public String toJsonLine() {
            ObjectNode node = Json.object();
            node.put("time", time.toString());
            node.put("correlationId", correlationId);
            node.put("actor", actor);
            node.put("agent", agent);
            node.put("tool", tool);
            node.put("toolVersion", toolVersion);
            node.put("argumentsHmac", argumentsHmac);
            node.put("outcome", outcome);
            node.put("durationMs", durationMillis);
            node.put("attempts", attempts);
            node.put("replayed", replayed);
            return Json.compact(node) + "\n";
        }
    }

    void record(Entry entry);

    AuditLog DISCARD = entry -> {};

    /** How long a line waits for another process's lock on the file before it is reported as lost. */
    Duration LOCK_PATIENCE = Duration.ofSeconds(10);

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
     * Lines appended to a file that other processes may append to at the same moment. The lines of
     * calls that finish together go in one batch ({@link GroupCommit}): one write of whole lines
     * under an exclusive lock on an O_APPEND channel, opened per batch (a rotated file is followed),
     * so lines never interleave, within this process or across processes. A call's line is in the
     * file before {@link #record} returns, so before its answer is sent. The file is created 0600 and
     * missing directories 0700. A failure to write is reported on the log and never fails the call
     * it describes.
     */
    static AuditLog appendingTo(Path file) {
        Logger log = LoggerFactory.getLogger(AuditLog.class);
        Set<OpenOption> append = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        GroupCommit<byte[]> lines = new GroupCommit<>(batch -> {
            ByteBuffer bytes = ByteBuffer.allocate(
                    batch.stream().mapToInt(line -> line.length).sum());
            batch.forEach(bytes::put);
            bytes.flip();
            // One JVM may not hold two overlapping locks on a file: its own appenders queue here.
            synchronized (AuditLog.class) {
                try (FileChannel channel = openAppending(file, append)) {
                    // A batch takes microseconds to write: a lock held for long means a stopped
                    // process, which must not stop these calls too. Held until the channel closes.
                    long deadline = System.nanoTime() + LOCK_PATIENCE.toNanos();
                    Waiting.forFileLock(channel, () -> System.nanoTime() > deadline);
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                } catch (CancellationException e) {
                    throw new IOException(
                            "another process held the lock for over " + LOCK_PATIENCE.toSeconds() + " s", e);
                }
            }
        });
        return entry -> {
            try {
                lines.write(entry.toJsonLine().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                log.warn("could not write the audit log {}: {}", file, e.toString());
            }
        };
    }

    /**
     * The log file, opened to append; its missing directories are created (0700) only when the open
     * finds them missing, not before every batch (a mkdir that fails with EEXIST, and its exception,
     * on every call).
     */
    private static FileChannel openAppending(Path file, Set<OpenOption> append) throws IOException {
        try {
            return FileChannel.open(file, append, StateDirectory.privateFile());
        } catch (NoSuchFileException e) {
            StateDirectory.createPrivateDirectories(file.toAbsolutePath().getParent());
            return FileChannel.open(file, append, StateDirectory.privateFile());
        }
    }
}
