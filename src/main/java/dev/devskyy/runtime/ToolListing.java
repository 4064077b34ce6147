package dev.devskyy.runtime;

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

    private ToolListing() {}

    /** {@code {"tools": [...]}} for the given tools, in the order given. */
    public static ObjectNode of(Collection<ToolSpec> tools) {
        ObjectNode result = Json.object();
        ArrayNode array = result.putArray("tools");
        tools.forEach(spec -> array.add(entry(spec)));
        return result;
    }

    /** One MCP {@code Tool} object. */
    public static ObjectNode entry(ToolSpec spec) {
        ObjectNode tool = Json.object();
        tool.put("name", spec.name());
        tool.put("title", spec.title());
        tool.put("description", spec.description());
        tool.set("inputSchema", spec.inputSchema());
        tool.set("outputSchema", spec.outputSchema());
        tool.set("annotations", spec.annotations().toJson(spec.title()));
        ObjectNode meta = tool.putObject("_meta");
        meta.put(META_VERSION, spec.version());
        ArrayNode permissions = meta.putArray(META_PERMISSIONS);
        spec.permissions().forEach(p -> permissions.add(p.wireName()));
        return tool;
    }
}
