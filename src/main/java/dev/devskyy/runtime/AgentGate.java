package dev.devskyy.runtime;

import java.util.EnumSet;
import java.util.Set;

/**
 * The profile check of a call made as an agent, before the caller's own grants are checked: the
 * tool must be on the agent's allowlist and need no permission the agent's profile lacks. Its
 * E4003 names the agent and what it lacks, so that a denial is never mistaken for a missing
 * {@code --allow}.
 */
final class AgentGate {
    private AgentGate() {}

    /** @param agent null when the caller acts as no agent: nothing to check */
    static void check(AgentProfile agent, ToolSpec spec) {
        if (agent == null) {
            return;
        }
        if (!agent.allows(spec.name())) {
            throw ToolError.of(
                            ErrorCode.E4003,
                            "agent '" + agent.name() + "' may not call tool " + spec.name()
                                    + ": it is not on the agent's allowlist")
                    .withDetail("agent", agent.name())
                    .withDetail("tool", spec.name())
                    .withDetail("reason", "tool_not_allowed");
        }
        Set<ToolPermission> lacking = EnumSet.noneOf(ToolPermission.class);
        lacking.addAll(spec.permissions());
        lacking.removeAll(agent.permissions());
        if (!lacking.isEmpty()) {
            throw ToolError.of(
                            ErrorCode.E4003,
                            "tool " + spec.name() + " needs " + AgentProfiles.names(lacking) + ", which agent '"
                                    + agent.name() + "' does not hold")
                    .withDetail("agent", agent.name())
                    .withDetail("tool", spec.name())
                    .withDetail(
                            "missing",
                            lacking.stream().map(ToolPermission::wireName).toList())
                    .withDetail("reason", "permission_not_in_profile");
        }
    }
}
