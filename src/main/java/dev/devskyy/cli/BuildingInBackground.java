package dev.devskyy.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A value whose build starts at once on a daemon thread of its own; every {@link #get} waits for
 * that one build and gets the same value, or the same failure, unwrapped as the build threw it.
 */
final class BuildingInBackground<T> implements Supplier<T> {
    private final CompletableFuture<T> value = new CompletableFuture<>();

    BuildingInBackground(Supplier<T> build, String threadName) {
        Thread builder = new Thread(
                () -> {
                    try {
                        value.complete(build.get());
                    } catch (RuntimeException | Error e) {
                        value.completeExceptionally(e);
                    }
                },
                threadName);
        builder.setDaemon(true);
        builder.start();
    }

    @Override
    public T get() {
        try {
            return value.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            throw e;
        }
    }
}
