package dev.devskyy.mcp;

import dev.devskyy.runtime.ResourceCatalogue;
import dev.devskyy.runtime.ToolRuntime;
import dev.devskyy.runtime.ToolServer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The runtime a session serves and its listing in pages, loaded on demand: a host waits for the
 * handshake's (or discovery's) answer, which needs neither, so they start loading after it, or when
 * a modern request first needs them (the registry under both may be built already: see
 * {@link ToolServer.Options#tools}). Reading them fails with a
 * {@link java.util.concurrent.CompletionException} when the options turned out invalid.
 */
final class SessionTools {
    private final CompletableFuture<ToolServer.Options> options;
    private volatile CompletableFuture<ToolRuntime> runtime;
    private volatile CompletableFuture<ToolPages> pages;
    private volatile ResourceCatalogue resources;

    SessionTools(CompletableFuture<ToolServer.Options> options) {
        this.options = options;
    }

    /**
     * Starts loading the listing, then the runtime, unless that has begun. The listing comes first:
     * a host lists the tools before it calls one, and the runtime's audit log and state directory
     * are not needed to list them.
     */
    synchronized void load() {
        if (runtime != null) {
            return;
        }
        // On a thread of its own: the pool may already be shutting down when input ends early.
        Executor loader = task -> {
            Thread thread = new Thread(task, "devskyy-tools-loader");
            thread.setDaemon(true);
            thread.start();
        };
        pages = options.thenApplyAsync(o -> new ToolPages(o.tools().get().list(), o.pageSize()), loader);
        // after the listing, however that ended: invalid options fail both the same way
        runtime = pages.handle((listed, failure) -> options)
                .thenCompose(o -> o)
                .thenApplyAsync(o -> o.runtime().get(), loader);
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

    /** Waits for the resources, the runtime's and the capabilities'; built at the first call. */
    ResourceCatalogue resources() {
        ResourceCatalogue built = resources;
        if (built == null) {
            built = ResourceCatalogue.of(runtime().registry());
            resources = built;
        }
        return built;
    }

    /** Closes the runtime once it has loaded, if it was ever asked for. */
    void close() {
        CompletableFuture<ToolRuntime> loaded = runtime;
        if (loaded != null) {
            loaded.thenAccept(ToolRuntime::close);
        }
    }
}
