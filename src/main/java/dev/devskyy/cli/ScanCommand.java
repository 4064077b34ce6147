package dev.devskyy.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.terminal.ProgressBar;
import dev.devskyy.terminal.TerminalSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code devskyy scan [PATH…]}: the security_scan tool as a CI gate; exit 1 on findings at --fail-on. */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = "Find secrets, risky code and vulnerable dependencies; exit 1 when a finding reaches --fail-on.")
final class ScanCommand implements Callable<Integer> {
    static final String TOOL = "security_scan";

    private final CliContext context;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files and directories to scan (default: .).")
    List<String> paths = new ArrayList<>();

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text, json, sarif, or summary alone (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the report here (atomically) and the summary to stderr.")
    String output;

    @Option(
            names = "--fail-on",
            paramLabel = "SEVERITY",
            defaultValue = "high",
            description = "critical, high, medium or low (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(
            names = "--checks",
            split = ",",
            paramLabel = "CHECK",
            description = "secrets, code, deps (default: all three; secrets with --git or --staged).")
    List<String> checks;

    @Option(names = "--rules", paramLabel = "FILE", description = "More rules (docs/scan.md); repeatable.")
    List<String> rules = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "FILE", description = "A previous JSON or SARIF report to accept.")
    String baseline;

    @Option(names = "--osv-db", paramLabel = "DIR", description = "OSV records (JSON files or all.zip) to match.")
    String osvDb;

    @Option(
            names = "--max-file-size",
            paramLabel = "SIZE",
            defaultValue = "5M",
            converter = SizeConverter.class,
            description = "Skip larger files (default: ${DEFAULT-VALUE}).")
    long maxFileSize;

    @Option(names = "--no-ignore", description = "Also scan what .gitignore excludes.")
    boolean noIgnore;

    @Option(names = "--no-archives", description = "Do not look inside zip, jar, tar, tar.gz and gz files.")
    boolean noArchives;

    @Option(names = "--no-color", description = "No colour, even on a terminal (as is NO_COLOR).")
    boolean noColor;

    @Option(
            names = "--git",
            description = "Scan the lines every commit reachable from HEAD added, in the repository of the one PATH.")
    boolean git;

    @Option(
            names = "--log-opts",
            paramLabel = "OPTIONS",
            description = "With --git: git log options that select commits (revision ranges, --since, --author, "
                    + "--all, -n, -- paths).")
    String logOpts;

    @Option(names = "--staged", description = "Scan the lines staged for commit (a pre-commit hook).")
    boolean staged;

    @Mixin
    RuntimeOptions runtimeOptions;

    ScanCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ToolInvocation invocation = new ToolInvocation(context, runtimeOptions);
        List<String> targets = paths.isEmpty() ? List.of(".") : paths;
        ObjectNode arguments = Json.object();
        ArrayNode pathList = arguments.putArray("paths");
        targets.forEach(pathList::add);
        List<String> files = new ArrayList<>();
        targets.forEach(p -> files.add(CommandAccess.entryOf(workTreeAround(p))));
        if (checks != null) {
            ArrayNode list = arguments.putArray("checks");
            checks.forEach(c -> list.add(c.strip().toLowerCase(Locale.ROOT)));
        }
        arguments.put("fail_on", failOn.toLowerCase(Locale.ROOT));
        if (!rules.isEmpty()) {
            ArrayNode list = arguments.putArray("rules");
            rules.forEach(list::add);
            files.addAll(rules);
        }
        optional(arguments, files, "baseline", baseline);
        if (osvDb != null) {
            arguments.put("osv_db", osvDb);
            files.add(CommandAccess.entryOf(osvDb));
        }
        arguments.put("max_file_size", maxFileSize);
        arguments.put("no_ignore", noIgnore);
        if (noArchives) {
            arguments.put("archives", false);
        }
        arguments.put("max_findings", 0);
        arguments.put("format", format.toLowerCase(Locale.ROOT));
        arguments.put("color", colour());
        if (git || logOpts != null) {
            ObjectNode gitArguments = arguments.putObject("git");
            if (logOpts != null) {
                gitArguments.put("log_opts", logOpts);
            }
        }
        if (staged) {
            arguments.put("staged", true);
        }
        CommandAccess access = CommandAccess.reading(files);
        if (output != null) {
            arguments.put("output", output);
            access = access.andWriting(output);
        }
        ToolCallResult result = invocation.run(TOOL, arguments, Map.of(), access, ProgressBar.Unit.FILES);
        if (result.isError()) {
            return invocation.print(result, false);
        }
        (output == null ? context.out() : context.err()).println(result.text());
        return result.structuredContent().at("/summary/failed").asBoolean() ? ExitCodes.NEGATIVE : ExitCodes.SUCCESS;
    }

    /**
     * The git work tree a target lies in, granted whole so that its .gitignore files above the
     * target apply; the target itself outside a work tree. The scan reads only the target.
     */
    private static String workTreeAround(String target) {
        for (Path dir = Path.of(target).toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir.toString();
            }
        }
        return target;
    }

    private static void optional(ObjectNode arguments, List<String> files, String name, String value) {
        if (value != null) {
            arguments.put(name, value);
            files.add(value);
        }
    }

    /** Colour on a terminal (the launcher tells), unless NO_COLOR is set or --no-color given. */
    private boolean colour() {
        TerminalSettings terminal = TerminalSettings.of(context.env());
        return !noColor && output == null && terminal.stdoutIsTerminal() && terminal.colour();
    }
}
