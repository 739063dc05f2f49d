package io.aioarango.transport.netty;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.Host;
import io.aioarango.api.HttpHeaders;
import io.aioarango.api.HttpResponse;
import io.aioarango.api.ResponseTooLargeException;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;

/**
 * The last handler of every connection of one session: hands the aggregated response to the exchange
 * the connection carries, fails it when the connection breaks, and closes connections left idle.
 */
@ChannelHandler.Sharable
final class ExchangeHandler extends ChannelInboundHandlerAdapter {
    private final Host host;
    private final long maxResponseBytes;

    ExchangeHandler(Host host, long maxResponseBytes) {
        this.host = host;
        this.maxResponseBytes = maxResponseBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpResponse response)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            NettyHttpSession.Exchange exchange = ctx.channel().attr(NettyHttpSession.EXCHANGE).getAndSet(null);
            if (exchange == null) {
                ctx.close(); // an answer nobody waits for: the connection is out of step
                return;
            }
            if (response.decoderResult().isFailure()) {
                exchange.result.completeExceptionally(failure(response.decoderResult().cause()));
                return;
            }
            HttpResponse converted = new HttpResponse(response.status().code(), headers(response),
                    ByteBufUtil.getBytes(response.content()));
            exchange.reusable = HttpUtil.isKeepAlive(response);
            exchange.result.complete(converted);
        } finally {
            response.release();
        }
    }

    private static HttpHeaders headers(FullHttpResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : response.headers().names()) {
            headers.put(name, response.headers().getAll(name));
        }
        return HttpHeaders.of(headers);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        NettyHttpSession.Exchange exchange = ctx.channel().attr(NettyHttpSession.EXCHANGE).getAndSet(null);
        if (exchange != null) {
            exchange.result.completeExceptionally(failure(cause));
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        NettyHttpSession.Exchange exchange = ctx.channel().attr(NettyHttpSession.EXCHANGE).getAndSet(null);
        if (exchange != null) {
            exchange.result.completeExceptionally(new ArangoConnectionException(host,
                    "connection closed before the response was complete", true, null));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && ctx.channel().attr(NettyHttpSession.EXCHANGE).get() == null) {
            ctx.close(); // idle in the pool for idleTimeout: the pool drops closed connections
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    /** What a failure on an established connection means for the caller. */
    Throwable failure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TooLongFrameException) {
                return new ResponseTooLargeException(host, maxResponseBytes, cause);
            }
            if (t instanceof SSLHandshakeException) {
                // No request goes out before the handshake completes.
                return new ArangoConnectionException(host, "TLS handshake failed: " + t.getMessage(), false, cause);
            }
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String kind = cause instanceof IOException ? "I/O error: " : "connection error: ";
        return new ArangoConnectionException(host, kind + message.toLowerCase(Locale.ROOT), true, cause);
    }
}
