package dev.devskyy.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A value built once, by the first caller of {@link #get}: every other caller waits for that one
 * build and gets the same value, or the same failure, unwrapped as the build threw it.
 */
final class Built<T> implements Supplier<T> {
    private final Supplier<T> build;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<T> value = new CompletableFuture<>();

    private Built(Supplier<T> build) {
        this.build = build;
    }

    static <T> Built<T> onFirstUse(Supplier<T> build) {
        return new Built<>(build);
    }

    private void build() {
        if (started.compareAndSet(false, true)) {
            try {
                value.complete(build.get());
            } catch (RuntimeException | Error e) {
                value.completeExceptionally(e);
            }
        }
    }

    @Override
    public T get() {
        build();
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
