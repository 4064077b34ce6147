package dev.devskyy.csp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.csp.CspFinding.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CspEvaluatorTest {
    static final String NONCE = "'nonce-r4nd0mPerResponseAbCdEfGh12'";
    static final String STRICT = "default-src 'none'; script-src " + NONCE + " 'strict-dynamic'; style-src 'self';"
            + " img-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self';"
            + " report-to csp-endpoint";

    static List<CspFinding> evaluate(String policy) {
        return CspEvaluator.evaluate(CspPolicy.parse(policy), false);
    }

    static List<String> checks(String policy) {
        return evaluate(policy).stream().map(CspFinding::check).toList();
    }

    @Test
    void aStrictNonceBasedPolicyHasNoFinding() {
        assertThat(evaluate(STRICT)).isEmpty();
        assertThat(evaluate(STRICT.replace(NONCE, "'sha256-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG='")))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "missing-script-src | HIGH | img-src 'self'",
                "script-unsafe-inline | HIGH | script-src 'self' 'unsafe-inline'",
                "script-unsafe-inline-fallback | INFO | script-src 'unsafe-inline' 'nonce-AAAAAAAAAAAAAAAAAAAAAAAA'",
                "script-unsafe-eval | MEDIUM | script-src 'self' 'unsafe-eval'",
                "strict-dynamic-without-nonce | MEDIUM | script-src 'strict-dynamic'",
                "strict-dynamic-ignores-allowlist | INFO | script-src 'strict-dynamic' 'nonce-AAAAAAAAAAAAAAAAAAAAAAAA' https:",
                "script-wildcard | HIGH | script-src *",
                "script-scheme | HIGH | script-src https:",
                "script-scheme | HIGH | default-src 'self' data:",
                "script-bypass-host | HIGH | script-src https://ajax.googleapis.com",
                "script-bypass-host | HIGH | script-src fonts.googleapis.com",
                "missing-object-src | HIGH | script-src 'self'",
                "object-src-not-none | MEDIUM | script-src 'self'; object-src 'self'",
                "missing-base-uri | MEDIUM | script-src 'self'",
                "missing-base-uri | HIGH | script-src 'nonce-AAAAAAAAAAAAAAAAAAAAAAAA'",
                "missing-frame-ancestors | MEDIUM | script-src 'self'",
                "deprecated-directive | LOW | script-src 'self'; block-all-mixed-content",
                "deprecated-directive | INFO | script-src 'self'; report-uri /r",
                "unknown-directive | MEDIUM | scirpt-src 'self'",
                "duplicate-directive | MEDIUM | script-src 'self'; script-src *",
                "unquoted-keyword | HIGH | script-src self",
                "unknown-keyword | MEDIUM | script-src 'selff'",
                "plain-http-source | MEDIUM | img-src http://images.example.com",
                "wildcard | LOW | img-src *",
                "none-with-sources | LOW | img-src 'none' https://x.example",
                "directive-takes-no-value | LOW | upgrade-insecure-requests 1",
                "short-nonce | MEDIUM | script-src 'nonce-abc'",
                "no-reporting | INFO | script-src 'self'"
            })
    void findsEachKindOfWeakness(String check, Severity severity, String policy) {
        assertThat(evaluate(policy)).as(policy).anySatisfy(f -> {
            assertThat(f.check()).isEqualTo(check);
            assertThat(f.severity()).isEqualTo(severity);
        });
    }

    @Test
    void strictDynamicMakesTheAllowlistHarmless() {
        assertThat(checks(STRICT.replace("'strict-dynamic'", "'strict-dynamic' https://ajax.googleapis.com https:")))
                .doesNotContain("script-bypass-host")
                .contains("strict-dynamic-ignores-allowlist");
        assertThat(evaluate(STRICT.replace("'strict-dynamic'", "'strict-dynamic' https:")))
                .filteredOn(f -> f.check().equals("script-scheme"))
                .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.LOW));
    }

    @Test
    void reportOnlyPoliciesAreCaveated() {
        List<String> checks =
                CspEvaluator.evaluate(CspPolicy.parse("script-src 'self'; frame-ancestors 'none'"), true).stream()
                        .map(CspFinding::check)
                        .toList();
        assertThat(checks).contains("report-only-without-reporting", "report-only-ignored", "report-only");
    }

    @Test
    void findingsComeMostSevereFirst() {
        List<CspFinding> findings = evaluate("script-src 'self' 'unsafe-inline'; img-src *");
        for (int i = 1; i < findings.size(); i++) {
            assertThat(findings.get(i - 1).severity().atLeast(findings.get(i).severity()))
                    .as(findings.get(i - 1) + " before " + findings.get(i))
                    .isTrue();
        }
    }

    @Test
    void headersWithSeveralPoliciesAreSplit_andDirectiveNamesAreCaseInsensitive() {
        List<CspPolicy> policies = CspPolicy.parseHeader("Script-Src 'self', object-src 'none' ;; ");
        assertThat(policies).hasSize(2);
        assertThat(policies.get(0).directives()).containsKey("script-src");
        assertThat(policies.get(1).serialize()).isEqualTo("object-src 'none'");
    }

    @Test
    void thePlatformsOwnProductionPolicyAllowlistsScriptGadgetHosts() {
        String production = CspBuilder.build(CspBuilder.Profile.PRODUCTION, null, false)
                .headers()
                .get("Content-Security-Policy");
        assertThat(evaluate(production))
                .extracting(CspFinding::value)
                .contains("https://cdn.jsdelivr.net", "https://unpkg.com");
    }
}
