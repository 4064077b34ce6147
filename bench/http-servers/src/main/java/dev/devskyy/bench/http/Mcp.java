package dev.devskyy.bench.http;

import java.nio.charset.StandardCharsets;

/** What every one of the four servers does, so that they differ only in the server underneath. */
final class Mcp {
    /** The one endpoint, as in devskyy. */
    static final String PATH = "/mcp";
    /** A body above this is refused with 413. */
    static final int MAX_BODY = 4 << 20;

    private Mcp() {}

    /** The answer to a body of {@code length} bytes: small, and not the same for every request. */
    static byte[] answer(long length) {
        return ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"bytes\":" + length + "}}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The port to bind on 127.0.0.1: the first argument. */
    static int port(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: <port>");
        }
        return Integer.parseInt(args[0]);
    }

    /** Tells whoever started the server that it is bound. */
    static void ready() {
        System.err.println("ready");
        System.err.flush();
    }
}
