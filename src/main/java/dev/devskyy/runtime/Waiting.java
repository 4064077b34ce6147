package dev.devskyy.runtime;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.Lock;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a lock without ever blocking inside the kernel on a file lock.
 *
 * <p>Why: POSIX record locks belong to a process, not a thread. When threads of two processes each
 * hold one lock file and wait for the other's, the kernel sees two processes waiting on each other
 * and fails a blocking {@code fcntl(F_SETLKW)} with EDEADLK, although no thread waits for itself.
 * Taking file locks only with the non-blocking {@code F_SETLK} ({@link FileChannel#tryLock}) and
 * pausing between tries leaves the kernel nothing to detect; since no thread ever holds two
 * devskyy locks at once, no real deadlock can form either.
 */
final class Waiting {
    private static final long FIRST_PAUSE_MILLIS = 1;
    private static final long LONGEST_PAUSE_MILLIS = 16;

    private Waiting() {}

    /** One non-blocking attempt. */
    @FunctionalInterface
    interface Attempt<T> {
        /** The acquired lock, or null when it is held elsewhere. */
        T tryOnce() throws IOException;
    }

    /** An exclusive lock on the whole file, waiting for other processes (and other channels of this JVM). */
    static FileLock forFileLock(FileChannel channel, BooleanSupplier giveUp) throws IOException {
        return until(
                () -> {
                    try {
                        return channel.tryLock();
                    } catch (OverlappingFileLockException e) {
                        // another thread of this JVM holds the file through another channel: wait for it too
                        return null;
                    }
                },
                giveUp);
    }

    /** A lock of this JVM, taken with the same pauses and the same way out. */
    static void forLock(Lock lock, BooleanSupplier giveUp) {
        try {
            until(() -> lock.tryLock() ? lock : null, giveUp);
        } catch (IOException e) {
            throw new IllegalStateException("tryLock of a lock in memory does no I/O", e);
        }
    }

    /**
     * Repeats {@code attempt} with pauses growing from 1 to 16 ms until it acquires.
     *
     * @throws CancellationException when {@code giveUp} says so between attempts
     */
    static <T> T until(Attempt<T> attempt, BooleanSupplier giveUp) throws IOException {
        boolean interrupted = false;
        long pause = FIRST_PAUSE_MILLIS;
        try {
            while (true) {
                T acquired = attempt.tryOnce();
                if (acquired != null) {
                    return acquired;
                }
                if (giveUp.getAsBoolean()) {
                    throw new CancellationException("gave up waiting for a lock");
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    // the caller decides through giveUp; the interrupt is kept for it
                    interrupted = true;
                }
                pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
