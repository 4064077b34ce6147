package dev.devskyy.runtime;

import static dev.devskyy.testing.TestTools.args;
import static dev.devskyy.testing.TestTools.echo;
import static dev.devskyy.testing.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.testing.MutableClock;
import dev.devskyy.testing.Sha256;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolRuntimeTest {
    @TempDir
    Path state;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
    final List<AuditLog.Entry> audit = Collections.synchronizedList(new ArrayList<>());
    final ToolRegistry registry = new ToolRegistry();
    ToolRuntime runtime;

    static final Grants READ = Grants.of(Set.of(ToolPermission.FILESYSTEM_READ), List.of(), List.of());

    @BeforeEach
    void start() {
        IdempotencyStore store = new IdempotencyStore(state, Duration.ofHours(24), 100, clock);
        runtime = new ToolRuntime(registry, store, audit::add, clock, pauses::add, () -> 0.5);
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    ToolCallResult call(String tool, String json) {
        return runtime.call(ToolCallRequest.builder(tool, args(json), new Caller("tester", Grants.NONE, null))
                .build());
    }

    @Test
    void runsATool_andReturnsTextAndStructuredContent() {
        registry.register(tool("echo", echo()).build());
        ToolCallResult result = call("echo", "{\"message\":\"hi\",\"times\":2}");
        assertThat(result.isError()).isFalse();
        assertThat(result.text()).isEqualTo("hihi");
        assertThat(result.structuredContent().get("echo").asText()).isEqualTo("hihi");
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.toJson().get("content").get(0).get("type").asText()).isEqualTo("text");
    }

    @Nested
    class ErrorCodes {
        @Test
        void unknownTool_isE4004() {
            ToolCallResult result = call("nope", "{}");
            assertThat(result.error().code()).isEqualTo(ErrorCode.E4004);
            assertThat(result.text()).isEqualTo("E4004 TOOL_NOT_FOUND: no tool named 'nope'");
        }

        @Test
        void missingPermission_isE4003_namingThePermission_andTheToolNeverRuns() {
            AtomicInteger runs = new AtomicInteger();
            registry.register(tool("reader", (a, c) -> {
                        runs.incrementAndGet();
                        return echo().run(a, c);
                    })
                    .permissions(ToolPermission.FILESYSTEM_READ, ToolPermission.NETWORK_OUTBOUND)
                    .build());
            ToolCallResult result = runtime.call(
                    ToolCallRequest.builder("reader", args("{\"message\":\"x\"}"), new Caller("ci", READ, null))
                            .build());
            assertThat(result.error().code()).isEqualTo(ErrorCode.E4003);
            assertThat(result.text()).contains("network:outbound").doesNotContain("filesystem:read");
            assertThat(result.structuredContent().at("/details/missing/0").asText())
                    .isEqualTo("network:outbound");
            assertThat(runs).hasValue(0);
        }

        @Test
        void permissionIsCheckedBeforeInput() {
            registry.register(tool("reader", echo())
                    .permissions(ToolPermission.FILESYSTEM_READ)
                    .build());
            assertThat(call("reader", "{}").error().code()).isEqualTo(ErrorCode.E4003);
        }

        @Test
        void missingRequiredArgument_isE4002_withItsPointer() {
            registry.register(tool("echo", echo()).build());
            ToolCallResult result = call("echo", "{}");
            assertThat(result.error().code()).isEqualTo(ErrorCode.E4002);
            assertThat(result.structuredContent().at("/details/missing/0").asText())
                    .isEqualTo("/message");
        }

        @Test
        void wrongType_isE4001_withItsPointer() {
            registry.register(tool("echo", echo()).build());
            ToolCallResult result = call("echo", "{\"message\":\"x\",\"times\":\"two\"}");
            assertThat(result.error().code()).isEqualTo(ErrorCode.E4001);
            assertThat(result.structuredContent()
                            .at("/details/violations/0/pointer")
                            .asText())
                    .isEqualTo("/times");
            assertThat(result.text()).contains("/times");
        }

        @Test
        void unknownArgument_isE4001() {
            registry.register(tool("echo", echo()).build());
            assertThat(call("echo", "{\"message\":\"x\",\"extra\":1}").error().code())
                    .isEqualTo(ErrorCode.E4001);
        }

        @Test
        void outputThatBreaksTheToolsOwnSchema_isE5003() {
            registry.register(
                    tool("liar", (a, c) -> new ToolOutput("?", Json.object())).build());
            ToolCallResult result = call("liar", "{\"message\":\"x\"}");
            assertThat(result.error().code()).isEqualTo(ErrorCode.E5003);
            assertThat(result.text()).contains("breaks its schema");
        }

        @Test
        void unexpectedException_isE5003_withoutItsMessage() {
            registry.register(tool("crash", (a, c) -> {
                        throw new IllegalStateException("secret=hunter2");
                    })
                    .build());
            ToolCallResult result = call("crash", "{\"message\":\"x\"}");
            assertThat(result.error().code()).isEqualTo(ErrorCode.E5003);
            assertThat(Json.compact(result.toJson())).doesNotContain("hunter2");
        }

        @Test
        void toolErrorsPassThroughUnchanged() {
            registry.register(tool("api", (a, c) -> {
                        throw ToolError.of(ErrorCode.E6002, "upstream said 400").withDetail("status", 400);
                    })
                    .build());
            ToolCallResult result = call("api", "{\"message\":\"x\"}");
            assertThat(result.text()).isEqualTo("E6002 API_ERROR: upstream said 400");
            assertThat(result.structuredContent().at("/details/status").asInt()).isEqualTo(400);
            assertThat(result.structuredContent().get("name").asText()).isEqualTo("API_ERROR");
        }
    }

    @Nested
    class Deadlines {
        @Test
        void aToolThatOverrunsItsTimeout_isE5001_andIsInterrupted() throws Exception {
            CountDownLatch interrupted = new CountDownLatch(1);
            registry.register(tool("slow", (a, c) -> {
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            interrupted.countDown();
                            throw e;
                        }
                        return echo().run(a, c);
                    })
                    .timeout(Duration.ofMillis(200))
                    .build());
            long started = System.nanoTime();
            ToolCallResult result = call("slow", "{\"message\":\"x\"}");
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(result.error().code()).isEqualTo(ErrorCode.E5001);
            assertThat(result.structuredContent().at("/details/timeoutMs").asLong())
                    .isEqualTo(200);
            assertThat(interrupted.await(5, TimeUnit.SECONDS))
                    .as("tool thread interrupted")
                    .isTrue();
            // The caller is released at the deadline, not when the tool would have finished.
            assertThat(waitedMs).isLessThan(10_000);
        }

        @Test
        void aToolThatIgnoresInterruption_stillReleasesTheCaller() {
            registry.register(tool("stubborn", (a, c) -> {
                        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                        return echo().run(a, c);
                    })
                    .timeout(Duration.ofMillis(100))
                    .build());
            long started = System.nanoTime();
            assertThat(call("stubborn", "{\"message\":\"x\"}").error().code()).isEqualTo(ErrorCode.E5001);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                    .isLessThan(2_500);
        }

        @Test
        void theRequestsTimeoutOverridesTheTools() {
            registry.register(tool("slow", (a, c) -> {
                        Thread.sleep(60_000);
                        return echo().run(a, c);
                    })
                    .build());
            ToolCallResult result = runtime.call(
                    ToolCallRequest.builder("slow", args("{\"message\":\"x\"}"), new Caller("t", Grants.NONE, null))
                            .timeout(Duration.ofMillis(50))
                            .build());
            assertThat(result.structuredContent().at("/details/timeoutMs").asLong())
                    .isEqualTo(50);
        }

        @Test
        void theContextCarriesTheDeadline() {
            registry.register(tool("peek", (a, c) -> {
                        ObjectNode out = Json.object();
                        out.put("echo", c.deadline().toString());
                        return new ToolOutput("", out);
                    })
                    .timeout(Duration.ofSeconds(7))
                    .build());
            assertThat(call("peek", "{\"message\":\"x\"}")
                            .structuredContent()
                            .get("echo")
                            .asText())
                    .isEqualTo("2026-11-25T12:00:07Z");
        }
    }

    @Nested
    class Cancellation {
        @Test
        void cancellingARunningCall_interruptsIt_andIsE4006() throws Exception {
            CountDownLatch started = new CountDownLatch(1);
            registry.register(tool("slow", (a, c) -> {
                        started.countDown();
                        Thread.sleep(60_000);
                        return echo().run(a, c);
                    })
                    .build());
            dev.devskyy.runtime.Cancellation signal = new dev.devskyy.runtime.Cancellation();
            ExecutorService caller = Executors.newSingleThreadExecutor();
            try {
                Future<ToolCallResult> pending = caller.submit(() -> runtime.call(
                        ToolCallRequest.builder("slow", args("{\"message\":\"x\"}"), new Caller("t", Grants.NONE, null))
                                .cancellation(signal)
                                .build()));
                assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
                signal.cancel();
                assertThat(pending.get(5, TimeUnit.SECONDS).error().code()).isEqualTo(ErrorCode.E4006);
            } finally {
                caller.shutdownNow();
            }
        }

        @Test
        void aToolThatStopsOnTheCancelWithItsOwnE4006_isAnsweredInTheRuntimesOneForm() throws Exception {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch threw = new CountDownLatch(1);
            registry.register(tool("stopping", (a, c) -> {
                        started.countDown();
                        while (!c.isCancelled()) {
                            Thread.onSpinWait();
                        }
                        threw.countDown();
                        throw ToolError.of(ErrorCode.E4006, "stopping stopped");
                    })
                    .build());
            for (String reason : new String[] {null, "the server is shutting down"}) {
                dev.devskyy.runtime.Cancellation signal = new dev.devskyy.runtime.Cancellation();
                // Listeners run in order: this one holds back the runtime's own until the tool has
                // thrown, so that the tool's E4006 arrives first.
                signal.onCancel(() -> {
                    try {
                        threw.await(5, TimeUnit.SECONDS);
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                ExecutorService caller = Executors.newSingleThreadExecutor();
                try {
                    Future<ToolCallResult> pending = caller.submit(() -> runtime.call(ToolCallRequest.builder(
                                    "stopping", args("{\"message\":\"x\"}"), new Caller("t", Grants.NONE, null))
                            .cancellation(signal)
                            .build()));
                    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
                    signal.cancel(reason);
                    assertThat(pending.get(5, TimeUnit.SECONDS).error().getMessage())
                            .isEqualTo("call of stopping was cancelled" + (reason == null ? "" : ": " + reason));
                } finally {
                    caller.shutdownNow();
                }
            }
        }

        @Test
        void aCallCancelledBeforeItStarts_neverRuns() {
            AtomicInteger runs = new AtomicInteger();
            registry.register(tool("counted", (a, c) -> {
                        runs.incrementAndGet();
                        return echo().run(a, c);
                    })
                    .build());
            dev.devskyy.runtime.Cancellation signal = new dev.devskyy.runtime.Cancellation();
            signal.cancel();
            ToolCallResult result = runtime.call(
                    ToolCallRequest.builder("counted", args("{\"message\":\"x\"}"), new Caller("t", Grants.NONE, null))
                            .cancellation(signal)
                            .build());
            assertThat(result.error().code()).isEqualTo(ErrorCode.E4006);
            assertThat(runs).hasValue(0);
        }
    }

    @Nested
    class Retries {
        final AtomicInteger runs = new AtomicInteger();

        ToolSpec.Builder failing(ErrorCode code, int failures) {
            return tool("flaky", (a, c) -> {
                        if (runs.incrementAndGet() <= failures) {
                            throw ToolError.of(code, "attempt " + c.attempt() + " failed");
                        }
                        return echo().run(a, c);
                    })
                    .retryPolicy(RetryPolicy.standard());
        }

        @Test
        void anIdempotentToolIsRetriedOnARetryableCode_withGrowingBackoff() {
            registry.register(failing(ErrorCode.E6001, 3).idempotent(true).build());
            ToolCallResult result = call("flaky", "{\"message\":\"x\"}");
            assertThat(result.isError()).isFalse();
            assertThat(result.attempts()).isEqualTo(4);
            // equal jitter with random 0.5: three quarters of 200, 400, 800 ms
            assertThat(pauses).containsExactly(Duration.ofMillis(150), Duration.ofMillis(300), Duration.ofMillis(600));
        }

        @Test
        void retriesExhausted_isE5002_reportingAttemptsAndTheLastError() {
            registry.register(failing(ErrorCode.E6003, 100).idempotent(true).build());
            ToolCallResult result = call("flaky", "{\"message\":\"x\"}");
            assertThat(result.error().code()).isEqualTo(ErrorCode.E5002);
            assertThat(result.structuredContent().at("/details/attempts").asInt())
                    .isEqualTo(4);
            assertThat(result.structuredContent().at("/details/last/code").asText())
                    .isEqualTo("E6003");
            assertThat(runs).hasValue(4);
        }

        @Test
        void aNonIdempotentToolIsNotRetried() {
            registry.register(failing(ErrorCode.E6001, 1).build());
            ToolCallResult result = call("flaky", "{\"message\":\"x\"}");
            assertThat(result.error().code()).isEqualTo(ErrorCode.E6001);
            assertThat(runs).hasValue(1);
            assertThat(pauses).isEmpty();
        }

        @Test
        void aNonIdempotentToolIsRetriedWhenTheCallCarriesAnIdempotencyKey() {
            registry.register(failing(ErrorCode.E5004, 1).build());
            ToolCallResult result = runtime.call(
                    ToolCallRequest.builder("flaky", args("{\"message\":\"x\"}"), new Caller("t", Grants.NONE, null))
                            .idempotencyKey("k1")
                            .build());
            assertThat(result.isError()).isFalse();
            assertThat(runs).hasValue(2);
        }

        @Test
        void aNonRetryableCodeIsNotRetried() {
            registry.register(failing(ErrorCode.E6002, 1).idempotent(true).build());
            assertThat(call("flaky", "{\"message\":\"x\"}").error().code()).isEqualTo(ErrorCode.E6002);
            assertThat(runs).hasValue(1);
        }

        @Test
        void aTimeoutIsRetriedOnlyForIdempotentTools() {
            registry.register(tool("slow", (a, c) -> {
                        runs.incrementAndGet();
                        Thread.sleep(60_000);
                        return echo().run(a, c);
                    })
                    .timeout(Duration.ofMillis(20))
                    .retryPolicy(RetryPolicy.standard())
                    .build());
            ToolCallResult keyed = runtime.call(
                    ToolCallRequest.builder("slow", args("{\"message\":\"x\"}"), new Caller("t", Grants.NONE, null))
                            .idempotencyKey("k")
                            .build());
            assertThat(keyed.error().code()).isEqualTo(ErrorCode.E5001);
            assertThat(runs).hasValue(1);
        }

        @Test
        void aTimeoutOfAnIdempotentToolIsRetried() {
            registry.register(tool("slow", (a, c) -> {
                        if (runs.incrementAndGet() == 1) {
                            Thread.sleep(60_000);
                        }
                        return echo().run(a, c);
                    })
                    .timeout(Duration.ofMillis(50))
                    .idempotent(true)
                    .retryPolicy(RetryPolicy.standard())
                    .build());
            ToolCallResult result = call("slow", "{\"message\":\"x\"}");
            assertThat(result.isError()).isFalse();
            assertThat(result.attempts()).isEqualTo(2);
        }

        @Test
        void aServersRetryAfterHintIsHonoured() {
            registry.register(tool("limited", (a, c) -> {
                        if (runs.incrementAndGet() == 1) {
                            throw ToolError.of(ErrorCode.E6003, "slow down").retryAfter(Duration.ofSeconds(3));
                        }
                        return echo().run(a, c);
                    })
                    .idempotent(true)
                    .retryPolicy(RetryPolicy.standard())
                    .build());
            assertThat(call("limited", "{\"message\":\"x\"}").isError()).isFalse();
            assertThat(pauses).containsExactly(Duration.ofSeconds(3));
        }
    }

    @Nested
    class Idempotency {
        final AtomicInteger runs = new AtomicInteger();

        @BeforeEach
        void counting() {
            registry.register(tool("counted", (a, c) -> {
                        runs.incrementAndGet();
                        return echo().run(a, c);
                    })
                    .build());
        }

        ToolCallResult keyed(String json, String key) {
            return runtime.call(ToolCallRequest.builder("counted", args(json), new Caller("t", Grants.NONE, null))
                    .idempotencyKey(key)
                    .build());
        }

        @Test
        void theSameKeyAndArguments_replayTheStoredResult() {
            ToolCallResult first = keyed("{\"message\":\"a\",\"times\":2}", "job-1");
            ToolCallResult second = keyed("{\"times\":2,\"message\":\"a\"}", "job-1");
            assertThat(runs).hasValue(1);
            assertThat(first.replayed()).isFalse();
            assertThat(second.replayed()).isTrue();
            assertThat(second.text()).isEqualTo(first.text());
            assertThat(second.structuredContent()).isEqualTo(first.structuredContent());
            assertThat(audit.get(1).replayed()).isTrue();
        }

        @Test
        void theSameKeyWithOtherArguments_isE4005() {
            keyed("{\"message\":\"a\"}", "job-1");
            ToolCallResult conflict = keyed("{\"message\":\"b\"}", "job-1");
            assertThat(conflict.error().code()).isEqualTo(ErrorCode.E4005);
            assertThat(runs).hasValue(1);
        }

        @Test
        void replaysSurviveARestart() {
            keyed("{\"message\":\"a\"}", "job-1");
            runtime.close();
            runtime = new ToolRuntime(
                    registry, new IdempotencyStore(state, Duration.ofHours(24), 100, clock), audit::add);
            assertThat(keyed("{\"message\":\"a\"}", "job-1").replayed()).isTrue();
            assertThat(runs).hasValue(1);
        }

        @Test
        void keysExpireAfterTheirTtl() {
            keyed("{\"message\":\"a\"}", "job-1");
            clock.advance(Duration.ofHours(25));
            assertThat(keyed("{\"message\":\"b\"}", "job-1").replayed()).isFalse();
            assertThat(runs).hasValue(2);
        }

        @Test
        void failuresAreNotStored_soTheNextCallRunsAgain() {
            keyed("{\"message\":\"a\",\"times\":0}", "job-1");
            keyed("{\"message\":\"a\",\"times\":0}", "job-1");
            assertThat(audit).extracting(AuditLog.Entry::outcome).containsExactly("E4001", "E4001");
        }

        @Test
        void concurrentCallsWithOneKey_runTheToolOnce() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<ToolCallResult>> results = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    results.add(pool.submit(() -> keyed("{\"message\":\"a\"}", "shared")));
                }
                int replays = 0;
                for (Future<ToolCallResult> f : results) {
                    replays += f.get(10, TimeUnit.SECONDS).replayed() ? 1 : 0;
                }
                assertThat(runs).hasValue(1);
                assertThat(replays).isEqualTo(15);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class Audit {
        @Test
        void everyCallLeavesOneLine_withAKeyedFingerprintOfTheArgumentsButNotTheArguments() throws Exception {
            registry.register(tool("echo", echo()).build());
            call("echo", "{\"message\":\"top-secret\"}");
            call("missing", "{}");
            assertThat(audit).hasSize(2);
            AuditLog.Entry ok = audit.get(0);
            assertThat(ok.outcome()).isEqualTo("ok");
            assertThat(ok.actor()).isEqualTo("tester");
            assertThat(ok.toolVersion()).isEqualTo("1.0.0");
            assertThat(ok.argumentsHmac())
                    .matches("[0-9a-f]{64}")
                    .isNotEqualTo(Sha256.hex(Json.canonical(args("{\"message\":\"top-secret\"}"))))
                    .isEqualTo(InstallationSecret.in(state)
                            .hmacHex("devskyy call arguments", "{\"message\":\"top-secret\"}"));
            assertThat(ok.toJsonLine()).doesNotContain("top-secret").endsWith("}\n");
            assertThat(audit.get(1).outcome()).isEqualTo("E4004");
            assertThat(audit.get(1).toolVersion()).isNull();
        }
    }
}
