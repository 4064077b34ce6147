package dev.devskyy.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.io.DirectoryEntry;
import dev.devskyy.io.OpenDirectory;
import dev.devskyy.runtime.BuildInfo;
import dev.devskyy.runtime.ByteSizes;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.PromptSpec;
import dev.devskyy.runtime.ResourceSpec;
import dev.devskyy.runtime.ToolCallContext;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolOutput;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolSpec;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The tool of the scan capability: security_scan, which {@code devskyy scan} fronts. */
public final class ScanTools {
    static final long DEFAULT_MAX_FILE_SIZE = 5L << 20;
    static final int DEFAULT_MAX_FINDINGS = 100;

    /** Rules files and baselines larger than this are refused before they are read. */
    static final long MAX_INPUT_BYTES = 64L << 20;

    static final String RULES_URI = ResourceSpec.SCHEME + "scan/rules";

    private ScanTools() {}

    public static List<ToolSpec> all() {
        return List.of(scan());
    }

    /** The rule catalogue, so a model can read what a finding's rule looks for. */
    public static List<ResourceSpec> resources() {
        return List.of(ResourceSpec.shared(
                RULES_URI,
                "scan-rules",
                "Scanner rules",
                "The bundled secret and code rules of security_scan: id, check, severity, description, CWE and "
                        + "advice.",
                "application/json",
                caller -> RuleCatalogue.json()));
    }

    /** "Triage this scan". */
    public static List<PromptSpec> prompts() {
        return List.of(new PromptSpec(
                "triage_scan",
                "Triage a security scan",
                "Sort the findings of a devskyy security scan into real risks and false positives, ranked, with fixes; "
                        + "scans a path first when given one.",
                List.of(
                        PromptSpec.Argument.required(
                                "scan",
                                "The JSON report of security_scan (or devskyy scan --format json), or a file or "
                                        + "directory inside the granted roots to scan."),
                        PromptSpec.Argument.choice(
                                "severity_floor",
                                "Leave out findings below this severity (default: low, all of them).",
                                List.of("critical", "high", "medium", "low"))),
                """
                Triage the security scan given below as the argument `scan`.

                1. If `scan` is a path rather than a JSON report, call the devskyy tool `security_scan` with \
                `paths` set to that one path. If it answers E4003 PERMISSION_DENIED, tell the user which \
                permission or root to grant when starting the server and stop; the resource devskyy://grants \
                shows what is granted now.
                2. Consider only findings at or above `severity_floor` when it is given.
                3. For each finding decide whether it is real or a false positive (a test fixture, placeholder \
                or documentation example), and say why. The resource devskyy://scan/rules describes every rule \
                id. For a real secret: revoke or rotate it where it was issued, then remove it from the code and \
                the git history. For code: the fix, naming the CWE. For a dependency: the fixed version.
                4. Rank what is real by how easily it can be exploited and what it exposes, not by severity \
                alone; group findings of the same secret.
                5. Never repeat a secret's value: refer to a finding by rule id, file and line, and call \
                `data_mask` on any line you need to quote."""));
    }

    static ToolSpec scan() {
        return ToolSpec.builder("security_scan")
                .version("1.0.0")
                .preparation(() -> RuleSet.bundled().keywords())
                .title("Scan files for secrets, risky code and vulnerable dependencies")
                .description("Finds leaked credentials, injection-prone code (with CWE ids) and dependencies with "
                        + "known vulnerabilities (offline OSV database) in the granted roots.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,"required":["paths"],
                         "properties":{
                           "paths":{"type":"array","minItems":1,"items":{"type":"string","minLength":1},
                             "description":"Files and directories to scan."},
                           "checks":{"type":"array","uniqueItems":true,"minItems":1,
                             "items":{"type":"string","enum":["secrets","code","deps"]},"default":["secrets","code","deps"]},
                           "fail_on":{"type":"string","enum":["critical","high","medium","low"],"default":"high"},
                           "rules":{"type":"array","items":{"type":"string","minLength":1},
                             "description":"Extra rules files (docs/scan.md)."},
                           "baseline":{"type":"string","minLength":1,"description":"A previous JSON or SARIF report."},
                           "osv_db":{"type":"string","minLength":1,"description":"Directory of OSV records or all.zip files."},
                           "max_file_size":{"type":"integer","minimum":1,"maximum":1073741824,"default":5242880},
                           "no_ignore":{"type":"boolean","default":false,"description":"Scan what .gitignore excludes."},
                           "archives":{"type":"boolean","default":true,
                             "description":"Look inside zip, jar, tar, tar.gz and gz files."},
                           "max_findings":{"type":"integer","minimum":0,"default":100,
                             "description":"Findings listed in structuredContent."},
                           "format":{"type":"string","enum":["summary","text","json","sarif"],"default":"summary",
                             "description":"What the text result (or the output file) holds."},
                           "color":{"type":"boolean","default":false},
                           "git":{"type":"object","additionalProperties":false,
                             "properties":{"log_opts":{"type":"string","maxLength":4096,
                               "description":"git log options selecting commits, e.g. origin/main..HEAD."}},
                             "description":"Scan the lines each commit added (the repository of the one path)."},
                           "staged":{"type":"boolean","default":false,
                             "description":"Scan the lines staged for commit in the repository of the one path."},
                           "output":{"type":"string","minLength":1,
                             "description":"Write the report in this format to a file (needs filesystem:write)."}}}
                        """)
                .outputSchema("""
                        {"type":"object","required":["report_version","summary","findings","truncated"],
                         "properties":{
                           "report_version":{"type":"integer","const":1},"tool":{"type":"string"},"tool_version":{"type":"string"},
                           "summary":{"type":"object",
                             "required":["findings","by_severity","by_category","security_score","failed","dependencies"],
                             "properties":{
                               "findings":{"type":"integer"},
                               "by_severity":{"type":"object","additionalProperties":{"type":"integer"}},
                               "by_category":{"type":"object","additionalProperties":{"type":"integer"}},
                               "security_score":{"type":"integer","minimum":0,"maximum":100},
                               "fail_on":{"type":"string"},"failed":{"type":"boolean"},
                               "checks":{"type":"array","items":{"type":"string"}},
                               "files_scanned":{"type":"integer"},"bytes_scanned":{"type":"integer"},
                               "duration_ms":{"type":"integer"},
                               "git":{"type":"object","properties":{"staged":{"type":"boolean"},
                                 "commits":{"type":"integer"}}},
                               "skipped":{"type":"object","additionalProperties":{"type":"integer"}},
                               "suppressed":{"type":"object","additionalProperties":{"type":"integer"}},
                               "dependencies":{"type":"object","required":["checked","note"],
                                 "properties":{"checked":{"type":"boolean"},"note":{"type":"string"}}}}},
                           "findings":{"type":"array","items":{"type":"object",
                             "required":["rule_id","category","severity","title","path","line","fingerprint"],
                             "properties":{
                               "rule_id":{"type":"string"},"category":{"type":"string","enum":["secret","code","dependency"]},
                               "severity":{"type":"string","enum":["critical","high","medium","low"]},"title":{"type":"string"},
                               "path":{"type":"string"},"line":{"type":"integer"},"column":{"type":"integer"},
                               "end_line":{"type":"integer"},"evidence":{"type":"string"},
                               "fingerprint":{"type":"string"},"cwe":{"type":"string"},
                               "advisory":{"type":"object"},
                               "commit":{"type":"object","properties":{"id":{"type":"string"},
                                 "author":{"type":"string"},"email":{"type":"string"},"date":{"type":"string"}}}}}},
                           "truncated":{"type":"boolean"}}}
                        """)
                .permissions(ToolPermission.FILESYSTEM_READ)
                .permissionsWhenAsked(ToolPermission.FILESYSTEM_WRITE) // the report file, "output"
                .idempotent(true)
                .timeout(Duration.ofMinutes(10))
                .longRunning(true)
                .handler(ScanTools::run)
                .build();
    }

    private static ToolOutput run(JsonNode args, ToolCallContext context) throws IOException {
        // Everything the scan reads is opened here, inside the caller's roots, and held until it ends.
        List<Closeable> opened = new ArrayList<>();
        try {
            return run(args, context, opened);
        } finally {
            for (Closeable handle : opened) {
                try {
                    handle.close();
                } catch (IOException e) {
                    // each on its own: one that fails to close has nothing left to lose
                }
            }
        }
    }

    private static ToolOutput run(JsonNode args, ToolCallContext context, List<Closeable> opened) throws IOException {
        Scan.History history = history(args, context, opened);
        List<Scan.Target> targets = new ArrayList<>();
        if (history == null) {
            for (JsonNode p : args.get("paths")) {
                targets.add(target(context, p.asText(), opened));
            }
        }
        Set<Category> checks = EnumSet.noneOf(Category.class);
        if (args.has("checks")) {
            args.get("checks").forEach(c -> checks.add(Category.ofCheck(c.asText())));
        } else if (history != null) {
            checks.add(Category.SECRET); // history is searched for leaked secrets, not for old code
        } else {
            checks.addAll(EnumSet.allOf(Category.class));
        }
        if (history != null && checks.contains(Category.DEPENDENCY)) {
            throw ToolError.of(ErrorCode.E4001, "deps cannot be checked in git history or staged changes");
        }
        List<Scan.Input> rules = new ArrayList<>();
        args.path("rules").forEach(r -> rules.add(input(context, r.asText())));
        String format = args.path("format").asText("summary");
        String output = args.has("output") ? args.get("output").asText() : null;
        if (output != null) {
            context.output(output).close(); // an output that may not be written fails before the scan, not after
        }
        Scan.Target osvDb = null;
        if (args.has("osv_db")) {
            String path = args.get("osv_db").asText();
            OpenDirectory dir = context.openDirectory(path);
            opened.add(dir);
            osvDb = new Scan.Target(new DirectoryEntry(dir, null, dir.path()), path, List.of());
        }
        Scan.Options options = new Scan.Options(
                targets,
                checks,
                rules,
                args.has("baseline") ? input(context, args.get("baseline").asText()) : null,
                osvDb,
                args.path("max_file_size").asLong(DEFAULT_MAX_FILE_SIZE),
                !args.path("no_ignore").asBoolean(false),
                Severity.parse(args.path("fail_on").asText("high")),
                Runtime.getRuntime().availableProcessors(),
                args.path("archives").asBoolean(true),
                history);
        context.log("info", startLine(options));
        ScanResult result;
        try {
            result = Scan.run(
                    options,
                    new Scan.Monitor(
                            progress -> context.progress(progress.files(), null, progressMessage(progress)),
                            context::isCancelled));
        } catch (ScanException e) {
            throw ToolError.of(ErrorCode.E4001, e.getMessage());
        } catch (Scan.Cancelled e) {
            throw ToolError.of(ErrorCode.E4006, "security_scan was cancelled");
        }
        context.log("info", resultLine(result));
        ObjectNode structured = ScanReport.json(
                result, BuildInfo.version(), args.path("max_findings").asInt(DEFAULT_MAX_FINDINGS));
        String report = render(result, format, args.path("color").asBoolean(false));
        String text;
        if (output != null) {
            byte[] bytes = (report + "\n").getBytes(StandardCharsets.UTF_8);
            Path written = context.write(output, null, true, out -> out.write(bytes));
            context.log("info", "report (" + format + ", " + bytes.length + " bytes) written");
            text = TextReport.summary(result, false) + "\nreport (" + format + ") written to " + written;
        } else {
            text = report;
        }
        if (structured.path("truncated").asBoolean() && format.equals("summary") && output == null) {
            text += "\n(structuredContent lists the first "
                    + structured.path("findings").size() + " of "
                    + result.findings().size() + " findings)";
        }
        return new ToolOutput(text, structured);
    }

    /** "1200 files, 12.3 MB", after the commits reached in history; the progress bar shows it as it is. */
    static String progressMessage(Scan.Progress progress) {
        String done = progress.files() + " files, " + ByteSizes.of(progress.bytes());
        return progress.commits() > 0 ? progress.commits() + " commits, " + done : done;
    }

    /**
     * The git repository of the one path, for {@code git} or {@code staged}, once every part of it
     * git reads is known to lie inside the caller's roots (E4003 otherwise); null for a scan of
     * files.
     */
    private static Scan.History history(JsonNode args, ToolCallContext context, List<Closeable> opened)
            throws IOException {
        boolean staged = args.path("staged").asBoolean(false);
        if (!args.has("git") && !staged) {
            return null;
        }
        if (args.has("git") && staged) {
            throw ToolError.of(ErrorCode.E4001, "git and staged are two different scans: give one");
        }
        if (args.get("paths").size() != 1) {
            throw ToolError.of(ErrorCode.E4001, "a git or staged scan takes one path: a directory of the repository");
        }
        LogOptions log;
        try {
            log = LogOptions.parse(args.path("git").path("log_opts").asText(""));
        } catch (LogOptions.Refused e) {
            throw ToolError.of(ErrorCode.E4001, e.getMessage());
        }
        OpenDirectory dir = context.openDirectory(args.get("paths").get(0).asText());
        opened.add(dir);
        GitRepository.Roots roots = new GitRepository.Roots() {
            @Override
            public OpenDirectory directory(Path path) {
                return context.openDirectory(path.toString());
            }

            @Override
            public byte[] read(Path path, long maxBytes) {
                return context.readFile(path.toString(), maxBytes);
            }

            @Override
            public boolean inside(Path path) {
                return insideRoots(context, path);
            }
        };
        try {
            return new Scan.History(GitRepository.locate(dir, roots, context::isCancelled), staged, log);
        } catch (GitRepository.Refused e) {
            throw ToolError.of(ErrorCode.E4003, e.getMessage());
        } catch (ScanException e) {
            throw ToolError.of(ErrorCode.E4001, e.getMessage());
        }
    }

    /**
     * A target opened inside the caller's roots, with the directories above it (up to its root)
     * whose .gitignore files apply to it. Paths in reports start as the caller wrote them, so
     * "scan ." gives repository-relative ones.
     */
    private static Scan.Target target(ToolCallContext context, String path, List<Closeable> opened) throws IOException {
        DirectoryEntry entry = context.entry(path);
        opened.add(entry);
        BasicFileAttributes attributes =
                entry.name() == null ? null : entry.directory().attributes(entry.name());
        if (entry.name() != null && attributes == null) {
            throw ToolError.of(ErrorCode.E4001, "no such file or directory: " + path);
        }
        List<OpenDirectory> ancestors = new ArrayList<>();
        if (attributes == null || attributes.isDirectory()) {
            for (Path up = entry.path().getParent(); up != null && insideRoots(context, up); up = up.getParent()) {
                OpenDirectory dir = context.openDirectory(up.toString());
                opened.add(dir);
                ancestors.add(dir);
            }
        }
        return new Scan.Target(entry, FileTree.slashes(Path.of(path).normalize()), ancestors);
    }

    private static boolean insideRoots(ToolCallContext context, Path path) {
        return context.grants().roots().stream().anyMatch(path::startsWith);
    }

    /** A file named by an argument (rules, baseline), read whole within {@link #MAX_INPUT_BYTES}. */
    private static Scan.Input input(ToolCallContext context, String path) {
        return new Scan.Input(path, context.readFile(path, MAX_INPUT_BYTES));
    }

    /*
     * The log lines (notifications/message for a client that asked): phases and counts only, never
     * a path, a rule's match or anything else read from the caller's files.
     */

    private static String startLine(Scan.Options options) {
        String checks =
                String.join(", ", options.checks().stream().map(Category::check).toList());
        String what = options.history() == null
                ? options.targets().size() + " path" + (options.targets().size() == 1 ? "" : "s")
                : options.history().staged() ? "the staged changes" : "git history";
        return "scanning " + what + " (checks: " + checks + ")";
    }

    private static String resultLine(ScanResult result) {
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT,
                "scanned %d files (%s) in %d ms: %d findings",
                result.filesScanned(),
                ByteSizes.of(result.bytesScanned()),
                result.durationMillis(),
                result.findings().size()));
        String separator = " (";
        for (Severity severity : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
            long count = result.count(severity);
            if (count > 0) {
                line.append(separator).append(count).append(' ').append(severity.id());
                separator = ", ";
            }
        }
        if (!separator.equals(" (")) {
            line.append(')');
        }
        if (result.git() != null && !result.git().staged()) {
            line.append("; ").append(result.git().commits()).append(" commits read");
        }
        return line.toString();
    }

    private static String render(ScanResult result, String format, boolean colour) {
        return switch (format) {
            case "text" -> TextReport.full(result, colour);
            case "json" -> Json.pretty(ScanReport.json(result, BuildInfo.version(), Integer.MAX_VALUE));
            case "sarif" -> Json.pretty(SarifReport.of(result, BuildInfo.version()));
            default -> TextReport.summary(result, colour);
        };
    }
}
