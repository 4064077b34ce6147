package dev.devskyy.csp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CspBuilderTest {
    @Test
    void aFreshNonceOf32RandomBytesReplacesUnsafeInlineInScriptAndStyle() {
        CspBuilder.Result first = CspBuilder.build(CspBuilder.Profile.DEFAULT, null, false);
        CspBuilder.Result second = CspBuilder.build(CspBuilder.Profile.DEFAULT, null, false);
        assertThat(first.nonce()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(second.nonce());
        String csp = first.headers().get("Content-Security-Policy");
        assertThat(csp)
                .doesNotContain("'unsafe-inline'")
                .contains("script-src 'self' 'nonce-" + first.nonce() + "'")
                .contains("style-src 'self' 'nonce-" + first.nonce() + "'")
                .endsWith("upgrade-insecure-requests");
    }

    @Test
    void reportOnlyAndReportUriChangeTheHeader_andTheCompanionsAreSet() {
        Map<String, String> headers = CspBuilder.build(CspBuilder.Profile.PRODUCTION, "/csp-report", true)
                .headers();
        assertThat(headers).doesNotContainKey("Content-Security-Policy");
        assertThat(headers.get("Content-Security-Policy-Report-Only")).endsWith("; report-uri /csp-report");
        assertThat(headers)
                .containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("X-Frame-Options", "DENY")
                .containsEntry("Referrer-Policy", "strict-origin-when-cross-origin")
                .containsEntry("Permissions-Policy", "geolocation=(), microphone=(), camera=()");
    }

    @Test
    void developmentAllowsEvalAndLocalhost() {
        String csp = CspBuilder.build(CspBuilder.Profile.DEVELOPMENT, null, false)
                .headers()
                .get("Content-Security-Policy");
        assertThat(csp).contains("'unsafe-eval'").contains("http://localhost:*").doesNotContain("object-src");
    }
}
