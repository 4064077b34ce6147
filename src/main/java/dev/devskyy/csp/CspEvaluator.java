package dev.devskyy.csp;

import dev.devskyy.csp.CspFinding.Severity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds weaknesses in a policy, in the spirit of Google's CSP Evaluator: what lets script run
 * that should not, what is missing, what is mistyped, what browsers no longer honour.
 */
public final class CspEvaluator {
    /** Directives of CSP Level 3 and its companions that browsers act on today. */
    private static final Set<String> KNOWN = Set.of(
            "default-src",
            "script-src",
            "script-src-elem",
            "script-src-attr",
            "style-src",
            "style-src-elem",
            "style-src-attr",
            "img-src",
            "font-src",
            "connect-src",
            "media-src",
            "object-src",
            "frame-src",
            "child-src",
            "worker-src",
            "manifest-src",
            "base-uri",
            "form-action",
            "frame-ancestors",
            "sandbox",
            "report-to",
            "upgrade-insecure-requests",
            "require-trusted-types-for",
            "trusted-types",
            "fenced-frame-src",
            "webrtc");
    /** Directives browsers dropped or never shipped: ignored, so they protect nothing. */
    private static final Set<String> DEPRECATED = Set.of(
            "report-uri",
            "block-all-mixed-content",
            "plugin-types",
            "referrer",
            "reflected-xss",
            "prefetch-src",
            "navigate-to",
            "disown-opener",
            "require-sri-for");

    private static final Set<String> KEYWORDS = Set.of(
            "'self'",
            "'none'",
            "'unsafe-inline'",
            "'unsafe-eval'",
            "'strict-dynamic'",
            "'unsafe-hashes'",
            "'report-sample'",
            "'unsafe-allow-redirects'",
            "'wasm-unsafe-eval'",
            "'inline-speculation-rules'",
            "'trusted-types-eval'");
    private static final Set<String> UNQUOTED_KEYWORDS = Set.of(
            "self",
            "none",
            "unsafe-inline",
            "unsafe-eval",
            "strict-dynamic",
            "unsafe-hashes",
            "report-sample",
            "wasm-unsafe-eval");
    private static final Pattern NONCE = Pattern.compile("'nonce-([A-Za-z0-9+/_=-]+)'");
    private static final Pattern HASH = Pattern.compile("'sha(256|384|512)-[A-Za-z0-9+/_=-]+'");
    private static final List<String> BYPASS_HOSTS = loadBypassHosts();

    private CspEvaluator() {}

    /** Whether browsers act on a directive of this (lower-case) name. */
    static boolean isKnownDirective(String name) {
        return KNOWN.contains(name);
    }

    /** The findings of one policy, most severe first; {@code reportOnly} for the -Report-Only header. */
    public static List<CspFinding> evaluate(CspPolicy policy, boolean reportOnly) {
        List<CspFinding> findings = new ArrayList<>();
        directives(policy, findings);
        scripts(policy, findings);
        objects(policy, findings);
        if (!policy.has("base-uri")) {
            boolean nonceBased = usesNonceOrHash(policy.effective("script-src"));
            findings.add(new CspFinding(
                    "missing-base-uri",
                    nonceBased ? Severity.HIGH : Severity.MEDIUM,
                    "base-uri",
                    null,
                    "no base-uri: an injected <base> tag can redirect relative script URLs"
                            + (nonceBased ? ", defeating the nonces" : "") + "; add base-uri 'none' or 'self'"));
        }
        if (!policy.has("frame-ancestors")) {
            findings.add(
                    new CspFinding(
                            "missing-frame-ancestors",
                            Severity.MEDIUM,
                            "frame-ancestors",
                            null,
                            "no frame-ancestors: any site may frame the page (clickjacking); add frame-ancestors 'none' or 'self'"));
        }
        sources(policy, findings);
        reporting(policy, reportOnly, findings);
        findings.sort(Comparator.comparing(CspFinding::severity, Comparator.reverseOrder()));
        return findings;
    }

    private static void directives(CspPolicy policy, List<CspFinding> findings) {
        for (String duplicate : policy.duplicates()) {
            findings.add(new CspFinding(
                    "duplicate-directive",
                    Severity.MEDIUM,
                    duplicate,
                    null,
                    duplicate + " appears twice: browsers ignore every occurrence after the first"));
        }
        for (String name : policy.directives().keySet()) {
            if (DEPRECATED.contains(name)) {
                String advice = "report-uri".equals(name) ? " (keep it beside report-to for older browsers)" : "";
                findings.add(new CspFinding(
                        "deprecated-directive",
                        "report-uri".equals(name) ? Severity.INFO : Severity.LOW,
                        name,
                        null,
                        name + " is deprecated or was never shipped: browsers ignore it" + advice));
            } else if (!KNOWN.contains(name)) {
                findings.add(new CspFinding(
                        "unknown-directive",
                        Severity.MEDIUM,
                        name,
                        null,
                        "unknown directive '" + name + "' (a typo?): browsers ignore it"));
            }
        }
    }

    private static void scripts(CspPolicy policy, List<CspFinding> findings) {
        List<String> script = policy.effective("script-src");
        String where = policy.has("script-src") ? "script-src" : "default-src";
        if (script == null) {
            findings.add(new CspFinding(
                    "missing-script-src",
                    Severity.HIGH,
                    "script-src",
                    null,
                    "neither script-src nor default-src: scripts may come from anywhere"));
            return;
        }
        boolean strictDynamic = script.contains("'strict-dynamic'");
        boolean nonceOrHash = usesNonceOrHash(script);
        if (script.contains("'unsafe-inline'")) {
            findings.add(
                    nonceOrHash
                            ? new CspFinding(
                                    "script-unsafe-inline-fallback",
                                    Severity.INFO,
                                    where,
                                    "'unsafe-inline'",
                                    "'unsafe-inline' is ignored by browsers that honour the nonce or hash beside it"
                                            + " (a fallback for CSP1 browsers only)")
                            : new CspFinding(
                                    "script-unsafe-inline",
                                    Severity.HIGH,
                                    where,
                                    "'unsafe-inline'",
                                    "'unsafe-inline' without a nonce or hash allows every inline script: use nonces or hashes"));
        }
        if (script.contains("'unsafe-eval'")) {
            findings.add(new CspFinding(
                    "script-unsafe-eval",
                    Severity.MEDIUM,
                    where,
                    "'unsafe-eval'",
                    "'unsafe-eval' allows eval() and new Function(): string-to-code injection stays open"));
        }
        if (strictDynamic && !nonceOrHash) {
            findings.add(new CspFinding(
                    "strict-dynamic-without-nonce",
                    Severity.MEDIUM,
                    where,
                    "'strict-dynamic'",
                    "'strict-dynamic' without a nonce or hash trusts no script at all in CSP3 browsers"));
        }
        if (strictDynamic && nonceOrHash && script.stream().anyMatch(CspEvaluator::isHostOrScheme)) {
            findings.add(new CspFinding(
                    "strict-dynamic-ignores-allowlist",
                    Severity.INFO,
                    where,
                    null,
                    "with 'strict-dynamic', CSP3 browsers ignore the host and scheme allowlist (kept for older ones)"));
        }
        for (String value : script) {
            String lower = value.toLowerCase(Locale.ROOT);
            if ("*".equals(value)) {
                findings.add(new CspFinding(
                        "script-wildcard",
                        strictDynamic ? Severity.LOW : Severity.HIGH,
                        where,
                        value,
                        "'*' allows scripts from any host"));
            } else if (Set.of("https:", "http:", "data:", "blob:", "filesystem:")
                    .contains(lower)) {
                findings.add(new CspFinding(
                        "script-scheme",
                        strictDynamic ? Severity.LOW : Severity.HIGH,
                        where,
                        value,
                        value + " allows scripts from any "
                                + (lower.equals("data:") || lower.equals("blob:")
                                        ? "URL of that scheme, which an attacker can make"
                                        : "host of that scheme")));
            } else if (!strictDynamic && isBypassHost(value)) {
                findings.add(new CspFinding(
                        "script-bypass-host",
                        Severity.HIGH,
                        where,
                        value,
                        value + " serves JSONP, old AngularJS or arbitrary packages: allowlisting it lets an attacker"
                                + " run script through it"));
            }
        }
    }

    private static void objects(CspPolicy policy, List<CspFinding> findings) {
        List<String> object = policy.effective("object-src");
        if (object == null) {
            findings.add(new CspFinding(
                    "missing-object-src",
                    Severity.HIGH,
                    "object-src",
                    null,
                    "no object-src (nor default-src): plugins may load and run script; add object-src 'none'"));
        } else if (!object.equals(List.of("'none'"))) {
            findings.add(new CspFinding(
                    "object-src-not-none",
                    Severity.MEDIUM,
                    policy.has("object-src") ? "object-src" : "default-src",
                    null,
                    "object-src is not 'none': plugin content can still run script; set object-src 'none'"));
        }
    }

    private static void sources(CspPolicy policy, List<CspFinding> findings) {
        policy.directives().forEach((name, values) -> {
            if (values.contains("'none'") && values.size() > 1) {
                findings.add(new CspFinding(
                        "none-with-sources",
                        Severity.LOW,
                        name,
                        "'none'",
                        "'none' beside other sources is ignored: the directive allows those sources"));
            }
            if ("upgrade-insecure-requests".equals(name) && !values.isEmpty()) {
                findings.add(new CspFinding(
                        "directive-takes-no-value", Severity.LOW, name, values.get(0), name + " takes no value"));
            }
            for (String value : values) {
                String lower = value.toLowerCase(Locale.ROOT);
                if (UNQUOTED_KEYWORDS.contains(lower)) {
                    findings.add(new CspFinding(
                            "unquoted-keyword",
                            Severity.HIGH,
                            name,
                            value,
                            "'" + lower + "' must be quoted: unquoted, " + value + " is a host name and the keyword"
                                    + " is not applied"));
                } else if (value.startsWith("'")
                        && !KEYWORDS.contains(lower)
                        && !NONCE.matcher(value).matches()
                        && !HASH.matcher(value).matches()) {
                    findings.add(new CspFinding(
                            "unknown-keyword",
                            Severity.MEDIUM,
                            name,
                            value,
                            "unknown keyword " + value + " (a typo?): browsers ignore it"));
                } else if (lower.startsWith("http://") || "http:".equals(lower) || lower.startsWith("ws://")) {
                    findings.add(new CspFinding(
                            "plain-http-source",
                            Severity.MEDIUM,
                            name,
                            value,
                            value + " is plain text on the network: a network attacker can swap the content"));
                } else if ("*".equals(value)
                        && !name.startsWith("script")
                        && !"default-src".equals(name)
                        && !"object-src".equals(name)) {
                    findings.add(
                            new CspFinding("wildcard", Severity.LOW, name, value, "'*' allows any host for " + name));
                }
                var nonce = NONCE.matcher(value);
                if (nonce.matches() && nonce.group(1).length() < 22) {
                    findings.add(new CspFinding(
                            "short-nonce",
                            Severity.MEDIUM,
                            name,
                            value,
                            "a nonce should carry at least 128 random bits (22 base64 characters)"));
                }
            }
        });
    }

    private static void reporting(CspPolicy policy, boolean reportOnly, List<CspFinding> findings) {
        boolean reports = policy.has("report-to") || policy.has("report-uri");
        if (reportOnly) {
            if (!reports) {
                findings.add(new CspFinding(
                        "report-only-without-reporting",
                        Severity.MEDIUM,
                        "report-to",
                        null,
                        "a report-only policy without report-to or report-uri enforces nothing and reports nothing"));
            }
            for (String ignored : List.of("frame-ancestors", "sandbox")) {
                if (policy.has(ignored)) {
                    findings.add(new CspFinding(
                            "report-only-ignored",
                            Severity.INFO,
                            ignored,
                            null,
                            "report-only policies never enforce anything; " + ignored
                                    + " protects only once enforced"));
                }
            }
            findings.add(new CspFinding(
                    "report-only", Severity.INFO, null, null, "report-only: violations are reported, not blocked"));
        } else if (!reports) {
            findings.add(new CspFinding(
                    "no-reporting", Severity.INFO, "report-to", null, "no report-to: violations go unnoticed"));
        }
    }

    private static boolean usesNonceOrHash(List<String> values) {
        return values != null
                && values.stream()
                        .anyMatch(v ->
                                NONCE.matcher(v).matches() || HASH.matcher(v).matches());
    }

    private static boolean isHostOrScheme(String value) {
        return !value.startsWith("'");
    }

    /** Whether a host source matches a host that can serve attacker-chosen script. */
    static boolean isBypassHost(String source) {
        String host = source.toLowerCase(Locale.ROOT).replaceFirst("^[a-z][a-z0-9+.-]*://", "");
        host = host.replaceFirst("[:/].*$", "");
        for (String bypass : BYPASS_HOSTS) {
            if (bypass.startsWith("*.")
                    ? host.endsWith(bypass.substring(1)) || host.equals("*" + bypass.substring(1))
                    : host.equals(bypass)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> loadBypassHosts() {
        List<String> hosts = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                CspEvaluator.class.getResourceAsStream("/dev/devskyy/csp/bypass-hosts.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    hosts.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(hosts);
    }
}
