package dev.devskyy.csp;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The DevSkyy platform's policies (docs/csp.md) as header values, with a fresh nonce in place of
 * {@code 'unsafe-inline'} in script-src and style-src, plus the companion headers the platform sets.
 */
public final class CspBuilder {
    /** The platform's three policies. */
    public enum Profile {
        DEFAULT,
        PRODUCTION,
        DEVELOPMENT;

        public static Profile parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** The headers to send and the nonce the page must put on its scripts and styles. */
    public record Result(Map<String, String> headers, String nonce) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private CspBuilder() {}

    public static Result build(Profile profile, String reportUri, boolean reportOnly) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        List<String> parts = new ArrayList<>();
        directives(profile).forEach((name, values) -> {
            List<String> sources = values;
            if ("script-src".equals(name) || "style-src".equals(name)) {
                sources = values.stream()
                        .map(v -> "'unsafe-inline'".equals(v) ? "'nonce-" + nonce + "'" : v)
                        .toList();
            }
            parts.add(sources.isEmpty() ? name : name + " " + String.join(" ", sources));
        });
        if (reportUri != null) {
            parts.add("report-uri " + reportUri);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(
                reportOnly ? "Content-Security-Policy-Report-Only" : "Content-Security-Policy",
                String.join("; ", parts));
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
        headers.put("Permissions-Policy", "geolocation=(), microphone=(), camera=()");
        return new Result(headers, nonce);
    }

    /** The platform's policies, directive by directive, in the platform's order. */
    static Map<String, List<String>> directives(Profile profile) {
        Map<String, List<String>> d = new LinkedHashMap<>();
        switch (profile) {
            case DEFAULT -> {
                d.put("default-src", List.of("'self'"));
                d.put(
                        "script-src",
                        List.of(
                                "'self'",
                                "'unsafe-inline'",
                                "https://cdn.jsdelivr.net",
                                "https://unpkg.com",
                                "https://cdnjs.cloudflare.com"));
                d.put(
                        "style-src",
                        List.of(
                                "'self'",
                                "'unsafe-inline'",
                                "https://fonts.googleapis.com",
                                "https://cdn.jsdelivr.net"));
                d.put("img-src", List.of("'self'", "data:", "https:", "blob:"));
                d.put("font-src", List.of("'self'", "https://fonts.gstatic.com", "data:"));
                d.put("connect-src", List.of("'self'", "https://api.openai.com", "https://api.anthropic.com", "wss:"));
                d.put("media-src", List.of("'self'", "data:", "blob:"));
                d.put("object-src", List.of("'none'"));
                d.put("base-uri", List.of("'self'"));
                d.put("form-action", List.of("'self'"));
                d.put("frame-ancestors", List.of("'none'"));
                d.put("upgrade-insecure-requests", List.of());
            }
            case PRODUCTION -> {
                d.put("default-src", List.of("'self'"));
                d.put("script-src", List.of("'self'", "https://cdn.jsdelivr.net", "https://unpkg.com"));
                d.put("style-src", List.of("'self'", "https://fonts.googleapis.com"));
                d.put("img-src", List.of("'self'", "data:", "https:"));
                d.put("connect-src", List.of("'self'", "https://api.openai.com", "https://api.anthropic.com"));
                d.put("font-src", List.of("'self'", "https://fonts.gstatic.com"));
                d.put("object-src", List.of("'none'"));
                d.put("base-uri", List.of("'self'"));
                d.put("form-action", List.of("'self'"));
                d.put("frame-ancestors", List.of("'none'"));
                d.put("upgrade-insecure-requests", List.of());
            }
            case DEVELOPMENT -> {
                d.put("default-src", List.of("'self'"));
                d.put("script-src", List.of("'self'", "'unsafe-inline'", "'unsafe-eval'", "http://localhost:*"));
                d.put("style-src", List.of("'self'", "'unsafe-inline'", "http://localhost:*"));
                d.put("img-src", List.of("'self'", "data:", "http:", "https:"));
                d.put("connect-src", List.of("'self'", "ws:", "wss:", "http:", "https:"));
                d.put("font-src", List.of("'self'", "data:", "http:", "https:"));
            }
        }
        return d;
    }
}
