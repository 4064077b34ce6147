package dev.devskyy.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The platform's field encryption: inside a JSON object (nested objects included), non-empty
 * string values whose lower-cased key is a sensitive field name become envelopes bound to the
 * field, with AAD {@code field:{name}} or {@code field:{name}:ctx:{context}}.
 */
public final class FieldCipher {
    /** The platform's sensitive field names. */
    public static final Set<String> SENSITIVE = Set.of(
            "ssn",
            "social_security_number",
            "credit_card",
            "card_number",
            "cvv",
            "password",
            "secret",
            "api_key",
            "token",
            "date_of_birth",
            "dob",
            "bank_account",
            "routing_number",
            "drivers_license",
            "passport_number",
            "phone",
            "phone_number",
            "address",
            "street_address",
            "email");

    /** The document with its fields changed, and how many were. */
    public record Result(ObjectNode document, int changed) {}

    private FieldCipher() {}

    /** The names to act on: the given ones (lower-cased) instead of the defaults, as the platform does. */
    public static Set<String> fields(Set<String> given) {
        return given.isEmpty()
                ? SENSITIVE
                : given.stream().map(f -> f.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    public static Result encrypt(ObjectNode document, MasterKeys keys, Set<String> fields, String context) {
        int[] changed = {0};
        ObjectNode result = walk(document, fields, (name, value) -> {
            if (value.isEmpty()) {
                return null;
            }
            changed[0]++;
            return PlatformEnvelope.seal(keys, value.getBytes(StandardCharsets.UTF_8), aad(name, context));
        });
        return new Result(result, changed[0]);
    }

    /**
     * Decrypts the values that look encrypted ({@code :} in them, as the platform tests).
     *
     * @param lenient leave a value that does not decrypt as it is, as the platform silently does;
     *     otherwise such a value is an error naming the field
     */
    public static Result decrypt(
            ObjectNode document, MasterKeys keys, Set<String> fields, String context, boolean lenient) {
        int[] changed = {0};
        ObjectNode result = walk(document, fields, (name, value) -> {
            if (!value.contains(":")) {
                return null;
            }
            try {
                byte[] plain = PlatformEnvelope.open(keys, value, aad(name, context));
                changed[0]++;
                return new String(plain, StandardCharsets.UTF_8);
            } catch (CryptoException e) {
                if (lenient) {
                    return null;
                }
                throw new CryptoException(e.kind(), "field '" + name + "': " + e.getMessage());
            }
        });
        return new Result(result, changed[0]);
    }

    /** Re-encrypts the encrypted values under the current key, leaving plaintext values alone. */
    public static Result rotate(ObjectNode document, MasterKeys keys, Set<String> fields, String context) {
        int[] changed = {0};
        ObjectNode result = walk(document, fields, (name, value) -> {
            if (!value.contains(":")) {
                return null;
            }
            try {
                String rotated = PlatformEnvelope.rotate(keys, value, aad(name, context));
                changed[0]++;
                return rotated;
            } catch (CryptoException e) {
                throw new CryptoException(e.kind(), "field '" + name + "': " + e.getMessage());
            }
        });
        return new Result(result, changed[0]);
    }

    static byte[] aad(String field, String context) {
        String aad = "field:" + field.toLowerCase(Locale.ROOT);
        if (context != null && !context.isEmpty()) {
            aad += ":ctx:" + context;
        }
        return aad.getBytes(StandardCharsets.UTF_8);
    }

    /** A copy where {@code change} may replace string values of matching keys (null keeps them). */
    private static ObjectNode walk(ObjectNode object, Set<String> fields, BiFunction<String, String, String> change) {
        ObjectNode copy = object.objectNode();
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            JsonNode value = member.getValue();
            String name = member.getKey();
            if (value.isTextual() && fields.contains(name.toLowerCase(Locale.ROOT))) {
                String changed = change.apply(name, value.textValue());
                copy.set(name, changed == null ? value : TextNode.valueOf(changed));
            } else if (value.isObject()) {
                copy.set(name, walk((ObjectNode) value, fields, change));
            } else {
                copy.set(name, value);
            }
        }
        return copy;
    }
}
