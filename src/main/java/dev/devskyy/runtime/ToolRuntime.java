package dev.devskyy.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tools for every face, always in the same order: find → authorize (deny by default) →
 * validate input → idempotent replay → run under a deadline, retrying only where allowed →
 * validate output → audit. Every outcome, good or bad, comes back as a {@link ToolCallResult}.
 */
public final class ToolRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ToolRuntime.class);
    private static final String ARGUMENTS_PURPOSE = "devskyy call arguments";

    private final ToolRegistry registry;
    private final Idempotency idempotency;
    private final AuditLog audit;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final SchemaValidator validator = new SchemaValidator();
    private final ExecutorService workers = Executors.newCachedThreadPool(new ToolThreads());
    private volatile long maxResultBytes = ResultSize.UNBOUNDED;
    private volatile RateLimit rateLimit = RateLimit.NONE;
    private final AtomicBoolean macLoaded = new AtomicBoolean();

    public ToolRuntime(ToolRegistry registry, Idempotency idempotency, AuditLog audit) {
        this(
                registry,
                idempotency,
                audit,
                Clock.systemUTC(),
                Sleeper.REAL,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    public ToolRuntime(
            ToolRegistry registry,
            Idempotency idempotency,
            AuditLog audit,
            Clock clock,
            Sleeper sleeper,
            DoubleSupplier jitter) {
        this.registry = registry;
        this.idempotency = idempotency;
        this.audit = audit;
        this.clock = clock;
        this.sleeper = sleeper;
        this.jitter = jitter;
    }

    /**
     * Does now what a process's first call would do first, whatever the tool: making the schema
     * dialect, seeding the randomness of correlation ids. A face that knows a call is coming runs
     * it on a spare core; never needed.
     */
    public static void prepare() {
        SchemaValidator.prepare();
        UUID.randomUUID();
    }

    public ToolRegistry registry() {
        return registry;
    }

    /**
     * Bounds every result (text plus serialized structured content) from now on: a larger one is
     * E4001 telling the caller to narrow the request. The MCP server sets it: its results go
     * whole into one protocol line and into the model's context.
     */
    public ToolRuntime limitResults(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the result bound must be positive");
        }
        this.maxResultBytes = maxBytes;
        return this;
    }

    /** Counts every authorized call against {@code limit}; one over it is E6003 and does not run. */
    public ToolRuntime limitRate(RateLimit limit) {
        this.rateLimit = limit;
        return this;
    }

    public ToolCallResult call(ToolCallRequest request) {
        long started = System.nanoTime();
        String correlationId = request.correlationId() != null
                ? request.correlationId()
                : UUID.randomUUID().toString();
        CallLogContext names = CallLogContext.open(correlationId, request);
        try {
            return call(request, correlationId, started);
        } finally {
            names.close();
        }
    }

    private ToolCallResult call(ToolCallRequest request, String correlationId, long started) {
        // A process's first MAC loads the JCE provider (tens of milliseconds), which a one-call CLI
        // run would otherwise wait for before its tool even starts: it runs beside the tool. Later
        // ones take microseconds, less than handing them to another thread.
        CompletableFuture<String> argumentsHmac = macLoaded.getAndSet(true)
                ? CompletableFuture.completedFuture(argumentsHmac(request.arguments()))
                : CompletableFuture.supplyAsync(() -> argumentsHmac(request.arguments()), workers);
        Outcome outcome;
        ToolSpec spec = registry.find(request.toolName()).orElse(null);
        try {
            outcome = spec == null
                    ? Outcome.failed(notFound(request.toolName()), 0)
                    : authorizeAndRun(spec, request, correlationId, argumentsHmac::join);
        } catch (ToolError e) {
            outcome = Outcome.failed(e, 0);
        }
        outcome = asCancelled(outcome, spec, request.cancellation());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        audit.record(new AuditLog.Entry(
                clock.instant(),
                correlationId,
                request.actor(),
                request.agent() == null ? null : request.agent().name(),
                request.toolName(),
                spec == null ? null : spec.version(),
                argumentsHmac.join(),
                outcome.error() == null ? "ok" : outcome.error.code().name(),
                millis,
                outcome.attempts(),
                outcome.replayed()));
        return outcome.toResult(millis, correlationId);
    }

    /**
     * The arguments' fingerprint: HMAC-SHA256 of their canonical form under the installation
     * secret, so that equal arguments correlate while a guessable one (a PIN) cannot be guessed
     * from it. Null, with a warning, when there is no secret to key it with: a plain hash would
     * give the argument away, and an audit problem never fails the call.
     */
    private String argumentsHmac(JsonNode arguments) {
        try {
            return idempotency.secret().hmacHex(ARGUMENTS_PURPOSE, Json.canonical(arguments));
        } catch (IOException e) {
            LOG.warn("no installation secret, so no argument fingerprint in the audit line: {}", e.toString());
            return null;
        }
    }

    private static ToolError notFound(String name) {
        return ToolError.of(ErrorCode.E4004, "no tool named '" + name + "'").withDetail("tool", name);
    }

    private Outcome authorizeAndRun(
            ToolSpec spec, ToolCallRequest request, String correlationId, Supplier<String> argsHmac) {
        AgentGate.check(request.agent(), spec);
        Set<ToolPermission> missing = request.grants().missing(spec.permissions());
        if (!missing.isEmpty()) {
            List<String> names = missing.stream().map(ToolPermission::wireName).toList();
            throw ToolError.of(
                            ErrorCode.E4003,
                            "tool " + spec.name() + " needs " + String.join(", ", names) + ", which "
                                    + (names.size() == 1 ? "is" : "are") + " not granted to actor '"
                                    + request.actor() + "'")
                    .withDetail("tool", spec.name())
                    .withDetail("missing", names);
        }
        checkInput(spec, request.arguments());
        Optional<Duration> wait = rateLimit.take(request.actor());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw ToolError.of(
                            ErrorCode.E6003,
                            "actor '" + request.actor() + "' is over its rate limit (serve --rate-limit): retry in "
                                    + seconds + " s")
                    .retryAfter(Duration.ofSeconds(seconds))
                    .withDetail("retry_after_seconds", seconds);
        }
        String key = request.idempotencyKey();
        if (key == null) {
            return runWithRetries(spec, request, correlationId);
        }
        if (spec.secretResults()) {
            throw ToolError.of(
                    ErrorCode.E4001,
                    "tool " + spec.name() + " takes no idempotency key: its results are secret and never stored");
        }
        // The entry is the caller's own (see IdempotencyStore): a replay is as authorized as this call.
        try (Idempotency.Slot slot = idempotency.claim(spec.name(), request)) {
            var stored = slot.find();
            if (stored.isPresent()) {
                if (!stored.get().argumentsHmac().equals(argsHmac.get())) {
                    throw ToolError.of(
                                    ErrorCode.E4005,
                                    "idempotency key was already used with different arguments for tool " + spec.name())
                            .withDetail("tool", spec.name());
                }
                return Outcome.replayed(stored.get().output());
            }
            Outcome outcome = runWithRetries(spec, request, correlationId);
            if (outcome.error() == null) {
                slot.put(new Idempotency.Stored(argsHmac.get(), outcome.output()));
            }
            return outcome;
        } catch (CancellationException e) {
            return Outcome.failed(cancelled(spec), 0);
        }
    }

    private void checkInput(ToolSpec spec, JsonNode arguments) {
        List<SchemaValidator.Violation> violations = validator.validate(spec.inputSchemaShared(), arguments);
        if (violations.isEmpty()) {
            return;
        }
        List<String> missing = violations.stream()
                .filter(v -> "required".equals(v.keyword()))
                .map(SchemaValidator.Violation::pointer)
                .toList();
        if (!missing.isEmpty()) {
            throw ToolError.of(ErrorCode.E4002, "missing required argument " + String.join(", ", missing))
                    .withDetail("missing", missing);
        }
        SchemaValidator.Violation first = violations.get(0);
        throw ToolError.of(ErrorCode.E4001, "invalid argument at " + first.pointer() + ": " + first.message())
                .withDetail("violations", violations);
    }

    private Outcome runWithRetries(ToolSpec spec, ToolCallRequest request, String correlationId) {
        RetryPolicy policy = spec.retryPolicy();
        boolean retriesAllowed = spec.idempotent() || request.idempotencyKey() != null;
        int maxRetries = retriesAllowed ? policy.maxRetries() : 0;
        Duration timeout = request.timeout() != null ? request.timeout() : spec.timeout();
        for (int attempt = 1; ; attempt++) {
            ToolCallContext context =
                    new ToolCallContext(request, correlationId, clock.instant().plus(timeout), attempt, maxRetries);
            Outcome outcome = runOnce(spec, request.arguments(), context, timeout);
            ToolError error = outcome.error();
            if (error == null || !isRetryable(error, spec) || maxRetries == 0) {
                return outcome;
            }
            if (attempt > maxRetries) {
                return Outcome.failed(exhausted(spec, attempt, error), attempt);
            }
            if (error.retryAfterHint()
                    .filter(hint -> hint.compareTo(timeout) > 0)
                    .isPresent()) {
                return outcome; // asked to wait longer than a call may take: the caller decides when
            }
            Duration pause = policy.backoff(attempt, error.retryAfterHint().orElse(null), jitter);
            LOG.info(
                    "{} failed with {} (attempt {}), retrying in {} ms",
                    spec.name(),
                    error.code(),
                    attempt,
                    pause.toMillis());
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.failed(cancelled(spec), attempt);
            }
            if (request.cancellation().isCancelled()) {
                return Outcome.failed(cancelled(spec), attempt);
            }
        }
    }

    /** A timeout is worth retrying only when running the tool twice cannot do harm. */
    private static boolean isRetryable(ToolError error, ToolSpec spec) {
        return error.isRetryable() && (error.code() != ErrorCode.E5001 || spec.idempotent());
    }

    private static ToolError exhausted(ToolSpec spec, int attempts, ToolError last) {
        return ToolError.of(
                        ErrorCode.E5002,
                        "tool " + spec.name() + " failed " + attempts + " times; last: " + last.oneLine())
                .withDetail("attempts", attempts)
                .withDetail("last", last.toJson());
    }

    private static ToolError cancelled(ToolSpec spec) {
        return ToolError.of(ErrorCode.E4006, "call of " + spec.name() + " was cancelled");
    }

    private Outcome runOnce(ToolSpec spec, JsonNode arguments, ToolCallContext context, Duration timeout) {
        Cancellation cancellation = context.cancellationSignal();
        if (cancellation.isCancelled()) {
            return Outcome.failed(cancelled(spec), context.attempt() - 1);
        }
        Future<ToolOutput> future = workers.submit(() -> {
            // the tool's own log lines name the call too
            CallLogContext names = CallLogContext.open(context);
            try {
                return spec.handler().run(arguments, context);
            } finally {
                names.close();
            }
        });
        Runnable interrupt = () -> future.cancel(true);
        cancellation.onCancel(interrupt);
        try {
            ToolOutput output = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            checkOutput(spec, output);
            return Outcome.succeeded(output, context.attempt());
        } catch (TimeoutException e) {
            future.cancel(true);
            return Outcome.failed(
                    ToolError.of(
                                    ErrorCode.E5001,
                                    "tool " + spec.name() + " did not finish within " + timeout.toMillis() + " ms")
                            .withDetail("timeoutMs", timeout.toMillis()),
                    context.attempt());
        } catch (CancellationException e) {
            return Outcome.failed(cancelled(spec), context.attempt());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return Outcome.failed(cancelled(spec), context.attempt());
        } catch (ExecutionException e) {
            return Outcome.failed(fromThrowable(spec, e.getCause(), cancellation), context.attempt());
        } catch (ToolError e) {
            return Outcome.failed(e, context.attempt());
        } finally {
            cancellation.remove(interrupt);
        }
    }

    private static ToolError fromThrowable(ToolSpec spec, Throwable cause, Cancellation cancellation) {
        if (cause instanceof InterruptedException && cancellation.isCancelled()) {
            return cancelled(spec);
        }
        ToolError error = ThrowableErrors.toToolError("tool " + spec.name(), cause);
        if (error.code() == ErrorCode.E5003) {
            // the message of an unexpected exception may quote data the tool handled: log its frames only
            LOG.debug("tool {} failed: {}", spec.name(), ThrowableErrors.traceWithoutMessages(cause));
        }
        return error;
    }

    /**
     * A call its caller cancelled says so in one form, whether the runtime stopped waiting first or
     * the tool, stopping, threw its own E4006 first (which of the two wins is a race), and with the
     * reason when one was stated (the server shutting down).
     */
    private static Outcome asCancelled(Outcome outcome, ToolSpec spec, Cancellation cancellation) {
        if (spec == null
                || !cancellation.isCancelled()
                || outcome.error() == null
                || outcome.error().code() != ErrorCode.E4006) {
            return outcome;
        }
        String reason = cancellation.reason();
        ToolError error = reason == null
                ? cancelled(spec)
                : ToolError.of(ErrorCode.E4006, cancelled(spec).getMessage() + ": " + reason);
        return Outcome.failed(error, outcome.attempts());
    }

    private void checkOutput(ToolSpec spec, ToolOutput output) {
        ResultSize.check(spec.name(), output, maxResultBytes);
        List<SchemaValidator.Violation> violations = validator.validate(spec.outputSchemaShared(), output.structured());
        if (!violations.isEmpty()) {
            throw ToolError.of(ErrorCode.E5003, "tool " + spec.name() + " returned output that breaks its schema")
                    .withDetail("violations", violations);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    /** What one call came to, before it is timed and shaped into a result. */
    private record Outcome(ToolOutput output, ToolError error, int attempts, boolean replayed) {
        static Outcome succeeded(ToolOutput output, int attempts) {
            return new Outcome(output, null, attempts, false);
        }

        static Outcome failed(ToolError error, int attempts) {
            return new Outcome(null, error, attempts, false);
        }

        static Outcome replayed(ToolOutput output) {
            return new Outcome(output, null, 0, true);
        }

        ToolCallResult toResult(long millis, String correlationId) {
            if (error != null) {
                return new ToolCallResult(
                        error.oneLine(), error.toJson(), true, millis, attempts, false, correlationId, error);
            }
            return new ToolCallResult(
                    output.text(), output.structured(), false, millis, attempts, replayed, correlationId, null);
        }
    }

    /** Daemon threads, so a tool that ignores interruption can never keep the process alive. */
    private static final class ToolThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "devskyy-tool-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
