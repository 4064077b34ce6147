package dev.devskyy.bench.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Netty 4.2 with its pure-Java NIO transport (no native epoll library), one acceptor thread and
 * Netty's default of two event-loop threads per core. HttpObjectAggregator gathers the body (and
 * answers 413 above the limit); the handler then runs inline on the event loop, which is fair only
 * because its work is trivial: a real handler would hand the call to another pool.
 */
public final class NettyServer {
    private NettyServer() {}

    public static void main(String[] args) throws InterruptedException {
        int port = Mcp.port(args);
        EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, loops)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(Mcp.MAX_BODY))
                                .addLast(new McpHandler());
                    }
                });
        bootstrap.bind("127.0.0.1", port).sync();
        Mcp.ready();
    }

    private static final class McpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
            String uri = request.uri();
            int query = uri.indexOf('?');
            String path = query < 0 ? uri : uri.substring(0, query);
            FullHttpResponse response;
            if (!Mcp.PATH.equals(path)) {
                response = empty(request, HttpResponseStatus.NOT_FOUND);
            } else if (!HttpMethod.POST.equals(request.method())) {
                response = empty(request, HttpResponseStatus.METHOD_NOT_ALLOWED);
                response.headers().set(HttpHeaderNames.ALLOW, "POST");
            } else {
                byte[] answer = Mcp.answer(request.content().readableBytes());
                response = new DefaultFullHttpResponse(
                        request.protocolVersion(), HttpResponseStatus.OK, Unpooled.wrappedBuffer(answer));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, answer.length);
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            if (keepAlive) {
                context.writeAndFlush(response, context.voidPromise());
            } else {
                context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }

        private static FullHttpResponse empty(FullHttpRequest request, HttpResponseStatus status) {
            FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), status);
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            return response;
        }
    }
}
