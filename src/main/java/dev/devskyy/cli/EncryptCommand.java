package dev.devskyy.cli;

import picocli.CommandLine.Command;

/** {@code devskyy encrypt}: files, platform envelopes and field documents. */
@Command(
        name = "encrypt",
        mixinStandardHelpOptions = true,
        description = "Encrypt a file (devskyy format, AES-256-GCM), a text as a platform envelope, or the "
                + "sensitive fields of a JSON document.")
final class EncryptCommand extends CipherCommand {
    EncryptCommand(CliContext context) {
        super(context);
    }

    @Override
    String envelopeTool() {
        return "crypto_encrypt";
    }

    @Override
    String envelopeArgument() {
        return "text";
    }

    @Override
    String fileTool() {
        return "crypto_encrypt_file";
    }

    @Override
    String fieldsTool() {
        return "crypto_encrypt_fields";
    }
}
