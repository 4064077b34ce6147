package dev.devskyy.cli;

import dev.devskyy.runtime.AgentProfile;
import dev.devskyy.runtime.AgentProfiles;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.Policy;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolPermission;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Who is calling and what they are granted. Nothing is granted unless a flag or the policy file
 * grants it; flags add to what the policy grants the chosen actor.
 */
final class PolicyOptions {
    @Option(
            names = "--allow",
            split = ",",
            paramLabel = "PERM",
            description = "Grant permissions: filesystem:read, filesystem:write, network:outbound, database:read, "
                    + "database:write, wordpress:api, llm:inference, visual:generation, keys:use.")
    List<String> allow = new ArrayList<>();

    @Option(
            names = "--actor",
            paramLabel = "NAME",
            description = "Who is calling, for the policy file and the audit log (default: ${DEFAULT-VALUE}).",
            defaultValue = Policy.DEFAULT_ACTOR)
    String actor;

    @Option(
            names = "--root",
            paramLabel = "DIR",
            description = "A directory the filesystem permissions cover (repeatable). Checked on real paths.")
    List<Path> roots = new ArrayList<>();

    @Option(
            names = "--allow-host",
            split = ",",
            paramLabel = "HOST",
            description = "A host network:outbound may reach (repeatable; *.example.com for subdomains).")
    List<String> hosts = new ArrayList<>();

    @Option(
            names = "--agent",
            paramLabel = "NAME",
            description = "Act as one of the platform's agents (see devskyy agents list): only the tools on its "
                    + "allowlist, with only those of the granted permissions its profile holds.")
    String agent;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description = "A policy file of named actors and their grants (see docs/policy.md).")
    Path policyFile;

    /** Whether any of these options was given (the actor's default does not count). */
    boolean isGiven() {
        return !allow.isEmpty()
                || !roots.isEmpty()
                || !hosts.isEmpty()
                || policyFile != null
                || agent != null
                || !Policy.DEFAULT_ACTOR.equals(actor);
    }

    /**
     * The caller, acting as the {@code --agent} if one is named: never more than the flags and the
     * policy grant.
     *
     * @throws ToolError E4001 for an unknown permission, a missing root, a bad policy file, or an
     *     actor the policy file does not name
     * @throws ParameterException for an agent that is neither built in nor defined by the policy
     */
    Caller resolve(CliContext context) {
        Caller caller = resolveActor();
        boolean policyAgents =
                caller.policy() != null && !caller.policy().agents().isEmpty();
        if (agent == null && !policyAgents) {
            return caller;
        }
        // A policy's agents are checked against the tools whether or not one is used: a typo must
        // not wait for the day someone first picks that agent.
        AgentProfiles agents = AgentProfiles.of(caller.policy(), context.tools().get());
        if (agent == null) {
            return caller;
        }
        AgentProfile profile = agents.find(agent)
                .orElseThrow(() -> new ParameterException(
                        command.commandLine(),
                        "Unknown agent '" + agent + "' (known: " + String.join(", ", agents.names()) + ")"));
        return caller.asAgent(profile);
    }

    private Caller resolveActor() {
        List<ToolPermission> permissions = new ArrayList<>();
        for (String name : allow) {
            try {
                permissions.add(ToolPermission.parse(name));
            } catch (IllegalArgumentException e) {
                throw ToolError.of(ErrorCode.E4001, "--allow: " + e.getMessage());
            }
        }
        Grants fromFlags = Grants.of(permissions, roots, hosts);
        if (policyFile == null) {
            return new Caller(actor, fromFlags, null);
        }
        Policy policy = Policy.load(policyFile);
        Grants fromPolicy = policy.grantsFor(actor)
                .orElseThrow(() ->
                        ToolError.of(ErrorCode.E4001, "actor '" + actor + "' is not named in policy " + policyFile));
        return new Caller(actor, fromPolicy.union(fromFlags), policy);
    }
}
