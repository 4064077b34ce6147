package dev.devskyy.cli;

import picocli.CommandLine.Command;

/** {@code devskyy rotate}: re-encrypts under the keyring's current key, whatever key made it. */
@Command(
        name = "rotate",
        mixinStandardHelpOptions = true,
        description = "Re-encrypt a devskyy file, a platform envelope or a field document under the keyring's "
                + "current key (give --keyring, or set DEVSKYY_KEYRING).")
final class RotateCommand extends CipherCommand {
    RotateCommand(CliContext context) {
        super(context);
    }

    @Override
    String envelopeTool() {
        return "crypto_rotate";
    }

    @Override
    String envelopeArgument() {
        return "envelope";
    }

    @Override
    String fileTool() {
        return "crypto_rotate_file";
    }

    @Override
    String fieldsTool() {
        return "crypto_rotate_fields";
    }
}
