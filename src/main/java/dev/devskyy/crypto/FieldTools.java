package dev.devskyy.crypto;

import static dev.devskyy.crypto.CryptoTools.guarded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolHandler;
import dev.devskyy.runtime.ToolOutput;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The field tools: encrypt, decrypt or re-encrypt the sensitive fields of a JSON document, each
 * value its own envelope bound to its field name (see {@link FieldCipher}).
 */
final class FieldTools {
    /** The input every field tool takes; {@code %s} is where a tool's own properties go. */
    private static final String FIELDS_INPUT = """
            {"type":"object","additionalProperties":false,"required":["document"],
             "properties":{
               "document":{"type":"object","writeOnly":true},
               "fields":{"type":"array","items":{"type":"string","minLength":1},
                 "description":"Field names instead of the platform's sensitive ones."},
               "context":{"type":"string","description":"Binds the values to e.g. a user id."}%s}}
            """;

    private static final String NO_MORE_INPUT = "";
    private static final String LENIENT_INPUT = ",\"lenient\":{\"type\":\"boolean\",\"default\":false,"
            + "\"description\":\"Leave values that do not decrypt as they are.\"}";

    private static final Count ENCRYPTED = new Count("encrypted");
    private static final Count DECRYPTED = new Count("decrypted");
    private static final Count ROTATED = new Count("rotated");

    private final CryptoTools.CallKeys keys;

    private FieldTools(CryptoTools.CallKeys keys) {
        this.keys = keys;
    }

    static List<ToolSpec> all(CryptoTools.CallKeys keys) {
        FieldTools tools = new FieldTools(keys);
        return List.of(tools.encryptFields(), tools.decryptFields(), tools.rotateFields());
    }

    private ToolSpec encryptFields() {
        return ToolSpec.builder("crypto_encrypt_fields")
                .version("1.0.0")
                .title("Encrypt sensitive fields")
                .description(
                        "Encrypts the sensitive string fields of a JSON object (ssn, email, password…) as envelopes.")
                .inputSchema(String.format(FIELDS_INPUT, NO_MORE_INPUT))
                .outputSchema(ENCRYPTED.outputSchema())
                .permissions(ToolPermission.KEYS_USE)
                .handler(handler(
                        ENCRYPTED,
                        call -> FieldCipher.encrypt(call.document(), call.keys(), call.fields(), call.context())))
                .build();
    }

    private ToolSpec decryptFields() {
        return ToolSpec.builder("crypto_decrypt_fields")
                .version("1.0.0")
                .title("Decrypt sensitive fields")
                .description(
                        "Decrypts the envelope-valued sensitive fields of a JSON object; fails loudly unless lenient.")
                .inputSchema(String.format(FIELDS_INPUT, LENIENT_INPUT))
                .outputSchema(DECRYPTED.outputSchema())
                .permissions(ToolPermission.KEYS_USE)
                .secretResults(true)
                .handler(handler(
                        DECRYPTED,
                        call -> FieldCipher.decrypt(
                                call.document(),
                                call.keys(),
                                call.fields(),
                                call.context(),
                                call.args().path("lenient").asBoolean())))
                .build();
    }

    private ToolSpec rotateFields() {
        return ToolSpec.builder("crypto_rotate_fields")
                .version("1.0.0")
                .title("Re-encrypt field values under the current key")
                .description("Re-encrypts the envelope-valued sensitive fields of a JSON object with the current key.")
                .inputSchema(String.format(FIELDS_INPUT, NO_MORE_INPUT))
                .outputSchema(ROTATED.outputSchema())
                .permissions(ToolPermission.KEYS_USE)
                .handler(handler(
                        ROTATED,
                        call -> FieldCipher.rotate(call.document(), call.keys(), call.fields(), call.context())))
                .build();
    }

    /**
     * One field tool's call, read from its arguments.
     *
     * @param fields the names to act on: those given, else the platform's sensitive ones
     * @param context what the values are bound to, or null
     * @param args the arguments, for a tool's own ones
     */
    private record FieldCall(ObjectNode document, MasterKeys keys, Set<String> fields, String context, JsonNode args) {}

    /** What a field tool does to the document. */
    @FunctionalInterface
    private interface Operation {
        FieldCipher.Result apply(FieldCall call);
    }

    /** How many fields a tool changed, reported under the name of what it did to them. */
    private record Count(String name) {
        String outputSchema() {
            return String.format("""
                    {"type":"object","additionalProperties":false,"required":["document","%1$s"],
                     "properties":{"document":{"type":"object"},"%1$s":{"type":"integer","minimum":0}}}
                    """, name);
        }

        ToolOutput result(FieldCipher.Result result) {
            ObjectNode out = Json.object();
            out.set("document", result.document());
            out.put(name, result.changed());
            return new ToolOutput(Json.compact(result.document()), out);
        }
    }

    private ToolHandler handler(Count count, Operation operation) {
        return guarded((args, context) -> count.result(operation.apply(new FieldCall(
                (ObjectNode) args.get("document"),
                keys.of(context).masterKeys(),
                fieldNames(args),
                args.path("context").asText(null),
                args))));
    }

    /** The field names a call acts on: those in its {@code fields} argument, else the platform's sensitive ones. */
    static Set<String> fieldNames(JsonNode args) {
        Set<String> given = new HashSet<>();
        args.path("fields").forEach(f -> given.add(f.asText()));
        return FieldCipher.fields(given);
    }
}
