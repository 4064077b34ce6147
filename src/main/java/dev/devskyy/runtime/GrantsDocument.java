package dev.devskyy.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * What a caller may do, as a model reads it before trying: its actor, granted and missing
 * permissions, roots and hosts. It holds nothing secret: no key, no policy file content beyond
 * this caller's own entry, no environment.
 */
final class GrantsDocument {
    private GrantsDocument() {}

    static String of(Caller caller) {
        Grants grants = caller.grants();
        ObjectNode document = Json.object();
        document.put("actor", caller.actor());
        ArrayNode granted = document.putArray("permissions");
        ArrayNode missing = document.putArray("not_granted");
        for (ToolPermission permission : ToolPermission.values()) {
            (grants.permissions().contains(permission) ? granted : missing).add(permission.wireName());
        }
        ArrayNode roots = document.putArray("roots");
        grants.roots().stream().map(Path::toString).forEach(roots::add);
        ArrayNode hosts = document.putArray("hosts");
        grants.hosts().stream().sorted().forEach(hosts::add);
        document.put(
                "note",
                "Grants are fixed when the server starts (--allow, --root, --allow-host, --policy); a tool "
                        + "needing more fails with E4003 PERMISSION_DENIED. Ask the user, do not retry.");
        return Json.compact(document);
    }
}
