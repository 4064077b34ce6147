package dev.devskyy.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** The MCP behaviour hints of a tool, derived from what it declares rather than written by hand. */
public record ToolAnnotations(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {

    static ToolAnnotations derive(Set<ToolPermission> permissions, boolean idempotent) {
        boolean readOnly = permissions.stream().noneMatch(ToolPermission::changesState);
        boolean openWorld = permissions.stream().anyMatch(ToolPermission::reachesOutside);
        return new ToolAnnotations(readOnly, !readOnly, idempotent, openWorld);
    }

    public ObjectNode toJson(String title) {
        ObjectNode node = Json.object();
        node.put("title", title);
        node.put("readOnlyHint", readOnly);
        node.put("destructiveHint", destructive);
        node.put("idempotentHint", idempotent);
        node.put("openWorldHint", openWorld);
        return node;
    }
}
