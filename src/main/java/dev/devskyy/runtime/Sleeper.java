package dev.devskyy.runtime;

import java.time.Duration;

/** Pauses between retries; injectable so that tests check backoff without waiting for it. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = pause -> Thread.sleep(pause.toMillis());

    void sleep(Duration pause) throws InterruptedException;
}
