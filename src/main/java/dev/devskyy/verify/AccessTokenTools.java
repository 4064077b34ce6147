package dev.devskyy.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.AccessTokens;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.WebClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Bearer tokens for devskyy as an OAuth 2.1 resource server (the MCP authorization specification,
 * RFC 9068's JWT access tokens): a token is accepted only when an allowed issuer signed it with a
 * key it publishes (its RFC 8414 or OpenID Connect metadata, whose {@code issuer} must be exactly
 * the one allowed), and its audience is this server's canonical URL (RFC 8707): a token meant for
 * another resource is never accepted here, nor passed on. Only public-key algorithms: a shared
 * secret would let every resource that holds it mint tokens for the others.
 *
 * <p>A token accepted once is remembered (by its SHA-256, never itself) until it expires, for at
 * most five minutes: verifying an ES256 signature costs milliseconds of CPU on JDK 17, more than
 * the rest of a call, and a client sends the same token with every request. A key the issuer
 * withdraws therefore stops its tokens within five minutes.
 */
public final class AccessTokenTools implements AccessTokens {
    private static final Set<String> ASYMMETRIC =
            Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");
    /** How long fetching an issuer's metadata and keys may take, for one request. */
    private static final Duration FETCH = Duration.ofSeconds(10);

    private static final Duration LEEWAY = Duration.ofSeconds(60);

    private static final Duration REMEMBERED = Duration.ofMinutes(5);
    private static final int MAX_REMEMBERED = 10_000;

    /** A token accepted, and until when it may be without a second look. */
    private record Accepted(Bearer bearer, Instant until) {}

    /** By the token's SHA-256; the least recently used go first. Guarded by itself. */
    private final Map<String, Accepted> accepted = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Accepted> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    private final List<String> issuers;
    private final String resource;
    private final Grants fetch;
    private final Clock clock;
    private final RemoteKeys keys;

    AccessTokenTools(List<String> issuers, URI resource, Grants fetch, Clock clock) {
        this.issuers = List.copyOf(issuers);
        this.resource = resource.toString();
        this.fetch = fetch;
        this.clock = clock;
        this.keys = new RemoteKeys(clock);
    }

    /** What the catalogue registers: verifiers on the system clock. */
    public static AccessTokens.Factory factory() {
        return (issuers, resource, fetch) -> new AccessTokenTools(issuers, resource, fetch, Clock.systemUTC());
    }

    @Override
    public List<String> issuers() {
        return issuers;
    }

    @Override
    public Optional<Bearer> bearer(String token) {
        String digest = digest(token);
        Instant now = clock.instant();
        synchronized (accepted) {
            Accepted known = accepted.get(digest);
            if (known != null && now.isBefore(known.until())) {
                return Optional.of(known.bearer());
            }
        }
        Optional<Accepted> verified = verify(token, now);
        verified.ifPresent(fresh -> {
            synchronized (accepted) {
                accepted.put(digest, fresh);
            }
        });
        return verified.map(Accepted::bearer);
    }

    private static String digest(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private Optional<Accepted> verify(String token, Instant now) {
        try {
            JsonNode[] unverified = JwtVerifier.decodeUnverified(token);
            String issuer = unverified[1].path("iss").asText(null);
            if (issuer == null || !issuers.contains(issuer)) {
                return Optional.empty(); // not an issuer this server trusts: no request goes to it
            }
            JsonNode kid = unverified[0].get("kid");
            WebClient web = WebClient.serverSide(fetch, clock.instant().plus(FETCH));
            RemoteKeys.Fetcher fetcher = JwtTools.fetcher(web);
            String jwks = keys.jwksUri(issuer, fetcher);
            web.requireReachable(WebClient.address(jwks));
            List<VerificationKey> published =
                    keys.keySet(jwks, kid != null && kid.isTextual() ? kid.asText() : null, fetcher);
            JwtPolicy policy = new JwtPolicy(
                    ASYMMETRIC, issuer, resource, null, List.of("exp"), LEEWAY, null, Set.of(), true, null, now);
            JwtVerifier.Result result = JwtVerifier.verify(token, published, policy);
            if (!result.valid()) {
                return Optional.empty();
            }
            Instant expires = Instant.ofEpochSecond(result.claims().path("exp").asLong());
            Instant until = expires.isBefore(now.plus(REMEMBERED)) ? expires : now.plus(REMEMBERED);
            return bearer(result.claims()).map(bearer -> new Accepted(bearer, until));
        } catch (JwtException | RemoteKeys.UnusableDocument | ToolError e) {
            // the reason, never the token: a refused token stands for no one
            LoggerFactory.getLogger(AccessTokenTools.class).info("bearer token refused: {}", reason(e));
            return Optional.empty();
        }
    }

    private static String reason(RuntimeException e) {
        return e instanceof JwtException jwt ? jwt.reason() : e.getMessage();
    }

    /** The actor and the permissions a verified token's claims name. */
    private static Optional<Bearer> bearer(JsonNode claims) {
        JsonNode actor = claims.get("sub");
        if (actor == null || !actor.isTextual()) {
            actor = claims.get("client_id");
        }
        if (actor == null || !actor.isTextual() || actor.asText().isBlank()) {
            return Optional.empty();
        }
        Set<ToolPermission> scopes = EnumSet.noneOf(ToolPermission.class);
        JsonNode scope = claims.get("scope");
        if (scope != null && scope.isTextual()) {
            for (String name : scope.asText().split(" ")) {
                ToolPermission.byWireName(name).ifPresent(scopes::add);
            }
        }
        return Optional.of(new Bearer(actor.asText(), scopes));
    }
}
