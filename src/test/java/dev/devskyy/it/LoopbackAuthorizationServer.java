package dev.devskyy.it;

import dev.devskyy.testing.LoopbackHttp;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * An OAuth authorization server on 127.0.0.1, as far as a resource server sees one: it publishes its
 * OpenID Connect discovery document and its key set (one ES256 key), and issues JWT access tokens
 * (RFC 9068) signed here.
 */
final class LoopbackAuthorizationServer implements AutoCloseable {
    private final KeyPair key;
    private final LoopbackHttp http;

    private LoopbackAuthorizationServer() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        this.key = generator.generateKeyPair();
        ECPublicKey pub = (ECPublicKey) key.getPublic();
        String jwks = """
                {"keys":[{"kty":"EC","crv":"P-256","kid":"k1","use":"sig","alg":"ES256","x":"%s","y":"%s"}]}""".formatted(
                coordinate(pub.getW().getAffineX()), coordinate(pub.getW().getAffineY()));
        this.http = LoopbackHttp.answering(head -> {
            String body = head.startsWith("GET /.well-known/openid-configuration ")
                    ? "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + issuer() + "/jwks\"}"
                    : head.startsWith("GET /jwks ") ? jwks : null;
            if (body == null) {
                return "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            }
            return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body;
        });
    }

    static LoopbackAuthorizationServer start() throws Exception {
        return new LoopbackAuthorizationServer();
    }

    /** Its issuer identifier: {@code http://127.0.0.1:PORT}. */
    String issuer() {
        return http.url("");
    }

    /** The request heads it received. */
    List<String> requests() {
        return http.requests();
    }

    /** An access token for {@code audience}, valid for {@code lifetimeSeconds} (negative: expired). */
    String token(String audience, String subject, String scope, long lifetimeSeconds) throws Exception {
        return signed(claims(issuer(), audience, subject, scope, lifetimeSeconds));
    }

    /** A token signed with this server's key that claims to come from {@code issuer}. */
    String tokenClaiming(String issuer, String audience, String subject, String scope) throws Exception {
        return signed(claims(issuer, audience, subject, scope, 300));
    }

    static String claims(String iss, String aud, String sub, String scope, long lifetimeSeconds) {
        long now = Instant.now().getEpochSecond();
        return """
                {"iss":"%s","aud":"%s","sub":"%s","client_id":"it-client","scope":"%s","iat":%d,"exp":%d,"jti":"%s"}""".formatted(iss, aud, sub, scope, now, now + lifetimeSeconds, Long.toHexString(System.nanoTime()));
    }

    private String signed(String claims) throws Exception {
        String signingInput =
                base64url("{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"k1\"}") + "." + base64url(claims);
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(key.getPrivate());
        signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
    }

    static String base64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A P-256 coordinate as a JWK writes it: 32 bytes, big-endian, base64url. */
    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int from = Math.max(0, bytes.length - 32);
        System.arraycopy(bytes, from, fixed, 32 - (bytes.length - from), bytes.length - from);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    @Override
    public void close() throws java.io.IOException {
        http.close();
    }
}
