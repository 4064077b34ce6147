package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Cancellation;
import dev.devskyy.runtime.ThrowableErrors;
import dev.devskyy.runtime.ToolError;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests a session has accepted and not yet answered, and the pool that runs them. It keeps
 * the three promises about them: their parsed arguments together stay within a byte budget (a
 * request that would go over is refused at once, so the reader never waits and {@code ping} is
 * still answered), ids are unique among them, and at shutdown each gets its answer: its result
 * within the grace period, or else a cancellation.
 */
final class Calls {
    /** Pool threads mostly wait on tools (which run on the runtime's own threads). */
    private static final int THREADS = 64;
    /**
     * How long cancelled calls get to write their audit line and answer before the process exits.
     * It takes milliseconds, unless cancelled tools still hold the CPU (a loaded 2-core machine
     * needed over 3 s for 100 cancelled scans); a call stuck beyond it is left unanswered.
     */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(10);

    /** What a call cancelled by shutdown is told. */
    private static final String SHUTDOWN_REASON = "the server is shutting down";

    /** One accepted request. {@code byClient}: the client cancelled it and wants no answer. */
    record Call(Key key, long weight, Cancellation cancellation, AtomicBoolean byClient) {}

    /** A request's id within its conversation ({@link Peer}): ids are the client's, unique only there. */
    record Key(Object conversation, JsonNode id) {}

    /** Why a request was not accepted; the text is for the client. */
    private record Refusal(int code, String message) {}

    private final ThreadPoolExecutor pool;
    private final Map<Key, Call> byId = new ConcurrentHashMap<>();
    private volatile long budget;
    private long held;
    private boolean closed;

    Calls(long budget) {
        this.budget = budget;
        AtomicInteger count = new AtomicInteger();
        // The queue is never the limit that bites: the byte budget refuses first.
        this.pool = new ThreadPoolExecutor(
                THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1 << 16), task -> {
                    Thread thread = new Thread(task, "devskyy-mcp-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    /** Looked up when first needed: starting logback is not part of the handshake. */
    private static Logger log() {
        return LoggerFactory.getLogger(Calls.class);
    }

    /** Changes the budget for requests accepted from now on (the configured one arrives late). */
    void budget(long bytes) {
        this.budget = bytes;
    }

    /**
     * Accepts {@code request} as a call and runs {@code work} on the pool, or answers at once why it
     * was not accepted. The call is forgotten and its bytes released when the work returns; work
     * that fails is answered with an error.
     */
    void submit(Request request, Consumer<Call> work) {
        Key key = new Key(request.peer().conversation(), request.id());
        Refusal refusal = start(key, request.weight(), call -> {
            try {
                work.accept(call);
                if (call.byClient().get()) {
                    request.peer().outbox().unanswered();
                }
            } catch (UncheckedIOException e) {
                log().debug("client gone while answering {}", request.id());
            } catch (CompletionException e) {
                if (e.getCause() instanceof ToolError invalidOptions) {
                    // sanitized where it was made: every request that needs the options says why
                    request.fail(JsonRpc.INTERNAL_ERROR, "Server misconfigured: " + invalidOptions.getMessage());
                } else {
                    failed(request, e); // the registry's build: its message may quote what it read
                }
            } catch (RuntimeException e) {
                failed(request, e);
            }
        });
        if (refusal != null) {
            request.fail(refusal.code(), refusal.message());
        }
    }

    /** Answers an unexpected failure; the log gets its frames, never its messages, which may quote data. */
    private static void failed(Request request, RuntimeException e) {
        log().error("request {} failed: {}", request.id(), ThrowableErrors.traceWithoutMessages(e));
        request.fail(JsonRpc.INTERNAL_ERROR, "Internal error");
    }

    /** @return null when accepted, otherwise why not */
    private synchronized Refusal start(Key id, long weight, Consumer<Call> work) {
        if (closed) {
            return new Refusal(JsonRpc.SERVER_BUSY, "Server shutting down: request not accepted");
        }
        if (byId.containsKey(id)) {
            return new Refusal(
                    JsonRpc.INVALID_REQUEST, "Invalid request: the id is already used by a request in progress");
        }
        if (weight > budget) {
            return new Refusal(
                    JsonRpc.INVALID_REQUEST,
                    "Request too large: its parsed arguments would hold about " + weight + " bytes, more than the "
                            + budget + "-byte budget for all requests in progress (--max-in-flight-bytes); "
                            + "send smaller arguments (e.g. a path, not file contents)");
        }
        if (held + weight > budget) {
            return new Refusal(
                    JsonRpc.SERVER_BUSY,
                    "Server busy: this request needs " + weight + " bytes of the " + budget
                            + "-byte budget for requests in progress (--max-in-flight-bytes), " + held
                            + " are in use; retry when earlier calls have finished, or send smaller arguments");
        }
        Call call = new Call(id, weight, new Cancellation(), new AtomicBoolean());
        try {
            pool.execute(() -> {
                try {
                    work.accept(call);
                } finally {
                    finish(call);
                }
            });
        } catch (RejectedExecutionException e) {
            return new Refusal(JsonRpc.SERVER_BUSY, "Server busy: too many requests in flight");
        }
        byId.put(id, call);
        held += weight;
        return null;
    }

    private synchronized void finish(Call call) {
        byId.remove(call.key(), call);
        held -= call.weight();
    }

    /** The client's {@code notifications/cancelled}: the call stops and is not answered. */
    void cancelByClient(Object conversation, JsonNode id) {
        Call call = byId.get(new Key(conversation, id));
        if (call != null) {
            call.byClient().set(true);
            call.cancellation().cancel();
        }
    }

    /**
     * Accepts nothing more, lets the calls in progress run for up to {@code grace}, then cancels the
     * rest as the server shuts down and waits (boundedly) for them to answer; a call that does not
     * is logged.
     */
    void drain(Duration grace) throws InterruptedException {
        synchronized (this) {
            closed = true;
            pool.shutdown();
        }
        if (pool.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
            return;
        }
        cancelAll();
        if (!pool.awaitTermination(ANSWER_BOUND.toNanos(), TimeUnit.NANOSECONDS)) {
            log().warn("some calls did not answer in time after being cancelled by shutdown");
        }
    }

    /**
     * Cancels every call in progress with {@code reason}; they are still answered. Queued calls are
     * cancelled too: when they start they answer at once, through the runtime, so each still
     * writes its audit line.
     */
    void cancelAll() {
        byId.values().forEach(call -> call.cancellation().cancel(SHUTDOWN_REASON));
    }
}
