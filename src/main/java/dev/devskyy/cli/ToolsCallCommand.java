package dev.devskyy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.io.BoundedRead;
import dev.devskyy.io.IoFailure;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Cancellation;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallRequest;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolRuntime;
import dev.devskyy.runtime.ToolSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code devskyy tools call NAME}: runs one tool through the permissioned runtime. */
@Command(
        name = "call",
        mixinStandardHelpOptions = true,
        description = "Call a tool. Nothing is permitted unless granted with --allow/--root/--allow-host/--policy.")
final class ToolsCallCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "NAME", description = "The tool's name.")
    String name;

    @Secret
    @Option(
            names = "--arg",
            paramLabel = "KEY=VALUE",
            description = "One argument (repeatable). The value is read as the type the tool's schema asks for.")
    List<String> args = new ArrayList<>();

    @Secret
    @Option(
            names = "--args-json",
            paramLabel = "JSON|@FILE|-",
            description = "All arguments as a JSON object, inline, from a file, or from stdin; --arg adds to it.")
    String argsJson;

    @Option(
            names = "--idempotency-key",
            paramLabel = "KEY",
            description = "Replay the stored result when this key was used before with the same arguments.")
    String idempotencyKey;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Override the tool's timeout (e.g. 500ms, 30s, 2m).")
    Duration timeout;

    @Option(names = "--json", description = "Print the whole result as JSON (the MCP CallToolResult shape).")
    boolean json;

    @Mixin
    PolicyOptions policy;

    @Mixin
    RuntimeOptions runtimeOptions;

    ToolsCallCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ShellScope shell = context.shell();
        Caller caller = shell == null ? policy.resolve(context) : shell.caller();
        if (shell != null && policy.isGiven()) {
            throw ToolError.of(
                    ErrorCode.E4001, "in the shell, grants are the session's: see 'grants', switch with 'actor NAME'");
        }
        try (ToolRuntime runtime = runtimeOptions.newRuntime(context)) {
            Optional<ToolSpec> spec = runtime.registry().find(name);
            ObjectNode arguments = arguments(spec);
            ToolCallRequest request = ToolCallRequest.builder(name, arguments, caller)
                    .idempotencyKey(idempotencyKey)
                    .timeout(timeout)
                    .cancellation(shell == null ? new Cancellation() : shell.cancellation())
                    .observer(new LoggingObserver(name))
                    .build();
            ToolCallResult result = runtime.call(request);
            print(result);
            return result.failure().map(e -> ExitCodes.forError(e.code())).orElse(ExitCodes.SUCCESS);
        }
    }

    private void print(ToolCallResult result) {
        if (json) {
            ObjectNode node = result.toJson();
            ObjectNode meta = node.putObject("_meta");
            meta.put("dev.devskyy/correlationId", result.correlationId());
            meta.put("dev.devskyy/executionMs", result.executionMillis());
            meta.put("dev.devskyy/attempts", result.attempts());
            meta.put("dev.devskyy/replayed", result.replayed());
            context.out().println(Json.pretty(node));
        } else if (!result.isError()) {
            context.out().println(result.text());
        }
        if (result.isError()) {
            context.err().println(result.text());
        }
    }

    private ObjectNode arguments(Optional<ToolSpec> spec) {
        ObjectNode arguments = argsJson == null ? Json.object() : parseObject(readArgsJson());
        JsonNode properties = spec.map(s -> s.inputSchema().path("properties")).orElse(Json.object());
        for (String pair : args) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                // not quoted: an --arg value may be a secret or plaintext
                throw ToolError.of(
                        ErrorCode.E4001, "--arg expects KEY=VALUE; one has no '=' (" + pair.length() + " characters)");
            }
            String key = pair.substring(0, eq);
            arguments.set(key, ArgumentValue.typed(pair.substring(eq + 1), properties.path(key)));
        }
        return arguments;
    }

    private String readArgsJson() {
        try {
            // At most a bound's worth is read, from stdin or a regular file (never a FIFO or device).
            if ("-".equals(argsJson)) {
                byte[] content = context.in().readNBytes((int) ToolInvocation.MAX_DOCUMENT + 1);
                if (content.length > ToolInvocation.MAX_DOCUMENT) {
                    throw ToolError.of(
                            ErrorCode.E4001,
                            "--args-json: stdin holds more than " + ToolInvocation.MAX_DOCUMENT + " bytes");
                }
                return new String(content, StandardCharsets.UTF_8);
            }
            if (argsJson.startsWith("@")) {
                return BoundedRead.strictUtf8(
                        BoundedRead.bytes(Path.of(argsJson.substring(1)), ToolInvocation.MAX_DOCUMENT));
            }
            return argsJson;
        } catch (IOException e) {
            throw ToolError.of(ErrorCode.E4001, "--args-json: cannot read " + argsJson + ": " + IoFailure.reasonOf(e));
        }
    }

    private static ObjectNode parseObject(String text) {
        try {
            if (Json.parse(text) instanceof ObjectNode object) {
                return object;
            }
            throw ToolError.of(ErrorCode.E4001, "--args-json must be a JSON object");
        } catch (JsonProcessingException e) {
            throw ToolError.of(ErrorCode.E4001, "--args-json is not valid JSON " + Json.where(e));
        }
    }
}
