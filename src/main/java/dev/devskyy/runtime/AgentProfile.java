package dev.devskyy.runtime;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One of the platform's agents as a least-privilege profile: the permissions it may use and, on
 * top of them, the only tools it may call. A caller acting as an agent keeps what both it and the
 * profile allow, never more (see {@link Caller#asAgent}); docs/agents.md says why each built-in
 * profile holds what it holds.
 *
 * @param instructions what the agent is for and how it uses devskyy's tools; served as an MCP prompt
 * @param tools the allowlist: names of the only tools the agent may call, whatever it is granted
 */
public record AgentProfile(
        String name, String description, String instructions, Set<ToolPermission> permissions, Set<String> tools) {
    /** Agent names become prompt names ({@code agent_NAME}) and audit fields: short and plain. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    public AgentProfile {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad agent name '" + name + "' (lower-case letters, digits and _, "
                    + "starting with a letter, at most 32)");
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(instructions, "instructions");
        permissions = Collections.unmodifiableSet(copyOf(permissions));
        tools = Collections.unmodifiableSet(new TreeSet<>(tools));
    }

    private static Set<ToolPermission> copyOf(Collection<ToolPermission> permissions) {
        return permissions.isEmpty() ? EnumSet.noneOf(ToolPermission.class) : EnumSet.copyOf(permissions);
    }

    /** Whether {@code tool} is on the allowlist. */
    public boolean allows(String tool) {
        return tools.contains(tool);
    }

    /** The name of the MCP prompt that carries this agent's instructions. */
    public String promptName() {
        return "agent_" + name;
    }

    /** The MCP prompt that sets a model up as this agent; the user's task follows as fenced data. */
    public PromptSpec prompt() {
        return new PromptSpec(
                promptName(),
                "Act as the " + name + " agent",
                description,
                List.of(PromptSpec.Argument.optional("task", "What the user wants this agent to do.")),
                instructions);
    }
}
