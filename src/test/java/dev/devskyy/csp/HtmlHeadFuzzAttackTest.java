package dev.devskyy.csp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.testing.Mutations;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A page is hostile input: read in one pass whatever its shape, mutated or built to make a reader backtrack. */
@Tag("security")
class HtmlHeadFuzzAttackTest {
    static final Duration LIMIT = Duration.ofSeconds(5);
    static final String SAMPLE = "<!doctype html><html><head><meta http-equiv=\"Content-Security-Policy\" "
            + "content=\"default-src 'self'\"><meta name=referrer content='no-referrer'><title>a < b</title>"
            + "<script src=\"/a.js\" integrity=\"sha384-x\"></script><style>p{}</style></head><body><!-- c -->"
            + "<script>if (a < b) {}</script><textarea><script src=x></textarea></body></html>";

    static IntStream seeds() {
        return Mutations.seeds(300);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aMutatedPageIsRead(int seed) {
        String page = Mutations.mutate(SAMPLE, seed);
        Mutations.onlyDocumentedErrors(seed, LIMIT, () -> HtmlHead.read(page));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<a ", "<script>", "<meta content=\"", "<!--", "<a b=", "<a b='", "<style><", "< <", "<a/"})
    void twoMegabytesOfOneOpeningAreReadInOnePass(String unit) {
        String page = unit.repeat(2 * 1024 * 1024 / unit.length());
        Mutations.onlyDocumentedErrors(0, LIMIT, () -> HtmlHead.read(page));
    }

    @Test
    void theSampleIsReadAsABrowserWould() {
        HtmlHead head = HtmlHead.read(SAMPLE);
        assertThat(head.policies()).containsExactly("default-src 'self'");
        assertThat(head.referrerPolicies()).containsExactly("no-referrer");
        assertThat(head.scripts()).containsExactly(new HtmlHead.Script("/a.js", true));
    }
}
