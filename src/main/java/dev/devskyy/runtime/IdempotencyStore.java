package dev.devskyy.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.io.AtomicWrite;
import dev.devskyy.io.BoundedRead;
import dev.devskyy.io.DirectoryEntry;
import dev.devskyy.io.IoFailure;
import dev.devskyy.io.OpenDirectory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Results of successful calls made with an idempotency key, kept on disk so that a re-run CI job
 * replays instead of repeating side effects. Entries expire after the TTL; the store holds at most
 * {@code maxEntries}, dropping the oldest first.
 *
 * <p>Scope: see {@link Idempotency}.
 *
 * <p><b>Exclusion.</b> A {@link Slot} holds its entry from lookup to store: first a lock of this JVM
 * for the entry's lock file (threads), then an exclusive lock on that whole file (processes), taken
 * without blocking in the kernel (see {@link Waiting}); no thread ever holds two. Lock files are
 * shared by buckets of entries (the first three hex digits of the entry's name, so at most 4096
 * empty files) and never removed: removing a lock file by name races with a process that has just
 * opened it. Two keys of one bucket only take turns; they never see each other's entries.
 */
public final class IdempotencyStore implements Idempotency {
    /** A stored result is bounded as results are (8 MiB on the wire); an entry larger is damaged. */
    private static final long MAX_ENTRY_BYTES = 64L << 20;

    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyStore.class);
    private static final String ENTRY = ".json";
    private static final String LOCK = ".lock";
    /** How {@link AtomicWrite} names its temporaries: one left by a process killed mid-write is pruned. */
    private static final String TEMP = ".tmp";

    private static final String LOCKS = "locks";
    private static final int BUCKET_DIGITS = 3;
    private static final Set<OpenOption> LOCK_OPEN = Set.of(
            StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

    /**
     * Per lock file, shared by every store of this JVM: two stores on one directory exclude each
     * other too, and this JVM never has two channels locking one file (closing either would drop
     * the other's lock, as POSIX locks belong to the process).
     */
    private static final ConcurrentHashMap<Path, HeldBy> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Path directory;
    private final InstallationSecret secret;
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;

    /** The store in {@code stateDirectory/idempotency}, keyed by the installation secret of {@code stateDirectory}. */
    public IdempotencyStore(Path stateDirectory, Duration ttl, int maxEntries, Clock clock) {
        Path state = stateDirectory.toAbsolutePath().normalize();
        this.directory = state.resolve("idempotency");
        this.secret = InstallationSecret.in(state);
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The store of {@code stateDirectory} with the default TTL and size. */
    public static IdempotencyStore in(Path stateDirectory) {
        return new IdempotencyStore(stateDirectory, DEFAULT_TTL, DEFAULT_MAX_ENTRIES, Clock.systemUTC());
    }

    @Override
    public InstallationSecret secret() {
        return secret;
    }

    /**
     * Waits until no other thread or process holds this request's entry for {@code tool}, then
     * holds it.
     *
     * @throws CancellationException when the request is cancelled while waiting
     * @throws ToolError E5004 when the store cannot be used
     */
    @Override
    public Slot claim(String tool, ToolCallRequest request) {
        String id;
        try {
            id = Idempotency.entryId(secret, tool, request);
            StateDirectory.ensurePrivate(directory);
            StateDirectory.ensurePrivate(directory.resolve(LOCKS));
        } catch (IOException e) {
            throw storeFailure("open", e);
        }
        Path lockFile = directory.resolve(LOCKS).resolve(id.substring(0, BUCKET_DIGITS) + LOCK);
        HeldBy mutex = HeldBy.retain(lockFile);
        try {
            Waiting.forLock(mutex.lock, request.cancellation()::isCancelled);
        } catch (RuntimeException e) {
            mutex.release(lockFile);
            throw e;
        }
        try {
            return new HeldSlot(tool, id, lockFile, mutex, lockAcrossProcesses(lockFile, request));
        } catch (IOException e) {
            mutex.unlockAndRelease(lockFile);
            throw storeFailure("lock", e);
        } catch (RuntimeException e) {
            mutex.unlockAndRelease(lockFile);
            throw e;
        }
    }

    /** The lock file's channel, with the whole file locked. */
    private static FileChannel lockAcrossProcesses(Path lockFile, ToolCallRequest request) throws IOException {
        FileChannel channel = FileChannel.open(lockFile, LOCK_OPEN, StateDirectory.privateFile());
        try {
            Waiting.forFileLock(channel, request.cancellation()::isCancelled);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private Optional<Stored> read(String id) {
        Path file = directory.resolve(id + ENTRY);
        try {
            JsonNode entry = Json.parse(BoundedRead.bytes(file, MAX_ENTRY_BYTES));
            if (isExpired(Instant.ofEpochMilli(entry.path("storedAt").asLong()))) {
                Files.deleteIfExists(file);
                return Optional.empty();
            }
            if (!(entry.get("structuredContent") instanceof ObjectNode structured)) {
                throw new IOException("entry " + file.getFileName() + " is damaged");
            }
            return Optional.of(new Stored(
                    entry.path("argumentsHmac").asText(),
                    new ToolOutput(entry.path("text").asText(), structured)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw storeFailure("read", e);
        }
    }

    private void write(String tool, String id, Stored stored) {
        ObjectNode entry = Json.object();
        entry.put("tool", tool);
        entry.put("argumentsHmac", stored.argumentsHmac());
        entry.put("storedAt", clock.millis());
        entry.put("text", stored.output().text());
        entry.set("structuredContent", stored.output().structured());
        Path name = Path.of(id + ENTRY);
        byte[] content = Json.compact(entry).getBytes(StandardCharsets.UTF_8);
        try (DirectoryEntry target = new DirectoryEntry(OpenDirectory.at(directory), name, directory.resolve(name))) {
            AtomicWrite.write(target, null, true, out -> out.write(content));
            // Pruning goes by modification time, which must follow the store's clock.
            Files.setLastModifiedTime(target.path(), FileTime.from(clock.instant()));
        } catch (IOException e) {
            throw storeFailure("write", e);
        }
    }

    /**
     * Drops expired entries and the oldest beyond {@code maxEntries}, and temporary files left by a
     * process killed while writing. Runs with no lock held: an entry is written and removed whole.
     */
    private void prune() throws IOException {
        record Aged(Path file, Instant modified) {}
        List<Aged> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path file : stream) {
                String name = file.getFileName().toString();
                try {
                    Instant modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS)
                            .toInstant();
                    if (name.endsWith(ENTRY) && !isExpired(modified)) {
                        entries.add(new Aged(file, modified));
                    } else if (name.endsWith(ENTRY) || (name.endsWith(TEMP) && isExpired(modified))) {
                        Files.deleteIfExists(file);
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

    /**
     * A store that cannot be used: an OS failure in the one mapping's terms (disk full is E5005),
     * anything else (a damaged entry) E5004 — never the exception's message, which for a damaged
     * entry quotes a stored result.
     */
    private ToolError storeFailure(String action, IOException e) {
        if (IoFailure.of(e).isPresent()) {
            return ThrowableErrors.toToolError("the idempotency store (" + action + ")", e);
        }
        return ToolError.of(
                        ErrorCode.E5004,
                        "idempotency store " + action + " failed in " + directory + ": "
                                + e.getClass().getSimpleName())
                .retryable(false);
    }

    /** The JVM-wide lock of one lock file, counted so that the map forgets it when nobody uses it. */
    private static final class HeldBy {
        final ReentrantLock lock = new ReentrantLock();
        int users;

        static HeldBy retain(Path lockFile) {
            return IN_THIS_JVM.compute(lockFile, (file, held) -> {
                HeldBy mutex = held == null ? new HeldBy() : held;
                mutex.users++;
                return mutex;
            });
        }

        void release(Path lockFile) {
            IN_THIS_JVM.computeIfPresent(lockFile, (file, held) -> --held.users == 0 ? null : held);
        }

        void unlockAndRelease(Path lockFile) {
            lock.unlock();
            release(lockFile);
        }
    }

    private final class HeldSlot implements Slot {
        private final String tool;
        private final String id;
        private final Path lockFile;
        private final HeldBy mutex;
        private final FileChannel lockChannel;
        private boolean stored;

        HeldSlot(String tool, String id, Path lockFile, HeldBy mutex, FileChannel lockChannel) {
            this.tool = tool;
            this.id = id;
            this.lockFile = lockFile;
            this.mutex = mutex;
            this.lockChannel = lockChannel;
        }

        @Override
        public Optional<Stored> find() {
            return read(id);
        }

        @Override
        public void put(Stored value) {
            write(tool, id, value);
            stored = true;
        }

        @Override
        public void close() {
            try {
                lockChannel.close(); // releases the file lock with it
            } catch (IOException e) {
                // a channel that fails to close still loses its lock when the process ends
            } finally {
                mutex.unlockAndRelease(lockFile);
            }
            if (stored) {
                try {
                    prune();
                } catch (IOException e) {
                    // the result is stored and the call succeeded; an oversized store is trimmed next time
                    LOG.warn("could not trim the idempotency store in {}: {}", directory, e.toString());
                }
            }
        }
    }
}
