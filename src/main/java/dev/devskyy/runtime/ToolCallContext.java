package dev.devskyy.runtime;

import dev.devskyy.io.AtomicWrite;
import dev.devskyy.io.DirectoryEntry;
import dev.devskyy.io.OpenDirectory;
import dev.devskyy.io.ReadableFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one attempt of one call knows about its caller. Tools reach files and hosts only
 * through {@link #openFile}, {@link #openDirectory}, {@link #output} and {@link #web}, so the grants are checked where the
 * resource is touched.
 */
public final class ToolCallContext {
    private final String correlationId;
    private final String tool;
    private final String actor;
    private final AgentProfile agent;
    private final Grants grants;
    private final Instant deadline;
    private final String idempotencyKey;
    private final int attempt;
    private final int maxRetries;
    private final Map<String, String> metadata;
    private final Cancellation cancellation;
    private final CallObserver observer;
    private final CallerStreams streams;
    private double lastProgress = Double.NEGATIVE_INFINITY;

    ToolCallContext(ToolCallRequest request, String correlationId, Instant deadline, int attempt, int maxRetries) {
        this.correlationId = correlationId;
        this.tool = request.toolName();
        this.actor = request.actor();
        this.agent = request.agent();
        this.grants = request.grants();
        this.deadline = deadline;
        this.idempotencyKey = request.idempotencyKey();
        this.attempt = attempt;
        this.maxRetries = maxRetries;
        this.metadata = request.metadata();
        this.cancellation = request.cancellation();
        this.observer = request.observer();
        this.streams = request.streams();
    }

    public String correlationId() {
        return correlationId;
    }

    public String actor() {
        return actor;
    }

    /** The name of the agent the caller acts as, if any. */
    public Optional<String> agent() {
        return Optional.ofNullable(agent).map(AgentProfile::name);
    }

    public Grants grants() {
        return grants;
    }

    public Instant deadline() {
        return deadline;
    }

    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    /** 1 for the first attempt, 2 for the first retry, … */
    public int attempt() {
        return attempt;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** The caller's stdin and stdout, when it has them (the CLI does, MCP clients do not). */
    public Optional<CallerStreams> streams() {
        return Optional.ofNullable(streams);
    }

    public boolean isCancelled() {
        return cancellation.isCancelled() || Thread.currentThread().isInterrupted();
    }

    Cancellation cancellationSignal() {
        return cancellation;
    }

    /**
     * The regular file {@code path} inside the granted roots, opened for reading (see {@link
     * Grants#entry}); it holds at most {@code maxBytes}, checked before it is opened, and no more
     * is ever read.
     *
     * @throws ToolError E4003 outside the roots; E4001 when missing, not a regular file or too large
     */
    public ReadableFile openFile(String path, long maxBytes) {
        try (DirectoryEntry entry = grants.entry(path, ToolPermission.FILESYSTEM_READ)) {
            if (entry.name() == null) {
                throw new OpenDirectory.NotRegularFileException(entry.path());
            }
            return entry.directory().file(entry.name(), maxBytes);
        } catch (IOException e) {
            throw fileError(path, e);
        }
    }

    /** The whole of {@link #openFile}. */
    public byte[] readFile(String path, long maxBytes) {
        try (ReadableFile file = openFile(path, maxBytes)) {
            return file.readAll();
        } catch (IOException e) {
            throw fileError(path, e);
        }
    }

    /** The entry {@code path} names inside the granted roots, to read (see {@link Grants#entry}). */
    public DirectoryEntry entry(String path) {
        return grants.entry(path, ToolPermission.FILESYSTEM_READ);
    }

    /** The directory {@code path} inside the granted roots, opened for reading. */
    public OpenDirectory openDirectory(String path) {
        return grants.directory(path, ToolPermission.FILESYSTEM_READ);
    }

    /**
     * Where an output named {@code path} goes: its directory inside the granted roots, held open,
     * for {@link AtomicWrite}; {@link #write} is the usual way.
     */
    public DirectoryEntry output(String path) {
        DirectoryEntry entry = grants.entry(path, ToolPermission.FILESYSTEM_WRITE);
        if (entry.name() == null) {
            try {
                entry.close();
            } catch (IOException e) {
                // a directory handle that fails to close has nothing left to lose
            }
            throw ToolError.of(ErrorCode.E4001, "output is a directory: " + path);
        }
        return entry;
    }

    /**
     * Writes the output {@code path} whole or not at all ({@link AtomicWrite}), inside the granted
     * roots; any failure, a refusal or the disk's, is told with the caller's own path.
     *
     * @param input the file the content comes from, if any: the output may not be that file
     * @return where the output went
     */
    public Path write(String path, ReadableFile input, boolean replace, AtomicWrite.Writer writer) {
        try (DirectoryEntry target = output(path)) {
            AtomicWrite.write(target, input, replace, writer);
            return target.path();
        } catch (IOException e) {
            throw fileError(path, e);
        }
    }

    /**
     * What went wrong opening, reading or writing a file the caller named, told with the path as
     * the caller gave it and the reason (see {@link ThrowableErrors#forFile}), never with anything
     * read from the file.
     */
    public ToolError fileError(String path, IOException e) {
        return ThrowableErrors.forFile("tool " + tool, path, e);
    }

    /** The network, under this call's grants and deadline (see {@link WebClient}). */
    public WebClient web() {
        return new WebClient(this);
    }

    /** Reports progress; values that do not increase are dropped, as MCP requires. */
    public void progress(double progress, Double total, String message) {
        synchronized (this) {
            if (progress <= lastProgress) {
                return;
            }
            lastProgress = progress;
        }
        observer.progress(progress, total, message);
    }

    /**
     * {@code in}, reporting the bytes read from it as this call's progress (of {@code total}
     * bytes, null when unknown), with a message such as "encrypting: 12.3 MB of 40.0 MB".
     */
    public InputStream reportingProgress(InputStream in, Double total, String verb) {
        return new ProgressStream(in, this, total, verb);
    }

    public void log(String level, String message) {
        observer.log(level, message);
    }
}
