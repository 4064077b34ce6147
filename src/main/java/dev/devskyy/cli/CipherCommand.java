package dev.devskyy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.terminal.ProgressBar;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code encrypt} and {@code decrypt} share: three kinds of input (a file in the devskyy
 * format, a platform envelope, a JSON document's fields), each a thin front over one tool.
 */
abstract class CipherCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(arity = "0..1", paramLabel = "FILE|-", description = "The file to read; - for stdin.")
    String input;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "OUT|-",
            description = "Where the file goes; - for stdout (default: derived from FILE, stdout for stdin).")
    String output;

    @Option(
            names = "--envelope",
            arity = "0..1",
            fallbackValue = "-",
            paramLabel = "TEXT|-",
            description = "Work on a platform envelope v{N}:{iv}:{ciphertext} (the text, or stdin); prints one line.")
    String envelope;

    @Option(
            names = "--fields",
            arity = "0..1",
            fallbackValue = "-",
            paramLabel = "JSONFILE|-",
            description = "Work on the sensitive fields of a JSON document (a file, or stdin); prints the document.")
    String fields;

    @Option(names = "--aad", paramLabel = "TEXT", description = "Associated data of an envelope.")
    String aad;

    @Option(names = "--context", paramLabel = "TEXT", description = "Context bound into field values (e.g. user:42).")
    String fieldContext;

    @Option(
            names = "--field",
            paramLabel = "NAME",
            description = "Field to act on, instead of the sensitive ones (repeatable).")
    List<String> fieldNames = new ArrayList<>();

    @Option(names = "--force", description = "Replace an existing output file.")
    boolean force;

    @Mixin
    KeyOptions keys;

    @Mixin
    RuntimeOptions runtimeOptions;

    CipherCommand(CliContext context) {
        this.context = context;
    }

    /** The tools this direction uses: for envelopes, for files, for field documents. */
    abstract String envelopeTool();

    /** The envelope tool's argument for the text: the plaintext or the envelope. */
    abstract String envelopeArgument();

    abstract String fileTool();

    abstract String fieldsTool();

    /** Arguments the field tool of this direction adds (decrypt: lenient). */
    void addFieldArguments(ObjectNode arguments) {}

    @Override
    public Integer call() {
        ToolInvocation invocation = new ToolInvocation(context, runtimeOptions);
        ObjectNode arguments = Json.object();
        if (envelope != null) {
            String text = "-".equals(envelope) ? invocation.stdin().strip() : envelope;
            arguments.put(envelopeArgument(), text);
            if (aad != null) {
                arguments.put("aad", aad);
            }
            return invocation.print(
                    invocation.run(envelopeTool(), arguments, keys.metadata(), CommandAccess.KEYS), false);
        }
        if (fields != null) {
            arguments.set("document", document(invocation));
            if (!fieldNames.isEmpty()) {
                arguments.set("fields", Json.tree(fieldNames));
            }
            if (fieldContext != null) {
                arguments.put("context", fieldContext);
            }
            addFieldArguments(arguments);
            return invocation.print(
                    invocation.run(fieldsTool(), arguments, keys.metadata(), CommandAccess.KEYS), false);
        }
        if (input == null) {
            throw ToolError.of(ErrorCode.E4002, "give a FILE (or - for stdin), --envelope or --fields");
        }
        arguments.put("path", input);
        if (output != null) {
            arguments.put("output", output);
        }
        arguments.put("overwrite", force);
        // the output is derived beside the input when not named
        CommandAccess access = CommandAccess.reading(List.of(input))
                .andWriting(output == null ? input : output)
                .and(CommandAccess.KEYS);
        boolean toStdout = "-".equals(output) || (output == null && "-".equals(input));
        return invocation.print(
                invocation.run(fileTool(), arguments, keys.metadata(), access, ProgressBar.Unit.BYTES), toStdout);
    }

    private ObjectNode document(ToolInvocation invocation) {
        String text = "-".equals(fields) ? invocation.stdin() : invocation.document(fields);
        try {
            JsonNode document = Json.parse(text);
            if (document instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            throw ToolError.of(ErrorCode.E4001, "--fields: not valid JSON " + Json.where(e));
        }
        throw ToolError.of(ErrorCode.E4001, "--fields: the document must be a JSON object");
    }
}
