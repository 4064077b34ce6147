package dev.devskyy.mcp;

import dev.devskyy.runtime.ToolRuntime;
import dev.devskyy.runtime.ToolServer;
import java.util.concurrent.CompletableFuture;

/**
 * The runtime a session serves and its listing in pages, loaded on demand: a host waits for the
 * handshake's (or discovery's) answer, which needs neither, so they start loading after it, or when
 * a modern request first needs them. Reading them fails with a
 * {@link java.util.concurrent.CompletionException} when the options turned out invalid.
 */
final class SessionTools {
    private final CompletableFuture<ToolServer.Options> options;
    private volatile CompletableFuture<ToolRuntime> runtime;
    private volatile CompletableFuture<ToolPages> pages;

    SessionTools(CompletableFuture<ToolServer.Options> options) {
        this.options = options;
    }

    /** Starts loading the tools, schemas and runtime, unless that has begun. */
    synchronized void load() {
        if (runtime != null) {
            return;
        }
        // On a thread of its own: the pool may already be shutting down when input ends early.
        CompletableFuture<ToolRuntime> loading =
                options.thenApplyAsync(o -> o.runtime().get(), task -> {
                    Thread loader = new Thread(task, "devskyy-tools-loader");
                    loader.setDaemon(true);
                    loader.start();
                });
        pages = loading.thenCombine(
                options, (r, o) -> new ToolPages(r.registry().list(), o.pageSize()));
        runtime = loading;
    }

    /** Waits for the runtime, loading it first if need be. */
    ToolRuntime runtime() {
        load();
        return runtime.join();
    }

    /** Waits for the listing, loading it first if need be. */
    ToolPages pages() {
        load();
        return pages.join();
    }

    /** Closes the runtime once it has loaded, if it was ever asked for. */
    void close() {
        CompletableFuture<ToolRuntime> loaded = runtime;
        if (loaded != null) {
            loaded.thenAccept(ToolRuntime::close);
        }
    }
}
