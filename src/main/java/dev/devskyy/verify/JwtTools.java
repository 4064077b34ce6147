package dev.devskyy.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.net.HttpHeaders;
import dev.devskyy.net.HttpResponse;
import dev.devskyy.runtime.CallMetadata;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.RetryPolicy;
import dev.devskyy.runtime.ToolCallContext;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolOutput;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolSpec;
import dev.devskyy.runtime.WebClient;
import java.security.Key;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JWT tools. Keys come from the server's environment ({@code DEVSKYY_JWT_SECRET},
 * {@code DEVSKYY_JWT_KEY} naming a PEM/JWK/JWKS file) or the CLI's settings, never from arguments.
 */
public final class JwtTools {
    /** The platform's lifetimes: 15 minutes for access, 7 days for refresh. */
    private static final long ACCESS_TTL = 15 * 60;

    private static final long REFRESH_TTL = 7 * 24 * 3600;

    /** A JWK set or discovery document: a set of a hundred RSA keys is under 100 KiB. */
    static final long MAX_PUBLISHED_DOCUMENT = 1 << 20;

    private final Map<String, String> env;
    private final Clock clock;
    private final RemoteKeys remoteKeys;

    private JwtTools(Map<String, String> env, Clock clock) {
        this.env = Map.copyOf(env);
        this.clock = clock;
        this.remoteKeys = new RemoteKeys(clock);
    }

    public static List<ToolSpec> all(Map<String, String> env, Clock clock) {
        JwtTools tools = new JwtTools(env, clock);
        return List.of(tools.verify(), tools.issue(), decode());
    }

    ToolSpec verify() {
        return ToolSpec.builder("jwt_verify")
                .version("1.0.0")
                .title("Verify a JWT")
                .description("Verifies a JWT's signature (RFC 7515/8725, strict) and its claims; the algorithm comes "
                        + "from the key or the allowlist, never from the token.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,"required":["token"],
                         "properties":{
                           "token":{"type":"string","minLength":1,"writeOnly":true},
                           "profile":{"type":"string","enum":["devskyy"],"description":"The platform's tokens: HS512, its issuer and audience."},
                           "algorithms":{"type":"array","items":{"type":"string"}},
                           "issuer":{"type":"string"},"audience":{"type":"string"},"type":{"type":"string"},
                           "require":{"type":"array","items":{"type":"string"}},
                           "leeway_seconds":{"type":"integer","minimum":0,"default":60},
                           "max_age_seconds":{"type":"integer","minimum":0},
                           "revoked":{"type":"array","items":{"type":"string"},"description":"Revoked jti or family_id."},
                           "show_unverified":{"type":"boolean","default":false}}}
                        """)
                .outputSchema("""
                        {"type":"object","additionalProperties":false,"required":["valid","failures"],
                         "properties":{
                           "valid":{"type":"boolean"},
                           "failures":{"type":"array","items":{"type":"object","required":["reason","message"],
                             "properties":{"reason":{"type":"string"},"message":{"type":"string"}}}},
                           "header":{"type":"object"},"claims":{"type":"object"}}}
                        """)
                .permissionsWhenAsked(ToolPermission.NETWORK_OUTBOUND) // keys published at a URL
                .idempotent(true)
                .retryPolicy(RetryPolicy.standard())
                .handler(this::verifyToken)
                .build();
    }

    private ToolOutput verifyToken(JsonNode args, ToolCallContext context) {
        String token = args.get("token").asText();
        String issuer = args.path("issuer").asText(null);
        Published published = published(context);
        List<VerificationKey> keys;
        if (published.isEmpty()) {
            try {
                keys = JwtKeys.load(keySettings(context, "DEVSKYY_JWT_SECRET", "DEVSKYY_JWT_KEY"), env);
            } catch (JwtException e) {
                throw ToolError.of(ErrorCode.E4001, e.getMessage());
            }
        } else {
            if (published.besideKeys()) {
                throw ToolError.of(
                        ErrorCode.E4001,
                        "give keys either as a secret or file (--secret-env, --secret-file, --key) or as published "
                                + "(--jwks-url, --issuer), not both");
            }
            if (published.issuer() != null) {
                if (issuer != null && !issuer.equals(published.issuer())) {
                    throw ToolError.of(
                            ErrorCode.E4001, "the required issuer differs from the issuer whose keys are used");
                }
                issuer = published.issuer(); // the keys are this issuer's: so must the token be
            }
            keys = publishedKeys(published, kidOf(token), context);
        }
        JwtPolicy policy = policy(args, issuer);
        if (policy.algorithms().isEmpty() && keys.stream().allMatch(k -> k.alg() == null)) {
            // secrets and PEM keys name no algorithm, and the token's own alg must not choose one
            throw ToolError.of(
                    ErrorCode.E4001, "no key names an algorithm: give --alg (algorithms) or --profile devskyy");
        }
        JwtVerifier.Result result = JwtVerifier.verify(token, keys, policy);
        ObjectNode out = Json.object();
        out.put("valid", result.valid());
        ArrayNode failures = out.putArray("failures");
        result.failures()
                .forEach(f -> failures.addObject().put("reason", f.reason()).put("message", f.message()));
        if (result.header() != null) {
            out.set("header", result.header());
        }
        if (result.claims() != null
                && (result.valid() || args.path("show_unverified").asBoolean())) {
            out.set("claims", result.claims());
        }
        String text = result.valid()
                ? "VALID"
                : "INVALID: " + result.failures().get(0).reason() + ": "
                        + result.failures().get(0).message();
        return new ToolOutput(text, out);
    }

    /**
     * Keys an issuer publishes: a JWK set's URL, or an issuer whose metadata (RFC 8414 or OpenID
     * Connect discovery) names one. The CLI's settings when it gave any key setting, else the server's variables
     * ({@code DEVSKYY_JWT_JWKS_URL}, {@code DEVSKYY_JWT_ISSUER}); never a tool argument, so a remote
     * caller cannot choose the keys its token is checked against. {@code besideKeys}: the same
     * source names a secret or a key file too, which is refused (one key set, one origin).
     */
    private record Published(String jwksUrl, String issuer, boolean besideKeys) {
        boolean isEmpty() {
            return jwksUrl == null && issuer == null;
        }
    }

    private Published published(ToolCallContext context) {
        Map<String, String> m = context.metadata();
        boolean cliKeys = m.containsKey(CallMetadata.JWT_SECRET_ENV)
                || m.containsKey(CallMetadata.JWT_SECRET_FILE)
                || m.containsKey(CallMetadata.JWT_KEY_FILE);
        Published cli = new Published(m.get(CallMetadata.JWT_JWKS_URL), m.get(CallMetadata.JWT_ISSUER_URL), cliKeys);
        if (!cli.isEmpty() || cliKeys) {
            return cli;
        }
        return new Published(
                env.get("DEVSKYY_JWT_JWKS_URL"),
                env.get("DEVSKYY_JWT_ISSUER"),
                env.containsKey("DEVSKYY_JWT_SECRET") || env.containsKey("DEVSKYY_JWT_KEY"));
    }

    private List<VerificationKey> publishedKeys(Published published, String kid, ToolCallContext context) {
        WebClient web = context.web();
        RemoteKeys.Fetcher fetcher = fetcher(web);
        String url = published.jwksUrl();
        try {
            // a cached document is used only by a caller who may fetch it
            if (url == null) {
                // every place of the issuer's metadata is on its own host
                web.requireReachable(WebClient.address(published.issuer()));
                url = remoteKeys.jwksUri(published.issuer(), fetcher);
            }
            web.requireReachable(WebClient.address(url));
            return remoteKeys.keySet(url, kid, fetcher);
        } catch (RemoteKeys.UnusableDocument e) {
            throw ToolError.of(ErrorCode.E6002, e.getMessage());
        } catch (JwtException e) {
            throw ToolError.of(ErrorCode.E6002, "the key set at " + url + ": " + e.getMessage());
        }
    }

    /**
     * GETs through the caller's network grants; a 4xx is returned (issuer metadata is then looked
     * for elsewhere), anything else but 200 or 304 is the issuer's failure.
     */
    static RemoteKeys.Fetcher fetcher(WebClient web) {
        return (url, etag) -> {
            List<HttpHeaders.Field> headers = new ArrayList<>();
            headers.add(new HttpHeaders.Field("Accept", "application/jwk-set+json, application/json"));
            if (etag != null) {
                headers.add(new HttpHeaders.Field("If-None-Match", etag));
            }
            List<HttpResponse> chain = web.follow(
                    WebClient.address(url), new WebClient.Request("GET", MAX_PUBLISHED_DOCUMENT, false, headers));
            HttpResponse answer = chain.get(chain.size() - 1);
            if (answer.status() >= 400 && answer.status() < 500) {
                return new RemoteKeys.Fetched(answer.status(), new byte[0], null, null);
            }
            if (answer.status() != 200 && answer.status() != 304) {
                throw ToolError.of(ErrorCode.E6002, url + " answered " + answer.status())
                        .retryable(answer.status() >= 500);
            }
            if (answer.truncated()) {
                throw ToolError.of(ErrorCode.E6002, url + " holds more than " + MAX_PUBLISHED_DOCUMENT + " bytes");
            }
            String tag = answer.headers()
                    .first("etag")
                    .filter(JwtTools::isVisibleAscii)
                    .orElse(null);
            return new RemoteKeys.Fetched(
                    answer.status(),
                    answer.body(),
                    answer.headers().first("cache-control").orElse(null),
                    tag);
        };
    }

    private static boolean isVisibleAscii(String value) {
        return value.length() <= 256 && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    /** The token's kid, read without trusting anything else of it; null when it has none or is malformed. */
    private static String kidOf(String token) {
        try {
            JsonNode kid = JwtVerifier.decodeUnverified(token)[0].get("kid");
            return kid != null && kid.isTextual() ? kid.asText() : null;
        } catch (JwtException e) {
            return null; // the verifier says what is wrong with it
        }
    }

    /**
     * The CLI's key settings when it gave any, else the server's variables: never a mix, which
     * would put two secrets in one key set.
     */
    private JwtKeys.Settings keySettings(ToolCallContext context, String secretVariable, String keyVariable) {
        Map<String, String> m = context.metadata();
        JwtKeys.Settings cli = new JwtKeys.Settings(
                m.get(CallMetadata.JWT_SECRET_ENV),
                m.get(CallMetadata.JWT_SECRET_FILE),
                m.get(CallMetadata.JWT_KEY_FILE));
        if (!cli.isEmpty()) {
            return cli;
        }
        // the variables' names are devskyy's own and may be shown; their values never are
        return new JwtKeys.Settings(
                env.containsKey(secretVariable) ? secretVariable : null,
                null,
                env.get(keyVariable),
                secretVariable,
                "the key file named by " + keyVariable);
    }

    private JwtPolicy policy(JsonNode args, String issuer) {
        Duration leeway = Duration.ofSeconds(args.path("leeway_seconds").asLong(60));
        Duration maxAge = args.has("max_age_seconds")
                ? Duration.ofSeconds(args.get("max_age_seconds").asLong())
                : null;
        Set<String> revoked = strings(args.path("revoked"), new HashSet<>());
        if ("devskyy".equals(args.path("profile").asText(null))) {
            return JwtPolicy.devskyy(args.path("type").asText(null), leeway, maxAge, revoked, clock.instant())
                    .requiring(strings(args.path("require"), new ArrayList<>()));
        }
        return new JwtPolicy(
                strings(args.path("algorithms"), new HashSet<>()),
                issuer,
                args.path("audience").asText(null),
                args.path("type").asText(null),
                strings(args.path("require"), new ArrayList<>()),
                leeway,
                maxAge,
                revoked,
                true,
                null,
                clock.instant());
    }

    ToolSpec issue() {
        return ToolSpec.builder("jwt_issue")
                .version("1.0.0")
                .title("Issue a JWT for development and tests")
                .description("Signs the platform's access/refresh pair (HS512, 15 min / 7 days) or a token with any "
                        + "claims and algorithm; the key comes from DEVSKYY_JWT_SIGNING_SECRET or "
                        + "DEVSKYY_JWT_SIGNING_KEY, which the operator sets only where tokens may be minted.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,
                         "properties":{
                           "profile":{"type":"string","enum":["devskyy"],"description":"The platform's access and refresh tokens."},
                           "subject":{"type":"string","minLength":1},
                           "roles":{"type":"array","items":{"type":"string"}},
                           "tier":{"type":"string"},
                           "family_id":{"type":"string","minLength":1},
                           "algorithm":{"type":"string","enum":["HS256","HS384","HS512","RS256","RS384","RS512","PS256","PS384",
                             "PS512","ES256","ES384","ES512","EdDSA"]},
                           "claims":{"type":"object","description":"A custom token's claims; iat and exp are added if absent."},
                           "ttl_seconds":{"type":"integer","minimum":1,"maximum":31536000,"default":900}}}
                        """)
                .outputSchema("""
                        {"type":"object","additionalProperties":false,"required":["expires_in"],
                         "properties":{
                           "token":{"type":"string"},"access_token":{"type":"string"},"refresh_token":{"type":"string"},
                           "token_type":{"type":"string","const":"bearer"},"expires_in":{"type":"integer"}}}
                        """)
                // bearer tokens: never stored for replay, where a server without the key could hand them out
                .secretResults(true)
                .permissions(ToolPermission.KEYS_USE)
                .handler(this::issueToken)
                .build();
    }

    private ToolOutput issueToken(JsonNode args, ToolCallContext context) {
        JwtKeys.Settings settings = keySettings(context, "DEVSKYY_JWT_SIGNING_SECRET", "DEVSKYY_JWT_SIGNING_KEY");
        if (settings.isEmpty()) {
            throw ToolError.of(
                    ErrorCode.E4001,
                    "no signing key: jwt_issue signs only with DEVSKYY_JWT_SIGNING_SECRET or "
                            + "DEVSKYY_JWT_SIGNING_KEY in the server's environment (or --secret-env, --key)");
        }
        long now = clock.instant().getEpochSecond();
        try {
            if (args.has("profile")) {
                return platformPair(args, JwtKeys.signingKey(settings, env, JwsAlgorithm.HS512), now);
            }
            if (!args.has("algorithm")) {
                throw ToolError.of(ErrorCode.E4002, "a custom token needs an algorithm (or profile devskyy)");
            }
            JwsAlgorithm alg =
                    JwsAlgorithm.parse(args.get("algorithm").asText()).orElseThrow();
            ObjectNode claims =
                    args.has("claims") ? (ObjectNode) args.get("claims").deepCopy() : Json.object();
            long ttl = args.path("ttl_seconds").asLong(900);
            if (!claims.has("iat")) {
                claims.put("iat", now);
            }
            if (!claims.has("exp")) {
                claims.put("exp", claims.path("iat").asLong(now) + ttl);
            }
            String token = JwsSigner.sign(claims, alg, JwtKeys.signingKey(settings, env, alg));
            ObjectNode out = Json.object().put("token", token).put("expires_in", ttl);
            return new ToolOutput(token, out);
        } catch (JwtException e) {
            throw ToolError.of(ErrorCode.E4001, e.getMessage());
        }
    }

    /** The platform's login response: an access and a refresh token of one family. */
    private static ToolOutput platformPair(JsonNode args, Key key, long now) {
        for (String custom : List.of("algorithm", "claims", "ttl_seconds")) {
            if (args.has(custom)) {
                throw ToolError.of(
                        ErrorCode.E4001, "profile devskyy fixes the token; " + custom + " is for custom tokens");
            }
        }
        if (!args.has("subject")) {
            throw ToolError.of(ErrorCode.E4002, "profile devskyy needs a subject");
        }
        String family = args.path("family_id").asText(randomId());
        ObjectNode out = Json.object();
        out.put(
                "access_token",
                JwsSigner.sign(platformClaims(args, "access", family, now, ACCESS_TTL), JwsAlgorithm.HS512, key));
        out.put(
                "refresh_token",
                JwsSigner.sign(platformClaims(args, "refresh", family, now, REFRESH_TTL), JwsAlgorithm.HS512, key));
        out.put("token_type", "bearer").put("expires_in", ACCESS_TTL);
        return new ToolOutput(Json.pretty(out), out);
    }

    private static ObjectNode platformClaims(JsonNode args, String type, String family, long now, long ttl) {
        ObjectNode claims = Json.object()
                .put("iss", JwtPolicy.PLATFORM_ISSUER)
                .put("aud", JwtPolicy.PLATFORM_AUDIENCE)
                .put("sub", args.get("subject").asText())
                .put("jti", randomId())
                .put("type", type);
        claims.set("roles", args.has("roles") ? args.get("roles").deepCopy() : Json.array());
        claims.put("family_id", family);
        if (args.has("tier")) {
            claims.put("tier", args.get("tier").asText());
        }
        return claims.put("iat", now).put("exp", now + ttl);
    }

    private static String randomId() {
        byte[] bytes = new byte[16];
        Randomness.SOURCE.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Made on first use, not when the tools are registered: the first SecureRandom loads the
     * security providers, ~10 ms of every {@code tools list} and every server's start.
     */
    private static final class Randomness {
        static final SecureRandom SOURCE = new SecureRandom();
    }

    static ToolSpec decode() {
        return ToolSpec.builder("jwt_decode")
                .version("1.0.0")
                .title("Decode a JWT without verifying it")
                .description("Shows a JWT's header and claims, marked unverified: for debugging, never for decisions.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,"required":["token"],
                         "properties":{"token":{"type":"string","minLength":1,"writeOnly":true}}}
                        """)
                .outputSchema("""
                        {"type":"object","additionalProperties":false,"required":["verified","header","claims"],
                         "properties":{"verified":{"type":"boolean","const":false},"header":{"type":"object"},"claims":{"type":"object"}}}
                        """)
                .idempotent(true)
                .handler((args, context) -> {
                    JsonNode[] parts;
                    try {
                        parts = JwtVerifier.decodeUnverified(args.get("token").asText());
                    } catch (JwtException e) {
                        throw ToolError.of(ErrorCode.E4001, e.getMessage());
                    }
                    if (!parts[0].isObject() || !parts[1].isObject()) {
                        throw ToolError.of(ErrorCode.E4001, "header and claims must be JSON objects");
                    }
                    ObjectNode out = Json.object();
                    out.put("verified", false);
                    out.set("header", parts[0]);
                    out.set("claims", parts[1]);
                    return new ToolOutput(
                            "UNVERIFIED\nheader: " + Json.compact(parts[0]) + "\nclaims: " + Json.compact(parts[1]),
                            out);
                })
                .build();
    }

    private static <C extends java.util.Collection<String>> C strings(JsonNode array, C into) {
        array.forEach(item -> into.add(item.asText()));
        return into;
    }
}
