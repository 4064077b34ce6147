package dev.devskyy.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many calls an actor may make per minute ({@code serve --rate-limit}): counted in fixed
 * one-minute windows, by this process ({@link #perMinute}) or by every instance together through
 * the shared database ({@link PostgresState#rateLimit}). A call over the limit is E6003 with the
 * time until the next window as its Retry-After.
 */
@FunctionalInterface
public interface RateLimit {
    /** Counts a call of {@code actor}: empty when it may run now, else how long until it may. */
    Optional<Duration> take(String actor);

    RateLimit NONE = actor -> Optional.empty();

    /** Actors remembered by {@link #perMinute} before those idle this minute are forgotten. */
    int MAX_ACTORS = 10_000;

    /** At most {@code calls} a minute per actor, counted in this process. */
    static RateLimit perMinute(int calls, Clock clock) {
        record Window(Instant start, int calls) {}
        Map<String, Window> windows = new ConcurrentHashMap<>();
        return actor -> {
            Instant start = clock.instant().truncatedTo(ChronoUnit.MINUTES);
            if (windows.size() > MAX_ACTORS) {
                windows.values().removeIf(window -> window.start().isBefore(start)); // actors idle this minute
            }
            // an actor's older windows are replaced, so the map holds one entry per actor seen
            Window now = windows.merge(
                    actor,
                    new Window(start, 1),
                    (old, fresh) -> old.start().equals(start) ? new Window(start, old.calls() + 1) : fresh);
            return now.calls() <= calls
                    ? Optional.empty()
                    : Optional.of(Duration.between(clock.instant(), start.plus(1, ChronoUnit.MINUTES)));
        };
    }
}
