package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.BuildInfo;
import dev.devskyy.runtime.Json;

/**
 * What this server tells a client about itself, in {@code initialize} and {@code server/discover}
 * alike: who it is, what it can do, how to use it, and how long clients may keep its lists.
 */
final class ServerDescription {
    static final String INSTRUCTIONS = "devskyy tools are deny-by-default. A result with isError and code E4003 "
            + "PERMISSION_DENIED names a permission, root or host the user must grant when starting the "
            + "server (--allow, --root, --allow-host, --policy); do not retry it. On E4001 or E4002 fix the "
            + "arguments and call again. Results carry text and structuredContent.";

    private ServerDescription() {}

    /** One line per capability: a feature added to the server declares itself here. */
    static ObjectNode capabilities() {
        ObjectNode capabilities = Json.object();
        capabilities.putObject("tools").put("listChanged", false);
        capabilities.putObject("prompts").put("listChanged", false);
        capabilities.putObject("resources").put("subscribe", false).put("listChanged", false);
        capabilities.putObject("logging");
        return capabilities;
    }

    static ObjectNode serverInfo() {
        ObjectNode info = Json.object();
        info.put("name", "devskyy");
        info.put("title", "devskyy security toolbox");
        info.put("version", BuildInfo.version());
        info.put("description", "Permissioned security tools: encryption, scanning, verification.");
        return info;
    }
}
