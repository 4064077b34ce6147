package dev.devskyy.testing;

import java.util.concurrent.Executor;

/**
 * Runs each task on a daemon thread of its own. Blocking I/O (draining a process's pipes, feeding
 * its stdin) must not go to CompletableFuture's default pool: on JDK 25 with two cores that is one
 * ForkJoin worker, so a blocked drain starves the writer and the test deadlocks.
 */
public final class OwnThreads {
    public static final Executor EXECUTOR = task -> {
        Thread thread = new Thread(task, "test-io");
        thread.setDaemon(true);
        thread.start();
    };

    private OwnThreads() {}
}
