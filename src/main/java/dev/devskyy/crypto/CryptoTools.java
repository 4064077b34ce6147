package dev.devskyy.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.io.ReadableFile;
import dev.devskyy.runtime.CallMetadata;
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
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The tools of the crypto capability. Keys come from the server's environment or from settings
 * the CLI passes as call metadata, never from tool arguments, and never appear in results.
 */
public final class CryptoTools {
    private static final String OUTPUT_PATH_SCHEMA = """
            {"type":"object","additionalProperties":false,"required":["path","bytes"],
             "properties":{"path":{"type":"string"},"bytes":{"type":"integer","minimum":0}}}
            """;
    private static final String FILE_INPUT_SCHEMA = """
            {"type":"object","additionalProperties":false,"required":["path"],
             "properties":{
               "path":{"type":"string","minLength":1,"description":"Input file."},
               "output":{"type":"string","minLength":1,"description":"Output file (default: derived from path)."},
               "overwrite":{"type":"boolean","default":false}}}
            """;
    private static final String FIELDS_INPUT = """
            {"type":"object","additionalProperties":false,"required":["document"],
             "properties":{
               "document":{"type":"object"},
               "fields":{"type":"array","items":{"type":"string","minLength":1},
                 "description":"Field names instead of the platform's sensitive ones."},
               "context":{"type":"string","description":"Binds the values to e.g. a user id."}%s}}
            """;

    private final Map<String, String> env;

    private CryptoTools(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Every crypto tool, taking keys from {@code env} (ENCRYPTION_MASTER_KEY, DEVSKYY_KEYRING). */
    public static List<ToolSpec> all(Map<String, String> env) {
        CryptoTools tools = new CryptoTools(env);
        return List.of(
                fileHash(),
                tokenGenerate(),
                tools.encrypt(),
                tools.decrypt(),
                tools.encryptFile(),
                tools.decryptFile(),
                tools.encryptFields(),
                tools.decryptFields(),
                tools.verify(),
                tools.verifyFile(),
                tools.rotate(),
                tools.rotateFields(),
                tools.rotateFile(),
                dataMask(),
                keygen());
    }

    // ---------------------------------------------------------------- platform envelopes

    ToolSpec encrypt() {
        return ToolSpec.builder("crypto_encrypt")
                .version("1.0.0")
                .title("Encrypt text as a platform envelope")
                .description("AES-256-GCM envelope v{N}:{iv}:{ciphertext} of a text or JSON object (platform format).")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,
                         "properties":{
                           "text":{"type":"string"},
                           "json":{"type":"object","description":"Serialized as the platform does: sorted keys."},
                           "aad":{"type":"string","description":"Associated data (default devskyy-platform-v3)."}}}
                        """)
                .outputSchema("""
                        {"type":"object","additionalProperties":false,"required":["envelope"],
                         "properties":{"envelope":{"type":"string"}}}
                        """)
                .handler(guarded((args, context) -> {
                    byte[] plaintext = exactlyOne(args, "text", "json").isTextual()
                            ? args.get("text").asText().getBytes(StandardCharsets.UTF_8)
                            : PythonJson.dumps(args.get("json")).getBytes(StandardCharsets.UTF_8);
                    return envelopeResult(PlatformEnvelope.seal(keys(context).masterKeys(), plaintext, aad(args)));
                }))
                .build();
    }

    ToolSpec decrypt() {
        return ToolSpec.builder("crypto_decrypt")
                .version("1.0.0")
                .title("Decrypt a platform envelope")
                .description("Opens a v{N}:{iv}:{ciphertext} envelope with the key of its version.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,"required":["envelope"],
                         "properties":{
                           "envelope":{"type":"string","minLength":1},
                           "aad":{"type":"string"},
                           "as_json":{"type":"boolean","default":false,
                             "description":"The plaintext is a JSON object (the platform's dicts): return it parsed."}}}
                        """)
                .outputSchema("""
                        {"type":"object","additionalProperties":false,
                         "properties":{"text":{"type":"string"},"json":{"type":"object"}}}
                        """)
                .secretResults(true)
                .handler(guarded((args, context) -> {
                    byte[] plain = PlatformEnvelope.open(
                            keys(context).masterKeys(), args.get("envelope").asText(), aad(args));
                    String text = new String(plain, StandardCharsets.UTF_8);
                    ObjectNode out = Json.object();
                    if (args.path("as_json").asBoolean()) {
                        out.set("json", parseJsonObject(text));
                    } else {
                        out.put("text", text);
                    }
                    return new ToolOutput(text, out);
                }))
                .build();
    }

    private static ToolOutput envelopeResult(String envelope) {
        ObjectNode out = Json.object();
        out.put("envelope", envelope);
        return new ToolOutput(envelope, out);
    }

    // ---------------------------------------------------------------- files

    ToolSpec encryptFile() {
        return fileTool(
                "crypto_encrypt_file",
                "Encrypt a file",
                "devskyy file format (AES-256-GCM STREAM, 64 KiB segments); output defaults to path.dsky.",
                input -> input + ".dsky",
                keys -> (in, out) -> encryptStream(keys, in, out));
    }

    ToolSpec decryptFile() {
        return fileTool(
                "crypto_decrypt_file",
                "Decrypt a file",
                "Decrypts a devskyy encrypted file; output appears only once every segment authenticated.",
                input -> input.endsWith(".dsky") ? input.substring(0, input.length() - 5) : input + ".out",
                keys -> (in, out) -> FileCipher.decrypt(in, out, keys::forFile));
    }

    /** A tool from a file to a file (or stdin to stdout on the command line). */
    private ToolSpec fileTool(
            String name,
            String title,
            String description,
            UnaryOperator<String> defaultOutput,
            Function<KeySource, Step> step) {
        return ToolSpec.builder(name)
                .version("1.0.0")
                .title(title)
                .description(description)
                .inputSchema(FILE_INPUT_SCHEMA)
                .outputSchema(OUTPUT_PATH_SCHEMA)
                .permissions(ToolPermission.FILESYSTEM_READ, ToolPermission.FILESYSTEM_WRITE)
                .timeout(Duration.ofHours(1))
                .handler(guarded((args, context) -> {
                    String input = args.get("path").asText();
                    String output = args.path("output").asText(input.equals("-") ? "-" : defaultOutput.apply(input));
                    return transform(args, context, input, output, step.apply(keys(context)));
                }))
                .build();
    }

    /** Protected by the password when one was given, else by the current master key. */
    private static long encryptStream(KeySource keys, InputStream in, OutputStream out) throws IOException {
        if (keys.hasPassword()) {
            FileHeader.KeySpec.Password spec = FileHeader.newPasswordSpec();
            byte[] ikm = Pbkdf2.derive(keys.newPassword(), spec.salt(), spec.iterations(), MasterKeys.KEY_BYTES);
            return FileCipher.encrypt(in, out, FileHeader.create(spec), ikm);
        }
        MasterKeys master = keys.masterKeys();
        FileHeader header = FileHeader.create(new FileHeader.KeySpec.Named(master.currentVersion()));
        return FileCipher.encrypt(in, out, header, master.current());
    }

    /** A stream-to-stream step, counting the plaintext bytes. */
    @FunctionalInterface
    private interface Step {
        long apply(InputStream in, OutputStream out) throws IOException;
    }

    private static ToolOutput transform(JsonNode args, ToolCallContext context, String input, String output, Step step)
            throws IOException {
        long[] bytes = {0};
        String shown = "-";
        try (ReadableFile file = input.equals("-") ? null : context.openFile(input, Long.MAX_VALUE);
                InputStream in = file == null ? streams(context).in() : file.stream()) {
            if (output.equals("-")) {
                OutputStream out = streams(context).out();
                bytes[0] = step.apply(in, out);
                out.flush();
            } else {
                shown = context.write(
                                output, file, args.path("overwrite").asBoolean(), out -> bytes[0] = step.apply(in, out))
                        .toString();
            }
        }
        ObjectNode result = Json.object();
        result.put("path", shown);
        result.put("bytes", bytes[0]);
        return new ToolOutput(shown + " (" + bytes[0] + " bytes of plaintext)", result);
    }

    private static CallerStreams streams(ToolCallContext context) {
        return context.streams()
                .orElseThrow(() -> ToolError.of(ErrorCode.E4001, "'-' (stdin/stdout) is only for the command line"));
    }

    // ---------------------------------------------------------------- fields

    ToolSpec encryptFields() {
        return fieldsTool(
                "crypto_encrypt_fields",
                "Encrypt sensitive fields",
                "Encrypts the sensitive string fields of a JSON object (ssn, email, password…) as envelopes.",
                "encrypted",
                "",
                false,
                (document, keys, fields, context, args) -> FieldCipher.encrypt(document, keys, fields, context));
    }

    ToolSpec decryptFields() {
        return fieldsTool(
                "crypto_decrypt_fields",
                "Decrypt sensitive fields",
                "Decrypts the envelope-valued sensitive fields of a JSON object; fails loudly unless lenient.",
                "decrypted",
                ",\"lenient\":{\"type\":\"boolean\",\"default\":false,"
                        + "\"description\":\"Leave values that do not decrypt as they are.\"}",
                true,
                (document, keys, fields, context, args) -> FieldCipher.decrypt(
                        document, keys, fields, context, args.path("lenient").asBoolean()));
    }

    /** One of the field-document operations, as the field tools share it. */
    @FunctionalInterface
    private interface FieldOperation {
        FieldCipher.Result apply(
                ObjectNode document, MasterKeys keys, Set<String> fields, String context, JsonNode args);
    }

    private ToolSpec fieldsTool(
            String name,
            String title,
            String description,
            String counter,
            String moreInput,
            boolean secretResults,
            FieldOperation operation) {
        return ToolSpec.builder(name)
                .version("1.0.0")
                .title(title)
                .description(description)
                .inputSchema(String.format(FIELDS_INPUT, moreInput))
                .outputSchema(fieldsOutput(counter))
                .secretResults(secretResults)
                .handler(guarded((args, context) -> {
                    FieldCipher.Result result = operation.apply(
                            (ObjectNode) args.get("document"),
                            keys(context).masterKeys(),
                            fieldNames(args),
                            args.path("context").asText(null),
                            args);
                    return fieldsResult(result, counter);
                }))
                .build();
    }

    private static String fieldsOutput(String counter) {
        return String.format("""
                {"type":"object","additionalProperties":false,"required":["document","%1$s"],
                 "properties":{"document":{"type":"object"},"%1$s":{"type":"integer","minimum":0}}}
                """, counter);
    }

    private static ToolOutput fieldsResult(FieldCipher.Result result, String counter) {
        ObjectNode out = Json.object();
        out.set("document", result.document());
        out.put(counter, result.changed());
        return new ToolOutput(Json.compact(result.document()), out);
    }

    private static Set<String> fieldNames(JsonNode args) {
        Set<String> given = new HashSet<>();
        args.path("fields").forEach(f -> given.add(f.asText()));
        return FieldCipher.fields(given);
    }

    // ---------------------------------------------------------------- verification

    private static final String VERDICT_SCHEMA = """
            {"type":"object","additionalProperties":false,"required":["authentic","kind"],
             "properties":{"authentic":{"type":"boolean"},"kind":{"enum":["envelope","fields","file"]},
               "checked":{"type":"integer","minimum":0,
                 "description":"Envelopes or fields opened; for a file, its plaintext bytes."},
               "reason":{"type":"string"}}}
            """;

    ToolSpec verify() {
        return ToolSpec.builder("crypto_verify")
                .version("1.0.0")
                .title("Check that an envelope or field document authenticates")
                .description("Opens a platform envelope, or every encrypted field of a document, and says whether "
                        + "it authenticates under the server's keys; no plaintext is returned.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,
                         "properties":{
                           "envelope":{"type":"string","minLength":1},
                           "document":{"type":"object"},
                           "aad":{"type":"string"},
                           "fields":{"type":"array","items":{"type":"string","minLength":1}},
                           "context":{"type":"string"}}}
                        """)
                .outputSchema(VERDICT_SCHEMA)
                .idempotent(true)
                .handler(guarded(this::verifyEnvelopeOrFields))
                .build();
    }

    private ToolOutput verifyEnvelopeOrFields(JsonNode args, ToolCallContext context) throws IOException {
        MasterKeys keys = keys(context).masterKeys();
        if (exactlyOne(args, "envelope", "document").isTextual()) {
            return verdict(
                    "envelope",
                    1,
                    () -> PlatformEnvelope.open(keys, args.get("envelope").asText(), aad(args)));
        }
        int[] count = {0};
        return verdict(
                "fields",
                0,
                () -> count[0] = FieldCipher.decrypt(
                                (ObjectNode) args.get("document"),
                                keys,
                                fieldNames(args),
                                args.path("context").asText(null),
                                false)
                        .changed());
    }

    ToolSpec verifyFile() {
        return ToolSpec.builder("crypto_verify_file")
                .version("1.0.0")
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
                .outputSchema(VERDICT_SCHEMA)
                .permissions(ToolPermission.FILESYSTEM_READ)
                .idempotent(true)
                .timeout(Duration.ofHours(1))
                .handler(guarded((args, context) -> {
                    String input = args.get("path").asText();
                    KeySource keys = keys(context);
                    try (ReadableFile file = input.equals("-") ? null : context.openFile(input, Long.MAX_VALUE);
                            InputStream in = file == null ? streams(context).in() : file.stream()) {
                        FileContent content = FileContent.of(in);
                        if (content instanceof FileContent.Text text) {
                            return verifyEnvelopeOrFields(text.verifyArguments(args), context);
                        }
                        InputStream encrypted = ((FileContent.Encrypted) content).in();
                        return verdict(
                                "file",
                                0,
                                () -> FileCipher.decrypt(encrypted, OutputStream.nullOutputStream(), keys::forFile));
                    }
                }))
                .build();
    }

    /** A check that either authenticates, or fails authentication (a verdict, not an error). */
    @FunctionalInterface
    private interface Check {
        Object run() throws IOException;
    }

    private static ToolOutput verdict(String kind, long checked, Check check) throws IOException {
        ObjectNode out = Json.object();
        out.put("kind", kind);
        try {
            Object result = check.run();
            out.put("authentic", true);
            out.put("checked", result instanceof Number n ? n.longValue() : checked);
            return new ToolOutput("AUTHENTIC", out);
        } catch (CryptoException e) {
            if (e.kind() != CryptoException.Kind.AUTHENTICATION) {
                throw e;
            }
            out.put("authentic", false);
            out.put("reason", e.getMessage());
            return new ToolOutput("NOT AUTHENTIC: " + e.getMessage(), out);
        }
    }

    // ---------------------------------------------------------------- key rotation

    ToolSpec rotate() {
        return ToolSpec.builder("crypto_rotate")
                .version("1.0.0")
                .title("Re-encrypt an envelope under the current key")
                .description(
                        "Opens a platform envelope with its version's key and seals it again with the keyring's current one.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,"required":["envelope"],
                         "properties":{"envelope":{"type":"string","minLength":1},"aad":{"type":"string"}}}
                        """)
                .outputSchema("""
                        {"type":"object","additionalProperties":false,"required":["envelope"],
                         "properties":{"envelope":{"type":"string"}}}
                        """)
                .handler(guarded((args, context) -> {
                    return envelopeResult(PlatformEnvelope.rotate(
                            keys(context).masterKeys(), args.get("envelope").asText(), aad(args)));
                }))
                .build();
    }

    ToolSpec rotateFields() {
        return fieldsTool(
                "crypto_rotate_fields",
                "Re-encrypt field values under the current key",
                "Re-encrypts the envelope-valued sensitive fields of a JSON object with the current key.",
                "rotated",
                "",
                false,
                (document, keys, fields, context, args) -> FieldCipher.rotate(document, keys, fields, context));
    }

    ToolSpec rotateFile() {
        return fileTool(
                "crypto_rotate_file",
                "Re-encrypt a file under the current key",
                "Re-encrypts a key-protected devskyy file with the keyring's current key, streaming.",
                input -> input + ".rotated",
                keys -> (in, out) -> FileCipher.rotate(in, out, keys.masterKeys()));
    }

    // ---------------------------------------------------------------- masking, keys, hashes

    static ToolSpec dataMask() {
        return ToolSpec.builder("data_mask")
                .version("1.0.0")
                .title("Mask sensitive data for logs")
                .description("Masks cards (last 4 kept), e-mails (domain kept), phones (last 4), SSNs, API keys, "
                        + "bearer tokens and every secret the scanner's rules know; in documents, the values "
                        + "of the platform's sensitive fields.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,
                         "properties":{"text":{"type":"string"},"document":{"type":"object"}}}
                        """)
                .outputSchema("""
                        {"type":"object","additionalProperties":false,
                         "properties":{"text":{"type":"string"},"document":{"type":"object"}}}
                        """)
                .idempotent(true)
                // the caller's sensitive input, less what the masker recognised: never stored for replay
                .secretResults(true)
                .handler(guarded((args, context) -> {
                    ObjectNode out = Json.object();
                    if (exactlyOne(args, "text", "document") == args.get("text")) {
                        String masked = DataMasker.mask(args.get("text").asText());
                        out.put("text", masked);
                        return new ToolOutput(masked, out);
                    }
                    JsonNode masked = DataMasker.mask(args.get("document"));
                    out.set("document", masked);
                    return new ToolOutput(Json.compact(masked), out);
                }))
                .build();
    }

    static ToolSpec keygen() {
        return ToolSpec.builder("crypto_keygen")
                .version("1.0.0")
                .title("Generate a master key file")
                .description("Writes a new random AES-256 key, base64, to a new file readable only by its owner.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,"required":["path"],
                         "properties":{"path":{"type":"string","minLength":1}}}
                        """)
                .outputSchema("""
                        {"type":"object","additionalProperties":false,"required":["path"],
                         "properties":{"path":{"type":"string"}}}
                        """)
                .permissions(ToolPermission.FILESYSTEM_WRITE)
                .handler(guarded((args, context) -> {
                    byte[] key = new byte[MasterKeys.KEY_BYTES];
                    new SecureRandom().nextBytes(key);
                    byte[] text = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
                    String requested = args.get("path").asText();
                    Path target = context.write(requested, null, false, out -> out.write(text));
                    ObjectNode out = Json.object();
                    out.put("path", target.toString());
                    return new ToolOutput("new key written to " + target + " (mode 0600)", out);
                }))
                .build();
    }

    static ToolSpec fileHash() {
        return ToolSpec.builder("file_hash")
                .version("1.0.0")
                .title("Hash a file")
                .description("SHA-256/384/512 digest of a file inside the granted roots, as sha256sum prints it.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,"required":["path"],
                         "properties":{
                           "path":{"type":"string","minLength":1,"description":"File to hash."},
                           "algorithm":{"enum":["sha256","sha384","sha512"],"default":"sha256"}}}
                        """)
                .outputSchema("""
                        {"type":"object","additionalProperties":false,
                         "required":["path","algorithm","digest","bytes"],
                         "properties":{
                           "path":{"type":"string"},
                           "algorithm":{"enum":["sha256","sha384","sha512"]},
                           "digest":{"type":"string","pattern":"^[0-9a-f]+$"},
                           "bytes":{"type":"integer","minimum":0}}}
                        """)
                .permissions(ToolPermission.FILESYSTEM_READ)
                .idempotent(true)
                .timeout(Duration.ofMinutes(2))
                .handler(CryptoTools::hashFile)
                .build();
    }

    static ToolSpec tokenGenerate() {
        return ToolSpec.builder("token_generate")
                .version("1.0.0")
                .title("Generate a random secret")
                .description("A random token from the system CSPRNG (16 to 128 bytes), for API keys and secrets.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,
                         "properties":{
                           "bytes":{"type":"integer","minimum":16,"maximum":128,"default":32},
                           "encoding":{"enum":["base64url","hex"],"default":"base64url"}}}
                        """)
                .outputSchema("""
                        {"type":"object","additionalProperties":false,"required":["token","bytes","encoding"],
                         "properties":{
                           "token":{"type":"string"},
                           "bytes":{"type":"integer"},
                           "encoding":{"enum":["base64url","hex"]}}}
                        """)
                .secretResults(true)
                .handler(CryptoTools::generateToken)
                .build();
    }

    private static ToolOutput generateToken(JsonNode arguments, ToolCallContext context) {
        int bytes = arguments.path("bytes").asInt(32);
        RandomTokens.Encoding encoding =
                RandomTokens.Encoding.parse(arguments.path("encoding").asText("base64url"));
        String token = RandomTokens.token(bytes, encoding);
        ObjectNode out = Json.object();
        out.put("token", token);
        out.put("bytes", bytes);
        out.put("encoding", encoding.id());
        return new ToolOutput(token, out);
    }

    private static ToolOutput hashFile(JsonNode arguments, ToolCallContext context) throws IOException {
        String requested = arguments.get("path").asText();
        FileDigest.Algorithm algorithm =
                FileDigest.Algorithm.parse(arguments.path("algorithm").asText("sha256"));
        FileDigest.Result result;
        Path file;
        try (ReadableFile opened = context.openFile(requested, Long.MAX_VALUE)) {
            file = opened.path();
            double size = opened.size();
            result = FileDigest.of(opened.stream(), algorithm, bytes -> context.progress(bytes, size, "hashing"));
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw e;
        }
        ObjectNode out = Json.object();
        out.put("path", file.toString());
        out.put("algorithm", algorithm.id());
        out.put("digest", result.hex());
        out.put("bytes", result.bytes());
        return new ToolOutput(result.hex() + "  " + file, out);
    }

    // ---------------------------------------------------------------- shared

    private KeySource keys(ToolCallContext context) {
        Map<String, String> m = context.metadata();
        return new KeySource(
                new KeySource.Settings(
                        m.get(CallMetadata.KEYRING),
                        m.get(CallMetadata.KEY_FILE),
                        m.get(CallMetadata.KEY_ENV),
                        m.get(CallMetadata.PASSWORD_FILE),
                        m.get(CallMetadata.PASSWORD_ENV),
                        m.containsKey(CallMetadata.PASSWORD_PROMPT),
                        m.containsKey(CallMetadata.INTERACTIVE)),
                env);
    }

    /** Crypto failures in the taxonomy: authentication is E4007, everything else bad input. */
    private static ToolHandler guarded(ToolHandler handler) {
        return (args, context) -> {
            try {
                return handler.run(args, context);
            } catch (CryptoException e) {
                ErrorCode code = e.kind() == CryptoException.Kind.AUTHENTICATION ? ErrorCode.E4007 : ErrorCode.E4001;
                throw ToolError.of(code, e.getMessage());
            }
        };
    }

    private static JsonNode exactlyOne(JsonNode args, String first, String second) {
        if (args.has(first) == args.has(second)) {
            throw ToolError.of(ErrorCode.E4001, "give exactly one of " + first + " or " + second);
        }
        return args.has(first) ? args.get(first) : args.get(second);
    }

    private static byte[] aad(JsonNode args) {
        return args.path("aad").asText("").getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode parseJsonObject(String text) {
        try {
            JsonNode parsed = Json.parse(text);
            if (parsed.isObject()) {
                return parsed;
            }
        } catch (IOException e) {
            // reported below
        }
        throw ToolError.of(ErrorCode.E4001, "the plaintext is not a JSON object");
    }
}
