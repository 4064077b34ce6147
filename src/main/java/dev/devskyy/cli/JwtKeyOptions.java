package dev.devskyy.cli;

import dev.devskyy.runtime.CallMetadata;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where a JWT secret is: in a variable or a file, never on the command line. The {@code --key} file
 * stays with each command, since one reads public keys and the other private ones.
 */
final class JwtKeyOptions {
    @Secret
    @Option(names = "--secret-env", paramLabel = "VAR", description = "HMAC secret in an environment variable.")
    String secretEnv;

    @Secret
    @Option(names = "--secret-file", paramLabel = "FILE", description = "HMAC secret in a file.")
    Path secretFile;

    /** These settings and the command's key file (or null) as call metadata, for the jwt tools. */
    Map<String, String> metadata(Path keyFile) {
        Map<String, String> metadata = new HashMap<>();
        if (secretEnv != null) {
            metadata.put(CallMetadata.JWT_SECRET_ENV, secretEnv);
        }
        if (secretFile != null) {
            metadata.put(CallMetadata.JWT_SECRET_FILE, secretFile.toString());
        }
        if (keyFile != null) {
            metadata.put(CallMetadata.JWT_KEY_FILE, keyFile.toString());
        }
        return metadata;
    }
}
