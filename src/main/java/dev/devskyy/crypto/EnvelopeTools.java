package dev.devskyy.crypto;

import static dev.devskyy.crypto.CryptoTools.exactlyOne;
import static dev.devskyy.crypto.CryptoTools.guarded;
import static dev.devskyy.crypto.CryptoTools.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolOutput;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The platform envelope tools, {@code v{N}:{iv}:{ciphertext}} as text: seal, open, re-seal under the
 * current key, and check, which also checks the envelopes inside a field document.
 */
final class EnvelopeTools {
    private static final String ENVELOPE_OUTPUT = """
            {"type":"object","additionalProperties":false,"required":["envelope"],
             "properties":{"envelope":{"type":"string"}}}
            """;

    private final CryptoTools.CallKeys keys;

    private EnvelopeTools(CryptoTools.CallKeys keys) {
        this.keys = keys;
    }

    static List<ToolSpec> all(CryptoTools.CallKeys keys) {
        EnvelopeTools tools = new EnvelopeTools(keys);
        return List.of(tools.encrypt(), tools.decrypt(), tools.rotate(), tools.verify());
    }

    private ToolSpec encrypt() {
        return ToolSpec.builder("crypto_encrypt")
                .version("1.0.0")
                .title("Encrypt text as a platform envelope")
                .description("AES-256-GCM envelope v{N}:{iv}:{ciphertext} of a text or JSON object (platform format).")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,
                         "properties":{
                           "text":{"type":"string","writeOnly":true},
                           "json":{"type":"object","writeOnly":true,"description":"Serialized as the platform does: sorted keys."},
                           "aad":{"type":"string","description":"Associated data (default devskyy-platform-v3)."}}}
                        """)
                .outputSchema(ENVELOPE_OUTPUT)
                .permissions(ToolPermission.KEYS_USE)
                .handler(guarded((args, context) -> {
                    byte[] plaintext = exactlyOne(args, "text", "json").isTextual()
                            ? args.get("text").asText().getBytes(StandardCharsets.UTF_8)
                            : PythonJson.dumps(args.get("json")).getBytes(StandardCharsets.UTF_8);
                    return envelopeResult(PlatformEnvelope.seal(keys.of(context).masterKeys(), plaintext, aad(args)));
                }))
                .build();
    }

    private ToolSpec decrypt() {
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
                .permissions(ToolPermission.KEYS_USE)
                .handler(guarded((args, context) -> {
                    byte[] plain = PlatformEnvelope.open(
                            keys.of(context).masterKeys(), args.get("envelope").asText(), aad(args));
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

    private ToolSpec rotate() {
        return ToolSpec.builder("crypto_rotate")
                .version("1.0.0")
                .title("Re-encrypt an envelope under the current key")
                .description(
                        "Opens a platform envelope with its version's key and seals it again with the keyring's current one.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,"required":["envelope"],
                         "properties":{"envelope":{"type":"string","minLength":1},"aad":{"type":"string"}}}
                        """)
                .outputSchema(ENVELOPE_OUTPUT)
                .permissions(ToolPermission.KEYS_USE)
                .handler(guarded((args, context) -> envelopeResult(PlatformEnvelope.rotate(
                        keys.of(context).masterKeys(), args.get("envelope").asText(), aad(args)))))
                .build();
    }

    private ToolSpec verify() {
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
                .outputSchema(CryptoTools.VERDICT_SCHEMA)
                .idempotent(true)
                .handler(guarded((args, context) ->
                        verifyEnvelopeOrFields(keys.of(context).masterKeys(), args)))
                .build();
    }

    /** The verdict of {@code crypto_verify}, also given for a file that holds an envelope or a document. */
    static ToolOutput verifyEnvelopeOrFields(MasterKeys master, JsonNode args) throws IOException {
        if (exactlyOne(args, "envelope", "document").isTextual()) {
            return verdict(
                    "envelope",
                    1,
                    () -> PlatformEnvelope.open(master, args.get("envelope").asText(), aad(args)));
        }
        // the count of fields opened is the verdict's count
        return verdict(
                "fields",
                0,
                () -> FieldCipher.decrypt(
                                (ObjectNode) args.get("document"),
                                master,
                                FieldTools.fieldNames(args),
                                args.path("context").asText(null),
                                false)
                        .changed());
    }

    private static ToolOutput envelopeResult(String envelope) {
        ObjectNode out = Json.object();
        out.put("envelope", envelope);
        return new ToolOutput(envelope, out);
    }

    /** The associated data an envelope is bound to; PlatformEnvelope puts the platform's default for "". */
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
