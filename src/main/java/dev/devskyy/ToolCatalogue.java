package dev.devskyy;

import dev.devskyy.budget.BudgetTools;
import dev.devskyy.budget.ExperienceTools;
import dev.devskyy.crypto.CryptoTools;
import dev.devskyy.csp.CspTools;
import dev.devskyy.csp.HeaderTools;
import dev.devskyy.runtime.AgentProfiles;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.scan.ScanTools;
import dev.devskyy.scan.SecretShapes;
import dev.devskyy.verify.AccessTokenTools;
import dev.devskyy.verify.JwtTools;
import dev.devskyy.wordpress.WordPressTools;
import java.time.Clock;
import java.util.Map;

/**
 * Every tool, prompt and resource devskyy ships, from every capability package. The one place that knows them all, and
 * so where one capability's knowledge is handed to another (the scanner's secret shapes to the
 * masker, the header grade to the WordPress audit) without either importing the other.
 */
public final class ToolCatalogue {
    private ToolCatalogue() {}

    /** @param env the process environment, where the crypto tools find their keys */
    public static ToolRegistry registry(Map<String, String> env) {
        ToolRegistry registry = new ToolRegistry();
        CryptoTools.all(env, SecretShapes::find).forEach(registry::register);
        CspTools.all().forEach(registry::register);
        HeaderTools.all().forEach(registry::register);
        BudgetTools.all().forEach(registry::register);
        ExperienceTools.all(env).forEach(registry::register);
        ScanTools.all().forEach(registry::register);
        JwtTools.all(env, Clock.systemUTC()).forEach(registry::register);
        WordPressTools.all(env, HeaderTools::summary).forEach(registry::register);
        registry.register(AccessTokenTools.factory());
        // One entry per prompt or resource.
        CryptoTools.prompts().forEach(registry::register);
        CspTools.prompts().forEach(registry::register);
        ScanTools.prompts().forEach(registry::register);
        ScanTools.resources().forEach(registry::register);
        AgentProfiles.BUILT_IN.forEach(agent -> registry.register(agent.prompt()));
        return registry;
    }
}
