package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.testing.McpSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real server process: what the before-stop hook checks, and shutdown on SIGTERM. */
class ServeIT {
    @TempDir
    Path home;

    @TempDir
    Path work;

    static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";

    @Test
    void stdoutCarriesOnlyJsonRpc_evenAfterABadLine() throws Exception {
        Launcher.Pending server = Launcher.start(home, Launcher.PROJECT, Map.of(), Launcher.SCRIPT, "-vvv", "serve");
        try (OutputStream in = server.process().getOutputStream()) {
            for (String line : List.of(
                    INITIALIZE,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    "this is not json",
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}")) {
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Launcher.Run run = server.finish();
        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(4);
        for (String line : lines) {
            McpSchema.assertValid("JSONRPCMessage", Json.parse(line));
        }
        assertThat(run.out()).doesNotContain("\r");
    }

    /** jwt_verify over MCP with the server's key; a server set up to verify cannot mint tokens. */
    @Test
    void jwtToolsTakeTheirKeysFromTheServersEnvironment() throws Exception {
        JsonNode tokens;
        try (var resource = getClass().getResourceAsStream("/jwt/tokens.json")) {
            tokens = Json.parse(new String(resource.readAllBytes(), StandardCharsets.UTF_8));
        }
        String secret = tokens.get("secret").asText();
        Launcher.Pending server = Launcher.start(
                home,
                Launcher.PROJECT,
                Map.of("DEVSKYY_JWT_SECRET", secret),
                Launcher.SCRIPT,
                "serve",
                "--allow",
                "keys:use");
        try (OutputStream in = server.process().getOutputStream()) {
            for (String line : List.of(
                    INITIALIZE,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"jwt_verify\","
                            + "\"arguments\":{\"token\":\""
                            + tokens.get("access").asText() + "\",\"profile\":\"devskyy\"}}}",
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"jwt_issue\","
                            + "\"arguments\":{\"profile\":\"devskyy\",\"subject\":\"u\"}}}")) {
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Launcher.Run run = server.finish();
        assertThat(run.code()).as(run.err()).isZero();
        Map<Integer, JsonNode> byId = new HashMap<>(); // calls run concurrently: answers come in any order
        for (String line : run.out().lines().toList()) {
            JsonNode response = Json.parse(line);
            McpSchema.assertValid("JSONRPCMessage", response);
            byId.put(response.get("id").asInt(), response.get("result"));
        }
        assertThat(byId).containsOnlyKeys(1, 2, 3);
        JsonNode verified = byId.get(2);
        assertThat(verified.get("structuredContent").get("valid").asBoolean()).isTrue();
        assertThat(verified.get("structuredContent").get("claims").get("sub").asText())
                .isEqualTo("user-42");
        JsonNode refused = byId.get(3);
        assertThat(refused.get("isError").asBoolean()).isTrue();
        assertThat(refused.get("content").get(0).get("text").asText()).contains("DEVSKYY_JWT_SIGNING_SECRET");
        assertThat(run.out() + run.err()).doesNotContain(secret);
    }

    @Test
    void onSigtermInFlightCallsGetTheGrace_areAnsweredCancelled_thenTheServerExitsZero() throws Exception {
        Path big = work.resolve("big.bin");
        try (RandomAccessFile sparse = new RandomAccessFile(big.toFile(), "rw")) {
            sparse.setLength(64L << 30);
        }
        Launcher.Pending server = Launcher.startInteractive(
                home,
                Launcher.PROJECT,
                Map.of(),
                Launcher.SCRIPT,
                "serve",
                "--allow",
                "filesystem:read",
                "--root",
                work.toString(),
                "--shutdown-grace",
                "1s");
        Process process = server.process();
        OutputStream in = process.getOutputStream();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in.write((INITIALIZE + "\n").getBytes(StandardCharsets.UTF_8));
        in.write(("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"file_hash\","
                        + "\"arguments\":{\"path\":\"" + big + "\"},\"_meta\":{\"progressToken\":7}}}\n")
                .getBytes(StandardCharsets.UTF_8));
        in.flush();
        assertThat(Json.parse(out.readLine()).get("id").asInt()).isEqualTo(1);
        JsonNode progress = Json.parse(out.readLine());
        assertThat(progress.get("method").asText()).isEqualTo("notifications/progress");
        long signalled = System.nanoTime();
        // SIGTERM alone: Process.destroy() would also close the server's stdin at the same moment.
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(process.pid()))
                        .start()
                        .waitFor())
                .isZero();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
        assertThat(process.exitValue()).as(server.stderr()).isZero();
        assertThat(millis).isLessThan(5_000);
        JsonNode cancelled = Json.parse(out.readLine());
        while (!cancelled.has("id")) { // progress notifications sent before the cancellation
            cancelled = Json.parse(out.readLine());
        }
        assertThat(cancelled.get("id").asInt()).isEqualTo(2);
        assertThat(cancelled.at("/result/structuredContent/code").asText()).isEqualTo("E4006");
    }

    /** security_scan over MCP: the summary as text, capped findings as structuredContent, progress, grants. */
    @Test
    void securityScanReportsProgressAndCapsItsFindings() throws Exception {
        java.nio.file.Files.writeString(work.resolve(".env"), "API_TOKEN=Zq8vN3xR7tLp2WmK9sYbQ4\n");
        for (int i = 0; i < 1100; i++) {
            java.nio.file.Files.writeString(work.resolve("f" + i + ".py"), "DEBUG = True\n");
        }
        Launcher.Pending server = Launcher.start(
                home,
                Launcher.PROJECT,
                Map.of(),
                Launcher.SCRIPT,
                "serve",
                "--allow",
                "filesystem:read",
                "--root",
                work.toString());
        try (OutputStream in = server.process().getOutputStream()) {
            for (String line : List.of(
                    INITIALIZE,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"security_scan\","
                            + "\"arguments\":{\"paths\":[\"" + work + "\"],\"max_findings\":5},"
                            + "\"_meta\":{\"progressToken\":\"scan\"}}}",
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"security_scan\","
                            + "\"arguments\":{\"paths\":[\"" + home + "\"]}}}")) {
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Launcher.Run run = server.finish();
        assertThat(run.code()).as(run.err()).isZero();
        Map<Integer, JsonNode> byId = new HashMap<>();
        List<JsonNode> progress = new java.util.ArrayList<>();
        for (String line : run.out().lines().toList()) {
            JsonNode message = Json.parse(line);
            McpSchema.assertValid("JSONRPCMessage", message);
            if (message.has("id")) {
                byId.put(message.get("id").asInt(), message.get("result"));
            } else if (message.path("method").asText().equals("notifications/progress")) {
                progress.add(message.get("params"));
            }
        }
        JsonNode scan = byId.get(2);
        assertThat(scan.path("isError").asBoolean()).isFalse();
        assertThat(scan.at("/content/0/text").asText())
                .contains("1101 findings")
                .contains("FAILED at --fail-on high")
                .contains("structuredContent lists the first 5 of 1101 findings")
                .doesNotContain("Zq8vN3xR7tLp2WmK9sYbQ4");
        assertThat(scan.at("/structuredContent/findings").size()).isEqualTo(5);
        assertThat(scan.at("/structuredContent/truncated").asBoolean()).isTrue();
        assertThat(progress)
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.path("progressToken").asText()).isEqualTo("scan"));
        JsonNode denied = byId.get(3);
        assertThat(denied.path("isError").asBoolean()).isTrue();
        assertThat(denied.at("/content/0/text").asText()).contains("E4003");
    }
}
