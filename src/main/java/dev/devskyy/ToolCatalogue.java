package dev.devskyy;

import dev.devskyy.budget.BudgetTools;
import dev.devskyy.crypto.CryptoTools;
import dev.devskyy.csp.CspTools;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.scan.ScanTools;
import dev.devskyy.verify.JwtTools;
import java.time.Clock;
import java.util.Map;

/** Every tool devskyy ships, from every capability package. */
public final class ToolCatalogue {
    private ToolCatalogue() {}

    /** @param env the process environment, where the crypto tools find their keys */
    public static ToolRegistry registry(Map<String, String> env) {
        ToolRegistry registry = new ToolRegistry();
        CryptoTools.all(env).forEach(registry::register);
        CspTools.all().forEach(registry::register);
        BudgetTools.all().forEach(registry::register);
        ScanTools.all().forEach(registry::register);
        JwtTools.all(env, Clock.systemUTC()).forEach(registry::register);
        return registry;
    }
}
