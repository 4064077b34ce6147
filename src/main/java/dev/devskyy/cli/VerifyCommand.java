package dev.devskyy.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code devskyy verify}: checks for CI that pass (exit 0) or fail (exit 1). */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Check security artefacts: exit 0 when they pass, 1 when they do not.",
        subcommands = {
            VerifyJwtCommand.class,
            VerifyEnvelopeCommand.class,
            VerifyCspCommand.class,
            VerifyHeadersCommand.class,
            VerifyWordPressCommand.class,
            VerifyBudgetCommand.class,
            VerifyExperienceCommand.class
        })
final class VerifyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "Missing a subcommand: jwt, envelope, csp, headers, wordpress, budget or experience");
    }
}
