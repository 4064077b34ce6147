package dev.devskyy.csp;

import dev.devskyy.csp.CspFinding.Severity;
import dev.devskyy.net.HttpHeaders;
import dev.devskyy.net.HttpResponse;
import dev.devskyy.net.WebAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A page's security headers graded the way Mozilla's HTTP Observatory grades them (its published
 * scoring methodology, docs/network.md): every site starts at 100, each test adds a modifier,
 * bonuses count only when the penalties leave 90 or more, and the score maps to a letter. The
 * Observatory's own tests that need more than the page (its HSTS preload list, crossdomain.xml)
 * are left out, and devskyy adds notes of its own that do not change the score
 * (Permissions-Policy, cross-origin isolation, cookie prefixes, version disclosure).
 */
public final class HeaderGrade {
    /** The Origin sent with the request, to see whether the server reflects any origin (CORS). */
    public static final String PROBE_ORIGIN = "https://devskyy.invalid";
    /** Directives a policy in a {@code <meta>} element cannot set (CSP Level 3 §6.1). */
    private static final java.util.Set<String> META_IGNORED =
            java.util.Set.of("frame-ancestors", "report-uri", "sandbox");

    /** What a report shows at most (everything is still graded). */
    static final int MAX_NOTES = 50;

    static final int MAX_POLICIES = 8;
    static final int MAX_POLICY_CHARS = 2000;
    static final int MAX_FINDINGS = 40;

    /** HSTS shorter than this is penalised: 180 days, as the Observatory counts six months. */
    static final long HSTS_MIN_SECONDS = 15_552_000L;

    /**
     * One test's outcome.
     *
     * @param test the test, e.g. {@code strict-transport-security}
     * @param result the Observatory's result identifier, e.g. {@code hsts-not-implemented}
     */
    public record Test(String test, String result, int modifier, String description) {
        /** A penalty of 20 or more is high, 10 medium, 5 low; a pass is info. */
        public Severity severity() {
            return modifier <= -20
                    ? Severity.HIGH
                    : modifier <= -10 ? Severity.MEDIUM : modifier < 0 ? Severity.LOW : Severity.INFO;
        }

        public boolean passed() {
            return modifier >= 0;
        }
    }

    /** Something devskyy points out beyond the Observatory's tests; it does not change the score. */
    public record Note(String check, Severity severity, String message) {}

    /**
     * What the http:// form of the site did.
     *
     * @param chain its answers, redirects followed; empty when plain http did not connect
     * @param notChecked why the probe was not made or could not finish, or null
     */
    public record HttpProbe(List<HttpResponse> chain, String notChecked) {}

    /**
     * @param policies the enforced policies read (headers, then meta elements), each with the
     *     evaluator's findings
     */
    public record Report(
            String url,
            String finalUrl,
            int status,
            int score,
            String grade,
            List<Test> tests,
            List<Note> notes,
            List<PolicyReport> policies) {}

    /** One enforced policy, where it came from, and what the evaluator finds in it. */
    public record PolicyReport(String source, String policy, List<CspFinding> findings) {}

    private static final Pattern VERSION = Pattern.compile("\\d\\.\\d");
    private static final Set<String> REFERRER_TOKENS = Set.of(
            "no-referrer",
            "no-referrer-when-downgrade",
            "same-origin",
            "origin",
            "strict-origin",
            "origin-when-cross-origin",
            "strict-origin-when-cross-origin",
            "unsafe-url");

    private HeaderGrade() {}

    /**
     * @param chain the answers to the request for the page, redirects followed, the page last
     * @param probe what http:// did
     */
    public static Report grade(List<HttpResponse> chain, HttpProbe probe) {
        HttpResponse page = chain.get(chain.size() - 1);
        HttpHeaders headers = page.headers();
        boolean secure = page.address().isSecure();
        boolean html = headers.first("content-type")
                .map(t -> t.toLowerCase(Locale.ROOT).startsWith("text/html"))
                .orElse(false);
        HtmlHead head = html ? HtmlHead.read(new String(page.body(), StandardCharsets.UTF_8)) : HtmlHead.read("");

        List<Test> tests = new ArrayList<>();
        List<Note> notes = new ArrayList<>();
        List<PolicyReport> policies = new ArrayList<>();
        Hsts hsts = Hsts.read(headers, secure);
        tests.add(contentSecurityPolicy(headers, head, secure, policies, notes));
        tests.add(cookies(headers, secure, hsts, notes));
        tests.add(crossOriginResourceSharing(headers, notes));
        tests.add(redirection(chain, probe));
        tests.add(referrerPolicy(headers, head));
        tests.add(hsts.test());
        tests.add(subresourceIntegrity(page, html, head, probe));
        tests.add(contentTypeOptions(headers));
        tests.add(frameOptions(headers));
        tests.add(crossOriginResourcePolicy(headers));
        isolation(headers, notes);
        disclosure(headers, notes);
        if (page.truncated()) {
            notes.add(new Note(
                    "page-cut", Severity.INFO, "the page was longer than devskyy reads: only its start was checked"));
        }
        int penalties =
                tests.stream().mapToInt(Test::modifier).filter(m -> m < 0).sum();
        int bonuses = tests.stream().mapToInt(Test::modifier).filter(m -> m > 0).sum();
        int score = Math.max(0, 100 + penalties);
        if (score >= 90) {
            score += bonuses;
        }
        return new Report(
                chain.get(0).address().toString(),
                page.address().toString(),
                page.status(),
                score,
                grade(score),
                tests,
                shown(
                        notes,
                        MAX_NOTES,
                        n -> n,
                        hidden -> new Note(
                                "more-notes", Severity.INFO, hidden + " more notes of the same kinds are not shown")),
                shown(
                        policies,
                        MAX_POLICIES,
                        HeaderGrade::shortened,
                        hidden -> new PolicyReport(
                                "more",
                                hidden + " more policies are not shown: every one counted in the grade",
                                List.of())));
    }

    /**
     * The first {@code max} of {@code all}, each through {@code shorten}, and one more item saying how
     * many were left out: a page built to repeat itself cannot make a report of many megabytes.
     */
    private static <T> List<T> shown(
            List<T> all, int max, java.util.function.UnaryOperator<T> shorten, java.util.function.IntFunction<T> more) {
        List<T> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(max, all.size()); i++) {
            shown.add(shorten.apply(all.get(i)));
        }
        if (all.size() > max) {
            shown.add(more.apply(all.size() - max));
        }
        return shown;
    }

    private static PolicyReport shortened(PolicyReport p) {
        String policy =
                p.policy().length() > MAX_POLICY_CHARS ? p.policy().substring(0, MAX_POLICY_CHARS) + "..." : p.policy();
        List<CspFinding> findings =
                p.findings().size() > MAX_FINDINGS ? p.findings().subList(0, MAX_FINDINGS) : p.findings();
        return new PolicyReport(p.source(), policy, findings);
    }

    /** The Observatory's grading chart. */
    static String grade(int score) {
        int[] floors = {100, 90, 85, 80, 70, 65, 60, 50, 45, 40, 30, 25};
        String[] grades = {"A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-"};
        for (int i = 0; i < floors.length; i++) {
            if (score >= floors[i]) {
                return grades[i];
            }
        }
        return "F";
    }

    // --- Content Security Policy ---------------------------------------------------------------

    private static Test contentSecurityPolicy(
            HttpHeaders headers, HtmlHead head, boolean secure, List<PolicyReport> reports, List<Note> notes) {
        String test = "content-security-policy";
        List<CspPolicy> enforced = new ArrayList<>();
        try {
            for (String value : headers.all("content-security-policy")) {
                if (value.isBlank()) {
                    return new Test(test, "csp-header-invalid", -25, "an empty Content-Security-Policy header");
                }
                for (CspPolicy policy : CspPolicy.parseHeader(value)) {
                    enforced.add(policy);
                    reports.add(new PolicyReport("header", policy.serialize(), CspEvaluator.evaluate(policy, false)));
                }
            }
            for (String value : head.policies()) {
                for (CspPolicy parsed : CspPolicy.parseHeader(value)) {
                    CspPolicy policy = parsed.without(META_IGNORED); // CSP3 §6.1: not from a meta element
                    if (policy.directives().isEmpty()) {
                        continue;
                    }
                    enforced.add(policy);
                    reports.add(new PolicyReport("meta", policy.serialize(), CspEvaluator.evaluate(policy, false)));
                }
            }
        } catch (IllegalArgumentException e) {
            return new Test(
                    test,
                    "csp-header-invalid",
                    -25,
                    "Content Security Policy (CSP) cannot be parsed: " + e.getMessage());
        }
        if (enforced.isEmpty()) {
            return headers.first("content-security-policy-report-only").isPresent()
                    ? new Test(
                            test,
                            "csp-not-implemented-but-reporting-enabled",
                            -25,
                            "only a Report-Only policy: it reports, it does not protect")
                    : new Test(test, "csp-not-implemented", -25, "Content Security Policy (CSP) not implemented");
        }
        boolean reportingTwice = false;
        for (CspPolicy policy : enforced) {
            for (String duplicate : policy.duplicates()) {
                if (!duplicate.equals("report-uri") && !duplicate.equals("report-to")) {
                    return new Test(
                            test,
                            "csp-header-invalid",
                            -25,
                            "Content Security Policy (CSP) names " + duplicate + " twice: it cannot be read reliably");
                }
                reportingTwice = true;
            }
        }
        Test best = null;
        for (CspPolicy policy : enforced) {
            Test t = cspTest(policy, secure);
            if (best == null || t.modifier() > best.modifier()) {
                best = t; // every policy is enforced: the page is at least as safe as its strictest one
            }
        }
        if (reportingTwice && best.passed()) {
            return new Test(
                    test,
                    "csp-implemented-but-duplicate-directives",
                    0,
                    "CSP implemented, but names its reporting endpoint twice");
        }
        return best;
    }

    private static Test cspTest(CspPolicy policy, boolean secure) {
        String test = "content-security-policy";
        for (var directive : policy.directives().entrySet()) {
            if (directive.getValue().isEmpty() && !CspEvaluator.isKnownDirective(directive.getKey())) {
                return new Test(
                        test,
                        "csp-header-invalid",
                        -25,
                        "Content Security Policy (CSP) holds a word that is no directive");
            }
        }
        List<String> script = sources(policy, "script-src");
        List<String> object = sources(policy, "object-src");
        List<String> style = sources(policy, "style-src");
        boolean strictDynamic = script != null && script.contains("'strict-dynamic'");
        if (strictDynamic && !noncesOrHashes(script)) {
            return new Test(test, "csp-header-invalid", -25, "'strict-dynamic' without a nonce or hash to trust from");
        }
        boolean scriptUnsafe = script == null
                || (script.contains("'unsafe-inline'") && !noncesOrHashes(script))
                || script.contains("data:")
                || (!strictDynamic && broad(script));
        boolean objectUnsafe =
                object == null || (!object.contains("'none'") && (broad(object) || object.contains("data:")));
        if (scriptUnsafe || objectUnsafe) {
            return new Test(
                    test,
                    "csp-implemented-with-unsafe-inline",
                    -20,
                    "CSP implemented unsafely: 'unsafe-inline' or data: in script-src, overly broad sources in"
                            + " script-src or object-src, or either left unrestricted");
        }
        if (secure && insecureSources(policy, false)) {
            return new Test(
                    test, "csp-implemented-with-insecure-scheme", -20, "CSP allows resources to be loaded over http");
        }
        if (script.contains("'unsafe-eval'")) {
            return new Test(test, "csp-implemented-with-unsafe-eval", -10, "CSP allows 'unsafe-eval'");
        }
        if (secure && insecureSources(policy, true)) {
            return new Test(
                    test,
                    "csp-implemented-with-insecure-scheme-in-passive-content-only",
                    -10,
                    "CSP allows images or media to be loaded over http");
        }
        if (style == null
                || (style.contains("'unsafe-inline'") && !noncesOrHashes(style))
                || style.contains("data:")
                || broad(style)) {
            return new Test(
                    test,
                    "csp-implemented-with-unsafe-inline-in-style-src-only",
                    0,
                    "CSP implemented with unsafe sources only in style-src");
        }
        if (List.of("'none'").equals(sources(policy, "default-src"))) {
            return new Test(
                    test,
                    "csp-implemented-with-no-unsafe-default-src-none",
                    10,
                    "CSP implemented with default-src 'none' and no unsafe sources");
        }
        return new Test(
                test, "csp-implemented-with-no-unsafe", 5, "CSP implemented without 'unsafe-inline' or 'unsafe-eval'");
    }

    /**
     * The sources a fetch directive allows, keywords and schemes in lower case (CSP compares them
     * without case); an empty list is {@code 'none'}; null when neither it nor default-src is set.
     */
    private static List<String> sources(CspPolicy policy, String directive) {
        List<String> values = policy.effective(directive);
        if (values == null) {
            return null;
        }
        if (values.isEmpty()) {
            return List.of("'none'");
        }
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    /** A nonce or hash makes CSP2+ browsers ignore 'unsafe-inline' beside it. */
    private static boolean noncesOrHashes(List<String> sources) {
        return sources.stream().anyMatch(s -> s.startsWith("'nonce-") || s.startsWith("'sha"));
    }

    /** A source list that allows any host: a wildcard, a bare scheme, or any host of a scheme. */
    private static boolean broad(List<String> sources) {
        for (String s : sources) {
            if (s.equals("*") || s.equals("http:") || s.equals("https:") || s.endsWith("://*")) {
                return true;
            }
        }
        return false;
    }

    /** Whether any directive (the passive ones, or all others) names a scheme without TLS (http, ftp). */
    private static boolean insecureSources(CspPolicy policy, boolean passive) {
        for (var directive : policy.directives().entrySet()) {
            boolean isPassive =
                    directive.getKey().equals("img-src") || directive.getKey().equals("media-src");
            if (isPassive != passive) {
                continue;
            }
            for (String source : directive.getValue()) {
                String s = source.toLowerCase(Locale.ROOT);
                if (s.equals("http:") || s.startsWith("http://") || s.equals("ftp:") || s.startsWith("ftp://")) {
                    return true;
                }
            }
        }
        return false;
    }

    // --- Cookies -----------------------------------------------------------------------------

    /** One Set-Cookie, its attributes only: a cookie's value is never kept. */
    private record Cookie(String name, boolean secure, boolean httpOnly, String sameSite, String domain, String path) {
        static Cookie parse(String header) {
            String[] parts = header.split(";");
            int eq = parts[0].indexOf('=');
            String name = (eq < 0 ? "" : parts[0].substring(0, eq)).strip();
            boolean secure = false;
            boolean httpOnly = false;
            String sameSite = null;
            String domain = null;
            String path = null;
            for (int i = 1; i < parts.length; i++) {
                String attribute = parts[i].strip();
                int at = attribute.indexOf('=');
                String key = (at < 0 ? attribute : attribute.substring(0, at))
                        .strip()
                        .toLowerCase(Locale.ROOT);
                String value = at < 0 ? "" : attribute.substring(at + 1).strip();
                switch (key) {
                    case "secure" -> secure = true;
                    case "httponly" -> httpOnly = true;
                    case "samesite" -> sameSite = value;
                    case "domain" -> domain = value;
                    case "path" -> path = value;
                    default -> {
                        // Expires, Max-Age, Partitioned, Priority: no bearing on this test
                    }
                }
            }
            return new Cookie(name, secure, httpOnly, sameSite, domain, path);
        }

        /**
         * Named like a session or login cookie, as the Observatory judges (a name holding "sess" or
         * "login"), and WordPress's own login cookies besides ({@code wordpress_logged_in_*},
         * {@code wordpress_sec_*}).
         */
        boolean session() {
            String n = name.toLowerCase(Locale.ROOT);
            return n.contains("sess")
                    || n.contains("login")
                    || n.startsWith("wordpress_logged_in_")
                    || n.startsWith("wordpress_sec_");
        }

        boolean antiCsrf() {
            return name.toLowerCase(Locale.ROOT).contains("csrf");
        }

        boolean sameSiteValid() {
            return sameSite == null
                    || sameSite.equalsIgnoreCase("strict")
                    || sameSite.equalsIgnoreCase("lax")
                    || (sameSite.equalsIgnoreCase("none") && secure);
        }
    }

    private static Test cookies(HttpHeaders headers, boolean secure, Hsts hsts, List<Note> notes) {
        String test = "cookies";
        List<Cookie> cookies = headers.all("set-cookie").stream()
                .map(Cookie::parse)
                .filter(c -> !c.name().isEmpty() && !c.name().equalsIgnoreCase("heroku-session-affinity"))
                .toList(); // a load balancer's stickiness, which the Observatory leaves out too
        if (cookies.isEmpty()) {
            return new Test(test, "cookies-not-found", 0, "no cookies set");
        }
        for (Cookie c : cookies) {
            prefixes(c, notes);
        }
        List<Test> failures = new ArrayList<>();
        for (Cookie c : cookies) {
            boolean sentSecurely = c.secure() && secure;
            if (c.session() && !sentSecurely) {
                failures.add(
                        hsts.protects()
                                ? new Test(
                                        test,
                                        "cookies-session-without-secure-flag-but-protected-by-hsts",
                                        -10,
                                        "session cookie " + c.name()
                                                + " set without the Secure flag, but HSTS keeps it off http")
                                : new Test(
                                        test,
                                        "cookies-session-without-secure-flag",
                                        -40,
                                        "session cookie " + c.name() + " set without the Secure flag or over http"));
            }
            if (c.session() && !c.httpOnly()) {
                failures.add(new Test(
                        test,
                        "cookies-session-without-httponly-flag",
                        -30,
                        "session cookie " + c.name() + " set without the HttpOnly flag: scripts can read it"));
            }
            if (!c.sameSiteValid()) {
                failures.add(new Test(
                        test,
                        "cookies-samesite-flag-invalid",
                        -20,
                        "cookie " + c.name() + " has a SameSite value browsers do not accept (None needs Secure)"));
            }
            if (c.antiCsrf() && c.sameSite() == null) {
                failures.add(new Test(
                        test,
                        "cookies-anticsrf-without-samesite-flag",
                        -20,
                        "anti-CSRF cookie " + c.name() + " set without the SameSite flag"));
            }
            if (!c.session() && !sentSecurely) {
                failures.add(
                        hsts.protects()
                                ? new Test(
                                        test,
                                        "cookies-without-secure-flag-but-protected-by-hsts",
                                        -5,
                                        "cookie " + c.name()
                                                + " set without the Secure flag, but HSTS keeps it off http")
                                : new Test(
                                        test,
                                        "cookies-without-secure-flag",
                                        -20,
                                        "cookie " + c.name() + " set without the Secure flag or over http"));
            }
        }
        if (!failures.isEmpty()) {
            return failures.stream()
                    .min((a, b) -> Integer.compare(a.modifier(), b.modifier()))
                    .orElseThrow();
        }
        boolean allSameSite = cookies.stream().allMatch(c -> c.sameSite() != null);
        return allSameSite
                ? new Test(
                        test,
                        "cookies-secure-with-httponly-sessions-and-samesite",
                        5,
                        "all cookies Secure, session cookies HttpOnly, all with SameSite")
                : new Test(
                        test,
                        "cookies-secure-with-httponly-sessions",
                        0,
                        "all cookies Secure and session cookies HttpOnly");
    }

    /** RFC 6265bis §4.1.3: browsers drop a prefixed cookie that breaks its prefix's rules. */
    private static void prefixes(Cookie c, List<Note> notes) {
        boolean host = c.name().startsWith("__Host-");
        if (host && (!c.secure() || c.domain() != null || !"/".equals(c.path()))) {
            notes.add(new Note(
                    "cookie-prefix",
                    Severity.LOW,
                    "cookie " + c.name() + " breaks the __Host- rules (Secure, Path=/, no Domain): browsers drop it"));
        } else if (c.name().startsWith("__Secure-") && !c.secure()) {
            notes.add(new Note(
                    "cookie-prefix",
                    Severity.LOW,
                    "cookie " + c.name() + " breaks the __Secure- rule (Secure): browsers drop it"));
        }
    }

    // --- CORS, redirection, referrer ---------------------------------------------------------

    private static Test crossOriginResourceSharing(HttpHeaders headers, List<Note> notes) {
        String test = "cross-origin-resource-sharing";
        Optional<String> origin = headers.first("access-control-allow-origin");
        if (origin.isEmpty()) {
            return new Test(
                    test, "cross-origin-resource-sharing-not-implemented", 0, "content is not shared across origins");
        }
        boolean credentials = headers.first("access-control-allow-credentials")
                .map(v -> v.strip().equalsIgnoreCase("true"))
                .orElse(false);
        String value = origin.get().strip();
        if (value.equals(PROBE_ORIGIN) || value.equalsIgnoreCase("null")) {
            if (credentials) {
                return new Test(
                        test,
                        "cross-origin-resource-sharing-implemented-with-universal-access",
                        -50,
                        "any origin is allowed with credentials: every site can read this page as its visitor");
            }
            notes.add(new Note(
                    "cors-reflected-origin",
                    Severity.LOW,
                    "Access-Control-Allow-Origin reflects any Origin sent: every site can read this page"));
        }
        if (value.equals("*")) {
            if (credentials) {
                notes.add(
                        new Note(
                                "cors-wildcard-credentials",
                                Severity.INFO,
                                "Access-Control-Allow-Origin * with credentials: browsers refuse the pair, so no credentials flow"));
            }
            return new Test(
                    test,
                    "cross-origin-resource-sharing-implemented-with-public-access",
                    0,
                    "public content is shared with every origin");
        }
        return new Test(
                test,
                "cross-origin-resource-sharing-implemented-with-restricted-access",
                0,
                "content is shared with chosen origins");
    }

    private static Test redirection(List<HttpResponse> chain, HttpProbe probe) {
        String test = "redirection";
        List<HttpResponse> hops = chain.get(0).address().isSecure() ? probe.chain() : chain;
        if (!chain.get(0).address().isSecure() || probe.notChecked() == null) {
            if (hops.isEmpty()) {
                return new Test(
                        test, "redirection-not-needed-no-http", 0, "plain http does not connect: nothing to redirect");
            }
            HttpResponse first = hops.get(0);
            HttpResponse last = hops.get(hops.size() - 1);
            if (!first.isRedirect()) {
                return new Test(test, "redirection-missing", -20, "http:// answers without redirecting to https");
            }
            if (!last.address().isSecure() || last.isRedirect()) {
                return new Test(test, "redirection-not-to-https", -20, "http:// redirects, but not to an https page");
            }
            WebAddress second = hops.get(1).address();
            if (!second.isSecure()) {
                return new Test(
                        test,
                        "redirection-not-to-https-on-initial-redirection",
                        -10,
                        "http:// reaches https only after a redirect to another http URL");
            }
            if (!second.host().equals(first.address().host())) {
                return new Test(
                        test,
                        "redirection-off-host-from-http",
                        -5,
                        "http:// redirects to https on another host, so this host's HSTS is never set");
            }
            return new Test(test, "redirection-to-https", 0, "http:// redirects to https on the same host");
        }
        return new Test(test, "redirection-not-checked", 0, "not checked: " + probe.notChecked());
    }

    private static Test referrerPolicy(HttpHeaders headers, HtmlHead head) {
        String test = "referrer-policy";
        List<String> values = new ArrayList<>(headers.all("referrer-policy"));
        values.addAll(head.referrerPolicies());
        if (values.isEmpty()) {
            return new Test(
                    test,
                    "referrer-policy-not-implemented",
                    0,
                    "no Referrer-Policy (browsers default to strict-origin-when-cross-origin)");
        }
        String policy = null;
        for (String value : values) {
            for (String token : value.split(",")) {
                String t = token.strip().toLowerCase(Locale.ROOT);
                if (REFERRER_TOKENS.contains(t)) {
                    policy = t; // the last one a browser knows wins (Referrer Policy §8.1)
                }
            }
        }
        if (policy == null) {
            return new Test(
                    test, "referrer-policy-header-invalid", -5, "Referrer-Policy names no policy browsers know");
        }
        return switch (policy) {
            case "no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin" ->
                new Test(
                        test,
                        "referrer-policy-private",
                        5,
                        "Referrer-Policy " + policy + " keeps paths from other sites");
            default ->
                new Test(
                        test,
                        "referrer-policy-unsafe",
                        -5,
                        "Referrer-Policy " + policy + " sends this site's URLs to others");
        };
    }

    // --- HSTS ----------------------------------------------------------------------------------

    /** RFC 6797 §6.1: the first Strict-Transport-Security field, if the page came over https. */
    private record Hsts(Test test, boolean protects) {
        static Hsts read(HttpHeaders headers, boolean secure) {
            String name = "strict-transport-security";
            if (!secure) {
                return new Hsts(
                        new Test(name, "hsts-not-implemented-no-https", -20, "HSTS cannot be set over http"), false);
            }
            Optional<String> header = headers.first(name);
            if (header.isEmpty()) {
                return new Hsts(new Test(name, "hsts-not-implemented", -20, "HSTS header not implemented"), false);
            }
            if (headers.all(name).size() > 1 || header.get().indexOf(',') >= 0) {
                return invalid("the header was sent more than once"); // as two fields, or joined by a comma
            }
            Long maxAge = null;
            Set<String> seen = new java.util.HashSet<>();
            for (String part : header.get().split(";")) {
                String directive = part.strip();
                if (directive.isEmpty()) {
                    continue;
                }
                int eq = directive.indexOf('=');
                String key = (eq < 0 ? directive : directive.substring(0, eq))
                        .strip()
                        .toLowerCase(Locale.ROOT);
                if (!seen.add(key)) {
                    return invalid("a directive appears twice");
                }
                if (key.equals("max-age")) {
                    String v = eq < 0 ? "" : directive.substring(eq + 1).strip();
                    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                        v = v.substring(1, v.length() - 1);
                    }
                    if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                        return invalid("max-age is not a number");
                    }
                    maxAge = Long.parseLong(v);
                }
            }
            if (maxAge == null) {
                return invalid("no max-age");
            }
            if (maxAge < HSTS_MIN_SECONDS) {
                return new Hsts(
                        new Test(
                                name,
                                "hsts-implemented-max-age-less-than-six-months",
                                -10,
                                "HSTS max-age " + maxAge + " is less than six months (" + HSTS_MIN_SECONDS + ")"),
                        maxAge > 0);
            }
            return new Hsts(
                    new Test(
                            name,
                            "hsts-implemented-max-age-at-least-six-months",
                            0,
                            "HSTS max-age " + maxAge + (seen.contains("includesubdomains") ? ", includeSubDomains" : "")
                                    + (seen.contains("preload") ? ", preload" : "")),
                    true);
        }

        private static Hsts invalid(String why) {
            return new Hsts(
                    new Test(
                            "strict-transport-security",
                            "hsts-header-invalid",
                            -20,
                            "HSTS header cannot be recognized: " + why),
                    false);
        }
    }

    // --- Subresource Integrity, X-Content-Type-Options, framing -----------------------------

    private static Test subresourceIntegrity(HttpResponse page, boolean html, HtmlHead head, HttpProbe probe) {
        String test = "subresource-integrity";
        if (!html) {
            return new Test(test, "sri-not-implemented-response-not-html", 0, "not an HTML page: SRI does not apply");
        }
        if (head.scripts().isEmpty()) {
            return new Test(test, "sri-not-implemented-but-no-scripts-loaded", 0, "the page loads no script files");
        }
        WebAddress base = page.address();
        int counted = 0;
        boolean allIntegrity = true;
        boolean external = false;
        boolean externalInsecure = false;
        boolean externalMissing = false;
        for (HtmlHead.Script script : head.scripts()) {
            WebAddress src;
            try {
                src = base.resolve(script.src());
            } catch (IllegalArgumentException e) {
                continue; // data:, blob: or a broken URL: nothing fetched from a host
            }
            counted++;
            allIntegrity &= script.integrity();
            if (base.host().equals(src.host())) {
                continue; // the same origin is the same host: a sibling subdomain is another party
            }
            external = true;
            // a protocol-relative script follows the page's scheme: http too, unless http:// leads to https
            boolean relativeToScheme = script.src().startsWith("//");
            externalInsecure |= relativeToScheme ? !httpLeadsToHttps(probe) : !src.isSecure();
            externalMissing |= !script.integrity();
        }
        if (externalInsecure) {
            return externalMissing
                    ? new Test(
                            test,
                            "sri-not-implemented-and-external-scripts-not-loaded-securely",
                            -50,
                            "scripts from other hosts over http, without integrity hashes")
                    : new Test(
                            test,
                            "sri-implemented-but-external-scripts-not-loaded-securely",
                            -20,
                            "scripts from other hosts over http (integrity hashes cannot make that safe)");
        }
        if (externalMissing) {
            return new Test(
                    test,
                    "sri-not-implemented-but-external-scripts-loaded-securely",
                    -5,
                    "scripts from other hosts over https without integrity hashes");
        }
        if (external) {
            return new Test(
                    test,
                    "sri-implemented-and-external-scripts-loaded-securely",
                    5,
                    "every script from another host carries an integrity hash");
        }
        return counted > 0 && allIntegrity
                ? new Test(
                        test,
                        "sri-implemented-and-all-scripts-loaded-securely",
                        5,
                        "every script comes from this site and carries an integrity hash")
                : new Test(
                        test,
                        "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
                        0,
                        "every script comes from this site");
    }

    /** Whether a visitor who types http:// ends on https (or finds no plain http at all). */
    private static boolean httpLeadsToHttps(HttpProbe probe) {
        List<HttpResponse> chain = probe.chain();
        return chain.isEmpty() || chain.get(chain.size() - 1).address().isSecure();
    }

    private static Test contentTypeOptions(HttpHeaders headers) {
        String test = "x-content-type-options";
        Optional<String> value = headers.first("x-content-type-options");
        if (value.isEmpty()) {
            return new Test(
                    test, "x-content-type-options-not-implemented", -5, "X-Content-Type-Options not implemented");
        }
        return value.get().strip().equalsIgnoreCase("nosniff")
                ? new Test(test, "x-content-type-options-nosniff", 0, "X-Content-Type-Options: nosniff")
                : new Test(test, "x-content-type-options-header-invalid", -5, "X-Content-Type-Options is not nosniff");
    }

    private static Test frameOptions(HttpHeaders headers) {
        String test = "x-frame-options";
        for (String value : headers.all("content-security-policy")) {
            if (value.length() <= CspPolicy.MAX_HEADER_CHARS
                    && CspPolicy.parseHeader(value).stream().anyMatch(p -> p.has("frame-ancestors"))) {
                return new Test(
                        test, "x-frame-options-implemented-via-csp", 5, "framing controlled by CSP frame-ancestors");
            }
        }
        List<String> values = headers.all("x-frame-options");
        if (values.isEmpty()) {
            return new Test(
                    test,
                    "x-frame-options-not-implemented",
                    -20,
                    "neither X-Frame-Options nor CSP frame-ancestors: any site may frame the page (clickjacking)");
        }
        String v = values.get(0).strip().toUpperCase(Locale.ROOT);
        boolean agree = values.stream()
                .allMatch(x -> x.strip().equalsIgnoreCase(values.get(0).strip()));
        if (agree && (v.equals("DENY") || v.equals("SAMEORIGIN"))) {
            return new Test(test, "x-frame-options-sameorigin-or-deny", 0, "X-Frame-Options: " + v);
        }
        if (agree && v.startsWith("ALLOW-FROM")) {
            return new Test(
                    test,
                    "x-frame-options-allow-from-origin",
                    0,
                    "X-Frame-Options ALLOW-FROM (current browsers ignore it: use CSP frame-ancestors)");
        }
        return new Test(test, "x-frame-options-header-invalid", -20, "X-Frame-Options cannot be recognized");
    }

    // --- devskyy's own notes -----------------------------------------------------------------

    private static void isolation(HttpHeaders headers, List<Note> notes) {
        if (headers.first("permissions-policy").isEmpty()) {
            notes.add(new Note(
                    "permissions-policy-missing",
                    Severity.INFO,
                    "no Permissions-Policy: camera, microphone, geolocation and the rest stay open to every frame"));
        }
        String coop =
                headers.first("cross-origin-opener-policy").orElse("").strip().toLowerCase(Locale.ROOT);
        if (!coop.startsWith("same-origin")) {
            notes.add(new Note(
                    "cross-origin-opener-policy",
                    Severity.INFO,
                    coop.isEmpty()
                            ? "no Cross-Origin-Opener-Policy: pages this one opens keep a handle to it"
                            : "Cross-Origin-Opener-Policy " + coop + " leaves the browsing context shared"));
        }
    }

    private static Test crossOriginResourcePolicy(HttpHeaders headers) {
        String test = "cross-origin-resource-policy";
        Optional<String> value = headers.first("cross-origin-resource-policy");
        if (value.isEmpty()) {
            return new Test(
                    test,
                    "corp-not-implemented",
                    0,
                    "no Cross-Origin-Resource-Policy: any site may embed this response");
        }
        return switch (value.get().strip().toLowerCase(Locale.ROOT)) {
            case "same-origin" ->
                new Test(test, "corp-implemented-with-same-origin", 10, "Cross-Origin-Resource-Policy: same-origin");
            case "same-site" ->
                new Test(test, "corp-implemented-with-same-site", 10, "Cross-Origin-Resource-Policy: same-site");
            case "cross-origin" ->
                new Test(test, "corp-implemented-with-cross-origin", 0, "Cross-Origin-Resource-Policy: cross-origin");
            default -> new Test(test, "corp-header-invalid", -5, "Cross-Origin-Resource-Policy cannot be recognized");
        };
    }

    private static void disclosure(HttpHeaders headers, List<Note> notes) {
        for (String name : List.of("server", "x-powered-by", "x-aspnet-version", "x-generator")) {
            Optional<String> value = headers.first(name);
            if (value.isPresent() && VERSION.matcher(value.get()).find()) {
                notes.add(new Note(
                        "version-disclosure",
                        Severity.LOW,
                        "the " + name + " header gives a software version, which tells an attacker what to try"));
            }
        }
    }
}
