package dev.devskyy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.io.BoundedRead;
import dev.devskyy.io.IoFailure;
import dev.devskyy.logging.StderrLogging;
import dev.devskyy.runtime.CallObserver;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.CallerStreams;
import dev.devskyy.runtime.Cancellation;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.Policy;
import dev.devskyy.runtime.ToolCallRequest;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolRuntime;
import dev.devskyy.terminal.ProgressBar;
import dev.devskyy.terminal.ProgressDisplay;
import dev.devskyy.terminal.TerminalSettings;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * How a command that fronts one tool runs it: it grants what the command declares (its {@link
 * CommandAccess}; in the shell, the session's grants instead), the key settings travel as metadata, stdin and stdout are the caller's streams,
 * and failures print as one line with the table's exit code.
 */
final class ToolInvocation {
    /** The largest text an {@code @FILE} may hold: a JWT, a CSP or claims are a few KiB at most. */
    static final long MAX_TEXT_FILE = 1 << 20;
    /** The largest document (a field document, an envelope) read from stdin or a named file. */
    static final long MAX_DOCUMENT = 64L << 20;

    private final CliContext context;
    private final RuntimeOptions runtimeOptions;

    ToolInvocation(CliContext context, RuntimeOptions runtimeOptions) {
        this.context = context;
        this.runtimeOptions = runtimeOptions;
    }

    /**
     * The result of {@code tool}, allowed to touch only what {@code access} grants; in the shell,
     * only what the session grants, and cancelled by its Ctrl-C.
     */
    ToolCallResult run(String tool, ObjectNode arguments, Map<String, String> metadata, CommandAccess access) {
        return run(tool, arguments, metadata, access, new LoggingObserver(tool));
    }

    /**
     * As {@link #run(String, ObjectNode, Map, CommandAccess)}, for long work: its progress, which the
     * tool counts in {@code unit}, is drawn as a bar when stderr is a terminal. Not with -q, nor
     * with -v, whose log lines already tell the progress and would break the bar's line.
     */
    ToolCallResult run(
            String tool,
            ObjectNode arguments,
            Map<String, String> metadata,
            CommandAccess access,
            ProgressBar.Unit unit) {
        boolean wanted = "warn".equalsIgnoreCase(StderrLogging.level());
        try (ProgressDisplay progress = new ProgressDisplay(
                new LoggingObserver(tool),
                context.err(),
                unit,
                TerminalSettings.of(context.env()),
                wanted,
                System::nanoTime)) {
            return run(tool, arguments, metadata, access, progress);
        }
    }

    private ToolCallResult run(
            String tool,
            ObjectNode arguments,
            Map<String, String> metadata,
            CommandAccess access,
            CallObserver observer) {
        ShellScope shell = context.shell();
        Caller caller = shell == null ? new Caller(Policy.DEFAULT_ACTOR, access.grants(), null) : shell.caller();
        try (ToolRuntime runtime = runtimeOptions.newRuntime(context)) {
            return runtime.call(ToolCallRequest.builder(tool, arguments, caller)
                    .metadata(metadata)
                    .cancellation(shell == null ? new Cancellation() : shell.cancellation())
                    .streams(new CallerStreams(context.in(), context.out(), context.terminal()))
                    .observer(observer)
                    .build());
        }
    }

    /**
     * Prints the error on stderr, or the result's text where it belongs: on stdout, unless stdout
     * carries the data itself, and then on stderr. Gives the exit code.
     */
    int print(ToolCallResult result, boolean stdoutIsData) {
        if (result.isError()) {
            context.err().println(result.text());
            return ExitCodes.forError(result.failure().map(ToolError::code).orElse(ErrorCode.E5003));
        }
        (stdoutIsData ? context.err() : context.out()).println(result.text());
        return ExitCodes.SUCCESS;
    }

    /** As {@link #print}, with the structured content as JSON on stdout instead of the text (--json). */
    int printJson(ToolCallResult result) {
        if (result.isError()) {
            return print(result, false);
        }
        context.out().println(Json.pretty(result.structuredContent()));
        return ExitCodes.SUCCESS;
    }

    /**
     * A text given inline, as {@code -} for stdin or as {@code @FILE}, without surrounding white
     * space. Stdin or the file (a regular file) must hold at most {@link #MAX_TEXT_FILE} bytes of UTF-8.
     */
    String text(String value) {
        if ("-".equals(value)) {
            return utf8(stdinBytes(MAX_TEXT_FILE), "stdin");
        }
        if (value.startsWith("@")) {
            String file = value.substring(1);
            try {
                return utf8(BoundedRead.bytes(Path.of(file), MAX_TEXT_FILE), "text file " + file);
            } catch (IOException | InvalidPathException e) {
                throw ToolError.of(ErrorCode.E4001, "cannot read " + file + ": " + IoFailure.reasonOf(e));
            }
        }
        return value;
    }

    /** A document named by its path: a regular file of at most {@link #MAX_DOCUMENT} bytes of UTF-8. */
    String document(String file) {
        try {
            return utf8(BoundedRead.bytes(Path.of(file), MAX_DOCUMENT), "file " + file);
        } catch (IOException | InvalidPathException e) {
            throw ToolError.of(ErrorCode.E4001, "cannot read " + file + ": " + IoFailure.reasonOf(e));
        }
    }

    /** Stdin, refused past {@code max} bytes: at most max + 1 are read, so no stream exhausts the heap. */
    private byte[] stdinBytes(long max) {
        try {
            byte[] content = context.in().readNBytes((int) max + 1);
            if (content.length > max) {
                throw ToolError.of(ErrorCode.E4001, "stdin holds more than " + max + " bytes");
            }
            return content;
        } catch (IOException e) {
            throw ToolError.of(ErrorCode.E4001, "cannot read stdin: " + IoFailure.reasonOf(e));
        }
    }

    private static String utf8(byte[] content, String what) {
        try {
            return BoundedRead.strictUtf8(content).strip();
        } catch (CharacterCodingException e) {
            throw ToolError.of(ErrorCode.E4001, what + " is not UTF-8 text");
        }
    }

    /** The whole of stdin as text (at most {@link #MAX_DOCUMENT} bytes), for {@code -} where a document is expected. */
    String stdin() {
        return new String(stdinBytes(MAX_DOCUMENT), StandardCharsets.UTF_8);
    }
}
