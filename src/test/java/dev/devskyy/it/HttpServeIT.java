package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --http}: a real devskyy on loopback, a real authorization server on loopback whose
 * keys it fetches, and tokens signed here. Each test is what a remote client, or someone who is not
 * one, sees.
 */
class HttpServeIT {

    @TempDir
    static Path home;

    static LoopbackAuthorizationServer issuer;
    static LoopbackAuthorizationServer stranger;
    static RemoteServer server;
    static String endpoint;
    static Path root;
    static McpHttp mcp;
    static final String MASTER_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @BeforeAll
    static void start() throws Exception {
        issuer = LoopbackAuthorizationServer.start();
        stranger = LoopbackAuthorizationServer.start();
        root = Files.createDirectories(home.resolve("work"));
        Files.writeString(root.resolve("hello.txt"), "hello\n");
        server = RemoteServer.start(
                home,
                Map.of("ENCRYPTION_MASTER_KEY", MASTER_KEY),
                "--oauth-issuer",
                issuer.issuer(),
                "--allow",
                "filesystem:read,network:outbound,keys:use",
                "--root",
                root.toString());
        endpoint = server.endpoint();
        mcp = new McpHttp(endpoint);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        issuer.close();
        stranger.close();
    }

    // ---- who may call

    @Test
    void withoutAToken_nothingIsServed_andTheAnswerSaysWhereTokensComeFrom() throws Exception {
        HttpResponse<String> answer = post(Map.of(), toolsCall("file_hash", "hello.txt"));
        assertThat(answer.statusCode()).isEqualTo(401);
        String challenge = answer.headers().firstValue("WWW-Authenticate").orElseThrow();
        String metadataUrl =
                "http://" + URI.create(endpoint).getAuthority() + "/.well-known/oauth-protected-resource/mcp";
        assertThat(challenge).isEqualTo("Bearer resource_metadata=\"" + metadataUrl + "\"");

        JsonNode metadata = Json.parse(McpHttp.get(metadataUrl).body());
        assertThat(metadata.get("resource").asText()).isEqualTo(endpoint);
        assertThat(metadata.get("authorization_servers").get(0).asText()).isEqualTo(issuer.issuer());
        assertThat(metadata.get("scopes_supported").toString()).contains("filesystem:read");
    }

    @Test
    void aTokenForThisServer_callsATool_asItsSubject_withinItsScopes() throws Exception {
        String token = issuer.token(endpoint, "alice", "filesystem:read", 300);
        HttpResponse<String> answer = post(
                bearer(token), toolsCall("file_hash", root.resolve("hello.txt").toString()));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode result = Json.parse(answer.body()).get("result");
        assertThat(result.get("isError").asBoolean()).as(answer.body()).isFalse();
        assertThat(result.get("resultType").asText()).isEqualTo("complete");

        // a scope that does not name the permission: the tool is denied, as any ungranted call
        String narrow = issuer.token(endpoint, "bob", "network:outbound", 300);
        JsonNode denied = Json.parse(post(
                                bearer(narrow),
                                toolsCall("file_hash", root.resolve("hello.txt").toString()))
                        .body())
                .get("result");
        assertThat(denied.get("isError").asBoolean()).isTrue();
        assertThat(denied.toString()).contains("E4003");

        String audit = Files.readString(home.resolve(".local/state/devskyy/audit.log"));
        assertThat(audit)
                .contains("\"actor\":\"alice\"")
                .contains("\"actor\":\"bob\"")
                .doesNotContain(token);
    }

    /**
     * The server's keys read what they protect: a token must carry keys:use, even where the server
     * was started with it; checking authenticity needs no scope.
     */
    @Test
    void theServersKeys_serveOnlyATokenScopedKeysUse() throws Exception {
        String encrypt = McpHttp.toolsCall("crypto_encrypt", Json.object().put("text", "an address"), null);
        String keyHolder = issuer.token(endpoint, "carol", "keys:use", 300);
        JsonNode sealed = Json.parse(post(bearer(keyHolder), encrypt).body()).get("result");
        assertThat(sealed.get("isError").asBoolean()).as("%s", sealed).isFalse();
        String envelope = sealed.at("/structuredContent/envelope").asText();

        String reader = issuer.token(endpoint, "dave", "filesystem:read network:outbound", 300);
        for (String call : List.of(
                encrypt,
                McpHttp.toolsCall("crypto_decrypt", Json.object().put("envelope", envelope), null),
                McpHttp.toolsCall("crypto_rotate", Json.object().put("envelope", envelope), null))) {
            JsonNode denied = Json.parse(post(bearer(reader), call).body()).get("result");
            assertThat(denied.at("/structuredContent/code").asText())
                    .as("%s", denied)
                    .isEqualTo("E4003");
            assertThat(denied.toString()).contains("keys:use").doesNotContain("an address", MASTER_KEY);
        }
        JsonNode checked = Json.parse(post(
                                bearer(reader),
                                McpHttp.toolsCall("crypto_verify", Json.object().put("envelope", envelope), null))
                        .body())
                .get("result");
        assertThat(checked.at("/structuredContent/authentic").asBoolean())
                .as("%s", checked)
                .isTrue();
    }

    /**
     * The policy file names issuers too; its actors are then the tokens' subjects, within what the
     * server runs as (the policy's default actor here).
     */
    @Test
    void anIssuerNamedInThePolicyFile_isTrusted_forTheActorsItNames() throws Exception {
        String reading =
                "{\"permissions\":[\"filesystem:read\"],\"roots\":[" + Json.compact(Json.tree(root.toString())) + "]}";
        try (LoopbackAuthorizationServer partner = LoopbackAuthorizationServer.start()) {
            Path policy = Files.writeString(
                    home.resolve("remote-policy.json"),
                    "{\"actors\":{\"default\":" + reading + ",\"erin\":" + reading + "},\"oauth_issuers\":["
                            + Json.compact(Json.tree(partner.issuer())) + "]}");
            try (RemoteServer byPolicy = RemoteServer.start(home, Map.of(), "--policy", policy.toString())) {
                McpHttp client = new McpHttp(byPolicy.endpoint());
                String call = toolsCall("file_hash", root.resolve("hello.txt").toString());
                String erin = partner.token(byPolicy.endpoint(), "erin", "filesystem:read", 300);
                JsonNode result =
                        Json.parse(client.post(bearer(erin), call).body()).get("result");
                assertThat(result.get("isError").asBoolean()).as("%s", result).isFalse();

                String mallory = partner.token(byPolicy.endpoint(), "mallory", "filesystem:read", 300);
                JsonNode unnamed =
                        Json.parse(client.post(bearer(mallory), call).body()).get("result");
                assertThat(unnamed.toString())
                        .as("an actor the policy does not name")
                        .contains("E4003");

                String elsewhere = issuer.token(byPolicy.endpoint(), "erin", "filesystem:read", 300);
                assertThat(client.post(bearer(elsewhere), call).statusCode())
                        .as("an issuer this server was not told of")
                        .isEqualTo(401);
            }
        }
    }

    /** A task made over HTTP serves only its actor: another token's tasks/get is "no such task". */
    @Test
    void aTaskIsFoundOnlyWithATokenOfTheActorThatMadeIt() throws Exception {
        ObjectNode scan = (ObjectNode) Json.parse(McpHttp.toolsCall(
                "security_scan", Json.object().set("paths", Json.array().add(root.toString())), null));
        declareTasks(scan);
        String alice = issuer.token(endpoint, "alice", "filesystem:read", 300);
        JsonNode created =
                Json.parse(post(bearer(alice), Json.compact(scan)).body()).get("result");
        assertThat(created.get("resultType").asText()).as("%s", created).isEqualTo("task");
        String taskId = created.get("taskId").asText();

        ObjectNode get = Json.object().put("jsonrpc", "2.0").put("id", 9).put("method", "tasks/get");
        get.putObject("params").put("taskId", taskId);
        declareTasks(get);
        String bob = issuer.token(endpoint, "bob", "filesystem:read", 300);
        JsonNode others = Json.parse(post(bearer(bob), Json.compact(get)).body());
        assertThat(others.at("/error/code").asInt()).as("%s", others).isEqualTo(-32602);
        assertThat(others.toString()).doesNotContain(taskId);
        JsonNode own = Json.parse(post(bearer(alice), Json.compact(get)).body());
        assertThat(own.at("/result/taskId").asText()).as("%s", own).isEqualTo(taskId);
    }

    private static void declareTasks(ObjectNode message) {
        ObjectNode meta = ((ObjectNode) message.get("params")).putObject("_meta");
        meta.put("io.modelcontextprotocol/protocolVersion", McpHttp.MODERN);
        meta.putObject("io.modelcontextprotocol/clientCapabilities")
                .putObject("extensions")
                .putObject("io.modelcontextprotocol/tasks");
    }

    @Test
    void tokensMeantForAnotherResource_orFromAnotherIssuer_orExpired_orUnsigned_standForNoOne() throws Exception {
        String call = toolsCall("file_hash", root.resolve("hello.txt").toString());
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("another audience", issuer.token("https://other.example/mcp", "eve", "filesystem:read", 300));
        refused.put("an issuer not trusted", stranger.token(endpoint, "eve", "filesystem:read", 300));
        refused.put(
                "a trusted issuer's name, another's key",
                stranger.tokenClaiming(issuer.issuer(), endpoint, "eve", "filesystem:read"));
        refused.put("expired", issuer.token(endpoint, "eve", "filesystem:read", -600));
        String valid = issuer.token(endpoint, "eve", "filesystem:read", 300);
        String[] parts = valid.split("\\.");
        refused.put("alg none", LoopbackAuthorizationServer.base64url("{\"alg\":\"none\"}") + "." + parts[1] + ".");
        refused.put(
                "a payload changed after signing",
                parts[0] + "."
                        + LoopbackAuthorizationServer.base64url(LoopbackAuthorizationServer.claims(
                                issuer.issuer(), endpoint, "root", "filesystem:read", 300))
                        + "." + parts[2]);
        for (Map.Entry<String, String> each : refused.entrySet()) {
            HttpResponse<String> answer = post(bearer(each.getValue()), call);
            assertThat(answer.statusCode()).as(each.getKey()).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate").orElseThrow())
                    .as(each.getKey())
                    .contains("error=\"invalid_token\"");
        }
        // the untrusted issuer was never asked for its keys
        assertThat(stranger.requests()).isEmpty();
    }

    // ---- what a request must say of itself

    @Test
    void routingHeadersThatDisagreeWithTheBody_areRefused_beforeAnythingRuns() throws Exception {
        Map<String, String> auth = bearer(issuer.token(endpoint, "alice", "filesystem:read", 300));
        String call = toolsCall("file_hash", root.resolve("hello.txt").toString());
        Map<String, Map<String, String>> wrong = Map.of(
                "Mcp-Method", Map.of("Mcp-Method", "tools/list", "Mcp-Name", "file_hash"),
                "Mcp-Name", Map.of("Mcp-Method", "tools/call", "Mcp-Name", "file_encrypt"),
                "missing Mcp-Name", Map.of("Mcp-Method", "tools/call"));
        for (Map.Entry<String, Map<String, String>> each : wrong.entrySet()) {
            Map<String, String> headers = new LinkedHashMap<>(auth);
            headers.putAll(each.getValue());
            HttpResponse<String> answer = send(headers, call);
            assertThat(answer.statusCode()).as(each.getKey()).isEqualTo(400);
            assertThat(Json.parse(answer.body()).path("error").path("code").asInt())
                    .isEqualTo(-32020);
        }
        // a legacy request's headers, when sent, must agree too: a gateway may authorize on them
        Map<String, String> legacy = new LinkedHashMap<>(auth);
        legacy.put("Mcp-Name", "csp_evaluate");
        HttpResponse<String> smuggled = send(legacy, """
                {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"token_generate","arguments":{}}}""");
        assertThat(smuggled.statusCode()).isEqualTo(400);
    }

    @Test
    void aRequestMayNotNameAnotherActor_thanItsTokens() throws Exception {
        Map<String, String> alice = bearer(issuer.token(endpoint, "alice", "filesystem:read", 300));
        ObjectNode call = (ObjectNode)
                Json.parse(toolsCall("file_hash", root.resolve("hello.txt").toString()));
        ((ObjectNode) call.get("params").get("_meta")).put("dev.devskyy/actor", "bob");
        HttpResponse<String> answer = post(alice, Json.compact(call));
        assertThat(Json.parse(answer.body()).path("error").path("message").asText())
                .contains("the token's own actor");
    }

    /** The grants resource tells a token's holder what the token may do, and nobody else's. */
    @Test
    void resourcesAreReadAsTheTokensActor_neverAsTheServerOrAnotherActor() throws Exception {
        Map<String, String> alice =
                new LinkedHashMap<>(bearer(issuer.token(endpoint, "alice", "filesystem:read", 300)));
        alice.put("Mcp-Method", "resources/read");
        alice.put("Mcp-Name", "devskyy://grants");
        ObjectNode read = (ObjectNode) Json.parse("""
                {"jsonrpc":"2.0","id":9,"method":"resources/read","params":{"uri":"devskyy://grants","_meta":{\
                "io.modelcontextprotocol/protocolVersion":"%s","io.modelcontextprotocol/clientCapabilities":{}}}}\
                """.formatted(McpHttp.MODERN));
        JsonNode grants = Json.parse(Json.parse(send(alice, Json.compact(read)).body())
                .at("/result/contents/0/text")
                .asText());
        assertThat(grants.path("actor").asText()).isEqualTo("alice");
        assertThat(grants.path("permissions").toString())
                .contains("filesystem:read")
                .doesNotContain("keys:use");

        ((ObjectNode) read.get("params").get("_meta")).put("dev.devskyy/actor", "bob");
        assertThat(Json.parse(send(alice, Json.compact(read)).body())
                        .path("error")
                        .path("message")
                        .asText())
                .contains("the token's own actor");
    }

    @Test
    void aPageOnAnotherOrigin_orAnotherHostName_isRefused_evenWithAToken() throws Exception {
        Map<String, String> auth = bearer(issuer.token(endpoint, "alice", "filesystem:read", 300));
        Map<String, String> fromPage = new LinkedHashMap<>(auth);
        fromPage.put("Origin", "http://attacker.example");
        assertThat(post(fromPage, toolsList()).statusCode()).isEqualTo(403);
        Map<String, String> sameOrigin = new LinkedHashMap<>(auth);
        sameOrigin.put("Origin", "http://" + URI.create(endpoint).getAuthority());
        assertThat(post(sameOrigin, toolsList()).statusCode()).isEqualTo(200);
        // a rebound name: the request reaches this server, naming the attacker's host
        try (java.net.Socket socket =
                new java.net.Socket("127.0.0.1", URI.create(endpoint).getPort())) {
            socket.getOutputStream()
                    .write(("GET /.well-known/oauth-protected-resource HTTP/1.1\r\nHost: attacker.example\r\n"
                                    + "Connection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String head = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(head).startsWith("HTTP/1.1 421");
        }
    }

    // ---- 2025-11-25 clients

    @Test
    void aLegacyClient_getsASession_thatNoOtherActorCanUse() throws Exception {
        Map<String, String> alice = bearer(issuer.token(endpoint, "alice", "filesystem:read", 300));
        HttpResponse<String> init = send(alice, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
                "capabilities":{},"clientInfo":{"name":"it","version":"1"}}}""");
        assertThat(init.statusCode()).as(init.body()).isEqualTo(200);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertThat(session).matches("[0-9a-f]{32}");

        Map<String, String> inSession = new LinkedHashMap<>(alice);
        inSession.put("Mcp-Session-Id", session);
        assertThat(send(inSession, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                        .statusCode())
                .isEqualTo(202);
        HttpResponse<String> listed = send(inSession, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        assertThat(Json.parse(listed.body()).path("result").path("tools").size())
                .isPositive();

        Map<String, String> mallory = bearer(issuer.token(endpoint, "mallory", "filesystem:read", 300));
        mallory.put("Mcp-Session-Id", session);
        assertThat(send(mallory, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}")
                        .statusCode())
                .isEqualTo(404);
        // outside any session a legacy request is served as on stdio before initialize
        HttpResponse<String> sessionless = send(alice, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\"}");
        assertThat(Json.parse(sessionless.body()).path("error").path("code").asInt())
                .isEqualTo(-32002);

        HttpResponse<String> ended = McpHttp.send(mcp.request(inSession)
                .method("DELETE", HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(ended.statusCode()).isEqualTo(204);
        assertThat(send(inSession, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void progress_streamsAsServerSentEvents_endingWithTheAnswer() throws Exception {
        Map<String, String> headers = bearer(issuer.token(endpoint, "alice", "filesystem:read", 300));
        headers.put("Accept", "application/json, text/event-stream");
        ObjectNode call = (ObjectNode) Json.parse(toolsCall("security_scan", root.toString()));
        ObjectNode params = (ObjectNode) call.get("params");
        params.set(
                "arguments",
                Json.parse("{\"paths\":[" + Json.compact(Json.object().textNode(root.toString())) + "]}"));
        ((ObjectNode) params.get("_meta")).put("progressToken", "p1");
        HttpResponse<String> answer = post(headers, Json.compact(call));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("text/event-stream");
        String[] events = answer.body().split("\n\n");
        String last = events[events.length - 1];
        assertThat(last).startsWith("event: message\ndata: ");
        assertThat(Json.parse(last.substring(last.indexOf("data: ") + 6))
                        .get("id")
                        .asInt())
                .isEqualTo(7);
    }

    // ---- TLS

    @Test
    void withACertificateAndKey_itServesHttps_andNamesItselfByItsHttpsUrl() throws Exception {
        Path tls = Files.createDirectories(home.resolve("tls"));
        Process openssl = new ProcessBuilder(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "ec",
                        "-pkeyopt",
                        "ec_paramgen_curve:prime256v1",
                        "-nodes",
                        "-keyout",
                        tls.resolve("key.pem").toString(),
                        "-out",
                        tls.resolve("cert.pem").toString(),
                        "-days",
                        "1",
                        "-subj",
                        "/CN=127.0.0.1",
                        "-addext",
                        "subjectAltName=IP:127.0.0.1")
                .redirectErrorStream(true)
                .start();
        String made = new String(openssl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(openssl.waitFor()).as(made).isZero();
        try (RemoteServer secure = RemoteServer.start(
                home.resolve("tls-home"),
                Map.of(),
                "--oauth-issuer",
                issuer.issuer(),
                "--tls-cert",
                tls.resolve("cert.pem").toString(),
                "--tls-key",
                tls.resolve("key.pem").toString())) {
            java.security.KeyStore trusted = java.security.KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            try (var in = Files.newInputStream(tls.resolve("cert.pem"))) {
                trusted.setCertificateEntry(
                        "devskyy",
                        java.security.cert.CertificateFactory.getInstance("X.509")
                                .generateCertificate(in));
            }
            javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
            trust.init(trusted);
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            java.net.http.HttpClient client =
                    java.net.http.HttpClient.newBuilder().sslContext(context).build();
            String base = "https://127.0.0.1:" + secure.port();
            HttpResponse<String> metadata = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/.well-known/oauth-protected-resource/mcp"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(Json.parse(metadata.body()).get("resource").asText()).isEqualTo(base + "/mcp");
            HttpResponse<String> unauthenticated = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/mcp"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(toolsList()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unauthenticated.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aCallItsClientCancels_endsItsRequest_withoutAnAnswer() throws Exception {
        Path big = home.resolve("work/cancel.bin");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(4L << 30); // sparse: long to hash, no disk
        }
        Map<String, String> alice = bearer(issuer.token(endpoint, "alice", "filesystem:read", 300));
        HttpResponse<String> init = send(alice, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",                "capabilities":{},"clientInfo":{"name":"it","version":"1"}}}""");
        Map<String, String> inSession = new LinkedHashMap<>(alice);
        inSession.put(
                "Mcp-Session-Id", init.headers().firstValue("Mcp-Session-Id").orElseThrow());
        java.util.concurrent.CompletableFuture<HttpResponse<String>> slow =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return send(inSession, """
                                {"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"file_hash",                                "arguments":{"path":%s}}}""".formatted(
                                        Json.compact(Json.object().textNode(big.toString()))));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        awaitOpen(server, big);
        assertThat(send(inSession, """
                        {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":9}}""").statusCode()).isEqualTo(202);
        HttpResponse<String> ended = slow.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(ended.statusCode()).isEqualTo(202);
        assertThat(ended.body()).isEmpty();
    }

    @Test
    void anActorsSessions_areBounded_itsOldestEndingFirst() throws Exception {
        Map<String, String> carol = bearer(issuer.token(endpoint, "carol", "", 300));
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            sessions.add(send(carol, """
                            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",                            "capabilities":{},"clientInfo":{"name":"it","version":"1"}}}""").headers().firstValue("Mcp-Session-Id").orElseThrow());
        }
        Map<String, String> oldest = new LinkedHashMap<>(carol);
        oldest.put("Mcp-Session-Id", sessions.get(0));
        assertThat(send(oldest, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}")
                        .statusCode())
                .isEqualTo(404);
        Map<String, String> newest = new LinkedHashMap<>(carol);
        newest.put("Mcp-Session-Id", sessions.get(16));
        assertThat(send(newest, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}")
                        .statusCode())
                .isEqualTo(200);
    }

    // ---- stopping

    @Test
    void onSigterm_aCallInFlightIsAnswered_whileNewRequestsAreTurnedAway() throws Exception {
        Path big = home.resolve("drain/big.bin");
        Files.createDirectories(big.getParent());
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(3L << 30); // sparse: seconds to hash, no disk
        }
        try (RemoteServer draining = RemoteServer.start(
                home.resolve("drain"),
                Map.of(),
                "--oauth-issuer",
                issuer.issuer(),
                "--allow",
                "filesystem:read",
                "--root",
                big.getParent().toString(),
                "--shutdown-grace",
                "60s")) {
            McpHttp client = new McpHttp(draining.endpoint());
            Map<String, String> auth = bearer(issuer.token(draining.endpoint(), "alice", "filesystem:read", 300));
            java.util.concurrent.CompletableFuture<HttpResponse<String>> inFlight =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            return client.post(auth, toolsCall("file_hash", big.toString()));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
            awaitOpen(draining, big);
            draining.process().process().destroy(); // SIGTERM
            Thread.sleep(300);
            HttpResponse<String> turnedAway = client.post(auth, toolsList());
            assertThat(turnedAway.statusCode()).isEqualTo(503);
            assertThat(turnedAway.headers().firstValue("Retry-After")).isPresent();

            HttpResponse<String> answered = inFlight.get();
            assertThat(answered.statusCode()).isEqualTo(200);
            assertThat(Json.parse(answered.body()).get("result").get("isError").asBoolean())
                    .isFalse();
            assertThat(draining.process().process().waitFor()).isZero();
        }
    }

    // ---- helpers

    /** Waits until {@code server} has {@code file} open: the call that reads it is in flight. */
    private static void awaitOpen(RemoteServer server, Path file) throws Exception {
        Path descriptors =
                Path.of("/proc", String.valueOf(server.process().process().pid()), "fd");
        java.time.Instant until = java.time.Instant.now().plusSeconds(30);
        while (java.time.Instant.now().isBefore(until)) {
            try (java.util.stream.Stream<Path> open = Files.list(descriptors)) {
                if (open.anyMatch(fd -> {
                    try {
                        return Files.readSymbolicLink(fd).equals(file);
                    } catch (java.io.IOException e) {
                        return false; // closed meanwhile
                    }
                })) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the server never opened " + file);
    }

    private static String toolsCall(String tool, String path) {
        return McpHttp.toolsCall(tool, Json.object().put("path", path), null);
    }

    private static String toolsList() {
        return """
                {"jsonrpc":"2.0","id":8,"method":"tools/list","params":{"_meta":{\
                "io.modelcontextprotocol/protocolVersion":"%s","io.modelcontextprotocol/clientCapabilities":{}}}}""".formatted(McpHttp.MODERN);
    }

    private static HttpResponse<String> post(Map<String, String> headers, String body) throws Exception {
        return mcp.post(headers, body);
    }

    private static HttpResponse<String> send(Map<String, String> headers, String body) throws Exception {
        return mcp.send(headers, body);
    }

    private static Map<String, String> bearer(String token) {
        return McpHttp.bearer(token);
    }
}
