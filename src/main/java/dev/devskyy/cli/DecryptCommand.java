package dev.devskyy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code devskyy decrypt}: the inverse of encrypt; nothing is released before it authenticates. */
@Command(
        name = "decrypt",
        mixinStandardHelpOptions = true,
        description = "Decrypt a devskyy file, a platform envelope, or the encrypted fields of a JSON document.")
final class DecryptCommand extends CipherCommand {
    @Option(names = "--lenient", description = "With --fields: leave values that do not decrypt as they are.")
    boolean lenient;

    DecryptCommand(CliContext context) {
        super(context);
    }

    @Override
    String envelopeTool() {
        return "crypto_decrypt";
    }

    @Override
    String envelopeArgument() {
        return "envelope";
    }

    @Override
    String fileTool() {
        return "crypto_decrypt_file";
    }

    @Override
    String fieldsTool() {
        return "crypto_decrypt_fields";
    }

    @Override
    void addFieldArguments(ObjectNode arguments) {
        arguments.put("lenient", lenient);
    }
}
