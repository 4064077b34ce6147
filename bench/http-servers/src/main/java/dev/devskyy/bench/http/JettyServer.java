package dev.devskyy.bench.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty 12 core, no servlets: one plain {@link Handler.Abstract} and Jetty's defaults otherwise (its
 * QueuedThreadPool of up to 200 threads, a 30 s idle timeout). The body is read asynchronously
 * ({@link Content.Source#asByteArrayAsync}), so no thread waits on a slow body.
 */
public final class JettyServer {
    private JettyServer() {}

    public static void main(String[] args) throws Exception {
        int port = Mcp.port(args);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new McpHandler());
        server.start();
        Mcp.ready();
        server.join();
    }

    private static final class McpHandler extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (!Mcp.PATH.equals(Request.getPathInContext(request))) {
                Response.writeError(request, response, callback, 404);
                return true;
            }
            if (!"POST".equals(request.getMethod())) {
                response.getHeaders().put(HttpHeader.ALLOW, "POST");
                Response.writeError(request, response, callback, 405);
                return true;
            }
            if (request.getLength() > Mcp.MAX_BODY) {
                Response.writeError(request, response, callback, 413);
                return true;
            }
            // fails once more than MAX_BODY bytes have come (a chunked body has no length up front)
            Content.Source.asByteArrayAsync(request, Mcp.MAX_BODY).whenComplete((body, failure) -> {
                if (failure != null) {
                    Response.writeError(request, response, callback, 413, null, failure);
                    return;
                }
                byte[] answer = Mcp.answer(body.length);
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.length);
                response.write(true, ByteBuffer.wrap(answer), callback);
            });
            return true;
        }
    }
}
