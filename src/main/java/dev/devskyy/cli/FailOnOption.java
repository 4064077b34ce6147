package dev.devskyy.cli;

import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --fail-on}: the least severe finding of a verify command that makes it exit 1. */
final class FailOnOption {
    @Option(
            names = "--fail-on",
            paramLabel = "SEVERITY",
            defaultValue = "high",
            description = "high, medium, low or info (default: ${DEFAULT-VALUE}).")
    String failOn;

    /** The severity as the tools' {@code fail_on} argument spells it. */
    String severity() {
        return failOn.toLowerCase(Locale.ROOT);
    }
}
