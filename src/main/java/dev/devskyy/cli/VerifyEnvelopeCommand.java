package dev.devskyy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code devskyy verify envelope FILE|ENVELOPE}: whether a platform envelope, a field document or
 * a devskyy encrypted file authenticates; no plaintext is written anywhere.
 */
@Command(
        name = "envelope",
        mixinStandardHelpOptions = true,
        description = "Check that an envelope, a field document (JSON file) or a devskyy encrypted file "
                + "authenticates under the key or password; exit 0 if it does, 1 if not.")
final class VerifyEnvelopeCommand implements Callable<Integer> {
    private static final byte[] FILE_MAGIC = "DSKYENC".getBytes(StandardCharsets.US_ASCII);
    private final CliContext context;

    @Parameters(
            paramLabel = "FILE|ENVELOPE",
            description = "A file (encrypted file, JSON document, or envelope text) or an envelope.")
    String target;

    @Option(names = "--aad", paramLabel = "TEXT", description = "Associated data of an envelope.")
    String aad;

    @Option(names = "--context", paramLabel = "TEXT", description = "Context bound into field values.")
    String fieldContext;

    @Option(
            names = "--field",
            paramLabel = "NAME",
            description = "Field to check, instead of the sensitive ones (repeatable).")
    List<String> fieldNames = new ArrayList<>();

    @Mixin
    KeyOptions keys;

    @Mixin
    RuntimeOptions runtimeOptions;

    VerifyEnvelopeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        ToolInvocation invocation = new ToolInvocation(context, runtimeOptions);
        Path file = Path.of(target);
        ToolCallResult result;
        if (!Files.isRegularFile(file)) {
            result = invocation.run("crypto_verify", envelope(target), keys.metadata(), List.of());
        } else if (startsWithMagic(file)) {
            result = invocation.run(
                    "crypto_verify_file", Json.object().put("path", target), keys.metadata(), List.of(target));
        } else {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            ObjectNode arguments = document(content);
            result = invocation.run(
                    "crypto_verify",
                    arguments != null ? arguments : envelope(content.strip()),
                    keys.metadata(),
                    List.of());
        }
        int code = invocation.print(result, false);
        if (code != ExitCodes.SUCCESS) {
            return code;
        }
        return result.structuredContent().path("authentic").asBoolean() ? ExitCodes.SUCCESS : ExitCodes.NEGATIVE;
    }

    private ObjectNode envelope(String text) {
        ObjectNode arguments = Json.object().put("envelope", text);
        if (aad != null) {
            arguments.put("aad", aad);
        }
        return arguments;
    }

    /** The arguments for a field document, or null when the text is not a JSON object. */
    private ObjectNode document(String text) {
        JsonNode parsed;
        try {
            parsed = Json.parse(text);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (!(parsed instanceof ObjectNode document)) {
            throw ToolError.of(ErrorCode.E4001, "a field document must be a JSON object");
        }
        ObjectNode arguments = Json.object();
        arguments.set("document", document);
        if (!fieldNames.isEmpty()) {
            arguments.set("fields", Json.tree(fieldNames));
        }
        if (fieldContext != null) {
            arguments.put("context", fieldContext);
        }
        return arguments;
    }

    private static boolean startsWithMagic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(FILE_MAGIC.length), FILE_MAGIC);
        }
    }
}
