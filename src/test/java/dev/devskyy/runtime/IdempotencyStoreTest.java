package dev.devskyy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.devskyy.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdempotencyStoreTest {
    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));

    static IdempotencyStore.Stored stored(String text) {
        var out = Json.object();
        out.put("echo", text);
        return new IdempotencyStore.Stored("hash-" + text, new ToolOutput(text, out));
    }

    long entries() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).count();
        }
    }

    @Test
    void keepsAtMostMaxEntries_droppingTheOldest() throws Exception {
        IdempotencyStore store = new IdempotencyStore(dir, Duration.ofHours(24), 3, clock);
        for (int i = 0; i < 5; i++) {
            store.put("t", "k" + i, stored("v" + i));
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(entries()).isEqualTo(3);
        assertThat(store.find("t", "k0")).isEmpty();
        assertThat(store.find("t", "k4"))
                .hasValueSatisfying(s -> assertThat(s.output().text()).isEqualTo("v4"));
    }

    @Test
    void keysAreScopedByTool() {
        IdempotencyStore store = new IdempotencyStore(dir, Duration.ofHours(24), 10, clock);
        store.put("a", "k", stored("x"));
        assertThat(store.find("b", "k")).isEmpty();
    }

    @Test
    void theKeyItselfNeverAppearsOnDisk() throws Exception {
        IdempotencyStore store = new IdempotencyStore(dir, Duration.ofHours(24), 10, clock);
        store.put("t", "customer-4242", stored("x"));
        try (Stream<Path> files = Files.list(dir)) {
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
        IdempotencyStore store = new IdempotencyStore(dir, Duration.ofHours(24), 10, clock);
        store.put("t", "k", stored("x"));
        try (Stream<Path> files = Files.list(dir)) {
            Path entry = files.filter(f -> f.toString().endsWith(".json"))
                    .findFirst()
                    .orElseThrow();
            Files.writeString(entry, "{\"storedAt\":" + clock.millis() + ",\"structuredContent\":[]}");
        }
        assertThatThrownBy(() -> store.find("t", "k"))
                .isInstanceOfSatisfying(
                        ToolError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.E5004));
    }
}
