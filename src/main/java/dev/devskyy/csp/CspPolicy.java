package dev.devskyy.csp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Content Security Policy (CSP Level 3 §2.2): directives separated by {@code ;}, each a
 * case-insensitive name and white-space separated source expressions. A header value may carry
 * several policies separated by {@code ,}; every one of them is enforced.
 */
public final class CspPolicy {
    /**
     * The longest header value read. Servers refuse header sections of 8 to 64 KiB, so no
     * browser ever receives a longer policy; a longer one is no policy at all.
     */
    public static final int MAX_HEADER_CHARS = 64 * 1024;

    private final Map<String, List<String>> directives;
    private final List<String> duplicates;

    private CspPolicy(Map<String, List<String>> directives, List<String> duplicates) {
        this.directives = Collections.unmodifiableMap(directives);
        this.duplicates = List.copyOf(duplicates);
    }

    /**
     * The policies of a header value (comma-separated), each parsed.
     *
     * @throws IllegalArgumentException when the value is longer than {@link #MAX_HEADER_CHARS}
     */
    public static List<CspPolicy> parseHeader(String header) {
        if (header.length() > MAX_HEADER_CHARS) {
            throw new IllegalArgumentException("the policy is " + header.length()
                    + " characters, more than a header holds (" + MAX_HEADER_CHARS + ")");
        }
        List<CspPolicy> policies = new ArrayList<>();
        for (String policy : header.split(",")) {
            if (!policy.isBlank()) {
                policies.add(parse(policy));
            }
        }
        return policies;
    }

    /** One policy; as browsers do, a repeated directive is ignored after its first occurrence. */
    public static CspPolicy parse(String policy) {
        Map<String, List<String>> directives = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (String token : policy.split(";")) {
            String[] parts = token.strip().split("[ \\t\\n\\r\\f]+");
            if (parts.length == 0 || parts[0].isEmpty()) {
                continue;
            }
            String name = parts[0].toLowerCase(Locale.ROOT);
            if (directives.containsKey(name)) {
                duplicates.add(name);
                continue;
            }
            List<String> values = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                values.add(parts[i]);
            }
            directives.put(name, List.copyOf(values));
        }
        return new CspPolicy(directives, duplicates);
    }

    public Map<String, List<String>> directives() {
        return directives;
    }

    /** This policy without the directives {@code names}: what a {@code <meta>} element may not set. */
    public CspPolicy without(java.util.Set<String> names) {
        Map<String, List<String>> kept = new LinkedHashMap<>(directives);
        kept.keySet().removeAll(names);
        List<String> duplicatesKept = new ArrayList<>(duplicates);
        duplicatesKept.removeAll(names);
        return new CspPolicy(kept, duplicatesKept);
    }

    /** Directive names that appeared again after their first occurrence (and were ignored). */
    public List<String> duplicates() {
        return duplicates;
    }

    public boolean has(String directive) {
        return directives.containsKey(directive);
    }

    /** The values of a directive, falling back to {@code default-src} for fetch directives. */
    public List<String> effective(String directive) {
        if (directives.containsKey(directive)) {
            return directives.get(directive);
        }
        return directives.getOrDefault("default-src", null);
    }

    /** The policy as a header value: {@code name value value; name …}. */
    public String serialize() {
        List<String> parts = new ArrayList<>();
        directives.forEach(
                (name, values) -> parts.add(values.isEmpty() ? name : name + " " + String.join(" ", values)));
        return String.join("; ", parts);
    }
}
