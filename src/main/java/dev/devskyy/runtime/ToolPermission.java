package dev.devskyy.runtime;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** A capability a tool needs and a caller must be granted. Nothing is granted by default. */
public enum ToolPermission {
    FILESYSTEM_READ("filesystem:read", false, false),
    FILESYSTEM_WRITE("filesystem:write", true, false),
    NETWORK_OUTBOUND("network:outbound", false, true),
    DATABASE_READ("database:read", false, false),
    DATABASE_WRITE("database:write", true, false),
    WORDPRESS_API("wordpress:api", true, true),
    LLM_INFERENCE("llm:inference", false, true),
    VISUAL_GENERATION("visual:generation", false, true),
    /**
     * Encrypting, decrypting, rotating or signing with the server's own keys (its environment's, or
     * the key files a CLI user names): whoever holds it can read what those keys protect and make
     * what they authenticate. Checking (crypto_verify, jwt_verify) needs none: it answers yes or no.
     */
    KEYS_USE("keys:use", false, false);

    private final String wireName;
    private final boolean changesState;
    private final boolean reachesOutside;

    ToolPermission(String wireName, boolean changesState, boolean reachesOutside) {
        this.wireName = wireName;
        this.changesState = changesState;
        this.reachesOutside = reachesOutside;
    }

    /** The exact string used in policies, listings and error messages. */
    public String wireName() {
        return wireName;
    }

    /** Whether a tool holding this permission can modify something (it is then not read-only). */
    public boolean changesState() {
        return changesState;
    }

    /** Whether a tool holding this permission talks to the world outside this machine. */
    public boolean reachesOutside() {
        return reachesOutside;
    }

    public static ToolPermission parse(String text) {
        return byWireName(text.trim())
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown permission '" + text + "' (known: " + allWireNames() + ")"));
    }

    /** The permission named exactly {@code wireName}, if there is one (a token's scope may name others). */
    public static Optional<ToolPermission> byWireName(String wireName) {
        for (ToolPermission permission : values()) {
            if (permission.wireName.equals(wireName)) {
                return Optional.of(permission);
            }
        }
        return Optional.empty();
    }

    public static String allWireNames() {
        return Arrays.stream(values()).map(ToolPermission::wireName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
