package dev.devskyy.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Results of successful calls made with an idempotency key, kept on disk so that a re-run CI job
 * replays instead of repeating side effects. One file per (tool, key); entries expire after the
 * TTL; the store holds at most {@code maxEntries}, dropping the oldest first.
 *
 * <p>Concurrency: a call holds its key's lock from lookup to store, so two processes using the
 * same key run the tool once and the second replays. Locks are byte ranges of one lock file
 * (striped by key hash), so no per-key lock files pile up.
 */
public final class IdempotencyStore {
    /** A successful output stored under a key, with the fingerprint of the arguments that made it. */
    public record Stored(String argumentsSha256, ToolOutput output) {}

    /** Held while a key is in use; closing releases it. */
    public interface KeyLock extends AutoCloseable {
        @Override
        void close();
    }

    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    private static final int STRIPES = 1024;
    private static final String SUFFIX = ".json";

    private final Path directory;
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    public IdempotencyStore(Path directory, Duration ttl, int maxEntries, Clock clock) {
        this.directory = directory;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** The store under {@code stateDirectory/idempotency} with the default TTL and size. */
    public static IdempotencyStore in(Path stateDirectory) {
        return new IdempotencyStore(
                stateDirectory.resolve("idempotency"), DEFAULT_TTL, DEFAULT_MAX_ENTRIES, Clock.systemUTC());
    }

    /** Waits until no other thread or process uses this key, then holds it. */
    public KeyLock lock(String tool, String key) {
        String id = entryId(tool, key);
        int stripe = Math.floorMod(id.hashCode(), STRIPES);
        ReentrantLock local = stripes[stripe];
        local.lock();
        try {
            Files.createDirectories(directory);
            FileChannel channel =
                    FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock = channel.lock(stripe, 1, false);
            return () -> {
                try (channel) {
                    fileLock.release();
                } catch (IOException e) {
                    // closing the channel releases the lock anyway
                } finally {
                    local.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            local.unlock();
            throw storeFailure("lock", e);
        }
    }

    /** The live entry for (tool, key), if any; an expired one is deleted. */
    public Optional<Stored> find(String tool, String key) {
        Path file = directory.resolve(entryId(tool, key) + SUFFIX);
        try {
            JsonNode entry = Json.parse(Files.readAllBytes(file));
            if (isExpired(Instant.ofEpochMilli(entry.path("storedAt").asLong()))) {
                Files.deleteIfExists(file);
                return Optional.empty();
            }
            if (!(entry.get("structuredContent") instanceof ObjectNode structured)) {
                throw new IOException("entry " + file.getFileName() + " is damaged");
            }
            return Optional.of(new Stored(
                    entry.path("argumentsSha256").asText(),
                    new ToolOutput(entry.path("text").asText(), structured)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw storeFailure("read", e);
        }
    }

    /** Stores atomically (temp file + rename), then trims the store to its bounds. */
    public void put(String tool, String key, Stored stored) {
        ObjectNode entry = Json.object();
        entry.put("tool", tool);
        entry.put("argumentsSha256", stored.argumentsSha256());
        entry.put("storedAt", clock.millis());
        entry.put("text", stored.output().text());
        entry.set("structuredContent", stored.output().structured());
        Path file = directory.resolve(entryId(tool, key) + SUFFIX);
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, ".entry-", ".tmp");
            try {
                Files.writeString(temp, Json.compact(entry), StandardCharsets.UTF_8);
                // Pruning goes by modification time, which must follow the store's clock.
                Files.setLastModifiedTime(temp, FileTime.from(clock.instant()));
                moveIntoPlace(temp, file);
            } finally {
                Files.deleteIfExists(temp);
            }
            prune();
        } catch (IOException e) {
            throw storeFailure("write", e);
        }
    }

    private static void moveIntoPlace(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void prune() throws IOException {
        record Aged(Path file, Instant modified) {}
        List<Aged> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : stream) {
                try {
                    Instant modified = Files.getLastModifiedTime(file).toInstant();
                    if (isExpired(modified)) {
                        Files.deleteIfExists(file);
                    } else {
                        entries.add(new Aged(file, modified));
                    }
                } catch (NoSuchFileException e) {
                    // another process pruned it first
                }
            }
        }
        if (entries.size() > maxEntries) {
            entries.sort(Comparator.comparing(Aged::modified));
            for (Aged oldest : entries.subList(0, entries.size() - maxEntries)) {
                Files.deleteIfExists(oldest.file());
            }
        }
    }

    private boolean isExpired(Instant stored) {
        return stored.plus(ttl).isBefore(clock.instant());
    }

    /** Keys are caller-chosen text: hashing makes a safe file name and hides the key itself. */
    private static String entryId(String tool, String key) {
        return Sha256.hex(tool + '\u0000' + key);
    }

    private ToolError storeFailure(String action, Exception e) {
        return ToolError.of(ErrorCode.E5004, "idempotency store " + action + " failed in " + directory + ": " + e)
                .retryable(false);
    }
}
