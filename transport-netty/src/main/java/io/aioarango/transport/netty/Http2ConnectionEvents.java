package io.aioarango.transport.netty;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.transport.spi.support.Completions;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2PingFrame;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * The connection's own frames: SETTINGS, GOAWAY, PING answers; its quiet periods and TLS handshake; and what
 * Netty's codec reports of its streams. One per connection, telling its session.
 */
final class Http2ConnectionEvents extends ChannelInboundHandlerAdapter {
    private final NettyHttp2Session session;

    Http2ConnectionEvents(NettyHttp2Session session) {
        this.session = session;
    }

    /** What Netty's model of the connection reports: streams closed, a GOAWAY received. */
    Http2ConnectionAdapter codecListener(Http2FrameCodec codec, Channel channel) {
        // Told before Netty closes the streams above the last-stream-id, which then learn they were never processed.
        return new Http2ConnectionAdapter() {
            @Override
            public void onStreamClosed(Http2Stream stream) {
                // Netty's own count of open streams drops here (a reset one only once its RST_STREAM is
                // written): the session's count follows it, or it would open a stream Netty refuses.
                if (codec.connection().local().isValidStreamId(stream.id())) { // ours, not a pushed one
                    session.streamGone(Http2Connection.of(channel));
                }
            }

            @Override
            public void onGoAwayReceived(int lastStreamId, long errorCode, ByteBuf debugData) {
                Http2Connection connection = Http2Connection.of(channel);
                synchronized (session.lock) {
                    connection.lastProcessedStream = lastStreamId;
                    connection.draining = true; // before any stream is sent again: it must go elsewhere
                }
            }
        };
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            Http2Connection connection = Http2Connection.of(ctx.channel());
            if (msg instanceof Http2SettingsFrame settings) {
                Long max = settings.settings().maxConcurrentStreams();
                synchronized (session.lock) {
                    if (max != null) {
                        connection.maxStreams = (int) Math.min(Integer.MAX_VALUE, max);
                    }
                    connection.ready = true;
                }
                session.dispatch();
            } else if (msg instanceof Http2GoAwayFrame) {
                session.drain(connection);
            } else if (msg instanceof Http2PingFrame ping && ping.ack()) {
                synchronized (session.lock) {
                    connection.pingOutstanding = false;
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            quiet(ctx);
        } else if (event instanceof SslHandshakeCompletionEvent failed && !failed.isSuccess()) {
            Http2Connection connection = Http2Connection.of(ctx.channel());
            synchronized (session.lock) {
                if (connection.failure == null) {
                    connection.failure = new ArangoConnectionException(session.host, "TLS handshake failed: "
                            + Completions.describe(failed.cause()), false, failed.cause());
                }
            }
            ctx.fireUserEventTriggered(event);
        } else if (event instanceof SslHandshakeCompletionEvent handshake && handshake.isSuccess()) {
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            String chosen = ssl == null ? null : ssl.applicationProtocol();
            if (ApplicationProtocolNames.HTTP_2.equals(chosen)) {
                Http2Connection.of(ctx.channel()).awaitSettings();
            } else {
                Http2Connection connection = Http2Connection.of(ctx.channel());
                synchronized (session.lock) {
                    connection.failure = new ArangoConnectionException(session.host, "the coordinator did not offer "
                            + "HTTP/2 in TLS (ALPN chose " + (chosen == null ? "nothing" : chosen) + "); use "
                            + "protocol HTTP1 or AUTO", false, null);
                }
                ctx.close();
            }
            ctx.fireUserEventTriggered(event);
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    /** Nothing was read for a while: close an unused connection, or check the server is still there. */
    private void quiet(ChannelHandlerContext ctx) {
        Http2Connection connection = Http2Connection.of(ctx.channel());
        boolean idle;
        boolean dead;
        synchronized (session.lock) {
            idle = connection.active == 0 && System.nanoTime() - connection.idleSinceNanos
                    >= session.options.idleTimeout().toNanos();
            dead = !idle && connection.pingOutstanding;
            connection.pingOutstanding = !idle && !dead;
            if (idle || dead) {
                connection.draining = true;
            }
        }
        if (idle) {
            ctx.close();
        } else if (dead) {
            ctx.close(); // no answer to the last PING: its streams fail as their channels close
        } else {
            ctx.writeAndFlush(new DefaultHttp2PingFrame(System.nanoTime()));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // the connection is unusable: its streams fail as their channels close
    }
}
