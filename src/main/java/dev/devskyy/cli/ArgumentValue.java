package dev.devskyy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.devskyy.runtime.Json;
import java.util.Set;

/**
 * Turns the text of {@code --arg key=value} into the JSON value the tool's schema expects, so that
 * {@code --arg count=3} is a number and {@code --arg name=007} stays a string.
 */
final class ArgumentValue {
    private static final Set<String> JSON_TYPES = Set.of("integer", "number", "boolean", "array", "object", "null");

    private ArgumentValue() {}

    /**
     * @param propertySchema the schema of this property (missing node when the schema says nothing)
     */
    static JsonNode typed(String text, JsonNode propertySchema) {
        if (!wantsJson(propertySchema.path("type"))) {
            return TextNode.valueOf(text);
        }
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            // Kept as text: schema validation then names the argument and the type it wants.
            return TextNode.valueOf(text);
        }
    }

    private static boolean wantsJson(JsonNode type) {
        if (type.isTextual()) {
            return JSON_TYPES.contains(type.asText());
        }
        if (type.isArray()) {
            boolean acceptsString = false;
            boolean acceptsOther = false;
            for (JsonNode t : type) {
                acceptsString |= "string".equals(t.asText());
                acceptsOther |= JSON_TYPES.contains(t.asText());
            }
            return acceptsOther && !acceptsString;
        }
        return false;
    }
}
