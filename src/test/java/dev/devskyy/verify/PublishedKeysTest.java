package dev.devskyy.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.AuditLog;
import dev.devskyy.runtime.CallMetadata;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.IdempotencyStore;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallRequest;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.runtime.ToolRuntime;
import dev.devskyy.testing.LoopbackHttp;
import dev.devskyy.testing.MutableClock;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keys an issuer publishes, fetched from a real HTTP server on loopback: a JWK set by URL or through
 * the issuer's metadata (RFC 8414 or OpenID Connect discovery), cached as the server's Cache-Control says, revalidated by ETag, fetched
 * again when a token names a kid the set lacks (at most once a minute).
 */
class PublishedKeysTest {
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static KeyPair first;
    static KeyPair second;

    @TempDir
    Path state;

    final MutableClock clock = new MutableClock(NOW);
    final AtomicReference<String> keySet = new AtomicReference<>();
    final AtomicReference<String> cacheControl = new AtomicReference<>("max-age=300");
    /** Where the issuer publishes its metadata; every other path but /jwks is 404. */
    final AtomicReference<String> metadataPath = new AtomicReference<>("/.well-known/openid-configuration");
    /** How the issuer's host answers a path it does not serve (S3 and gateways say 403 or 405). */
    final AtomicReference<String> refusal = new AtomicReference<>("404 Not Found");
    /** The issuer's path after its host (RFC 8414 issuers may have one). */
    final AtomicReference<String> issuerPath = new AtomicReference<>("");

    LoopbackHttp server;
    ToolRuntime runtime;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        first = generator.generateKeyPair();
        second = generator.generateKeyPair();
    }

    @AfterEach
    void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String coordinate(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[32];
        System.arraycopy(
                raw, Math.max(0, raw.length - 32), fixed, Math.max(0, 32 - raw.length), Math.min(32, raw.length));
        return b64(fixed);
    }

    static String jwk(KeyPair pair, String kid) {
        ECPublicKey key = (ECPublicKey) pair.getPublic();
        return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"ES256\",\"use\":\"sig\",\"kid\":\"" + kid + "\",\"x\":\""
                + coordinate(key.getW().getAffineX()) + "\",\"y\":\""
                + coordinate(key.getW().getAffineY()) + "\"}";
    }

    static String set(String... jwks) {
        return "{\"keys\":[" + String.join(",", jwks) + "]}";
    }

    static String token(KeyPair pair, String kid, String issuer) throws Exception {
        String header = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        String claims =
                "{\"sub\":\"shopper-42\",\"iss\":\"" + issuer + "\",\"exp\":" + (NOW.getEpochSecond() + 600) + "}";
        String input =
                b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(pair.getPrivate());
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(signer.sign());
    }

    /**
     * The issuer at http://127.0.0.1:PORT (and {@link #issuerPath}): its metadata at {@link
     * #metadataPath}, and its key set at /jwks with an ETag of the set.
     */
    void start(Map<String, String> env, String discoveredIssuer) throws Exception {
        server = LoopbackHttp.answering(head -> {
            String path = head.substring(4, head.indexOf(' ', 4));
            if (path.equals(metadataPath.get())) {
                String issuer = discoveredIssuer == null ? issuer() : discoveredIssuer;
                String body = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + origin() + "/jwks\"}";
                return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                        + "\r\n\r\n" + body;
            }
            if (!path.equals("/jwks")) {
                return "HTTP/1.1 " + refusal.get() + "\r\nContent-Length: 0\r\n\r\n";
            }
            String etag = "\"" + Integer.toHexString(keySet.get().hashCode()) + "\"";
            if (head.contains("If-None-Match: " + etag + "\r\n")) {
                return "HTTP/1.1 304 Not Modified\r\nETag: " + etag + "\r\nCache-Control: " + cacheControl.get()
                        + "\r\n\r\n";
            }
            return "HTTP/1.1 200 OK\r\nContent-Type: application/jwk-set+json\r\nETag: " + etag + "\r\nCache-Control: "
                    + cacheControl.get() + "\r\nContent-Length: " + keySet.get().length() + "\r\n\r\n" + keySet.get();
        });
        ToolRegistry registry = new ToolRegistry();
        Map<String, String> withServer = new java.util.HashMap<>();
        env.forEach((k, v) -> withServer.put(k, v.replace("ISSUER", issuer())));
        JwtTools.all(withServer, clock).forEach(registry::register);
        runtime = new ToolRuntime(registry, IdempotencyStore.in(state), AuditLog.DISCARD);
    }

    String issuer() {
        return origin() + issuerPath.get();
    }

    String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    long requestsFor(String path) {
        return server.requests().stream()
                .filter(r -> r.startsWith("GET " + path + " "))
                .count();
    }

    ToolCallResult verify(String token, Set<ToolPermission> permissions) {
        ObjectNode args = Json.object().put("token", token);
        return runtime.call(ToolCallRequest.builder(
                        "jwt_verify",
                        args,
                        new Caller("test", Grants.of(permissions, List.of(), List.of("127.0.0.1")), null))
                .build());
    }

    ToolCallResult verify(String token) {
        return verify(token, Set.of(ToolPermission.NETWORK_OUTBOUND));
    }

    static String verdict(ToolCallResult result) {
        return result.isError() ? result.error().code() + " " + result.text() : result.text();
    }

    long jwksRequests() {
        return server.requests().stream()
                .filter(r -> r.startsWith("GET /jwks "))
                .count();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "null|300",
                "max-age=60|60",
                "public, max-age=\"120\"|120",
                "max-age=99999999|86400",
                "max-age=99999999999999999999|300",
                "no-cache|0",
                "max-age=60, no-cache|0",
                "no-cache, max-age=60|0",
                "no-store, max-age=60|null",
                "max-age=-5|300"
            })
    void cacheControlSaysHowLongASetIsKept(String header, Long seconds) {
        assertThat(RemoteKeys.ttl(header)).isEqualTo(seconds == null ? null : Duration.ofSeconds(seconds));
    }

    @Test
    void aSetIsFetchedOnceWhileFresh_thenRevalidatedByItsETag() throws Exception {
        keySet.set(set(jwk(first, "k1")));
        start(Map.of("DEVSKYY_JWT_JWKS_URL", "ISSUER/jwks"), null);
        String token = token(first, "k1", "anyone");
        assertThat(verdict(verify(token))).isEqualTo("VALID");
        assertThat(verdict(verify(token))).isEqualTo("VALID");
        assertThat(jwksRequests()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(6));
        assertThat(verdict(verify(token))).isEqualTo("VALID");
        assertThat(jwksRequests()).isEqualTo(2);
        assertThat(server.requests().get(1)).contains("If-None-Match: \"");
    }

    @Test
    void aKeyRotatedInIsFoundAtOnce_butMadeUpKidsCostOneRequestAMinute() throws Exception {
        keySet.set(set(jwk(first, "k1")));
        start(Map.of("DEVSKYY_JWT_JWKS_URL", "ISSUER/jwks"), null);
        assertThat(verdict(verify(token(first, "k1", "x")))).isEqualTo("VALID");

        keySet.set(set(jwk(first, "k1"), jwk(second, "k2")));
        assertThat(verdict(verify(token(second, "k2", "x")))).isEqualTo("VALID");
        assertThat(jwksRequests()).isEqualTo(2);

        for (int i = 0; i < 5; i++) {
            assertThat(verdict(verify(token(second, "made-up-" + i, "x")))).startsWith("INVALID: kid_unknown");
        }
        assertThat(jwksRequests()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(61));
        verify(token(second, "made-up-again", "x"));
        assertThat(jwksRequests()).isEqualTo(3);
    }

    @Test
    void noStoreIsNeverKept() throws Exception {
        keySet.set(set(jwk(first, "k1")));
        cacheControl.set("no-store");
        start(Map.of("DEVSKYY_JWT_JWKS_URL", "ISSUER/jwks"), null);
        verify(token(first, "k1", "x"));
        verify(token(first, "k1", "x"));
        assertThat(jwksRequests()).isEqualTo(2);
    }

    @Test
    void anIssuersDiscoveredKeysVerifyOnlyItsOwnTokens() throws Exception {
        keySet.set(set(jwk(first, "k1")));
        start(Map.of("DEVSKYY_JWT_ISSUER", "ISSUER"), null);
        assertThat(verdict(verify(token(first, "k1", issuer())))).isEqualTo("VALID");
        assertThat(verdict(verify(token(first, "k1", "https://another.example"))))
                .startsWith("INVALID: issuer_mismatch");
    }

    /**
     * Authorization servers publish RFC 8414 metadata, OpenID Connect discovery, or both, at the
     * places the MCP authorization specification lists; a 404 is remembered as a document would be.
     */
    @Test
    void anIssuerKnownOnlyByRfc8414Metadata_orWithAPath_isFound() throws Exception {
        keySet.set(set(jwk(first, "k1")));
        metadataPath.set("/.well-known/oauth-authorization-server");
        start(Map.of("DEVSKYY_JWT_ISSUER", "ISSUER"), null);
        assertThat(verdict(verify(token(first, "k1", issuer())))).isEqualTo("VALID");
        stop();

        issuerPath.set("/realms/shop");
        metadataPath.set("/realms/shop/.well-known/openid-configuration");
        start(Map.of("DEVSKYY_JWT_ISSUER", "ISSUER"), null);
        assertThat(verdict(verify(token(first, "k1", issuer())))).isEqualTo("VALID");
        assertThat(verdict(verify(token(first, "k1", issuer())))).isEqualTo("VALID");
        assertThat(requestsFor("/.well-known/oauth-authorization-server/realms/shop"))
                .as("a 404 is not asked again for every token")
                .isEqualTo(1);
        assertThat(requestsFor("/.well-known/openid-configuration/realms/shop")).isEqualTo(1);
        stop();

        issuerPath.set("");
        metadataPath.set("/.well-known/openid-configuration");
        refusal.set("403 Forbidden");
        start(Map.of("DEVSKYY_JWT_ISSUER", "ISSUER"), null);
        assertThat(verdict(verify(token(first, "k1", issuer()))))
                .as("a host that says 403 for a place it does not serve")
                .isEqualTo("VALID");
        stop();

        refusal.set("200 OK");
        start(Map.of("DEVSKYY_JWT_ISSUER", "ISSUER"), null);
        assertThat(verdict(verify(token(first, "k1", issuer()))))
                .as("a host that answers every path with a page of its own")
                .isEqualTo("VALID");
        stop();

        metadataPath.set("/nowhere");
        start(Map.of("DEVSKYY_JWT_ISSUER", "ISSUER"), null);
        assertThat(verdict(verify(token(first, "k1", issuer()))))
                .startsWith("E6002")
                .contains("publishes no metadata");
    }

    @Test
    void theMetadataPlaces_areTriedInTheMcpSpecificationsOrder() {
        assertThat(RemoteKeys.metadataUrls("https://auth.example.com/"))
                .containsExactly(
                        "https://auth.example.com/.well-known/oauth-authorization-server",
                        "https://auth.example.com/.well-known/openid-configuration");
        assertThat(RemoteKeys.metadataUrls("https://auth.example.com/tenant1"))
                .containsExactly(
                        "https://auth.example.com/.well-known/oauth-authorization-server/tenant1",
                        "https://auth.example.com/.well-known/openid-configuration/tenant1",
                        "https://auth.example.com/tenant1/.well-known/openid-configuration");
    }

    @Test
    void aDiscoveryDocumentNamingAnotherIssuerIsRefused() throws Exception {
        keySet.set(set(jwk(first, "k1")));
        start(Map.of("DEVSKYY_JWT_ISSUER", "ISSUER"), "https://evil.example");
        assertThat(verdict(verify(token(first, "k1", "https://evil.example"))))
                .startsWith("E6002")
                .contains("names another issuer");
    }

    @Test
    void aPublishedSetWithAnHmacSecretIsRefused() throws Exception {
        keySet.set(set("{\"kty\":\"oct\",\"kid\":\"k1\",\"alg\":\"HS256\",\"k\":\"" + b64(new byte[32]) + "\"}"));
        start(Map.of("DEVSKYY_JWT_JWKS_URL", "ISSUER/jwks"), null);
        assertThat(verdict(verify(token(first, "k1", "x")))).startsWith("E6002").contains("HMAC secret");
    }

    @Test
    void aSetLargerThanTheBoundIsRefused() throws Exception {
        char[] padding = new char[(int) JwtTools.MAX_PUBLISHED_DOCUMENT];
        Arrays.fill(padding, ' ');
        keySet.set(set(jwk(first, "k1")) + new String(padding));
        start(Map.of("DEVSKYY_JWT_JWKS_URL", "ISSUER/jwks"), null);
        assertThat(verdict(verify(token(first, "k1", "x")))).startsWith("E6002").contains("holds more than");
    }

    @Test
    void aCachedSetServesOnlyCallersWhoMayFetchIt() throws Exception {
        keySet.set(set(jwk(first, "k1")));
        start(Map.of("DEVSKYY_JWT_JWKS_URL", "ISSUER/jwks"), null);
        assertThat(verdict(verify(token(first, "k1", "x")))).isEqualTo("VALID");
        ToolCallResult ungranted = verify(token(first, "k1", "x"), Set.of());
        assertThat(ungranted.error().code()).isEqualTo(ErrorCode.E4003);
    }

    @Test
    void aMadeUpKidNeverFetchesTwiceInOneCall_evenOfASetNobodyMayKeep() throws Exception {
        keySet.set(set(jwk(first, "k1")));
        cacheControl.set("no-store");
        start(Map.of("DEVSKYY_JWT_JWKS_URL", "ISSUER/jwks"), null);
        for (int i = 1; i <= 3; i++) {
            // each call fetches the set it may not keep, once: just fetched, it needs no early fetch
            assertThat(verdict(verify(token(first, "made-up-" + i, "x")))).startsWith("INVALID: kid_unknown");
            assertThat(jwksRequests()).isEqualTo(i);
        }
    }

    @Test
    void withoutTheNetworkGrantNothingIsFetched() throws Exception {
        keySet.set(set(jwk(first, "k1")));
        start(Map.of("DEVSKYY_JWT_JWKS_URL", "ISSUER/jwks"), null);
        ToolCallResult result = verify(token(first, "k1", "x"), Set.of());
        assertThat(result.error().code()).isEqualTo(ErrorCode.E4003);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void publishedKeysBesideASecretAreRefused() throws Exception {
        keySet.set(set(jwk(first, "k1")));
        start(Map.of("DEVSKYY_JWT_JWKS_URL", "ISSUER/jwks", "DEVSKYY_JWT_SECRET", "x".repeat(64)), null);
        assertThat(verdict(verify(token(first, "k1", "x")))).startsWith("E4001").contains("not both");
    }

    @Test
    void theCommandLinesSettingsWinOverTheServersAsAWhole() throws Exception {
        keySet.set(set(jwk(first, "k1")));
        start(Map.of("DEVSKYY_JWT_SECRET", "x".repeat(64)), null);
        ObjectNode args = Json.object().put("token", token(first, "k1", "x"));
        ToolCallResult result = runtime.call(ToolCallRequest.builder(
                        "jwt_verify",
                        args,
                        new Caller(
                                "test",
                                Grants.of(Set.of(ToolPermission.NETWORK_OUTBOUND), List.of(), List.of("127.0.0.1")),
                                null))
                .metadata(Map.of(CallMetadata.JWT_JWKS_URL, issuer() + "/jwks"))
                .build());
        assertThat(verdict(result)).isEqualTo("VALID");
    }
}
