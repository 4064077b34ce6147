package dev.devskyy.runtime;

import static dev.devskyy.testing.TestTools.args;
import static dev.devskyy.testing.TestTools.echo;
import static dev.devskyy.testing.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.ToolCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Class 6 of issue 11: a replay is exactly as authorized as a fresh call, and runs happen once. */
@Tag("security")
class IdempotencyAttackTest {
    @TempDir
    Path state;

    @TempDir
    Path files;

    static final Set<ToolPermission> READ = Set.of(ToolPermission.FILESYSTEM_READ);

    ToolRuntime runtime(ToolRegistry registry) {
        return new ToolRuntime(registry, IdempotencyStore.in(state), AuditLog.DISCARD);
    }

    static ToolCallRequest keyed(String tool, String json, String actor, Grants grants, String key) {
        return ToolCallRequest.builder(tool, args(json), new Caller(actor, grants, null))
                .idempotencyKey(key)
                .build();
    }

    @Test
    void aNarrowRootCaller_neverReplaysWhatABroadRootCallerMayRead() throws Exception {
        Path narrow = Files.createDirectories(files.resolve("b"));
        Path secret = Files.writeString(files.resolve("secret.txt"), "outside the narrow root");
        String call = "{\"path\":\"" + secret + "\"}";
        try (ToolRuntime runtime = runtime(ToolCatalogue.registry(Map.of()))) {
            ToolCallResult broad =
                    runtime.call(keyed("file_hash", call, "ci", Grants.of(READ, List.of(files), List.of()), "K"));
            assertThat(broad.isError()).as(broad.text()).isFalse();
            String digest = broad.structuredContent().get("digest").asText();

            ToolCallResult narrowed =
                    runtime.call(keyed("file_hash", call, "ci", Grants.of(READ, List.of(narrow), List.of()), "K"));

            assertThat(narrowed.replayed()).isFalse();
            assertThat(narrowed.error()).isNotNull();
            assertThat(narrowed.error().code()).isEqualTo(ErrorCode.E4003);
            assertThat(narrowed.text()).doesNotContain(digest);
            // the broad caller itself still replays
            assertThat(runtime.call(keyed("file_hash", call, "ci", Grants.of(READ, List.of(files), List.of()), "K"))
                            .replayed())
                    .isTrue();
        }
    }

    @Test
    void anotherActor_orOtherHosts_orOtherPermissions_neverSeeTheEntry() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ToolRegistry registry = new ToolRegistry();
        registry.register(tool("counted", (a, c) -> {
                    runs.incrementAndGet();
                    return echo().run(a, c);
                })
                .build());
        List<Grants> scopes = List.of(
                Grants.of(READ, List.of(files), List.of("example.com")),
                Grants.of(READ, List.of(files), List.of("other.example")),
                Grants.of(Set.of(), List.of(files), List.of("example.com")));
        try (ToolRuntime runtime = runtime(registry)) {
            for (Grants grants : scopes) {
                for (String actor : List.of("ci", "intruder")) {
                    ToolCallResult result = runtime.call(keyed("counted", "{\"message\":\"m\"}", actor, grants, "K"));
                    assertThat(result.isError()).as(result.text()).isFalse();
                    assertThat(result.replayed()).isFalse();
                }
            }
        }
        assertThat(runs).hasValue(scopes.size() * 2);
    }

    static final Grants KEYS = Grants.of(Set.of(ToolPermission.KEYS_USE), List.of(), List.of());

    @Test
    void jwtIssue_isNeverStored_soAServerWithoutASigningKeyReplaysNoToken() throws Exception {
        Map<String, String> signing = Map.of("DEVSKYY_JWT_SIGNING_SECRET", "s".repeat(64));
        String call = "{\"profile\":\"devskyy\",\"subject\":\"user-42\"}";
        try (ToolRuntime minting = runtime(ToolCatalogue.registry(signing))) {
            minting.call(keyed("jwt_issue", call, "ci", KEYS, "K"));
        }
        try (ToolRuntime keyless = runtime(ToolCatalogue.registry(Map.of()))) {
            ToolCallResult replay = keyless.call(keyed("jwt_issue", call, "ci", KEYS, "K"));
            assertThat(replay.replayed()).isFalse();
            assertThat(replay.isError()).isTrue();
            assertThat(replay.text()).doesNotContain("eyJ");
        }
        try (Stream<Path> all = Files.walk(state)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain("eyJ");
            }
        }
    }

    /** Every tool whose result holds a secret (a token, a nonce, plaintext) is marked so. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "jwt_issue",
                "token_generate",
                "crypto_decrypt",
                "crypto_decrypt_fields",
                "csp_build",
                "data_mask"
            })
    void toolsWhoseResultsAreSecrets_areMarked(String name) {
        assertThat(ToolCatalogue.registry(Map.of()).find(name))
                .hasValueSatisfying(spec -> assertThat(spec.secretResults()).isTrue());
    }

    @Test
    void manyThreadsAndKeys_overTwoStoresInOneJvm_runEachKeyOnce_withoutErrors() throws Exception {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        ToolRegistry registry = new ToolRegistry();
        registry.register(tool("counted", (a, c) -> {
                    runs.computeIfAbsent(a.get("message").asText(), k -> new AtomicInteger())
                            .incrementAndGet();
                    Thread.sleep(5);
                    return echo().run(a, c);
                })
                .build());
        List<String> keys = IntStream.range(0, 24).mapToObj(i -> "key-" + i).collect(Collectors.toList());
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        // Two stores on one directory: two channels in one JVM, as two MCP sessions would have.
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (ToolRuntime one = runtime(registry);
                ToolRuntime two = runtime(registry)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                ToolRuntime mine = t % 2 == 0 ? one : two;
                Random random = new Random(t);
                done.add(pool.submit(() -> {
                    List<String> order = new ArrayList<>(keys);
                    Collections.shuffle(order, random);
                    for (String key : order) {
                        ToolCallResult result =
                                mine.call(keyed("counted", "{\"message\":\"" + key + "\"}", "ci", Grants.NONE, key));
                        if (result.isError()) {
                            errors.add(result.text());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(errors).isEmpty();
        assertThat(runs.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        runs.forEach((key, count) -> assertThat(count).as(key).hasValue(1));
    }

    @Test
    void severalProcessesWithThreadsAndKeys_runEachKeyOnce_withoutErrors(@TempDir Path work) throws Exception {
        Path runs = work.resolve("runs.txt");
        List<String> keys = IntStream.range(0, 16).mapToObj(i -> "k" + i).toList();
        ContenderProcesses processes = new ContenderProcesses(work.resolve("logs"));
        for (int p = 0; p < 4; p++) {
            List<String> command = new ArrayList<>(List.of("keys", state.toString(), runs.toString(), "3"));
            command.addAll(keys);
            processes.start(command.toArray(String[]::new));
        }
        processes.awaitAll();
        Map<String, Long> counts =
                Files.readAllLines(runs).stream().collect(Collectors.groupingBy(k -> k, Collectors.counting()));
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        counts.forEach((key, count) -> assertThat(count).as("runs of " + key).isEqualTo(1L));
    }
}
