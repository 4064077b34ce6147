package dev.devskyy.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a valid token must satisfy beyond its signature (RFC 7519 §4.1, RFC 8725 §3.8–3.11).
 *
 * @param algorithms allowed algorithms; empty: only each key's declared {@code alg}
 * @param issuer, audience, type: required values, or null for no requirement
 * @param maxAge how old (by {@code iat}) a token may be, or null
 * @param revoked jti and family_id values that are revoked
 * @param apiKeyPrefix a prefix marking API keys (the platform's {@code dsk_}), or null
 */
public record JwtPolicy(
        Set<String> algorithms,
        String issuer,
        String audience,
        String type,
        List<String> required,
        Duration leeway,
        Duration maxAge,
        Set<String> revoked,
        boolean requireExpiry,
        String apiKeyPrefix,
        Instant now) {
    /** The platform's issuer and audience (its auth service sets both on every token). */
    static final String PLATFORM_ISSUER = "devskyy-platform";

    static final String PLATFORM_AUDIENCE = "devskyy-api";

    /** The DevSkyy platform's tokens: HS512, its issuer and audience, the claims it always sets. */
    public static JwtPolicy devskyy(String type, Duration leeway, Duration maxAge, Set<String> revoked, Instant now) {
        return new JwtPolicy(
                Set.of("HS512"),
                PLATFORM_ISSUER,
                PLATFORM_AUDIENCE,
                type == null ? "access" : type,
                List.of("exp", "iat", "sub", "jti"),
                leeway,
                maxAge,
                revoked,
                true,
                "dsk_",
                now);
    }

    /** This policy, with more claims required. */
    JwtPolicy requiring(List<String> more) {
        List<String> all = new ArrayList<>(required);
        all.addAll(more);
        return new JwtPolicy(
                algorithms, issuer, audience, type, all, leeway, maxAge, revoked, requireExpiry, apiKeyPrefix, now);
    }
}
