package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A crafted secret costs the gates no more than reading it: a naive search for a repeated block
 * compares every period with the whole text, quadratic on {@code aaaa…ab}; a 1 MB candidate
 * (a PEM window, a long bearer token) would take minutes. Fake runs are looked for only in
 * values of up to 128 characters, and the word split is linear.
 */
@Tag("security")
class SecretGatesAttackTest {
    static final int N = 1 << 20;

    @Test
    void almostPeriodicSecretsAreCheckedInLinearTime() {
        String almost = "a".repeat(N - 1) + "b";
        String pairs = "ab".repeat(N / 2 - 1) + "ba";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(SecretChecks.looksFake(almost)).isFalse(); // too long to be typed
            assertThat(SecretChecks.looksFake(pairs)).isFalse();
            assertThat(SecretChecks.looksFake(almost.substring(N - 128))).isTrue();
            assertThat(Wordiness.readsAsWords("scan".repeat(N / 4))).isTrue();
            assertThat(Wordiness.isBase64OfText("QUJD".repeat(N / 4))).isFalse();
        });
    }
}
