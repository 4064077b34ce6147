package dev.devskyy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.devskyy.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdempotencyStoreTest {
    @TempDir
    Path state;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));

    static Idempotency.Stored stored(String text) {
        var out = Json.object();
        out.put("echo", text);
        return new Idempotency.Stored("hmac-" + text, new ToolOutput(text, out));
    }

    static ToolCallRequest request(String key) {
        return requestBuilder(key).build();
    }

    private static ToolCallRequest.Builder requestBuilder(String key) {
        return ToolCallRequest.builder("t", Json.object(), new Caller("ci", Grants.NONE, null))
                .idempotencyKey(key);
    }

    static void put(IdempotencyStore store, String tool, String key, Idempotency.Stored value) {
        try (Idempotency.Slot slot = store.claim(tool, request(key))) {
            slot.put(value);
        }
    }

    static Optional<Idempotency.Stored> find(IdempotencyStore store, String tool, String key) {
        try (Idempotency.Slot slot = store.claim(tool, request(key))) {
            return slot.find();
        }
    }

    Stream<Path> entries() throws Exception {
        return Files.list(state.resolve("idempotency")).filter(f -> f.toString().endsWith(".json"));
    }

    @Test
    void keepsAtMostMaxEntries_droppingTheOldest() throws Exception {
        IdempotencyStore store = new IdempotencyStore(state, Duration.ofHours(24), 3, clock);
        for (int i = 0; i < 5; i++) {
            put(store, "t", "k" + i, stored("v" + i));
            clock.advance(Duration.ofMinutes(1));
        }
        try (Stream<Path> entries = entries()) {
            assertThat(entries.count()).isEqualTo(3);
        }
        assertThat(find(store, "t", "k0")).isEmpty();
        assertThat(find(store, "t", "k4"))
                .hasValueSatisfying(s -> assertThat(s.output().text()).isEqualTo("v4"));
    }

    @Test
    void expiredEntriesAreDropped_andLockFilesStayFew() throws Exception {
        IdempotencyStore store = new IdempotencyStore(state, Duration.ofHours(24), 100, clock);
        for (int i = 0; i < 50; i++) {
            put(store, "t", "k" + i, stored("v" + i));
        }
        clock.advance(Duration.ofHours(25));
        put(store, "t", "fresh", stored("x"));
        try (Stream<Path> entries = entries()) {
            assertThat(entries.count()).isEqualTo(1);
        }
        try (Stream<Path> locks = Files.list(state.resolve("idempotency/locks"))) {
            assertThat(locks.count()).isBetween(1L, 51L);
        }
    }

    /** What a process killed while writing an entry leaves behind: AtomicWrite's temporary. */
    @Test
    void temporariesOfAKilledWriter_arePrunedOnceExpired() throws Exception {
        IdempotencyStore store = new IdempotencyStore(state, Duration.ofHours(24), 100, clock);
        put(store, "t", "first", stored("a"));
        Path stale = Files.writeString(state.resolve("idempotency/.0ab.json.5f3e.tmp"), "{\"partial");
        Path recent = Files.writeString(state.resolve("idempotency/.1cd.json.77aa.tmp"), "{\"partial");
        Files.setLastModifiedTime(stale, FileTime.from(clock.instant().minus(Duration.ofHours(25))));
        Files.setLastModifiedTime(recent, FileTime.from(clock.instant()));
        put(store, "t", "second", stored("b"));
        assertThat(stale).doesNotExist();
        assertThat(recent).exists();
        assertThat(find(store, "t", "second")).isPresent();
    }

    @Test
    void keysAreScopedByTool() {
        IdempotencyStore store = new IdempotencyStore(state, Duration.ofHours(24), 10, clock);
        put(store, "a", "k", stored("x"));
        assertThat(find(store, "b", "k")).isEmpty();
        assertThat(find(store, "a", "k")).isPresent();
    }

    @Test
    void theKeyItselfNeverAppearsOnDisk() throws Exception {
        IdempotencyStore store = new IdempotencyStore(state, Duration.ofHours(24), 10, clock);
        put(store, "t", "customer-4242", stored("x"));
        try (Stream<Path> files = Files.walk(state)) {
            for (Path f : files.toList()) {
                assertThat(f.getFileName().toString()).doesNotContain("4242");
                if (Files.isRegularFile(f)) {
                    assertThat(Files.readString(f)).doesNotContain("customer-4242");
                }
            }
        }
    }

    @Test
    void aDamagedEntry_isAStoreFailure_notAReplay() throws Exception {
        IdempotencyStore store = new IdempotencyStore(state, Duration.ofHours(24), 10, clock);
        put(store, "t", "k", stored("x"));
        try (Stream<Path> entries = entries()) {
            Files.writeString(
                    entries.findFirst().orElseThrow(),
                    "{\"storedAt\":" + clock.millis() + ",\"structuredContent\":[]}");
        }
        assertThatThrownBy(() -> find(store, "t", "k"))
                .isInstanceOfSatisfying(
                        ToolError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.E5004));
    }

    @Test
    void aCallerWaitingForAHeldKey_givesUpWhenCancelled() throws Exception {
        IdempotencyStore store = new IdempotencyStore(state, Duration.ofHours(24), 10, clock);
        Cancellation cancellation = new Cancellation();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Idempotency.Slot held = store.claim("t", request("k"))) {
            assertThat(held.find()).isEmpty();
            Future<Idempotency.Slot> waiting = other.submit(() -> store.claim(
                    "t", requestBuilder("k").cancellation(cancellation).build()));
            Thread.sleep(50);
            assertThat(waiting).isNotDone();
            cancellation.cancel();
            assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(CancellationException.class);
        } finally {
            other.shutdownNow();
        }
        // the key is free again for the next caller
        assertThat(find(store, "t", "k")).isEmpty();
    }

    @Test
    void aDamagedInstallationSecret_isAStoreFailure_thatNeverQuotesIt() throws Exception {
        Files.createDirectories(state);
        Files.writeString(state.resolve(InstallationSecret.FILE_NAME), "not-a-key-but-secret-text");
        IdempotencyStore store = new IdempotencyStore(state, Duration.ofHours(24), 10, clock);
        assertThatThrownBy(() -> find(store, "t", "k")).isInstanceOfSatisfying(ToolError.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.E5004);
            assertThat(e.getMessage()).doesNotContain("secret-text");
        });
    }
}
