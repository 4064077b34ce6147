package dev.devskyy.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies a JWT: the JWS first (nothing of the payload is looked at before the signature
 * verified), then every claim the policy asks for, collecting every failure.
 */
public final class JwtVerifier {
    /** One failed check: a stable reason code and an explanation. */
    public record Failure(String reason, String message) {}

    /**
     * The verdict. {@code header} and {@code claims} are null when the signature did not verify
     * (the claims are then unverified and never handed out here).
     */
    public record Result(boolean valid, List<Failure> failures, JsonNode header, JsonNode claims) {}

    private JwtVerifier() {}

    public static Result verify(String token, List<VerificationKey> keys, JwtPolicy policy) {
        String jws = token.strip();
        boolean apiKey = policy.apiKeyPrefix() != null && jws.startsWith(policy.apiKeyPrefix());
        if (apiKey) {
            jws = jws.substring(policy.apiKeyPrefix().length());
        }
        JwsVerifier.Verified verified;
        try {
            Set<JwsAlgorithm> allowed = policy.algorithms().stream()
                    .map(name -> JwsAlgorithm.parse(name)
                            .orElseThrow(() -> new JwtException("alg_unsupported", "unsupported algorithm " + name)))
                    .collect(Collectors.toSet());
            verified = JwsVerifier.verify(jws, keys, allowed);
        } catch (JwtException e) {
            return new Result(false, List.of(new Failure(e.reason(), e.getMessage())), null, null);
        }
        JsonNode claims = StrictJson.parse(verified.payload());
        if (claims == null || !claims.isObject()) {
            return new Result(
                    false,
                    List.of(new Failure("claims_malformed", "the payload is not a JSON object")),
                    verified.header(),
                    null);
        }
        List<Failure> failures = new ArrayList<>();
        times(claims, policy, failures);
        expect(claims, "iss", policy.issuer(), "issuer_mismatch", failures);
        audience(claims, policy.audience(), failures);
        String type = apiKey ? "api_key" : policy.type();
        expect(claims, "type", type, "type_mismatch", failures);
        for (String name : policy.required()) {
            if (!claims.has(name)) {
                failures.add(new Failure("claim_missing", "required claim " + name + " is missing"));
            }
        }
        for (String name : List.of("jti", "family_id")) {
            JsonNode value = claims.get(name);
            if (value != null && policy.revoked().contains(value.asText())) {
                failures.add(new Failure("revoked", name + " " + value.asText() + " is revoked"));
            }
        }
        return new Result(failures.isEmpty(), List.copyOf(failures), verified.header(), claims);
    }

    private static void times(JsonNode claims, JwtPolicy policy, List<Failure> failures) {
        Instant now = policy.now();
        long leeway = policy.leeway().getSeconds();
        Long exp = number(claims, "exp", failures);
        Long nbf = number(claims, "nbf", failures);
        Long iat = number(claims, "iat", failures);
        if (exp == null) {
            if (policy.requireExpiry() && !claims.has("exp")) {
                failures.add(new Failure("claim_missing", "the token has no exp: it would never expire"));
            }
        } else if (now.getEpochSecond() > exp + leeway) {
            failures.add(new Failure("expired", "expired at " + Instant.ofEpochSecond(exp)));
        }
        if (nbf != null && now.getEpochSecond() + leeway < nbf) {
            failures.add(new Failure("not_yet_valid", "not valid before " + Instant.ofEpochSecond(nbf)));
        }
        if (iat != null && now.getEpochSecond() + leeway < iat) {
            failures.add(
                    new Failure("issued_in_future", "issued at " + Instant.ofEpochSecond(iat) + ", in the future"));
        }
        if (policy.maxAge() != null) {
            if (iat == null) {
                failures.add(new Failure("claim_missing", "--max-age needs an iat claim"));
            } else if (now.getEpochSecond() - iat > policy.maxAge().getSeconds() + leeway) {
                failures.add(
                        new Failure("too_old", "issued at " + Instant.ofEpochSecond(iat) + ", older than allowed"));
            }
        }
    }

    /** A NumericDate (RFC 7519 §2): an integer number of seconds; anything else is a failure. */
    private static Long number(JsonNode claims, String name, List<Failure> failures) {
        JsonNode value = claims.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || !value.canConvertToLong()) {
            failures.add(new Failure("claim_malformed", name + " is not a NumericDate"));
            return null;
        }
        return value.asLong();
    }

    private static void expect(JsonNode claims, String name, String wanted, String reason, List<Failure> failures) {
        if (wanted != null && !wanted.equals(claims.path(name).asText(null))) {
            failures.add(new Failure(reason, name + " is " + claims.path(name).asText("absent") + ", not " + wanted));
        }
    }

    /** RFC 7519 §4.1.3: aud is a string or an array of strings, and must contain the expected one. */
    private static void audience(JsonNode claims, String wanted, List<Failure> failures) {
        if (wanted == null) {
            return;
        }
        JsonNode aud = claims.get("aud");
        boolean contains =
                aud != null && (aud.isTextual() ? aud.asText().equals(wanted) : aud.isArray() && contains(aud, wanted));
        if (!contains) {
            failures.add(new Failure("audience_mismatch", "aud does not contain " + wanted));
        }
    }

    private static boolean contains(JsonNode array, String wanted) {
        for (JsonNode item : array) {
            if (item.isTextual() && item.asText().equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** Header and claims without verifying anything, for debugging; never for decisions. */
    public static JsonNode[] decodeUnverified(String token) {
        String[] parts = token.strip().split("\\.", -1);
        if (parts.length != 3) {
            throw new JwtException("malformed", "a JWS has exactly three parts, this has " + parts.length);
        }
        byte[] header = Base64Url.decode(parts[0]);
        byte[] payload = Base64Url.decode(parts[1]);
        if (header == null || payload == null) {
            throw new JwtException("malformed", "not strict base64url");
        }
        JsonNode[] decoded = {StrictJson.parse(header), StrictJson.parse(payload)};
        if (decoded[0] == null || decoded[1] == null) {
            throw new JwtException("malformed", "header or payload is not UTF-8 JSON");
        }
        return decoded;
    }
}
