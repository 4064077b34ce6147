package dev.devskyy.csp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.csp.HeaderGrade.HttpProbe;
import dev.devskyy.csp.HeaderGrade.Report;
import dev.devskyy.net.HttpHeaders;
import dev.devskyy.net.HttpResponse;
import dev.devskyy.net.WebAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Observatory's scoring, test by test, on answers built here. */
class HeaderGradeTest {
    static final String URL = "https://shop.example.com/";
    /** Every header a well-kept page sends: each test below takes one away or changes one. */
    static final String[] STRONG = {
        "Content-Type: text/html; charset=utf-8",
        "Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
        "Strict-Transport-Security: max-age=63072000; includeSubDomains; preload",
        "X-Content-Type-Options: nosniff",
        "Referrer-Policy: strict-origin-when-cross-origin",
        "Set-Cookie: __Host-sid=abc; Secure; HttpOnly; SameSite=Lax; Path=/",
        "Permissions-Policy: camera=()",
        "Cross-Origin-Opener-Policy: same-origin",
        "Cross-Origin-Resource-Policy: same-origin"
    };

    static HttpResponse answer(String url, int status, String body, String... fields) {
        List<HttpHeaders.Field> list = new ArrayList<>();
        for (String f : fields) {
            int colon = f.indexOf(':');
            list.add(new HttpHeaders.Field(
                    f.substring(0, colon), f.substring(colon + 1).strip()));
        }
        return new HttpResponse(
                WebAddress.parse(url), status, new HttpHeaders(list), body.getBytes(StandardCharsets.UTF_8), false);
    }

    /** http:// redirecting to the same host's https, as a well-kept site does. */
    static HttpProbe redirected() {
        return new HttpProbe(
                List.of(answer("http://shop.example.com/", 301, "", "Location: " + URL), answer(URL, 200, "")), null);
    }

    static Report grade(String body, String... fields) {
        return HeaderGrade.grade(List.of(answer(URL, 200, body, fields)), redirected());
    }

    static String[] without(String prefix, String... more) {
        List<String> fields = new ArrayList<>();
        for (String f : STRONG) {
            if (!f.startsWith(prefix)) {
                fields.add(f);
            }
        }
        fields.addAll(List.of(more));
        return fields.toArray(String[]::new);
    }

    static String result(Report report, String test) {
        return report.tests().stream()
                .filter(t -> t.test().equals(test))
                .findFirst()
                .orElseThrow()
                .result();
    }

    @Test
    void aWellKeptPageEarnsItsBonusesAndAnAPlus() {
        Report report = grade("<html><head><script src=/app.js integrity=sha384-x></script></head></html>", STRONG);
        assertThat(report.tests())
                .allSatisfy(t -> assertThat(t.passed()).as(t.result()).isTrue());
        // CSP default-src 'none' +10, cookies with SameSite +5, referrer +5, SRI +5, frame-ancestors +5, CORP +10
        assertThat(report.score()).isEqualTo(140);
        assertThat(report.grade()).isEqualTo("A+");
        assertThat(report.notes()).isEmpty();
    }

    @Test
    void aBarePageLosesWhatTheObservatoryTakesAndNoBonusIsCounted() {
        Report report = HeaderGrade.grade(
                List.of(answer(URL, 200, "", "Content-Type: text/html", "Referrer-Policy: no-referrer")),
                new HttpProbe(List.of(), null));
        // CSP -25, HSTS -20, X-Frame-Options -20, X-Content-Type-Options -5; the +5 referrer bonus stays out
        assertThat(report.score()).isEqualTo(30);
        assertThat(report.grade()).isEqualTo("D");
        assertThat(result(report, "redirection")).isEqualTo("redirection-not-needed-no-http");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "script-src 'self' 'unsafe-inline'; object-src 'none'|csp-implemented-with-unsafe-inline",
                "default-src 'self'; script-src 'self' 'nonce-abcdefgh12345678' 'unsafe-inline'; object-src 'none'; style-src 'self'|csp-implemented-with-no-unsafe",
                "script-src https:; object-src 'none'|csp-implemented-with-unsafe-inline",
                "script-src 'nonce-abcdefgh12345678' 'strict-dynamic' https:; object-src 'none'; style-src 'self'|csp-implemented-with-no-unsafe",
                "script-src 'self'|csp-implemented-with-unsafe-inline",
                "default-src 'self' http://cdn.example.net|csp-implemented-with-insecure-scheme",
                "default-src 'self'; script-src 'self' 'unsafe-eval'|csp-implemented-with-unsafe-eval",
                "default-src 'self'; img-src http:|csp-implemented-with-insecure-scheme-in-passive-content-only",
                "default-src 'self'; style-src 'self' 'unsafe-inline'|csp-implemented-with-unsafe-inline-in-style-src-only",
                "default-src 'none'; script-src 'self'; style-src 'self'|csp-implemented-with-no-unsafe-default-src-none"
            })
    void aPolicyIsJudgedByItsWeakestPlace(String policy, String expected) {
        Report report = grade("", without("Content-Security-Policy", "Content-Security-Policy: " + policy));
        assertThat(result(report, "content-security-policy")).isEqualTo(expected);
        assertThat(report.policies())
                .singleElement()
                .satisfies(p -> assertThat(p.source()).isEqualTo("header"));
    }

    @Test
    void aPolicyInAMetaElementOfTheHeadCounts_oneInTheBodyDoesNot() {
        String meta =
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; style-src 'self'\">";
        Report inHead = grade("<html><head>" + meta + "</head></html>", without("Content-Security-Policy"));
        assertThat(result(inHead, "content-security-policy"))
                .isEqualTo("csp-implemented-with-no-unsafe-default-src-none");
        assertThat(inHead.policies())
                .singleElement()
                .satisfies(p -> assertThat(p.source()).isEqualTo("meta"));
        // frame-ancestors is never read from a meta element (CSP3 §6.1.2)
        assertThat(result(inHead, "x-frame-options")).isEqualTo("x-frame-options-not-implemented");

        Report inBody = grade("<html><body>" + meta + "</body></html>", without("Content-Security-Policy"));
        assertThat(result(inBody, "content-security-policy")).isEqualTo("csp-not-implemented");
    }

    @Test
    void aPolicyBrowsersDoNotActOnIsNoPolicy() {
        String meta = "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'\">";
        for (String page : List.of(
                "<html><head><noscript>" + meta + "</noscript></head></html>",
                "<html><head><template>" + meta + "</template></head></html>",
                "<html><head><div>x</div>" + meta + "</head></html>")) {
            assertThat(result(grade(page, without("Content-Security-Policy")), "content-security-policy"))
                    .as(page)
                    .isEqualTo("csp-not-implemented");
        }
    }

    @Test
    void aPageThatRepeatsItselfMakesABoundedReport() {
        String meta =
                "<meta http-equiv=Content-Security-Policy content=\"script-src 'self' " + "x ".repeat(2000) + "\">";
        Report report = grade("<html><head>" + meta.repeat(200) + "</head></html>", without("Content-Security-Policy"));
        assertThat(report.policies()).hasSize(HeaderGrade.MAX_POLICIES + 1);
        assertThat(report.policies().get(0).policy()).hasSizeLessThanOrEqualTo(HeaderGrade.MAX_POLICY_CHARS + 3);
        assertThat(report.policies().get(HeaderGrade.MAX_POLICIES).policy()).startsWith("192 more policies");
        String cookies = "Set-Cookie: __Secure-a=1";
        String[] many = new String[300];
        java.util.Arrays.fill(many, cookies);
        assertThat(grade("", without("Set-Cookie", many)).notes()).hasSize(HeaderGrade.MAX_NOTES + 1);
    }

    @Test
    void aReportOnlyPolicyProtectsNothingAndSaysSo() {
        Report report = grade(
                "", without("Content-Security-Policy", "Content-Security-Policy-Report-Only: default-src 'none'"));
        assertThat(result(report, "content-security-policy")).isEqualTo("csp-not-implemented-but-reporting-enabled");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Set-Cookie: sessionid=1; HttpOnly; SameSite=Lax|cookies-session-without-secure-flag-but-protected-by-hsts",
                "Set-Cookie: sessionid=1; Secure; SameSite=Lax|cookies-session-without-httponly-flag",
                "Set-Cookie: theme=dark; SameSite=Lax|cookies-without-secure-flag-but-protected-by-hsts",
                "Set-Cookie: theme=dark; Secure; SameSite=Loose|cookies-samesite-flag-invalid",
                "Set-Cookie: theme=dark; SameSite=None|cookies-samesite-flag-invalid",
                "Set-Cookie: csrftoken=1; Secure; HttpOnly|cookies-anticsrf-without-samesite-flag",
                "Set-Cookie: theme=dark; Secure|cookies-secure-with-httponly-sessions",
                "Set-Cookie: wordpress_logged_in_abc=1; Secure; HttpOnly; SameSite=Strict|cookies-secure-with-httponly-sessions-and-samesite"
            })
    void cookiesAreJudgedByTheirFlagsAndTheirNames(String cookie, String expected) {
        assertThat(result(grade("", without("Set-Cookie", cookie)), "cookies")).isEqualTo(expected);
    }

    @Test
    void withoutHstsAnInsecureSessionCookieCostsForty_andItsValueIsNeverShown() {
        Report report =
                grade("", without("Strict-Transport-Security", "Set-Cookie: PHPSESSID=s3cr3t-session-value; HttpOnly"));
        assertThat(result(report, "cookies")).isEqualTo("cookies-session-without-secure-flag");
        assertThat(report.toString()).doesNotContain("s3cr3t-session-value");
    }

    @Test
    void aCookieThatBreaksItsPrefixIsNoted() {
        Report report = grade(
                "", without("Set-Cookie", "Set-Cookie: __Host-id=1; Secure; Domain=example.com; Path=/; SameSite=Lax"));
        assertThat(report.notes()).anySatisfy(n -> assertThat(n.message()).contains("__Host-id breaks"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Access-Control-Allow-Origin: https://devskyy.invalid;Access-Control-Allow-Credentials: true|cross-origin-resource-sharing-implemented-with-universal-access",
                "Access-Control-Allow-Origin: *|cross-origin-resource-sharing-implemented-with-public-access",
                "Access-Control-Allow-Origin: https://partner.example|cross-origin-resource-sharing-implemented-with-restricted-access"
            })
    void corsThatHandsAnyOriginTheVisitorsCredentialsCostsFifty(String fields, String expected) {
        assertThat(result(grade("", without("~", fields.split(";"))), "cross-origin-resource-sharing"))
                .isEqualTo(expected);
    }

    @Test
    void redirectionIsJudgedByWhatHttpDid() {
        HttpResponse page = answer(URL, 200, "", STRONG);
        HttpResponse http = answer("http://shop.example.com/", 200, "");
        assertThat(result(HeaderGrade.grade(List.of(page), new HttpProbe(List.of(http), null)), "redirection"))
                .isEqualTo("redirection-missing");
        HttpResponse offHost = answer("http://shop.example.com/", 301, "", "Location: https://www.example.com/");
        HttpResponse www = answer("https://www.example.com/", 200, "");
        assertThat(result(HeaderGrade.grade(List.of(page), new HttpProbe(List.of(offHost, www), null)), "redirection"))
                .isEqualTo("redirection-off-host-from-http");
        HttpResponse viaHttp = answer("http://shop.example.com/", 301, "", "Location: http://shop.example.com/en/");
        HttpResponse en = answer("http://shop.example.com/en/", 302, "", "Location: " + URL);
        assertThat(result(
                        HeaderGrade.grade(List.of(page), new HttpProbe(List.of(viaHttp, en, page), null)),
                        "redirection"))
                .isEqualTo("redirection-not-to-https-on-initial-redirection");
        assertThat(result(HeaderGrade.grade(List.of(page), new HttpProbe(List.of(), "refused")), "redirection"))
                .isEqualTo("redirection-not-checked");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Strict-Transport-Security: max-age=300|hsts-implemented-max-age-less-than-six-months",
                "Strict-Transport-Security: includeSubDomains|hsts-header-invalid",
                "Strict-Transport-Security: max-age=31536000; max-age=1|hsts-header-invalid",
                "Strict-Transport-Security: max-age=\"31536000\"|hsts-implemented-max-age-at-least-six-months",
                "Strict-Transport-Security: max-age=99999999999999999999999|hsts-header-invalid"
            })
    void hstsIsReadAsRfc6797Says(String field, String expected) {
        assertThat(result(grade("", without("Strict-Transport-Security", field)), "strict-transport-security"))
                .isEqualTo(expected);
    }

    @Test
    void hstsSentAsTwoFieldsIsInvalid() {
        Report report = grade(
                "",
                without(
                        "Strict-Transport-Security",
                        "Strict-Transport-Security: max-age=63072000",
                        "Strict-Transport-Security: max-age=0"));
        assertThat(result(report, "strict-transport-security")).isEqualTo("hsts-header-invalid");
    }

    @Test
    void aPageOverPlainHttpCannotHaveHsts() {
        Report report = HeaderGrade.grade(
                List.of(answer("http://127.0.0.1:8080/", 200, "", STRONG)), new HttpProbe(List.of(), null));
        assertThat(result(report, "strict-transport-security")).isEqualTo("hsts-not-implemented-no-https");
        assertThat(result(report, "redirection")).isEqualTo("redirection-missing");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "<script src=https://cdn.other.net/a.js></script>|sri-not-implemented-but-external-scripts-loaded-securely",
                "<script src=https://cdn.other.net/a.js integrity=sha384-x></script>|sri-implemented-and-external-scripts-loaded-securely",
                "<script src=http://cdn.other.net/a.js></script>|sri-not-implemented-and-external-scripts-not-loaded-securely",
                "<script src=http://cdn.other.net/a.js integrity=sha384-x></script>|sri-implemented-but-external-scripts-not-loaded-securely",
                "<script src=/app.js></script><script src=//shop.example.com/b.js></script>|sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
                "<script src=https://static.example.com/b.js></script>|sri-not-implemented-but-external-scripts-loaded-securely",
                "<script>inline()</script>|sri-not-implemented-but-no-scripts-loaded",
                "<!-- <script src=http://cdn.other.net/a.js></script> -->|sri-not-implemented-but-no-scripts-loaded"
            })
    void scriptsFromOtherHostsNeedIntegrity(String body, String expected) {
        assertThat(result(grade("<html><head>" + body + "</head></html>", STRONG), "subresource-integrity"))
                .isEqualTo(expected);
    }

    @Test
    void aResponseThatIsNotHtmlNeedsNoIntegrity() {
        Report report = grade(
                "<script src=http://cdn.other.net/a.js></script>",
                without("Content-Type", "Content-Type: application/json"));
        assertThat(result(report, "subresource-integrity")).isEqualTo("sri-not-implemented-response-not-html");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Referrer-Policy: unsafe-url|referrer-policy-unsafe",
                "Referrer-Policy: no-referrer-when-downgrade|referrer-policy-unsafe",
                "Referrer-Policy: unsafe-url, no-referrer|referrer-policy-private",
                "Referrer-Policy: no-referrer, sideways|referrer-policy-private",
                "Referrer-Policy: sideways|referrer-policy-header-invalid"
            })
    void theLastReferrerPolicyABrowserKnowsWins(String field, String expected) {
        assertThat(result(grade("", without("Referrer-Policy", field)), "referrer-policy"))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "X-Frame-Options: DENY|x-frame-options-sameorigin-or-deny",
                "X-Frame-Options: sameorigin|x-frame-options-sameorigin-or-deny",
                "X-Frame-Options: ALLOW-FROM https://a.example|x-frame-options-allow-from-origin",
                "X-Frame-Options: ALLOWALL|x-frame-options-header-invalid"
            })
    void framingWithoutFrameAncestorsFallsToXFrameOptions(String field, String expected) {
        String[] fields = without(
                "Content-Security-Policy", "Content-Security-Policy: default-src 'none'; script-src 'self'", field);
        assertThat(result(grade("", fields), "x-frame-options")).isEqualTo(expected);
    }

    @Test
    void nosniffIsTheOnlyValueOfXContentTypeOptions() {
        assertThat(result(
                        grade("", without("X-Content-Type-Options", "X-Content-Type-Options: sniff")),
                        "x-content-type-options"))
                .isEqualTo("x-content-type-options-header-invalid");
    }

    @Test
    void devskyysOwnNotesDoNotChangeTheScore() {
        Report strong = grade("", STRONG);
        Report noisy = grade("", without("Permissions-Policy", "Server: nginx/1.25.3", "X-Powered-By: PHP/8.2.1"));
        assertThat(noisy.score()).isEqualTo(strong.score());
        assertThat(noisy.notes())
                .extracting(HeaderGrade.Note::check)
                .containsExactly("permissions-policy-missing", "version-disclosure", "version-disclosure");
    }

    @ParameterizedTest
    @CsvSource({
        "135, A+", "100, A+", "99, A", "90, A", "85, A-", "84, B+", "70, B", "65, B-", "60, C+", "50, C", "45, C-",
        "40, D+", "30, D", "25, D-", "24, F", "0, F"
    })
    void theGradingChartIsTheObservatorys(int score, String grade) {
        assertThat(HeaderGrade.grade(score)).isEqualTo(grade);
    }
}
