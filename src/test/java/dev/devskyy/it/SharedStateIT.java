package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State shared in a real PostgreSQL: its schema applied by {@code devskyy state migrate}, and two
 * {@code serve --http} instances that agree on idempotency keys and write one audit log.
 */
class SharedStateIT {
    @TempDir
    static Path home;

    static LoopbackPostgres database;
    static LoopbackAuthorizationServer issuer;
    static Map<String, String> env;

    @BeforeAll
    static void start() throws Exception {
        database = LoopbackPostgres.start();
        issuer = LoopbackAuthorizationServer.start();
        env = Map.of("DEVSKYY_STATE_PASSWORD", LoopbackPostgres.PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        issuer.close();
        database.close();
    }

    @Test
    void migrate_createsTheSchemaOnce_andNeverShowsThePassword() throws Exception {
        Launcher.Run first = migrate(database.url());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out())
                .isIn(
                        "state database migrated from schema version 0 to 1\n",
                        "state database already at schema version 1\n");
        Launcher.Run again = migrate(database.url());
        assertThat(again.out()).isEqualTo("state database already at schema version 1\n");
        assertThat(database.psql("SELECT max(version) FROM devskyy_schema")).isEqualTo("1");

        Launcher.Run inline = migrate("postgresql://devskyy:" + LoopbackPostgres.PASSWORD + "@127.0.0.1:1/devskyy");
        assertThat(inline.code()).isNotZero();
        assertThat(inline.err()).contains("E4001", "DEVSKYY_STATE_PASSWORD");
        for (Launcher.Run run : List.of(first, again, inline)) {
            assertThat(run.out() + run.err()).doesNotContain(LoopbackPostgres.PASSWORD);
        }
    }

    @Test
    void twoInstances_runAKeyedCallOnce_andWriteOneAuditLog() throws Exception {
        migrate(database.url());
        Path root = Files.createDirectories(home.resolve("work"));
        // large enough (sparse: no disk) that hashing it takes a while: every call arrives while the first runs
        try (RandomAccessFile ledger =
                new RandomAccessFile(root.resolve("ledger.bin").toFile(), "rw")) {
            ledger.setLength(1L << 30);
        }
        String[] serve = {
            "--state",
            database.url(),
            "--oauth-issuer",
            issuer.issuer(),
            "--allow",
            "filesystem:read",
            "--root",
            root.toString(),
            "--public-url",
            "https://devskyy.example/mcp"
        };
        try (RemoteServer a = RemoteServer.start(home.resolve("a"), env, serve);
                RemoteServer b = RemoteServer.start(home.resolve("b"), env, serve)) {
            String token = issuer.token("https://devskyy.example/mcp", "ci", "filesystem:read", 300);
            String call = McpHttp.toolsCall(
                    "file_hash",
                    Json.object().put("path", root.resolve("ledger.bin").toString()),
                    "release-42");
            ExecutorService clients = Executors.newFixedThreadPool(16);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                McpHttp instance = new McpHttp((i % 2 == 0 ? a : b).endpoint());
                // one token for the service behind the load balancer, accepted by either instance
                answers.add(clients.submit(() -> {
                    go.await();
                    return instance.post(McpHttp.bearer(token), call);
                }));
            }
            go.countDown();
            JsonNode first = null;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode result = Json.parse(response.body()).get("result").get("structuredContent");
                first = first == null ? result : first;
                assertThat(result).isEqualTo(first);
            }
            clients.shutdown();
        }
        String counts =
                database.psql("SELECT count(*) FILTER (WHERE NOT (line->>'replayed')::boolean) || ' ' || count(*) "
                        + "FROM devskyy_audit WHERE line->>'tool' = 'file_hash' AND line->>'actor' = 'ci'");
        assertThat(counts).as("executions and calls in the shared audit log").isEqualTo("1 16");
        // the log collector's view: every line as written, with its seq first
        Launcher.Run audit =
                Launcher.run(home, Launcher.PROJECT, env, Launcher.SCRIPT, "state", "audit", "--state", database.url());
        assertThat(audit.code()).as(audit.err()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : audit.out().split("\n")) {
            lines.add(Json.parse(line));
        }
        assertThat(lines).filteredOn(l -> l.path("actor").asText().equals("ci")).hasSize(16);
        assertThat(lines).allSatisfy(l -> assertThat(l.fieldNames().next()).isEqualTo("seq"));
        assertThat(audit.out()).doesNotContain(LoopbackPostgres.PASSWORD);
        assertThatThrownBy(() -> database.psql("DELETE FROM devskyy_audit")).hasMessageContaining("append-only");
    }

    @Test
    void aRateLimit_holdsAcrossInstances_andSaysWhenToRetry() throws Exception {
        migrate(database.url());
        String[] serve = {
            "--state",
            database.url(),
            "--oauth-issuer",
            issuer.issuer(),
            "--public-url",
            "https://devskyy.example/mcp",
            "--rate-limit",
            "4"
        };
        try (RemoteServer a = RemoteServer.start(home.resolve("la"), env, serve);
                RemoteServer b = RemoteServer.start(home.resolve("lb"), env, serve)) {
            String token = issuer.token("https://devskyy.example/mcp", "busy-agent-" + System.nanoTime(), "", 300);
            String call = McpHttp.toolsCall("csp_build", Json.object(), null);
            List<JsonNode> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> answer =
                        new McpHttp((i % 2 == 0 ? a : b).endpoint()).post(McpHttp.bearer(token), call);
                results.add(Json.parse(answer.body()).get("result"));
            }
            assertThat(results.subList(0, 4))
                    .allSatisfy(r -> assertThat(r.get("isError").asBoolean()).isFalse());
            for (JsonNode limited : results.subList(4, 6)) {
                assertThat(limited.get("isError").asBoolean()).isTrue();
                assertThat(limited.toString()).contains("E6003", "retry_after_seconds");
            }
        }
    }

    /** Found at start-up, not by every call behind a balancer that sees the port open. */
    @Test
    void aDatabaseNotYetMigrated_stopsTheServerAtOnce_sayingWhatToRun() throws Exception {
        database.psql("CREATE DATABASE unmigrated");
        String url = database.url().replace("/devskyy?", "/unmigrated?");
        Launcher.Run refused = Launcher.run(
                home.resolve("unmigrated"),
                Launcher.PROJECT,
                env,
                Launcher.SCRIPT,
                "serve",
                "--http",
                "127.0.0.1:" + RemoteServer.freePort(),
                "--state",
                url,
                "--oauth-issuer",
                issuer.issuer());
        assertThat(refused.code()).as(refused.err()).isNotZero();
        assertThat(refused.err())
                .contains("schema version 0", "devskyy state migrate")
                .doesNotContain(LoopbackPostgres.PASSWORD, "serving MCP");
    }

    private static Launcher.Run migrate(String url) throws Exception {
        return Launcher.run(home, Launcher.PROJECT, env, Launcher.SCRIPT, "state", "migrate", "--state", url);
    }
}
