package dev.devskyy.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.CallMetadata;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallContext;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolOutput;
import dev.devskyy.runtime.ToolSpec;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JWT tools. Keys come from the server's environment ({@code DEVSKYY_JWT_SECRET},
 * {@code DEVSKYY_JWT_KEY} naming a PEM/JWK/JWKS file) or the CLI's settings, never from arguments.
 */
public final class JwtTools {
    private final Map<String, String> env;
    private final Clock clock;

    private JwtTools(Map<String, String> env, Clock clock) {
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    public static List<ToolSpec> all(Map<String, String> env, Clock clock) {
        JwtTools tools = new JwtTools(env, clock);
        return List.of(tools.verify(), decode());
    }

    ToolSpec verify() {
        return ToolSpec.builder("jwt_verify")
                .version("1.0.0")
                .title("Verify a JWT")
                .description("Verifies a JWT's signature (RFC 7515/8725, strict) and its claims; the algorithm comes "
                        + "from the key or the allowlist, never from the token.")
                .inputSchema(schema("""
                        {"type":"object","additionalProperties":false,"required":["token"],
                         "properties":{
                           "token":{"type":"string","minLength":1},
                           "profile":{"enum":["devskyy"],"description":"The platform's tokens: HS512, its issuer and audience."},
                           "algorithms":{"type":"array","items":{"type":"string"}},
                           "issuer":{"type":"string"},"audience":{"type":"string"},"type":{"type":"string"},
                           "require":{"type":"array","items":{"type":"string"}},
                           "leeway_seconds":{"type":"integer","minimum":0,"default":60},
                           "max_age_seconds":{"type":"integer","minimum":0},
                           "revoked":{"type":"array","items":{"type":"string"},"description":"Revoked jti or family_id."},
                           "show_unverified":{"type":"boolean","default":false}}}
                        """))
                .outputSchema(schema("""
                        {"type":"object","additionalProperties":false,"required":["valid","failures"],
                         "properties":{
                           "valid":{"type":"boolean"},
                           "failures":{"type":"array","items":{"type":"object","required":["reason","message"],
                             "properties":{"reason":{"type":"string"},"message":{"type":"string"}}}},
                           "header":{"type":"object"},"claims":{"type":"object"}}}
                        """))
                .handler(this::verifyToken)
                .build();
    }

    private ToolOutput verifyToken(JsonNode args, ToolCallContext context) {
        List<VerificationKey> keys;
        try {
            Map<String, String> m = context.metadata();
            JwtKeys.Settings settings = new JwtKeys.Settings(
                    m.getOrDefault(
                            CallMetadata.JWT_SECRET_ENV,
                            env.containsKey("DEVSKYY_JWT_SECRET") ? "DEVSKYY_JWT_SECRET" : null),
                    m.get(CallMetadata.JWT_SECRET_FILE),
                    m.getOrDefault(CallMetadata.JWT_KEY_FILE, env.get("DEVSKYY_JWT_KEY")));
            keys = JwtKeys.load(settings, env);
        } catch (JwtException e) {
            throw ToolError.of(ErrorCode.E4001, e.getMessage());
        }
        JwtVerifier.Result result = JwtVerifier.verify(args.get("token").asText(), keys, policy(args));
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

    private JwtPolicy policy(JsonNode args) {
        Duration leeway = Duration.ofSeconds(args.path("leeway_seconds").asLong(60));
        Duration maxAge = args.has("max_age_seconds")
                ? Duration.ofSeconds(args.get("max_age_seconds").asLong())
                : null;
        Set<String> revoked = strings(args.path("revoked"), new HashSet<>());
        if ("devskyy".equals(args.path("profile").asText(null))) {
            JwtPolicy profile =
                    JwtPolicy.devskyy(args.path("type").asText(null), leeway, maxAge, revoked, clock.instant());
            List<String> required = strings(args.path("require"), new ArrayList<>(profile.required()));
            return new JwtPolicy(
                    profile.algorithms(),
                    profile.issuer(),
                    profile.audience(),
                    profile.type(),
                    required,
                    leeway,
                    maxAge,
                    revoked,
                    true,
                    profile.apiKeyPrefix(),
                    profile.now());
        }
        return new JwtPolicy(
                strings(args.path("algorithms"), new HashSet<>()),
                args.path("issuer").asText(null),
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

    static ToolSpec decode() {
        return ToolSpec.builder("jwt_decode")
                .version("1.0.0")
                .title("Decode a JWT without verifying it")
                .description("Shows a JWT's header and claims, marked unverified: for debugging, never for decisions.")
                .inputSchema(schema("""
                        {"type":"object","additionalProperties":false,"required":["token"],
                         "properties":{"token":{"type":"string","minLength":1}}}
                        """))
                .outputSchema(schema("""
                        {"type":"object","additionalProperties":false,"required":["verified","header","claims"],
                         "properties":{"verified":{"const":false},"header":{"type":"object"},"claims":{"type":"object"}}}
                        """))
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

    private static ObjectNode schema(String json) {
        try {
            return (ObjectNode) Json.parse(json);
        } catch (IOException e) {
            throw new IllegalStateException("built-in schema is not JSON", e);
        }
    }
}
