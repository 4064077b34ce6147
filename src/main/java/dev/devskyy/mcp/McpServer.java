package dev.devskyy.mcp;

import dev.devskyy.runtime.ToolServer;
import java.io.IOException;

/** The MCP stdio server: line-delimited JSON-RPC 2.0, protocol 2025-11-25 and older. */
public final class McpServer implements ToolServer {
    @Override
    public int serve(Settings settings) throws IOException {
        return new Session(settings).run();
    }
}
