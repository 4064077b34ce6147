package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.devskyy.runtime.Json;
import dev.devskyy.testing.LoopbackProxy;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network checks end to end ({@code verify headers}, {@code verify jwt --jwks-url/--issuer}): the real launcher against a real HTTPS server on loopback whose
 * certificate a keytool made for this run (trusted through {@code SSL_CERT_FILE}), its plain-http
 * twin redirecting to it, and names that resolve to this machine through a hosts file the JVM is
 * told to read ({@code jdk.net.hosts.file}): DNS answers the test controls, loopback only.
 */
class NetworkChecksIT {
    static final String PASSWORD = "changeit";

    @TempDir
    static Path keys;

    @TempDir
    Path home;

    static HttpsServer https;
    static HttpServer http;
    static ExecutorService executor;
    static final AtomicInteger REQUESTS = new AtomicInteger();
    static Path pem;
    static Path hosts;
    static Path signingKey;

    @BeforeAll
    static void start() throws Exception {
        Path store = keys.resolve("site.p12");
        pem = keys.resolve("site.pem");
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Launcher.runTool(
                keys,
                List.of(
                        keytool,
                        "-genkeypair",
                        "-alias",
                        "site",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-validity",
                        "2",
                        "-dname",
                        "CN=shop.test",
                        "-ext",
                        "SAN=dns:shop.test,dns:localhost,ip:127.0.0.1",
                        "-keystore",
                        store.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        PASSWORD,
                        "-keypass",
                        PASSWORD));
        Launcher.runTool(
                keys,
                List.of(
                        keytool,
                        "-exportcert",
                        "-rfc",
                        "-alias",
                        "site",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        PASSWORD,
                        "-file",
                        pem.toString()));
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);

        executor = Executors.newFixedThreadPool(4);
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.createContext("/", NetworkChecksIT::strongPage);
        https.createContext(
                "/weak",
                exchange -> send(
                        exchange,
                        200,
                        "<html><body>hello</body></html>",
                        Map.of("Content-Type", "text/html", "Set-Cookie", "PHPSESSID=s3cr3t-sess-value; path=/")));
        https.setExecutor(executor);
        https.start();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair issuerKey = generator.generateKeyPair();
        signingKey = keys.resolve("issuer.key");
        Files.writeString(
                signingKey,
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(issuerKey.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        ECPublicKey publicKey = (ECPublicKey) issuerKey.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"ES256\",\"use\":\"sig\",\"x\":\""
                + coordinate(publicKey.getW().getAffineX()) + "\",\"y\":\""
                + coordinate(publicKey.getW().getAffineY())
                + "\"}]}";
        https.createContext(
                "/jwks", exchange -> send(exchange, 200, jwks, Map.of("Content-Type", "application/jwk-set+json")));
        https.createContext(
                "/.well-known/openid-configuration",
                exchange -> send(
                        exchange,
                        200,
                        "{\"issuer\":\"" + httpsUrl("127.0.0.1", "") + "\",\"jwks_uri\":\""
                                + httpsUrl("127.0.0.1", "/jwks") + "\"}",
                        Map.of("Content-Type", "application/json")));
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> send(exchange, 301, "", Map.of("Location", httpsUrl("127.0.0.1", "/"))));
        http.setExecutor(executor);
        http.start();

        hosts = keys.resolve("hosts");
        Files.writeString(hosts, """
                127.0.0.1 shop.test
                169.254.169.254 metadata.test
                93.184.215.14 mixed.test
                127.0.0.1 mixed.test
                """);
    }

    static String coordinate(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(32, raw.length);
        System.arraycopy(raw, raw.length - length, fixed, 32 - length, length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    @AfterAll
    static void stop() {
        https.stop(0);
        http.stop(0);
        executor.shutdownNow();
    }

    static String httpsUrl(String host, String path) {
        return "https://" + host + ":" + https.getAddress().getPort() + path;
    }

    static String httpUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/";
    }

    static void strongPage(HttpExchange exchange) throws IOException {
        String page = "<!doctype html><html><head><script src=\"/app.js\" integrity=\"sha384-abc\"></script></head>"
                + "<body>shop</body></html>";
        send(
                exchange,
                200,
                page,
                Map.of(
                        "Content-Type", "text/html; charset=utf-8",
                        "Content-Security-Policy",
                                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                                        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
                        "Strict-Transport-Security", "max-age=63072000; includeSubDomains",
                        "X-Content-Type-Options", "nosniff",
                        "Referrer-Policy", "no-referrer",
                        "Permissions-Policy", "camera=()",
                        "Cross-Origin-Opener-Policy", "same-origin",
                        "Cross-Origin-Resource-Policy", "same-origin"));
    }

    static void send(HttpExchange exchange, int status, String body, Map<String, String> headers) throws IOException {
        REQUESTS.incrementAndGet();
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    Launcher.Run verify(Map<String, String> env, String... args) throws Exception {
        String[] all = new String[args.length + 4];
        all[0] = "verify";
        all[1] = "headers";
        System.arraycopy(args, 0, all, 2, args.length);
        all[args.length + 2] = "--audit-log";
        all[args.length + 3] = home.resolve("audit.log").toString();
        return Launcher.run(home, Launcher.PROJECT, env, Launcher.SCRIPT, all);
    }

    Map<String, String> trusted() {
        return Map.of("SSL_CERT_FILE", pem.toString());
    }

    Map<String, String> trustedWithHosts() {
        return Map.of("SSL_CERT_FILE", pem.toString(), "JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + hosts);
    }

    @Test
    void aWellKeptShopOverHttpsGetsAnAPlusAndExitsZero() throws Exception {
        Launcher.Run run = verify(trusted(), httpsUrl("127.0.0.1", "/"), "--http-url", httpUrl());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("grade A+, score 135")
                .containsPattern("\\+0 +pass +redirection +http:// redirects to https on the same host")
                .contains("passed at --fail-on high");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aWeakPageFailsWithExitOne_andASessionCookiesValueIsNeverPrinted() throws Exception {
        Launcher.Run run =
                verify(trusted(), httpsUrl("127.0.0.1", "/weak"), "--http-url", httpUrl(), "--format", "json");
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        JsonNode report = Json.parse(run.out());
        assertThat(report.get("grade").asText()).isEqualTo("F");
        assertThat(report.get("failed").asBoolean()).isTrue();
        assertThat(report.toString())
                .contains("cookies-session-without-secure-flag")
                .doesNotContain("s3cr3t-sess-value");
        assertThat(Files.readString(home.resolve("audit.log"))).doesNotContain("s3cr3t-sess-value");
    }

    @Test
    void aCertificateNoAuthorityVouchesFor_isANetworkErrorNotAGrade() throws Exception {
        Launcher.Run run = verify(Map.of(), httpsUrl("127.0.0.1", "/"));
        assertThat(run.code()).isEqualTo(6);
        assertThat(run.err())
                .contains("E6001 NETWORK_ERROR: TLS with 127.0.0.1:")
                .contains("certificate is not trusted");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aNameThatResolvesToThisMachine_isRefusedBeforeAnyRequest_untilTheAddressIsNamed() throws Exception {
        int before = REQUESTS.get();
        Launcher.Run refused = verify(trustedWithHosts(), httpsUrl("shop.test", "/"));
        assertThat(refused.code()).as(refused.err()).isEqualTo(3);
        assertThat(refused.err()).contains("shop.test resolves to a loopback address");
        assertThat(REQUESTS.get()).isEqualTo(before);

        // named, the connection goes to the checked address and TLS checks the certificate against shop.test
        Launcher.Run allowed = verify(trustedWithHosts(), httpsUrl("shop.test", "/"), "--allow-host", "127.0.0.1");
        assertThat(allowed.code()).as(allowed.err()).isZero();
        assertThat(allowed.out()).startsWith(httpsUrl("shop.test", "/") + " -> 200");
    }

    @Test
    void throughTheEnvironmentsProxy_theTunnelGoesToTheCheckedAddress() throws Exception {
        try (LoopbackProxy proxy = new LoopbackProxy(200)) {
            Map<String, String> env = new java.util.HashMap<>(trustedWithHosts());
            env.put("https_proxy", "http://ci:pr0xy-pw@127.0.0.1:" + proxy.port());
            Launcher.Run run = verify(env, httpsUrl("shop.test", "/"), "--allow-host", "127.0.0.1", "--format", "json");
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(proxy.requests())
                    .singleElement()
                    .asString()
                    .startsWith("CONNECT 127.0.0.1:" + https.getAddress().getPort() + " HTTP/1.1");
            assertThat(run.out() + run.err()).doesNotContain("pr0xy-pw");
        }
    }

    @Test
    void thePlainHttpProbeStaysOnThePagesOwnHost() throws Exception {
        Launcher.Run run = verify(trusted(), httpsUrl("127.0.0.1", "/"), "--http-url", "http://localhost:9/x?token=1");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("http_url must be an http:// URL on the page's own host");
    }

    @Test
    void aNameWithOnePublicAndOneLoopbackAddress_isRefused() throws Exception {
        Launcher.Run run = verify(trustedWithHosts(), httpsUrl("mixed.test", "/"));
        assertThat(run.code()).isEqualTo(3);
        assertThat(run.err()).contains("mixed.test resolves to a loopback address");
    }

    @Test
    void aNameForTheMetadataAddress_isRefused() throws Exception {
        Launcher.Run run = verify(trustedWithHosts(), "https://metadata.test/latest/meta-data/");
        assertThat(run.code()).isEqualTo(3);
        assertThat(run.err()).contains("resolves to a link-local address (cloud metadata services answer there)");
    }

    @Test
    void theToolThroughThePolicyOfToolsCall_isDeniedByDefault() throws Exception {
        String args = "{\"url\":\"" + httpsUrl("127.0.0.1", "/") + "\",\"http_url\":\"" + httpUrl() + "\"}";
        Launcher.Run denied = Launcher.run(
                home,
                Launcher.PROJECT,
                trusted(),
                Launcher.SCRIPT,
                "tools",
                "call",
                "http_headers_check",
                "--args-json",
                args,
                "--audit-log",
                "-");
        assertThat(denied.code()).isEqualTo(3);
        assertThat(denied.err()).contains("E4003").contains("network:outbound");

        Launcher.Run granted = Launcher.run(
                home,
                Launcher.PROJECT,
                trusted(),
                Launcher.SCRIPT,
                "tools",
                "call",
                "http_headers_check",
                "--args-json",
                args,
                "--allow",
                "network:outbound",
                "--allow-host",
                "127.0.0.1",
                "--json",
                "--audit-log",
                home.resolve("a.log").toString());
        assertThat(granted.code()).as(granted.err()).isZero();
        assertThat(Json.parse(granted.out()).at("/structuredContent/grade").asText())
                .isEqualTo("A+");
    }

    String issuedToken(String issuer) throws Exception {
        Launcher.Run issued = Launcher.run(
                home,
                Launcher.PROJECT,
                Map.of(),
                Launcher.SCRIPT,
                "jwt",
                "issue",
                "--alg",
                "ES256",
                "--key",
                signingKey.toString(),
                "--claims",
                "{\"sub\":\"svc\",\"iss\":\"" + issuer + "\"}",
                "--ttl",
                "5m",
                "--audit-log",
                "-");
        assertThat(issued.code()).as(issued.err()).isZero();
        return issued.out().strip();
    }

    @Test
    void aTokenIsVerifiedAgainstTheKeysItsIssuerPublishes() throws Exception {
        String issuer = httpsUrl("127.0.0.1", "");
        String token = issuedToken(issuer);
        Launcher.Run byUrl = Launcher.run(
                home,
                Launcher.PROJECT,
                trusted(),
                Launcher.SCRIPT,
                "verify",
                "jwt",
                token,
                "--jwks-url",
                httpsUrl("127.0.0.1", "/jwks"),
                "--audit-log",
                "-");
        assertThat(byUrl.code()).as(byUrl.err()).isZero();
        assertThat(byUrl.out().strip()).isEqualTo("VALID");

        Launcher.Run discovered = Launcher.run(
                home,
                Launcher.PROJECT,
                trusted(),
                Launcher.SCRIPT,
                "verify",
                "jwt",
                token,
                "--issuer",
                issuer,
                "--audit-log",
                "-");
        assertThat(discovered.code()).as(discovered.err()).isZero();

        Launcher.Run otherIssuer = Launcher.run(
                home,
                Launcher.PROJECT,
                trusted(),
                Launcher.SCRIPT,
                "verify",
                "jwt",
                issuedToken("https://another.example"),
                "--issuer",
                issuer,
                "--audit-log",
                "-");
        assertThat(otherIssuer.code()).isEqualTo(1);
        assertThat(otherIssuer.out()).startsWith("INVALID: issuer_mismatch");
    }

    @Test
    void sarifNamesEachFailedTestAsARuleAtThePagesUrl() throws Exception {
        Launcher.Run run =
                verify(trusted(), httpsUrl("127.0.0.1", "/weak"), "--http-url", httpUrl(), "--format", "sarif");
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        JsonNode sarif = Json.parse(run.out());
        assertThat(sarif.at("/runs/0/results").findValuesAsText("ruleId"))
                .contains("csp-not-implemented", "hsts-not-implemented", "cookies-session-without-secure-flag");
        assertThat(sarif.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri")
                        .asText())
                .isEqualTo(httpsUrl("127.0.0.1", "/weak"));

        Path report = Files.writeString(home.resolve("headers.sarif"), run.out());
        Launcher.runTool(SarifMultitoolIT.DIR, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
        assertThat(validate(report, "Gh")).doesNotContain("error").doesNotContain("warning");
        // Left as warnings: no informationUri (no public page), and no region (a page's headers have no lines).
        assertThat(validate(report, "Sarif").lines().filter(l -> l.contains(": warning") || l.contains(": error")))
                .isNotEmpty()
                .allMatch(l -> l.contains(": warning") && (l.contains("SARIF2005") || l.contains("SARIF2017")));
    }

    private String validate(Path report, String ruleKind) throws Exception {
        Path log = home.resolve("validation-" + ruleKind + ".sarif");
        return Launcher.runTool(
                SarifMultitoolIT.DIR,
                List.of(
                        SarifMultitoolIT.MULTITOOL.toString(),
                        "validate",
                        report.toString(),
                        "--rule-kind",
                        ruleKind,
                        "-o",
                        log.toString()));
    }
}
