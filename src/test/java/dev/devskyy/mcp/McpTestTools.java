package dev.devskyy.mcp;

import static dev.devskyy.testing.TestTools.echo;
import static dev.devskyy.testing.TestTools.tool;

import dev.devskyy.crypto.CryptoTools;
import dev.devskyy.csp.CspTools;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.scan.ScanTools;
import java.time.Duration;

/** The tools the MCP tests talk to, and devskyy's real prompts and capability resources. */
final class McpTestTools {
    private McpTestTools() {}

    static ToolRegistry registry() {
        ToolRegistry registry = new ToolRegistry();
        CryptoTools.prompts().forEach(registry::register);
        CspTools.prompts().forEach(registry::register);
        ScanTools.prompts().forEach(registry::register);
        ScanTools.resources().forEach(registry::register);
        return registry.register(tool("echo", echo()).build())
                .register(tool("slow", (a, c) -> {
                            Thread.sleep(60_000);
                            return echo().run(a, c);
                        })
                        .build())
                .register(tool("sleepy", (a, c) -> {
                            Thread.sleep(60_000);
                            return echo().run(a, c);
                        })
                        .timeout(Duration.ofMillis(100))
                        .build())
                .register(tool("progress", (a, c) -> {
                            for (int step = 1; step <= 3; step++) {
                                c.progress(step, 3.0, "step " + step);
                            }
                            c.progress(2, 3.0, "a step back is never sent");
                            return echo().run(a, c);
                        })
                        .build())
                .register(tool("chatty", (a, c) -> {
                            c.log("info", "working");
                            c.log("error", "trouble");
                            return echo().run(a, c);
                        })
                        .build())
                .register(tool("reader", echo())
                        .permissions(ToolPermission.FILESYSTEM_READ)
                        .build());
    }
}
