package dev.devskyy;

import dev.devskyy.crypto.CryptoTools;
import dev.devskyy.runtime.ToolRegistry;

/** Every tool devskyy ships, from every capability package. */
public final class ToolCatalogue {
    private ToolCatalogue() {}

    public static ToolRegistry registry() {
        ToolRegistry registry = new ToolRegistry();
        CryptoTools.all().forEach(registry::register);
        return registry;
    }
}
