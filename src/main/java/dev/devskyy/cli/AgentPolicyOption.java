package dev.devskyy.cli;

import dev.devskyy.runtime.AgentProfiles;
import dev.devskyy.runtime.Policy;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The policy file whose agents redefine or extend the built-ins, for the {@code agents} commands. */
final class AgentPolicyOption {
    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description = "A policy file whose \"agents\" redefine or add profiles (see docs/policy.md).")
    Path policyFile;

    /** @throws dev.devskyy.runtime.ToolError E4001 for a bad policy file */
    AgentProfiles profiles(CliContext context) {
        return AgentProfiles.of(
                policyFile == null ? null : Policy.load(policyFile),
                context.tools().get());
    }
}
