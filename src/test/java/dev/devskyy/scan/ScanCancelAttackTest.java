package dev.devskyy.scan;

import static dev.devskyy.testing.TestTools.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.IdempotencyStore;
import dev.devskyy.runtime.ToolCallRequest;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.runtime.ToolRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan busy in a regex stops when cancelled or past its tool deadline: the call returns and its
 * worker threads end, instead of matching on for minutes after the caller has gone. The work is a
 * user rule whose RE2/J program is large (a bounded repeat forty deep) over a few 4 MB lines, so
 * each file takes far longer than the test waits.
 */
@Tag("security")
class ScanCancelAttackTest {
    /** Generous for a loaded 2-core machine; the regex input asks every 256 characters read. */
    static final long STOPS_WITHIN_MS = 1000;
    /** Long enough for the scan to be matching when it passes, even on a slow machine. */
    static final long DEADLINE_MS = 2000;

    @TempDir
    Path root;

    Path tree;
    Path rules;

    @BeforeEach
    void hostileTree() throws IOException {
        tree = Files.createDirectory(root.resolve("tree"));
        byte[] line = "a".repeat(4 << 20).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 4; i++) {
            Files.write(tree.resolve("big" + i + ".txt"), line);
        }
        rules = root.resolve("rules.json");
        Files.writeString(rules, """
                {"version": 1, "rules": [{"id": "slow", "description": "slow", "category": "code",
                  "severity": "low", "regex": "(?:.{0,8}a){40}$", "keywords": ["a"]}]}
                """);
    }

    @Test
    void aCancelledScanReturnsAndItsWorkersStop() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        long[] cancelledAt = new long[1];
        Thread canceller = new Thread(() -> {
            awaitMatching();
            cancelledAt[0] = System.nanoTime();
            cancelled.set(true);
        });
        canceller.start();
        Scan.Options options = new Scan.Options(
                List.of(ScanTest.opened(tree, "tree")),
                EnumSet.of(Category.CODE),
                List.of(ScanTest.input(rules)),
                null,
                null,
                8L << 20,
                false,
                Severity.HIGH,
                2,
                true,
                null);
        assertThatThrownBy(() -> Scan.run(options, new Scan.Monitor(progress -> {}, cancelled::get)))
                .isInstanceOf(Scan.Cancelled.class);
        long returned = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt[0]);
        canceller.join();
        assertThat(returned).as("ms from cancel to return").isLessThan(STOPS_WITHIN_MS);
        assertThat(workersStopWithin(STOPS_WITHIN_MS)).isTrue();
    }

    @Test
    void aToolCallPastItsDeadlineReturnsAndItsWorkersStop() throws Exception {
        ToolRegistry registry = new ToolRegistry();
        registry.register(ScanTools.scan());
        IdempotencyStore store = new IdempotencyStore(
                Files.createDirectory(root.resolve("state")), Duration.ofHours(1), 10, Clock.systemUTC());
        try (ToolRuntime runtime = new ToolRuntime(registry, store, entry -> {})) {
            Grants grants = Grants.of(Set.of(ToolPermission.FILESYSTEM_READ), List.of(root), List.of());
            String json = "{\"paths\":[\"" + tree + "\"],\"checks\":[\"code\"],\"rules\":[\"" + rules + "\"]}";
            long started = System.nanoTime();
            ToolCallResult result =
                    runtime.call(ToolCallRequest.builder("security_scan", args(json), new Caller("t", grants, null))
                            .timeout(Duration.ofMillis(DEADLINE_MS))
                            .build());
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(result.isError()).isTrue();
            assertThat(result.structuredContent().path("name").asText()).isEqualTo("TIMEOUT");
            assertThat(took).as("ms to the timeout's answer").isLessThan(DEADLINE_MS + STOPS_WITHIN_MS);
            assertThat(workersStopWithin(STOPS_WITHIN_MS)).isTrue();
        }
    }

    /** Until a scan worker has run for a while: the rule's regex takes seconds per file. */
    static void awaitMatching() {
        while (Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("devskyy-scan"))) {
            sleep(5);
        }
        sleep(300);
    }

    /** Whether every scan worker thread has ended within that many milliseconds. */
    static boolean workersStopWithin(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            if (Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().equals("devskyy-scan") && t.isAlive())) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
