package dev.devskyy.mcp;

import dev.devskyy.runtime.ToolServer;
import java.io.IOException;

/** The MCP server, over stdio or Streamable HTTP ({@link HttpTransport}): line-delimited JSON-RPC 2.0, protocol 2026-07-28 per request and 2025-11-25 and older after initialize. */
public final class McpServer implements ToolServer {
    @Override
    public int serve(Settings settings) throws IOException {
        return new Session(settings).run();
    }

    @Override
    public int serveHttp(HttpSettings settings) throws IOException {
        return new HttpTransport(settings).run();
    }
}
