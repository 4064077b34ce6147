package dev.devskyy.mcp;

/**
 * How long a modern client may keep a result ({@code ttlMs}) and with whom it may share it
 * ({@code cacheScope}), by what the result depends on. One place, so every list says the same thing
 * about the same kind of data.
 */
enum CachePolicy {
    /** Prompts, the rule catalogue, the error taxonomy, the manual: they change only with a new build. */
    BUILD(3_600_000, "public"),
    /**
     * The tools and the server's description reflect the options it was started with; a restart with
     * other options is a new process, so a few minutes' reuse is safe, and only by this client.
     */
    CONFIGURATION(300_000, "private"),
    /**
     * The caller's grants: fixed for the process, but a host may restart the server with other flags
     * and keep its cache, and a stale grant would have the model skip a tool it may now use, or try
     * one it may not.
     */
    CALLER(0, "private");

    private final long ttlMs;
    private final String scope;

    CachePolicy(long ttlMs, String scope) {
        this.ttlMs = ttlMs;
        this.scope = scope;
    }

    long ttlMs() {
        return ttlMs;
    }

    String scope() {
        return scope;
    }
}
