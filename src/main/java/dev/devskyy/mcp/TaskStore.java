package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Cancellation;
import dev.devskyy.runtime.Json;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tasks of the {@code io.modelcontextprotocol/tasks} extension this process holds: long tool
 * calls a client asked to poll rather than wait for. Bounded twice: at most {@code capacity} tasks
 * at once, and each is forgotten, with its result, once its {@code ttlMs} from creation has passed.
 * A task id is the only key to a task (there is no listing), so it is 256 random bits; over HTTP a
 * task is found only by the actor whose token made it, so an id that leaks (a log, a proxy) serves
 * no one else.
 */
final class TaskStore {
    /** How long a result is kept after the tool's own deadline, for the client to come back. */
    static final Duration RETENTION = Duration.ofHours(1);
    /** Scans and file encryption take seconds to minutes: once a second is often enough. */
    static final long POLL_INTERVAL_MS = 1_000;

    private static final int ID_BYTES = 32;
    /** Our ids are 43 characters; anything much longer is no id of ours and is not even hashed. */
    static final int MAX_ID_LENGTH = 64;

    enum Status {
        WORKING,
        COMPLETED,
        FAILED,
        CANCELLED;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One task. Its state changes only under the store's lock: its status message while it works,
     * its outcome once, when it leaves WORKING.
     */
    static final class Task {
        private final String id;
        private final Instant createdAt;
        private final Duration ttl;
        private final Cancellation cancellation;
        private final String owner;
        private Status status = Status.WORKING;
        private Instant lastUpdatedAt;
        private String statusMessage;
        private JsonNode payload; // the result when completed, the JSON-RPC error when failed

        private Task(String id, Instant createdAt, Duration ttl, Cancellation cancellation, String owner) {
            this.id = id;
            this.owner = owner;
            this.createdAt = createdAt;
            this.lastUpdatedAt = createdAt;
            this.ttl = ttl;
            this.cancellation = cancellation;
        }

        String id() {
            return id;
        }
    }

    private final Clock clock;
    private final int capacity;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Task> byId = new HashMap<>();

    TaskStore(Clock clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
    }

    /**
     * Registers a working task, findable as soon as this returns; empty when the store is full (the
     * caller then answers the call as it would without the extension).
     *
     * @param ttl from now until the task and its result are forgotten
     * @param cancellation what {@code tasks/cancel} triggers: the running call's own
     * @param owner the actor whose token made it, who alone finds it ({@link Peer#actor()})
     */
    synchronized Optional<Task> create(Duration ttl, Cancellation cancellation, String owner) {
        forgetExpired();
        if (byId.size() >= capacity) {
            return Optional.empty();
        }
        Task task = new Task(newId(), now(), ttl, cancellation, owner);
        byId.put(task.id, task);
        return Optional.of(task);
    }

    /**
     * The task with this id, unless it never existed, was forgotten, the id is no id of ours, or
     * another actor made it: all alike, so that whether a task exists cannot be probed.
     */
    synchronized Optional<Task> find(String id, String owner) {
        if (id.length() > MAX_ID_LENGTH) {
            return Optional.empty();
        }
        forgetExpired();
        return Optional.ofNullable(byId.get(id)).filter(task -> Objects.equals(task.owner, owner));
    }

    /** A running task says how far it got; the client sees it as the status message. */
    synchronized void progress(Task task, String message) {
        if (task.status == Status.WORKING) {
            task.statusMessage = message;
            task.lastUpdatedAt = now();
        }
    }

    /** The call answered: {@code result} is what {@code tools/call} would have returned. */
    synchronized void complete(Task task, ObjectNode result) {
        finish(task, Status.COMPLETED, null, result);
    }

    /** The call ended cancelled (by {@code tasks/cancel} or at shutdown); the runtime says why. */
    synchronized void cancelled(Task task, String message) {
        finish(task, Status.CANCELLED, message, null);
    }

    /** The call ended with what would have been a JSON-RPC error. */
    synchronized void failed(Task task, int code, String message) {
        ObjectNode error = Json.object();
        error.put("code", code);
        error.put("message", message);
        finish(task, Status.FAILED, message, error);
    }

    private void finish(Task task, Status status, String message, JsonNode payload) {
        if (task.status != Status.WORKING) {
            return;
        }
        task.status = status;
        task.statusMessage = message;
        task.payload = payload;
        task.lastUpdatedAt = now();
    }

    /** Asks the task's call to stop; it ends cancelled unless it finishes first. */
    void cancel(Task task) {
        task.cancellation.cancel();
    }

    /**
     * The task as the extension's {@code DetailedTask}: the common fields, and the result or the
     * error once there is one.
     */
    synchronized ObjectNode describe(Task task) {
        ObjectNode node = Json.object();
        node.put("taskId", task.id);
        node.put("status", task.status.wireName());
        if (task.statusMessage != null) {
            node.put("statusMessage", task.statusMessage);
        }
        node.put("createdAt", task.createdAt.toString());
        node.put("lastUpdatedAt", task.lastUpdatedAt.toString());
        node.put("ttlMs", task.ttl.toMillis());
        node.put("pollIntervalMs", POLL_INTERVAL_MS);
        if (task.status == Status.COMPLETED) {
            node.set("result", task.payload);
        } else if (task.status == Status.FAILED) {
            node.set("error", task.payload);
        }
        return node;
    }

    /** Milliseconds are precision enough for a client deciding when to poll. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private void forgetExpired() {
        Instant now = clock.instant();
        byId.values().removeIf(task -> !now.isBefore(task.createdAt.plus(task.ttl)));
    }

    /** 256 bits from the system's strong source, URL-safe: not guessable, not enumerable. */
    private String newId() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
