package dev.devskyy.runtime;

import java.util.Objects;

/**
 * Who is calling and what they may do. A request may name another actor (MCP {@code _meta}); that
 * actor gets at most what this caller has, so metadata can narrow the grants but never widen them.
 * The same holds for an agent: {@link #asAgent} keeps only what both the caller and the agent's
 * profile allow.
 *
 * @param policy the policy file the grants came from, or null when there was none
 * @param agent the profile this caller acts as, or null for none: then no allowlist applies
 */
public record Caller(String actor, Grants grants, Policy policy, AgentProfile agent) {
    public Caller {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(grants, "grants");
    }

    /** A caller acting as no agent. */
    public Caller(String actor, Grants grants, Policy policy) {
        this(actor, grants, policy, null);
    }

    /**
     * The caller a request names: the policy's grants for {@code other}, cut down to this caller's.
     * Without a policy the name only relabels the caller; an actor the policy does not name gets
     * nothing. The agent, if any, stays.
     */
    public Caller narrowedTo(String other) {
        if (other.equals(actor)) {
            return this;
        }
        if (policy == null) {
            return new Caller(other, grants, null, agent);
        }
        Grants narrowed = policy.grantsFor(other).map(grants::intersect).orElse(Grants.NONE);
        return new Caller(other, narrowed, policy, agent);
    }

    /**
     * The caller a verified bearer token stands for: {@link #narrowedTo the actor} it names, with no
     * permission its scopes do not name. A token can narrow what the server was started with, never widen it.
     */
    public Caller bearing(AccessTokens.Bearer bearer) {
        Caller named = narrowedTo(bearer.actor());
        return new Caller(named.actor, named.grants.retainingOnly(bearer.scopes()), named.policy, named.agent);
    }

    /**
     * This caller acting as {@code profile}: its permissions cut down to the profile's (roots and
     * hosts stay, and only matter where a permission remains), and every call checked against the
     * profile's allowlist. Never more than this caller had. A caller that already acts as another
     * agent cannot switch: the switch would swap one allowlist for another, so switch from the
     * caller the agent was made from.
     *
     * @throws ToolError E4003 when this caller already acts as a different agent
     */
    public Caller asAgent(AgentProfile profile) {
        if (agent != null) {
            if (agent.name().equals(profile.name())) {
                return this;
            }
            throw ToolError.of(
                            ErrorCode.E4003,
                            "actor '" + actor + "' already acts as agent '" + agent.name() + "' and cannot become '"
                                    + profile.name() + "'")
                    .withDetail("agent", agent.name());
        }
        return new Caller(actor, grants.retainingOnly(profile.permissions()), policy, profile);
    }

    /** The agent's name, or null when this caller acts as none. */
    public String agentName() {
        return agent == null ? null : agent.name();
    }
}
