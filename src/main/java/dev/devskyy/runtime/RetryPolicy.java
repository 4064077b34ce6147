package dev.devskyy.runtime;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How often and how patiently a failed call is tried again. Backoff grows exponentially and is
 * jittered ("equal jitter": half fixed, half random) so that many clients retrying at once spread
 * out instead of hammering a recovering service in lockstep.
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, double multiplier) {
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 1.0);

    public RetryPolicy {
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("maxRetries must be between 0 and 10");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max");
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be at least 1");
        }
    }

    /** Three retries starting at 200 ms, doubling, capped at 5 s. */
    public static RetryPolicy standard() {
        return new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5), 2.0);
    }

    /**
     * The pause before retry number {@code retry} (1 for the first retry). A server's retry-after
     * hint wins when it asks for longer.
     *
     * @param unitRandom a source of numbers in [0, 1)
     */
    public Duration backoff(int retry, Duration retryAfterHint, DoubleSupplier unitRandom) {
        double ceiling = Math.min(
                maxBackoff.toMillis(), initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1)));
        long jittered = Math.round(ceiling / 2 + unitRandom.getAsDouble() * ceiling / 2);
        Duration pause = Duration.ofMillis(jittered);
        return retryAfterHint != null && retryAfterHint.compareTo(pause) > 0 ? retryAfterHint : pause;
    }
}
