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

    /**
     * The hints that differ from MCP's defaults (read-only false, destructive true, idempotent false,
     * open-world true): every tool list carries them, so what a client assumes anyway is left out.
     * Destructive is meaningful only for a tool that writes.
     */
    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        if (readOnly) {
            node.put("readOnlyHint", true);
        } else if (!destructive) {
            node.put("destructiveHint", false);
        }
        if (idempotent) {
            node.put("idempotentHint", true);
        }
        if (!openWorld) {
            node.put("openWorldHint", false);
        }
        return node;
    }
}
