package io.aioarango.transport.tck;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2FrameStreamEvent;
import io.netty.handler.codec.http2.Http2FrameStreamException;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2PingFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2SettingsAckFrame;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The frames of one connection of an {@link H2TestServer}, after Netty's {@link Http2FrameCodec}: it keeps or
 * refuses streams as the server's stream limit says, answers, holds, resets or ignores their requests as the
 * {@link H2TestScript} says, sends the GOAWAY, and counts what the client did. Every field but the counters is
 * confined to the connection's event loop.
 */
/** The frames of one connection, after the codec; every field but the counters on its event loop only. */
final class H2TestConnection extends ChannelInboundHandlerAdapter {
    private final Http2FrameCodec codec;
    private final H2TestScript script;
    private final Set<H2TestConnection> open;
    private final int limit;
    private final int goAwayAfter;
    /** Streams kept and not yet closed, by id. */
    private final Map<Integer, Exchange> exchanges = new HashMap<>();
    private final List<Exchange> held = new ArrayList<>();
    private final AtomicInteger streams = new AtomicInteger();
    /** {@code exchanges.size()}, for other threads. */
    private volatile int active;
    private boolean settingsAcknowledged;
    /** The last-stream-id of the GOAWAY sent; streams above it are ignored. */
    private int lastStreamId = Integer.MAX_VALUE;
    /** The server's side of the connection is closed: it writes nothing more. */
    private boolean outputShut;
    private volatile ChannelHandlerContext context;

    /**
     * A connection's handler, added after its codec.
     *
     * @param codec       the connection's codec, whose stream limit this handler lifts and enforces itself
     * @param limit       the stream limit announced to the client
     * @param goAwayAfter the stream after which a GOAWAY is sent; 0 for none
     * @param script      the server's knobs and counters
     * @param open        the server's open connections, which this one leaves when it closes
     */
    H2TestConnection(Http2FrameCodec codec, int limit, int goAwayAfter, H2TestScript script,
            Set<H2TestConnection> open) {
        this.codec = codec;
        this.script = script;
        this.open = open;
        this.limit = limit;
        this.goAwayAfter = goAwayAfter;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Http2HeadersFrame headers) {
                onHeaders(ctx, headers);
            } else if (msg instanceof Http2DataFrame data) {
                onData(ctx, data);
            } else if (msg instanceof Http2ResetFrame reset) {
                Exchange exchange = exchanges.get(reset.stream().id());
                if (exchange != null) {
                    script.resetsReceived.add(exchange.path);
                }
            } else if (msg instanceof Http2PingFrame ping && !ping.ack()) {
                script.pingsReceived.incrementAndGet();
                if (script.answerPings) {
                    ctx.write(new DefaultHttp2PingFrame(ping.content(), true)); // flushed once the read is done
                }
            } else if (msg instanceof Http2SettingsAckFrame) {
                // The codec now enforces the limit itself, refusing breaches before this handler could
                // count them: it is lifted, and enforced below instead.
                settingsAcknowledged = true;
                codec.connection().remote().maxActiveStreams(Integer.MAX_VALUE);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    private void onHeaders(ChannelHandlerContext ctx, Http2HeadersFrame frame) {
        int id = frame.stream().id();
        if (id > lastStreamId) {
            return; // sent before the client saw the GOAWAY: ignored
        }
        Exchange exchange = exchanges.get(id);
        if (exchange == null) {
            if (exchanges.size() >= limit) {
                if (settingsAcknowledged) {
                    script.streamsOverLimit.incrementAndGet();
                }
                ctx.write(new DefaultHttp2ResetFrame(Http2Error.REFUSED_STREAM).stream(frame.stream()));
                return;
            }
            exchange = new Exchange(frame.stream(), String.valueOf(frame.headers().path()).split("\\?", 2)[0]);
            exchanges.put(frame.stream().id(), exchange);
            active = exchanges.size();
            script.maxConcurrentStreamsSeen.accumulateAndGet(active, Math::max);
            H2TestScript.count(script.received, exchange.path);
            if (streams.incrementAndGet() == goAwayAfter) {
                lastStreamId = id;
                ctx.write(goAway(ctx.alloc(), id));
            }
        }
        if (frame.isEndStream()) {
            onRequest(ctx, exchange);
        } else if (script.earlyPaths.contains(exchange.path)) {
            exchange.early = true;
            answer(ctx, exchange);
        }
    }

    private void onData(ChannelHandlerContext ctx, Http2DataFrame frame) {
        Exchange early = exchanges.get(frame.stream().id());
        if (early != null && early.early) {
            return; // answered already; the rest of the body is left unread, its window never given back
        }
        // Hand the bytes back to the flow controller at once: the client may send the next window's worth.
        if (frame.initialFlowControlledBytes() > 0 && !outputShut) {
            ctx.write(new DefaultHttp2WindowUpdateFrame(frame.initialFlowControlledBytes()).stream(frame.stream()));
        }
        Exchange exchange = exchanges.get(frame.stream().id());
        if (exchange == null) {
            return;
        }
        exchange.bodyLength += frame.content().readableBytes();
        exchange.bodyDigest.update(frame.content().nioBuffer());
        if (frame.isEndStream()) {
            onRequest(ctx, exchange);
        }
    }

    private void onRequest(ChannelHandlerContext ctx, Exchange exchange) {
        if (script.resetPaths.contains(exchange.path)) {
            ctx.write(new DefaultHttp2ResetFrame(Http2Error.INTERNAL_ERROR).stream(exchange.stream));
        } else if (script.holdPrefixes.stream().anyMatch(exchange.path::startsWith)) {
            held.add(exchange);
        } else if (script.delay.isZero()) {
            answer(ctx, exchange);
        } else {
            ctx.executor().schedule(() -> answer(ctx, exchange), script.delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void answerHeld() {
        List<Exchange> answering = List.copyOf(held);
        held.clear();
        answering.forEach(exchange -> answer(context, exchange));
    }

    private void answer(ChannelHandlerContext ctx, Exchange exchange) {
        if (exchanges.get(exchange.stream.id()) != exchange) {
            return; // reset by the client, or the connection closed, meanwhile
        }
        byte[] body = script.bodies.getOrDefault(exchange.path, exchange.path.getBytes(StandardCharsets.UTF_8));
        Http2Headers headers = new DefaultHttp2Headers().status("200")
                .set("content-type", "text/plain; charset=utf-8")
                .setInt("content-length", body.length)
                .setLong("x-body-length", exchange.bodyLength)
                .set("x-body-sha256", HexFormat.of().formatHex(exchange.bodyDigest.digest()));
        Integer big = script.bigHeaders.get(exchange.path);
        if (big != null) {
            headers.set("x-big", "b".repeat(big));
        }
        // Counted first: the client may have the answer before the write returns.
        H2TestScript.count(script.answered, exchange.path);
        ctx.write(new DefaultHttp2HeadersFrame(headers, false).stream(exchange.stream));
        ctx.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body), true).stream(exchange.stream));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof Http2FrameStreamEvent streamEvent
                && streamEvent.stream().state() == Http2Stream.State.CLOSED) {
            Exchange closed = exchanges.remove(streamEvent.stream().id());
            if (closed != null) {
                held.remove(closed);
                active = exchanges.size();
                if (lastStreamId != Integer.MAX_VALUE && exchanges.isEmpty() && !outputShut) {
                    // Half-closed, so that the client reads every answer before it sees the end; a full close
                    // with its late frames unread would reset the connection and could lose them.
                    outputShut = true;
                    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER)
                            .addListener(flushed -> ((DuplexChannel) ctx.channel()).shutdownOutput());
                }
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.remove(this);
        exchanges.clear();
        held.clear();
        active = 0;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A stream error has been answered with RST_STREAM by the codec already; anything else ends the
        // connection, as the client will see, unless the server is only waiting for the client to close it.
        if (!(cause instanceof Http2FrameStreamException) && !outputShut) {
            ctx.close();
        }
    }

    /** The streams this connection carried, refused ones left out. */
    int streams() {
        return streams.get();
    }

    /** The streams open now, held ones included. */
    int activeStreams() {
        return active;
    }

    /** Answers, on the connection's event loop, every request held so far. */
    void release() {
        context.executor().execute(this::answerHeld);
    }

    /**
     * A GOAWAY frame as bytes, which the codec passes on untouched. Not the codec's own: once it has sent one,
     * it takes a DATA frame on a stream opened after the last-stream-id (which the client may well have sent
     * before it saw the GOAWAY) for a protocol error, and closes the connection, failing the streams kept.
     */
    private static ByteBuf goAway(ByteBufAllocator alloc, int lastStreamId) {
        return alloc.buffer(17)
                .writeMedium(8).writeByte(0x7).writeByte(0).writeInt(0) // length 8, type GOAWAY, no flags, stream 0
                .writeInt(lastStreamId).writeInt((int) Http2Error.NO_ERROR.code());
    }

    /** One request: its stream, its path, and the body received so far. */
    private static final class Exchange {
        final Http2FrameStream stream;
        final String path;
        final MessageDigest bodyDigest;
        long bodyLength;
        /** Answered before its body arrived ({@link H2TestServer#answerEarly}). */
        boolean early;

        Exchange(Http2FrameStream stream, String path) {
            this.stream = stream;
            this.path = path;
            try {
                this.bodyDigest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }
    }
}
