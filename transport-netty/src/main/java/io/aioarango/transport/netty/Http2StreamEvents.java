package io.aioarango.transport.netty;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.transport.spi.support.Completions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;

/** What HTTP/2 tells one stream: the server never processed it (GOAWAY), or reset it. */
@ChannelHandler.Sharable
final class Http2StreamEvents extends ChannelInboundHandlerAdapter {
    private final NettyHttp2Session session;

    Http2StreamEvents(NettyHttp2Session session) {
        this.session = session;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof Http2GoAwayFrame goAway) {
            try {
                session.drain(Http2Connection.of(ctx.channel().parent())); // first: the resend must go elsewhere
                resend(ctx.channel(), "the coordinator sent GOAWAY before processing the request");
            } finally {
                goAway.release();
            }
        } else if (event instanceof Http2ResetFrame reset) {
            Http2Error error = Http2Error.valueOf(reset.errorCode());
            String name = error == null ? "code " + reset.errorCode() : error.name();
            if (error == Http2Error.REFUSED_STREAM) {
                resend(ctx.channel(), "the coordinator refused the stream (REFUSED_STREAM)");
            } else {
                Exchange exchange = ctx.channel().attr(Exchange.EXCHANGE).get();
                if (exchange != null) {
                    exchange.reading.body = null;
                    Completions.fail(exchange.result, () -> new ArangoConnectionException(session.host,
                            "the coordinator reset the HTTP/2 stream (" + name + ")", true, null));
                }
            }
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Http2StreamChannel stream = (Http2StreamChannel) ctx.channel();
        if (stream.attr(Exchange.EXCHANGE).get() != null) {
            if (stream.stream().state() == Http2Stream.State.IDLE) {
                resend(stream, "the stream closed before its request went out"); // e.g. the connection closed
            } else if (aboveGoAway(stream)) {
                // Netty closes the streams above a GOAWAY's last-stream-id before it tells them why.
                session.drain(Http2Connection.of(stream.parent()));
                resend(stream, "the coordinator sent GOAWAY before processing the request");
            }
        }
        ctx.fireChannelInactive();
    }

    /** Whether the server said, with a GOAWAY, that it never processed this stream. */
    private boolean aboveGoAway(Http2StreamChannel stream) {
        return stream.stream().id() > Http2Connection.of(stream.parent()).lastProcessedStream;
    }

    void resend(Channel stream, String reason) {
        Exchange exchange = stream.attr(Exchange.EXCHANGE).get();
        if (exchange != null && !exchange.result.isDone() && exchange.detach()) {
            session.resendOrFail(exchange.request, exchange.result, exchange.resends,
                    new ArangoConnectionException(session.host,
                            reason + ", " + (NettyHttp2Session.MAX_RESENDS + 1) + " times", false, null));
        }
        stream.close();
    }

    /** The client asked for no server push; a server that pushes anyway gets its streams reset. */
    @ChannelHandler.Sharable
    static final class RefusePushes extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.channel().close();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }
}
