package dev.devskyy.csp;

import java.net.URI;
import java.net.URISyntaxException;
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
    private static final int MAX_URI_CHARS = 2048;

    private CspBuilder() {}

    /**
     * @param reportUri one URL (see {@link #checkReportUri})
     * @throws IllegalArgumentException when the report URI would break out of its directive
     */
    public static Result build(Profile profile, String reportUri, boolean reportOnly) {
        if (reportUri != null) {
            checkReportUri(reportUri);
        }
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

    /**
     * A report URI goes into the header verbatim, so it must be one token of a directive value
     * (CSP Level 3 §2.2: visible ASCII but {@code ;} and {@code ,}): a {@code ;} would start a
     * directive of the caller's choosing, a {@code ,} a second policy, CR or LF a second header,
     * white space a second URI. It must also be a URI reference. The value is not echoed: it may
     * hold the very control characters that make it unsafe to print.
     */
    static void checkReportUri(String uri) {
        if (uri.isEmpty() || uri.length() > MAX_URI_CHARS) {
            throw new IllegalArgumentException("report-uri must be a URL of 1 to " + MAX_URI_CHARS + " characters");
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7F || c == ';' || c == ',') {
                throw new IllegalArgumentException("report-uri must be one URL of visible ASCII, without white space, "
                        + "';' or ',' (character " + (i + 1) + " is not allowed)");
            }
        }
        try {
            new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("report-uri is not a URI reference: " + e.getReason());
        }
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
