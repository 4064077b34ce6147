package dev.devskyy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    public Integer call() {
        ToolInvocation invocation = new ToolInvocation(context, runtimeOptions);
        ObjectNode arguments = Json.object();
        if (aad != null) {
            arguments.put("aad", aad);
        }
        ToolCallResult result;
        if (Files.isRegularFile(Path.of(target))) {
            // What the file holds (an encrypted file, a field document or an envelope) is the tool's to tell.
            arguments.put("path", target);
            if (!fieldNames.isEmpty()) {
                arguments.set("fields", Json.tree(fieldNames));
            }
            if (fieldContext != null) {
                arguments.put("context", fieldContext);
            }
            result = invocation.run(
                    "crypto_verify_file", arguments, keys.metadata(), CommandAccess.reading(List.of(target)));
        } else {
            arguments.put("envelope", target.strip());
            result = invocation.run("crypto_verify", arguments, keys.metadata(), CommandAccess.NONE);
        }
        return Verdict.passesWhen("authentic").report(invocation, result, false);
    }
}
