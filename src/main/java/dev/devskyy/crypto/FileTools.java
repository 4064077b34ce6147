package dev.devskyy.crypto;

import static dev.devskyy.crypto.CryptoTools.guarded;
import static dev.devskyy.crypto.CryptoTools.verdict;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.io.ReadableFile;
import dev.devskyy.runtime.CallerStreams;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallContext;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolHandler;
import dev.devskyy.runtime.ToolOutput;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The file tools, in the devskyy file format (docs/file-format.md): encrypt, decrypt, re-encrypt
 * under the current key, and check. On the command line {@code -} names stdin or stdout.
 */
final class FileTools {
    private static final String FILE_INPUT_SCHEMA = """
            {"type":"object","additionalProperties":false,"required":["path"],
             "properties":{
               "path":{"type":"string","minLength":1,"description":"Input file."},
               "output":{"type":"string","minLength":1,"description":"Output file (default: derived from path)."},
               "overwrite":{"type":"boolean","default":false}}}
            """;
    private static final String OUTPUT_PATH_SCHEMA = """
            {"type":"object","additionalProperties":false,"required":["path","bytes"],
             "properties":{"path":{"type":"string"},"bytes":{"type":"integer","minimum":0}}}
            """;
    /** A file tool streams the whole file, whatever its size. */
    private static final Duration TIMEOUT = Duration.ofHours(1);

    private final CryptoTools.CallKeys keys;

    private FileTools(CryptoTools.CallKeys keys) {
        this.keys = keys;
    }

    static List<ToolSpec> all(CryptoTools.CallKeys keys) {
        FileTools tools = new FileTools(keys);
        return List.of(tools.encryptFile(), tools.decryptFile(), tools.rotateFile(), tools.verifyFile());
    }

    private ToolSpec encryptFile() {
        return fileToFile("crypto_encrypt_file")
                .title("Encrypt a file")
                .description("devskyy file format (AES-256-GCM STREAM, 64 KiB segments); output defaults to path.dsky.")
                .handler(transform(new Transform(
                        "encrypting", input -> input + ".dsky", source -> (in, out) -> encryptStream(source, in, out))))
                .build();
    }

    private ToolSpec decryptFile() {
        return fileToFile("crypto_decrypt_file")
                .title("Decrypt a file")
                .description("Decrypts a devskyy encrypted file; output appears only once every segment authenticated.")
                .handler(transform(new Transform(
                        "decrypting",
                        input -> input.endsWith(".dsky") ? input.substring(0, input.length() - 5) : input + ".out",
                        source -> (in, out) -> FileCipher.decrypt(in, out, source::forFile))))
                .build();
    }

    private ToolSpec rotateFile() {
        return fileToFile("crypto_rotate_file")
                .title("Re-encrypt a file under the current key")
                .description("Re-encrypts a key-protected devskyy file with the keyring's current key, streaming.")
                .handler(transform(new Transform(
                        "re-encrypting",
                        input -> input + ".rotated",
                        source -> (in, out) -> FileCipher.rotate(in, out, source.masterKeys()))))
                .build();
    }

    private ToolSpec verifyFile() {
        return ToolSpec.builder("crypto_verify_file")
                .version("1.1.0")
                .title("Check that an encrypted file, envelope file or field document authenticates")
                .description("Reads a devskyy encrypted file through and says whether every segment authenticates; "
                        + "a file holding an envelope or a field document (JSON) is checked as crypto_verify "
                        + "checks it. Nothing is written.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,"required":["path"],
                         "properties":{
                           "path":{"type":"string","minLength":1},
                           "aad":{"type":"string","description":"Associated data, when the file holds an envelope."},
                           "fields":{"type":"array","items":{"type":"string","minLength":1},
                             "description":"Fields to check when the file is a document."},
                           "context":{"type":"string","description":"Context bound into a document's fields."}}}
                        """)
                .outputSchema(CryptoTools.VERDICT_SCHEMA)
                .permissions(ToolPermission.FILESYSTEM_READ)
                .idempotent(true)
                .timeout(TIMEOUT)
                .longRunning(true)
                .handler(guarded((args, context) -> {
                    String input = args.get("path").asText();
                    KeySource source = keys.of(context);
                    try (ReadableFile file = input.equals("-") ? null : context.openFile(input, Long.MAX_VALUE);
                            InputStream in = file == null ? streams(context).in() : file.stream()) {
                        FileContent content = FileContent.of(in);
                        if (content instanceof FileContent.Text text) {
                            return EnvelopeTools.verifyEnvelopeOrFields(
                                    source.masterKeys(), text.verifyArguments(args));
                        }
                        InputStream encrypted = ((FileContent.Encrypted) content).in();
                        context.log("info", "checking every segment of an encrypted file");
                        return verdict(
                                "file",
                                0,
                                () -> FileCipher.decrypt(encrypted, OutputStream.nullOutputStream(), source::forFile));
                    }
                }))
                .build();
    }

    /** What the tools from a file to a file (or stdin to stdout on the command line) share. */
    private static ToolSpec.Builder fileToFile(String name) {
        return ToolSpec.builder(name)
                .version("1.0.0")
                .inputSchema(FILE_INPUT_SCHEMA)
                .outputSchema(OUTPUT_PATH_SCHEMA)
                .permissions(ToolPermission.FILESYSTEM_READ, ToolPermission.FILESYSTEM_WRITE, ToolPermission.KEYS_USE)
                .timeout(TIMEOUT)
                .longRunning(true);
    }

    /** A stream-to-stream step, counting the plaintext bytes. */
    @FunctionalInterface
    private interface Step {
        long apply(InputStream in, OutputStream out) throws IOException;
    }

    /**
     * What one file-to-file tool does.
     *
     * @param doing what the step does, e.g. "encrypting", for its log and progress messages: never a
     *     path, a key or anything of the file
     * @param defaultOutput the output path for an input path, when the call names none
     * @param step the streaming step, with the call's keys
     */
    private record Transform(String doing, UnaryOperator<String> defaultOutput, Function<KeySource, Step> step) {}

    private ToolHandler transform(Transform transform) {
        return guarded((args, context) -> {
            String input = args.get("path").asText();
            String output = args.path("output")
                    .asText(input.equals("-") ? "-" : transform.defaultOutput().apply(input));
            Step step = transform.step().apply(keys.of(context));
            context.log("info", transform.doing() + " a file in 64 KiB segments");
            long[] bytes = {0};
            String shown = "-";
            try (ReadableFile file = input.equals("-") ? null : context.openFile(input, Long.MAX_VALUE);
                    InputStream in = context.reportingProgress(
                            file == null ? streams(context).in() : file.stream(),
                            file == null ? null : (double) file.size(),
                            transform.doing())) {
                if (output.equals("-")) {
                    OutputStream out = streams(context).out();
                    bytes[0] = step.apply(in, out);
                    out.flush();
                } else {
                    shown = context.write(
                                    output,
                                    file,
                                    args.path("overwrite").asBoolean(),
                                    out -> bytes[0] = step.apply(in, out))
                            .toString();
                }
            }
            context.log(
                    "info",
                    "done: " + bytes[0] + " bytes of plaintext"
                            + (output.equals("-") ? " streamed" : "; the output appeared whole, in one rename"));
            ObjectNode result = Json.object();
            result.put("path", shown);
            result.put("bytes", bytes[0]);
            return new ToolOutput(shown + " (" + bytes[0] + " bytes of plaintext)", result);
        });
    }

    /** Protected by the password when one was given, else by the current master key. */
    private static long encryptStream(KeySource source, InputStream in, OutputStream out) throws IOException {
        if (source.hasPassword()) {
            FileHeader.KeySpec.Password spec = FileHeader.newPasswordSpec();
            byte[] ikm = Pbkdf2.derive(source.newPassword(), spec.salt(), spec.iterations(), MasterKeys.KEY_BYTES);
            return FileCipher.encrypt(in, out, FileHeader.create(spec), ikm);
        }
        MasterKeys master = source.masterKeys();
        FileHeader header = FileHeader.create(new FileHeader.KeySpec.Named(master.currentVersion()));
        return FileCipher.encrypt(in, out, header, master.current());
    }

    private static CallerStreams streams(ToolCallContext context) {
        return context.streams()
                .orElseThrow(() -> ToolError.of(ErrorCode.E4001, "'-' (stdin/stdout) is only for the command line"));
    }
}
