package dev.devskyy.csp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.devskyy.testing.Mutations;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CSP parsing under mutation, and the report URI that must never break out of its directive:
 * {@code ;} would add a directive, {@code ,} a policy, CR/LF a header.
 */
@Tag("security")
class CspFuzzAttackTest {
    static final Duration LIMIT = Duration.ofSeconds(5);

    static IntStream seeds() {
        return Mutations.seeds(200);
    }

    static final String SAMPLE = "default-src 'self'; script-src 'nonce-abc123def456ghi789jkl0' 'strict-dynamic' "
            + "https://cdn.example.com; object-src 'none'; base-uri 'none'; report-uri /csp, img-src *";

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedPoliciesAreEvaluatedOrRefusedAsTooLong(int seed) {
        String policy = Mutations.mutate(SAMPLE, seed);
        Mutations.onlyDocumentedErrors(
                seed,
                LIMIT,
                () -> CspPolicy.parseHeader(policy).forEach(p -> CspEvaluator.evaluate(p, seed % 2 == 0)),
                IllegalArgumentException.class);
    }

    @Test
    void aPolicyLongerThanAHeaderIsRefused() {
        String huge = "script-src " + "https://a.example ".repeat(CspPolicy.MAX_HEADER_CHARS / 10);
        assertThatThrownBy(() -> CspPolicy.parseHeader(huge))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than a header holds");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://r.example/csp; script-src *",
                "https://r.example/csp, script-src *",
                "https://r.example/csp\r\nSet-Cookie: a=b",
                "https://r.example/csp\nX: y",
                "https://r.example/csp\u0000",
                "https://r.example/csp\u000b",
                "https://r.example/a https://evil.example/b",
                "https://r.example/\u00e9",
                ""
            })
    void aReportUriThatWouldBreakOutIsRefused(String uri) {
        assertThatThrownBy(() -> CspBuilder.build(CspBuilder.Profile.PRODUCTION, uri, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("report-uri")
                .hasMessageNotContaining("evil")
                .hasMessageNotContaining("Set-Cookie");
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aMutatedReportUriIsRefusedOrStaysOneToken(int seed) {
        String uri = Mutations.mutate("https://reports.example.com/csp?x=1", seed);
        Mutations.onlyDocumentedErrors(
                seed,
                LIMIT,
                () -> {
                    String header = CspBuilder.build(CspBuilder.Profile.PRODUCTION, uri, false)
                            .headers()
                            .get("Content-Security-Policy");
                    assertThat(header).doesNotContain("\r", "\n", ",");
                    assertThat(header.substring(header.indexOf("report-uri")))
                            .isEqualTo("report-uri " + uri)
                            .doesNotContain(";");
                    assertThat(CspPolicy.parseHeader(header)).hasSize(1);
                },
                IllegalArgumentException.class);
    }
}
