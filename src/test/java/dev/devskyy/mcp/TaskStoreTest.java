package dev.devskyy.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Cancellation;
import dev.devskyy.runtime.Json;
import dev.devskyy.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The store's bounds (count, time to live) and its ids, on a clock the test moves. */
class TaskStoreTest {
    private static final Duration TTL = Duration.ofMinutes(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

    @Test
    void aTaskIsFoundUntilItsTtlHasPassed_thenForgottenWithItsResult() {
        TaskStore store = new TaskStore(clock, 4);
        TaskStore.Task task = store.create(TTL, new Cancellation(), null).orElseThrow();
        store.complete(task, Json.object().put("resultType", "complete"));
        clock.advance(TTL.minusMillis(1));
        assertThat(store.find(task.id(), null)).contains(task);
        clock.advance(Duration.ofMillis(1));
        assertThat(store.find(task.id(), null)).isEmpty();
    }

    /** Over HTTP a task id serves only the actor whose token made the task; others get "no such task". */
    @Test
    void aTaskIsFoundOnlyByTheActorThatMadeIt() {
        TaskStore store = new TaskStore(clock, 4);
        TaskStore.Task alices = store.create(TTL, new Cancellation(), "alice").orElseThrow();
        assertThat(store.find(alices.id(), "alice")).contains(alices);
        assertThat(store.find(alices.id(), "bob")).isEmpty();
        assertThat(store.find(alices.id(), null)).isEmpty();
        TaskStore.Task local = store.create(TTL, new Cancellation(), null).orElseThrow();
        assertThat(store.find(local.id(), null)).contains(local);
        assertThat(store.find(local.id(), "alice")).isEmpty();
    }

    @Test
    void atCapacityNoTaskIsCreated_untilOneExpires() {
        TaskStore store = new TaskStore(clock, 2);
        assertThat(store.create(TTL, new Cancellation(), null)).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.create(TTL, new Cancellation(), null)).isPresent();
        assertThat(store.create(TTL, new Cancellation(), null)).isEmpty();
        clock.advance(Duration.ofMinutes(9)); // the first has lived its ttl
        assertThat(store.create(TTL, new Cancellation(), null)).isPresent();
        assertThat(store.create(TTL, new Cancellation(), null)).isEmpty();
    }

    @Test
    void theDescriptionCarriesTheWireFields_andTheFirstOutcomeSticks() {
        TaskStore store = new TaskStore(clock, 4);
        TaskStore.Task task = store.create(TTL, new Cancellation(), null).orElseThrow();
        ObjectNode working = store.describe(task);
        assertThat(working.get("status").asText()).isEqualTo("working");
        assertThat(working.get("createdAt").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(working.get("ttlMs").asLong()).isEqualTo(TTL.toMillis());
        assertThat(working.get("pollIntervalMs").asLong()).isEqualTo(TaskStore.POLL_INTERVAL_MS);
        clock.advance(Duration.ofSeconds(3));
        store.progress(task, "12 of 40 files");
        assertThat(store.describe(task).get("statusMessage").asText()).isEqualTo("12 of 40 files");
        assertThat(store.describe(task).get("lastUpdatedAt").asText()).isEqualTo("2026-12-01T10:00:03Z");
        store.failed(task, JsonRpc.INTERNAL_ERROR, "Internal error");
        store.complete(task, Json.object());
        store.progress(task, "late");
        ObjectNode failed = store.describe(task);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.at("/error/code").asInt()).isEqualTo(-32603);
        assertThat(failed.has("result")).isFalse();
        assertThat(failed.get("statusMessage").asText()).isEqualTo("Internal error");
    }

    @Test
    void cancellingSignalsTheCallsOwnCancellation() {
        TaskStore store = new TaskStore(clock, 4);
        Cancellation cancellation = new Cancellation();
        store.cancel(store.create(TTL, cancellation, null).orElseThrow());
        assertThat(cancellation.isCancelled()).isTrue();
    }

    @Test
    void discoveryAdvertisesTheExtension_besideOthers() throws Exception {
        ObjectNode capabilities = (ObjectNode) Json.parse("{\"tools\":{},\"extensions\":{\"com.example/x\":{}}}");
        TaskMethods.advertise(capabilities);
        assertThat(capabilities.get("extensions"))
                .isEqualTo(Json.parse("{\"com.example/x\":{},\"io.modelcontextprotocol/tasks\":{}}"));
        ObjectNode bare = Json.object();
        TaskMethods.advertise(bare);
        assertThat(bare).isEqualTo(Json.parse("{\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}"));
    }

    @Test
    @Tag("security")
    void idsAreLongRandomAndUrlSafe_soNeitherGuessedNorEnumerated() {
        TaskStore store = new TaskStore(clock, 2_000);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String id =
                    store.create(TTL, new Cancellation(), null).orElseThrow().id();
            assertThat(id).hasSize(43).matches("[A-Za-z0-9_-]+"); // 256 bits in base64url
            ids.add(id);
        }
        assertThat(ids).hasSize(1_000);
        // no two ids share a long prefix, as counters or timestamps would
        assertThat(ids.stream().map(id -> id.substring(0, 8)).distinct()).hasSize(1_000);
    }

    @Test
    @Tag("security")
    void aHugeIdIsNotLookedUp() {
        TaskStore store = new TaskStore(clock, 4);
        String id = store.create(TTL, new Cancellation(), null).orElseThrow().id();
        assertThat(store.find(id + "x".repeat(TaskStore.MAX_ID_LENGTH), null)).isEmpty();
        assertThat(store.find("a".repeat(4 << 20), null)).isEmpty();
        assertThat(store.find(id, null)).isPresent();
    }
}
