package dev.devskyy.runtime;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one attempt of one call knows about its caller. Tools reach files and hosts only
 * through {@link #pathInside} and {@link #requireHost}, so the grants are checked where the
 * resource is touched.
 */
public final class ToolCallContext {
    private final String correlationId;
    private final String actor;
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
        this.actor = request.actor();
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

    /** See {@link Grants#pathInside}. */
    public Path pathInside(Path requested, ToolPermission permission) {
        return grants.pathInside(requested, permission);
    }

    /** See {@link Grants#requireHost}. */
    public void requireHost(String host) {
        grants.requireHost(host);
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

    public void log(String level, String message) {
        observer.log(level, message);
    }
}
