package dev.devskyy.cli;

import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.ToolError;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --format text|json|sarif} of a verify command whose tool writes text or SARIF: JSON is
 * the tool's structured result, printed as it is.
 */
final class ReportFormatOption {
    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text, json or sarif (default: ${DEFAULT-VALUE}).")
    String format;

    /** The tool's {@code format} argument: text, or sarif. */
    String toolFormat() {
        return checked().equals("sarif") ? "sarif" : "text";
    }

    /** Whether the structured result is printed instead of the tool's text. */
    boolean json() {
        return checked().equals("json");
    }

    private String checked() {
        String output = format.toLowerCase(Locale.ROOT);
        if (!List.of("text", "json", "sarif").contains(output)) {
            throw ToolError.of(ErrorCode.E4001, "--format must be text, json or sarif");
        }
        return output;
    }
}
