package dev.devskyy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    final RetryPolicy standard = RetryPolicy.standard();

    @Test
    void backoffDoublesFromTheInitialPause_upToTheCap() {
        assertThat(standard.backoff(1, null, () -> 0.999999)).isEqualTo(Duration.ofMillis(200));
        assertThat(standard.backoff(2, null, () -> 0.999999)).isEqualTo(Duration.ofMillis(400));
        assertThat(standard.backoff(3, null, () -> 0.999999)).isEqualTo(Duration.ofMillis(800));
        assertThat(standard.backoff(10, null, () -> 0.999999)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void jitterKeepsEachPauseBetweenHalfAndAllOfItsCeiling() {
        Random seeded = new Random(42);
        for (int retry = 1; retry <= 8; retry++) {
            long ceiling = Math.min(5000, 200L << (retry - 1));
            for (int i = 0; i < 200; i++) {
                long pause = standard.backoff(retry, null, seeded::nextDouble).toMillis();
                assertThat(pause).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void aLongerRetryAfterHintWins_aShorterOneDoesNot() {
        assertThat(standard.backoff(1, Duration.ofSeconds(7), () -> 0.0)).isEqualTo(Duration.ofSeconds(7));
        assertThat(standard.backoff(1, Duration.ofMillis(1), () -> 0.0)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ZERO, Duration.ZERO, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1), 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
