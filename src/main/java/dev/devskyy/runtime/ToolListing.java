package dev.devskyy.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * The portable description of tools, in the shape of the MCP {@code tools/list} result. devskyy's
 * own facts (version, permissions) travel under {@code _meta} with the {@code dev.devskyy/} prefix.
 */
public final class ToolListing {
    public static final String META_PERMISSIONS = "dev.devskyy/permissions";
    public static final String META_VERSION = "dev.devskyy/version";

    /**
     * The shape of a failed call's structured content. Every advertised output schema admits it,
     * because clients validate structured content even on error results (the TypeScript SDK does),
     * and would otherwise reject the error report the model needs to see. It names the fields and
     * their types only (strict validators, such as the TypeScript SDK's Ajv, want every required
     * field defined): it is repeated in every tool of every list, and docs/errors.md and the results
     * themselves say the rest.
     */
    private static final String ERROR_SCHEMA = """
            {"type":"object","required":["code","name","message","details"],
             "properties":{"code":{"type":"string"},"name":{"type":"string"},"message":{"type":"string"},
               "details":{"type":"object"}}}
            """;

    private ToolListing() {}

    /** {@code {"tools": [...]}} for the given tools, in the order given. */
    public static ObjectNode of(Collection<ToolSpec> tools) {
        ObjectNode result = Json.object();
        ArrayNode array = result.putArray("tools");
        tools.forEach(spec -> array.add(entry(spec)));
        return result;
    }

    /** The tool's own output schema, or the error object (see {@link #ERROR_SCHEMA}). */
    public static ObjectNode advertisedOutputSchema(ToolSpec spec) {
        ObjectNode schema = Json.object();
        schema.put("type", "object");
        ArrayNode anyOf = schema.putArray("anyOf");
        anyOf.add(spec.outputSchema());
        try {
            anyOf.add(Json.parse(ERROR_SCHEMA));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the error schema is JSON", e);
        }
        return schema;
    }

    /** One MCP {@code Tool} object. */
    public static ObjectNode entry(ToolSpec spec) {
        ObjectNode tool = Json.object();
        tool.put("name", spec.name());
        tool.put("title", spec.title());
        tool.put("description", spec.description());
        tool.set("inputSchema", spec.inputSchema());
        tool.set("outputSchema", advertisedOutputSchema(spec));
        tool.set("annotations", spec.annotations().toJson());
        ObjectNode meta = tool.putObject("_meta");
        meta.put(META_VERSION, spec.version());
        ArrayNode permissions = meta.putArray(META_PERMISSIONS);
        spec.permissions().forEach(p -> permissions.add(p.wireName()));
        return tool;
    }
}
