package dev.devskyy.runtime;

import static dev.devskyy.runtime.ToolPermission.DATABASE_READ;
import static dev.devskyy.runtime.ToolPermission.DATABASE_WRITE;
import static dev.devskyy.runtime.ToolPermission.FILESYSTEM_READ;
import static dev.devskyy.runtime.ToolPermission.FILESYSTEM_WRITE;
import static dev.devskyy.runtime.ToolPermission.KEYS_USE;
import static dev.devskyy.runtime.ToolPermission.LLM_INFERENCE;
import static dev.devskyy.runtime.ToolPermission.NETWORK_OUTBOUND;
import static dev.devskyy.runtime.ToolPermission.VISUAL_GENERATION;
import static dev.devskyy.runtime.ToolPermission.WORDPRESS_API;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The agents a caller may act as: the DevSkyy platform's six, each redefined by a policy file that
 * names it, and any the policy adds. Why each built-in holds what it holds is docs/agents.md.
 */
public final class AgentProfiles {
    private static final String TOOLS_NOTE = " Call only the tools named here; any other tool, or one needing a "
            + "permission this agent lacks, fails with E4003 PERMISSION_DENIED naming the agent. Do not retry "
            + "a denied call: tell the user what was denied.";

    /** The platform's six, in the order the platform lists them. */
    public static final List<AgentProfile> BUILT_IN = List.of(
            new AgentProfile(
                    "commerce",
                    "Orders, customers and payments: protects customer fields at rest.",
                    "You are the DevSkyy commerce agent: you handle WooCommerce orders, customers and payment "
                            + "records. Before a customer's personal fields (email, phone, address) are stored, "
                            + "encrypt them with devskyy tool `crypto_encrypt_fields`; decrypt them with devskyy tool `crypto_decrypt_fields` "
                            + "only to fulfil an order, and re-encrypt under the current key with "
                            + "crypto_rotate_fields. Whole values (a gift message, a note) use devskyy tool `crypto_encrypt`, "
                            + "crypto_decrypt and devskyy tool `crypto_rotate`; devskyy tool `crypto_verify` checks one authenticates without "
                            + "decrypting it. Mask anything you log or show with devskyy tool `data_mask`, and check a customer "
                            + "session token with devskyy tool `jwt_verify`. Read the shop's orders and products with "
                            + "devskyy tool `wordpress_read` (orders come without customer details). You have no file "
                            + "system access."
                            + TOOLS_NOTE,
                    Set.of(DATABASE_READ, DATABASE_WRITE, WORDPRESS_API, NETWORK_OUTBOUND, KEYS_USE),
                    Set.of(
                            "crypto_encrypt_fields",
                            "crypto_decrypt_fields",
                            "crypto_rotate_fields",
                            "crypto_encrypt",
                            "crypto_decrypt",
                            "crypto_rotate",
                            "crypto_verify",
                            "data_mask",
                            "jwt_verify",
                            "wordpress_read")),
            new AgentProfile(
                    "creative",
                    "Product imagery and 3D assets: checks them against the storefront's budgets.",
                    "You are the DevSkyy creative agent: you produce product imagery and 3D assets for the "
                            + "storefront's collection experiences. Before an experience ships, check its "
                            + "models and textures against the performance budget with devskyy tool `budget_verify`, and "
                            + "record each delivered asset's digest with devskyy tool `file_hash` so later changes show. You "
                            + "read and write asset files only inside the granted roots." + TOOLS_NOTE,
                    Set.of(FILESYSTEM_READ, FILESYSTEM_WRITE, VISUAL_GENERATION),
                    Set.of("budget_verify", "file_hash")),
            new AgentProfile(
                    "marketing",
                    "Campaigns and content: keeps customer data out of campaign material.",
                    "You are the DevSkyy marketing agent: you plan campaigns and write content for the "
                            + "WordPress storefront. Mask customer data with devskyy tool `data_mask` before it goes into any "
                            + "brief, export or draft, and check that a landing page's Content Security Policy "
                            + "still holds when a campaign adds a tracking script with devskyy tool `csp_evaluate`. You cannot "
                            + "read orders or customer records, nor decrypt anything." + TOOLS_NOTE,
                    Set.of(WORDPRESS_API, LLM_INFERENCE),
                    Set.of("data_mask", "csp_evaluate")),
            new AgentProfile(
                    "support",
                    "Answers customers: reads orders, masks what it quotes, never decrypts.",
                    "You are the DevSkyy support agent: you answer customers about their orders and "
                            + "accounts. Mask every email, phone number, card number or token with devskyy tool `data_mask` "
                            + "before you quote it. When a customer cannot sign in, check their session token "
                            + "with devskyy tool `jwt_verify` (devskyy tool `jwt_decode` shows its claims without trusting them). Look "
                            + "an order up with devskyy tool `wordpress_read`. You never "
                            + "decrypt customer fields: if an answer needs one, hand the case to a person."
                            + TOOLS_NOTE,
                    Set.of(DATABASE_READ, LLM_INFERENCE, WORDPRESS_API, NETWORK_OUTBOUND),
                    Set.of("data_mask", "jwt_decode", "jwt_verify", "wordpress_read")),
            new AgentProfile(
                    "operations",
                    "Deploys, CI and security checks: scans and verifies, read-only.",
                    "You are the DevSkyy operations agent: you gate deploys and CI runs. Scan the code for "
                            + "secrets, risky code and vulnerable dependencies with devskyy tool `security_scan`; check that "
                            + "encrypted files and envelopes still authenticate with devskyy tool `crypto_verify_file` and "
                            + "crypto_verify; check 3D experiences against their budgets with devskyy tool `budget_verify`; "
                            + "compare release artefacts with devskyy tool `file_hash`; evaluate and build the security "
                            + "headers with devskyy tool `csp_evaluate` and devskyy tool `csp_build`; check service tokens with devskyy tool `jwt_verify` "
                            + "and devskyy tool `jwt_decode`; check the live storefront's security headers with devskyy tool "
                            + "`http_headers_check` and what it tells an attacker with devskyy tool `wordpress_audit`; check a "
                            + "live collection page in a real browser with devskyy tool `experience_verify`. You only "
                            + "read: you change no file, key or record."
                            + TOOLS_NOTE,
                    Set.of(FILESYSTEM_READ, NETWORK_OUTBOUND),
                    Set.of(
                            "security_scan",
                            "crypto_verify",
                            "crypto_verify_file",
                            "budget_verify",
                            "file_hash",
                            "csp_evaluate",
                            "csp_build",
                            "jwt_verify",
                            "jwt_decode",
                            "http_headers_check",
                            "wordpress_audit",
                            "experience_verify")),
            new AgentProfile(
                    "analytics",
                    "Reads data and reports: masked, read-only.",
                    "You are the DevSkyy analytics agent: you read sales and storefront data and write "
                            + "reports. Mask any customer data a report quotes with devskyy tool `data_mask`, and report how "
                            + "the 3D experiences measure against their performance budgets with devskyy tool `budget_verify`. "
                            + "You only read; you cannot decrypt customer fields." + TOOLS_NOTE,
                    Set.of(DATABASE_READ, FILESYSTEM_READ),
                    Set.of("data_mask", "budget_verify")));

    private final Map<String, AgentProfile> profiles;

    private AgentProfiles(Map<String, AgentProfile> profiles) {
        this.profiles = profiles;
    }

    /** The built-ins alone, for a caller without a policy file. */
    public static AgentProfiles builtIn() {
        return new AgentProfiles(byName(BUILT_IN));
    }

    /**
     * The built-ins, each replaced whole by the policy's agent of its name, then the policy's new
     * agents in file order. Each allowlist must name tools of {@code registry} whose permissions the
     * agent holds: an agent that could never call a tool it lists is a typo, and a typo in a policy
     * must never pass silently.
     *
     * @param policy null for the built-ins alone
     * @throws ToolError E4001 naming the policy file, the agent and the tool
     */
    public static AgentProfiles of(Policy policy, ToolRegistry registry) {
        if (policy == null) {
            return builtIn();
        }
        Map<String, AgentProfile> profiles = byName(BUILT_IN);
        for (AgentProfile agent : policy.agents()) {
            check(policy, agent, registry);
            profiles.put(agent.name(), agent);
        }
        return new AgentProfiles(profiles);
    }

    private static void check(Policy policy, AgentProfile agent, ToolRegistry registry) {
        for (String tool : agent.tools()) {
            String where = "/agents/" + agent.name() + "/tools: ";
            ToolSpec spec = registry.find(tool)
                    .orElseThrow(() -> Policy.invalid(policy.file(), where + "no tool named '" + tool + "'"));
            Set<ToolPermission> lacking = new TreeSet<>(spec.permissions());
            lacking.removeAll(agent.permissions());
            if (!lacking.isEmpty()) {
                throw Policy.invalid(
                        policy.file(),
                        where + tool + " needs " + names(lacking) + ", which the agent's permissions do not list");
            }
        }
    }

    private static Map<String, AgentProfile> byName(List<AgentProfile> agents) {
        Map<String, AgentProfile> map = new LinkedHashMap<>();
        agents.forEach(agent -> map.put(agent.name(), agent));
        return map;
    }

    static String names(Set<ToolPermission> permissions) {
        return String.join(
                ", ", permissions.stream().map(ToolPermission::wireName).toList());
    }

    public Optional<AgentProfile> find(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    /** Built-ins first, in the platform's order, then those the policy added. */
    public List<AgentProfile> all() {
        return List.copyOf(profiles.values());
    }

    /** The names of {@link #all}, for messages that list what is known. */
    public List<String> names() {
        return new ArrayList<>(profiles.keySet());
    }
}
