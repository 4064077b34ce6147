package dev.devskyy.cli;

import dev.devskyy.runtime.CallMetadata;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the key or password comes from. Never the command line itself: it would land in shell history. */
final class KeyOptions {
    @Secret
    @Option(
            names = "--key-env",
            paramLabel = "VAR",
            description = "Environment variable holding the base64 key (default: ENCRYPTION_MASTER_KEY).")
    String keyEnv;

    @Secret
    @Option(names = "--key-file", paramLabel = "FILE", description = "File holding the key: 32 raw bytes or base64.")
    Path keyFile;

    @Secret
    @Option(
            names = "--keyring",
            paramLabel = "FILE",
            description =
                    "Keyring JSON: {\"current\": \"v2\", \"keys\": {\"v1\": \"<base64>\", …}} (or $DEVSKYY_KEYRING).")
    Path keyring;

    @Secret
    @Option(
            names = "--password-file",
            paramLabel = "FILE",
            description = "Protect or open files with the password in FILE.")
    Path passwordFile;

    @Secret
    @Option(
            names = "--password-env",
            paramLabel = "VAR",
            description = "Protect or open files with the password in VAR.")
    String passwordEnv;

    @Secret
    @Option(names = "--password", description = "Ask for a password on the terminal, without echo.")
    boolean prompt;

    /**
     * The settings as call metadata, for the crypto tools. With none of them, the tools ask the
     * person at the terminal (the call's {@code CallerStreams.terminal}) when there is one.
     */
    Map<String, String> metadata() {
        Map<String, String> metadata = new HashMap<>();
        put(metadata, CallMetadata.KEY_ENV, keyEnv);
        put(metadata, CallMetadata.KEY_FILE, keyFile);
        put(metadata, CallMetadata.KEYRING, keyring);
        put(metadata, CallMetadata.PASSWORD_FILE, passwordFile);
        put(metadata, CallMetadata.PASSWORD_ENV, passwordEnv);
        if (prompt) {
            metadata.put(CallMetadata.PASSWORD_PROMPT, "true");
        }
        return metadata;
    }

    private static void put(Map<String, String> metadata, String key, Object value) {
        if (value != null) {
            metadata.put(key, value.toString());
        }
    }
}
