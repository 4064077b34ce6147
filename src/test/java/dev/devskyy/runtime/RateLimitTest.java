package dev.devskyy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A per-minute limit counted in this process. */
class RateLimitTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T10:00:15Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void anActorMayCallNTimesAMinute_thenWaitsForTheNextMinute_otherActorsUnaffected() {
        RateLimit limit = RateLimit.perMinute(3, clock);
        assertThat(limit.take("ci")).isEmpty();
        assertThat(limit.take("ci")).isEmpty();
        assertThat(limit.take("ci")).isEmpty();
        assertThat(limit.take("ci")).contains(Duration.ofSeconds(45));
        assertThat(limit.take("agent")).isEmpty();

        now.set(Instant.parse("2026-12-02T10:01:00Z"));
        assertThat(limit.take("ci")).isEmpty();
    }

    @Test
    void noLimit_neverWaits() {
        for (int i = 0; i < 10_000; i++) {
            assertThat(RateLimit.NONE.take("ci")).isEmpty();
        }
    }
}
