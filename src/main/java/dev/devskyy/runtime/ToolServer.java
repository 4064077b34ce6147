package dev.devskyy.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * A face that serves the runtime's tools over a byte stream: the MCP server. The CLI's
 * {@code serve} command starts it through this interface, so the two faces never import each
 * other; {@code Main} wires the implementation in.
 */
public interface ToolServer {
    /**
     * @param runtime built on first need, so the handshake does not wait for tool schemas
     * @param pageSize tools per {@code tools/list} page
     * @param maxMessageBytes longer input lines are rejected and skipped
     */
    record Settings(
            InputStream in,
            OutputStream out,
            Supplier<ToolRuntime> runtime,
            Caller caller,
            int pageSize,
            long maxMessageBytes) {}

    /** Serves until the input ends or the process is told to stop; returns the exit code. */
    int serve(Settings settings) throws IOException;
}
