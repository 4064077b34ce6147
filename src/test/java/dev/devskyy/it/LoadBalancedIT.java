package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote server at scale on one machine: a real PostgreSQL, {@code serve --http} instances
 * behind a real nginx, 16 concurrent clients and {@code load.calls} calls (20,000 by default), a
 * fifth of them with idempotency keys that repeat. With three instances one is killed (-9) a third of
 * the way in and restarted. Every call must be answered (a client retries what a dead instance
 * dropped, with the same key), no key may run twice, and every answered call must have its audit
 * line. The figures (calls/s, p50, p99) are printed for bench/RESULTS.md, never asserted: speed is
 * measured by benchmarks (bench/remote.sh runs this test).
 */
class LoadBalancedIT {
    static final int CLIENTS = 16;
    static final int CALLS = Integer.getInteger("load.calls", 20_000);
    static final int KEYS = 400;

    @TempDir
    static Path home;

    static LoopbackPostgres database;
    static LoopbackAuthorizationServer issuer;
    static Path root;

    @BeforeAll
    static void start() throws Exception {
        database = LoopbackPostgres.start();
        issuer = LoopbackAuthorizationServer.start();
        Launcher.Run migrated = Launcher.run(
                home, Launcher.PROJECT, env(), Launcher.SCRIPT, "state", "migrate", "--state", database.url());
        assertThat(migrated.code()).as(migrated.err()).isZero();
        root = Files.createDirectories(home.resolve("orders"));
        for (int key = 0; key < KEYS; key++) {
            Files.writeString(root.resolve("order-" + key + ".json"), "{\"order\":" + key + "}\n");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        issuer.close();
        database.close();
    }

    static Map<String, String> env() {
        return Map.of("DEVSKYY_STATE_PASSWORD", LoopbackPostgres.PASSWORD);
    }

    @Test
    void threeInstancesBehindNginx_oneKilledMidRun_everyCallAnswered_noKeyRunTwice_noAuditLineLost() throws Exception {
        run("three instances, one killed and restarted", 3, true);
    }

    @Test
    void oneInstanceBehindNginx_forComparison() throws Exception {
        run("one instance", 1, false);
    }

    private void run(String name, int instances, boolean killOne) throws Exception {
        Path dir = Files.createDirectories(home.resolve(name.replace(' ', '-').replace(",", "")));
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            ports.add(RemoteServer.freePort());
        }
        try (LoopbackNginx nginx = LoopbackNginx.start(dir.resolve("nginx"), ports)) {
            String[] args = {
                "--state",
                database.url(),
                "--oauth-issuer",
                issuer.issuer(),
                "--public-url",
                nginx.endpoint(),
                "--allow",
                "filesystem:read",
                "--root",
                root.toString()
            };
            RemoteServer[] servers = new RemoteServer[instances];
            for (int i = 0; i < instances; i++) {
                servers[i] = RemoteServer.start(dir.resolve("instance-" + i), env(), ports.get(i), args);
            }
            try {
                Load load = new Load(
                        new McpHttp(nginx.endpoint()), issuer.token(nginx.endpoint(), "load", "filesystem:read", 3600));
                List<Thread> restarts = java.util.Collections.synchronizedList(new ArrayList<>());
                IntConsumer atCall = done -> {
                    if (killOne && done == CALLS / 3) {
                        restarts.add(restart(servers, 1, dir, ports.get(1), args));
                    }
                };
                Load.Figures figures = load.run(CALLS, CLIENTS, atCall);
                System.out.printf(
                        "load test, %s: %d calls from %d clients in %.1f s: %.0f calls/s, p50 %.1f ms, p99 %.1f ms, "
                                + "%d attempts retried%n",
                        name,
                        CALLS,
                        CLIENTS,
                        figures.seconds(),
                        CALLS / figures.seconds(),
                        figures.p50Millis(),
                        figures.p99Millis(),
                        figures.retries());
                assertThat(figures.failures())
                        .as("calls that never got an answer")
                        .isEmpty();
                for (Thread restart : restarts) {
                    restart.join();
                }
                assertThat(restartFailure.get())
                        .as("the killed instance's restart")
                        .isNull();
                audit(load);
            } finally {
                for (RemoteServer server : servers) {
                    server.close();
                }
            }
        }
    }

    /** Why restarting a killed instance failed, if it did. */
    private static final java.util.concurrent.atomic.AtomicReference<Exception> restartFailure =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** Kills instance {@code i} (-9) and starts it again on its port, on a thread of its own. */
    private static Thread restart(RemoteServer[] servers, int i, Path dir, int port, String[] args) {
        Thread restart = new Thread(() -> {
            try {
                servers[i].kill();
                servers[i] = RemoteServer.start(dir.resolve("instance-" + i + "-again"), env(), port, args);
            } catch (Exception e) {
                restartFailure.set(e);
            }
        });
        restart.start();
        return restart;
    }

    /** Every answered attempt has its line; no key's attempts executed (replayed: false) more than once. */
    private static void audit(Load load) throws Exception {
        Map<String, Boolean> executed = new HashMap<>();
        for (String row : database.psql(
                        "SELECT line->>'correlationId' || '|' || (line->>'replayed') FROM devskyy_audit")
                .split("\n")) {
            String[] parts = row.split("\\|");
            executed.put(parts[0], !Boolean.parseBoolean(parts[1]));
        }
        List<String> lost =
                load.answered.stream().filter(id -> !executed.containsKey(id)).toList();
        assertThat(lost).as("answered calls without an audit line").isEmpty();
        List<String> twice = new ArrayList<>();
        load.attemptsByKey.forEach((key, attempts) -> {
            long runs = attempts.stream()
                    .filter(id -> executed.getOrDefault(id, false))
                    .count();
            if (runs > 1) {
                twice.add(key + " ran " + runs + " times");
            }
        });
        assertThat(twice).as("idempotency keys executed more than once").isEmpty();
    }

    /** The clients: each takes the next call, and retries it (same key, new trace) until it is answered. */
    static final class Load {
        record Figures(double seconds, double p50Millis, double p99Millis, int retries, List<String> failures) {}

        private static final int MAX_ATTEMPTS = 60;
        private final McpHttp mcp;
        private final String token;
        private final SecureRandom random = new SecureRandom();
        final Set<String> answered = ConcurrentHashMap.newKeySet();
        final Map<String, List<String>> attemptsByKey = new ConcurrentHashMap<>();

        Load(McpHttp mcp, String token) {
            this.mcp = mcp;
            this.token = token;
        }

        Figures run(int calls, int clients, IntConsumer atCall) throws Exception {
            AtomicInteger next = new AtomicInteger();
            AtomicInteger retries = new AtomicInteger();
            long[] latencies = new long[calls];
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < calls; ) {
                        atCall.accept(i);
                        long began = System.nanoTime();
                        String failure = call(i, retries);
                        latencies[i] = System.nanoTime() - began;
                        if (failure != null) {
                            failures.add("call " + i + ": " + failure);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return new Figures(
                    seconds,
                    sorted[calls / 2] / 1e6,
                    sorted[Math.min(calls - 1, (int) (calls * 0.99))] / 1e6,
                    retries.get(),
                    failures);
        }

        /** Null once answered; what went wrong when it never was. */
        private String call(int i, AtomicInteger retries) throws InterruptedException {
            String key = i % 5 == 0 ? "order-" + (i / 5) % KEYS : null;
            String last = null;
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                if (attempt > 0) {
                    retries.incrementAndGet();
                    Thread.sleep(50);
                }
                String trace = traceparent();
                if (key != null) {
                    attemptsByKey
                            .computeIfAbsent(key, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                            .add(trace);
                }
                try {
                    HttpResponse<String> response = mcp.post(McpHttp.bearer(token), body(key, trace));
                    if (response.statusCode() == 200) {
                        JsonNode result = Json.parse(response.body()).get("result");
                        if (result == null || result.path("isError").asBoolean()) {
                            return "answered with an error: " + response.body();
                        }
                        answered.add(trace);
                        return null;
                    }
                    last = "HTTP " + response.statusCode(); // 502 while nginx finds the instance dead
                } catch (IOException e) {
                    last = e.toString();
                } catch (Exception e) {
                    return e.toString();
                }
            }
            return "gave up after " + MAX_ATTEMPTS + " attempts: " + last;
        }

        /** A keyed call hashes the key's order file; the others build a policy (no file, no key). */
        private static String body(String key, String trace) {
            String call = key != null
                    ? McpHttp.toolsCall(
                            "file_hash",
                            Json.object()
                                    .put("path", root.resolve(key + ".json").toString()),
                            key)
                    : McpHttp.toolsCall("csp_build", Json.object().put("profile", "production"), null);
            try {
                ObjectNode message = (ObjectNode) Json.parse(call);
                ((ObjectNode) message.get("params").get("_meta")).put("traceparent", trace);
                return Json.compact(message);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private String traceparent() {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            bytes[0] |= 1; // never the all-zero ids the W3C format reserves
            bytes[16] |= 1;
            String hex = HexFormat.of().formatHex(bytes);
            return "00-" + hex.substring(0, 32) + "-" + hex.substring(32) + "-01";
        }
    }
}
