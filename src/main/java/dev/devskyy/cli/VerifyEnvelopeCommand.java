package dev.devskyy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.io.BoundedRead;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
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
    /** The largest envelope or field document read as text. */
    private static final long MAX_TEXT = 16 << 20;

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
        boolean isFile = Files.isRegularFile(file);
        String text = isFile ? textOf(file) : target;
        ToolCallResult result;
        if (text == null) {
            // Ours by its magic, or no text at all: the file reader says what is wrong with its header.
            result = invocation.run(
                    "crypto_verify_file", Json.object().put("path", target), keys.metadata(), List.of(target));
        } else {
            ObjectNode arguments = isFile ? document(text) : null;
            result = invocation.run(
                    "crypto_verify",
                    arguments != null ? arguments : envelope(text.strip()),
                    keys.metadata(),
                    List.of());
        }
        int code = invocation.print(result, false);
        if (code != ExitCodes.SUCCESS) {
            return code;
        }
        return result.structuredContent().path("authentic").asBoolean() ? ExitCodes.SUCCESS : ExitCodes.NEGATIVE;
    }

    /**
     * The file as text (a JSON document or an envelope), or null when it is to be read as an
     * encrypted file: it starts with the magic, or it is binary or larger than any text we read
     * (e.g. an encrypted file whose magic was damaged).
     */
    private static String textOf(Path file) throws IOException {
        if (startsWithMagic(file) || Files.size(file) > MAX_TEXT) {
            return null;
        }
        byte[] content = BoundedRead.bytes(file, MAX_TEXT);
        try {
            return BoundedRead.strictUtf8(content);
        } catch (CharacterCodingException e) {
            return null;
        }
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
