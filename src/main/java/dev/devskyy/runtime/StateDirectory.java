package dev.devskyy.runtime;

import java.nio.file.Path;
import java.util.Map;

/** Where devskyy keeps what must outlive a process: the idempotency store and the audit log. */
public final class StateDirectory {
    private StateDirectory() {}

    /**
     * {@code $XDG_STATE_HOME/devskyy}, else {@code ~/.local/state/devskyy}. A relative
     * XDG_STATE_HOME is ignored, as the XDG Base Directory specification requires.
     */
    public static Path resolve(Map<String, String> env) {
        String xdg = env.get("XDG_STATE_HOME");
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "devskyy");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".local", "state", "devskyy");
    }
}
