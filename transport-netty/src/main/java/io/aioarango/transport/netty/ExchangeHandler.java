package io.aioarango.transport.netty;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.Host;
import io.aioarango.api.Headers;
import io.aioarango.api.HttpMethod;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.ResponseTooLargeException;
import io.aioarango.transport.spi.support.Completions;
import io.aioarango.transport.spi.support.ConnectionFailures;
import io.aioarango.transport.spi.support.ResponseBodyBuffer;
import io.aioarango.transport.spi.support.ResponseChecks;
import io.aioarango.transport.spi.TransportOptions;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The last handler of every connection of one session: reads the answer to the exchange the connection
 * carries from the codec's parts (head, then body chunks), copying each chunk into one
 * {@link ResponseBodyBuffer} and releasing it at once, so an answer is held once; skips informational
 * (1xx) answers; fails the exchange when the answer is malformed, too large or cut short, or the
 * connection breaks; and closes connections left idle. Whatever it meets, even an {@link Error}, ends
 * the caller's future.
 */
@ChannelHandler.Sharable
final class ExchangeHandler extends ChannelInboundHandlerAdapter {
    private final Host host;
    private final long maxResponseBytes;
    private final int maxResponseHeaderBytes;

    ExchangeHandler(Host host, TransportOptions options) {
        this.host = host;
        this.maxResponseBytes = options.maxResponseBytes();
        this.maxResponseHeaderBytes = options.maxResponseHeaderBytes();
    }

    /** What one exchange has read so far; touched only on its connection's event loop. */
    static final class Reading {
        int status;
        Headers headers;
        ResponseBodyBuffer body;
        /** Between the head of a 1xx answer and its (empty) end. */
        boolean skippingInformational;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Exchange exchange = ctx.channel().attr(Exchange.EXCHANGE).get();
        try {
            if (exchange == null) {
                if (msg != LastHttpContent.EMPTY_LAST_CONTENT) {
                    ctx.close(); // an answer nobody waits for: the connection is out of step
                }
                return;
            }
            if (exchange.result.isDone()) {
                exchange.reading.body = null; // timed out or cancelled: the connection is being closed
                return;
            }
            read(exchange, msg);
        } catch (Throwable e) {
            fail(ctx, exchange, e);
        } finally {
            ReferenceCountUtil.release(msg); // each part goes as soon as it was copied
        }
    }

    private void read(Exchange exchange, Object msg) {
        Reading reading = exchange.reading;
        if (msg instanceof io.netty.handler.codec.http.HttpResponse head) {
            readHead(exchange, head);
        }
        if (msg instanceof HttpContent content) {
            if (reading.skippingInformational) {
                reading.skippingInformational = !(content instanceof LastHttpContent);
                return;
            }
            DecoderResult result = content.decoderResult();
            if (result.isFailure()) {
                throw ResponseChecks.invalid(host, "bad body: " + Completions.describe(result.cause()),
                        result.cause());
            }
            if (reading.body == null) {
                throw ResponseChecks.invalid(host, "body without a status line", null);
            }
            ByteBuf bytes = content.content();
            if (bytes.isReadable()) {
                for (ByteBuffer chunk : bytes.nioBuffers()) {
                    reading.body.append(chunk);
                }
            }
            if (content instanceof LastHttpContent) {
                TransportResponse response = reading.body.toResponse(reading.status, reading.headers);
                reading.body = null;
                exchange.end(exchange.reusable); // the connection is free before the caller hears of it
                exchange.result.complete(response);
            }
        } else if (!(msg instanceof io.netty.handler.codec.http.HttpResponse)) {
            // After a 101 the codec passes raw bytes on; nothing else is expected.
            throw ResponseChecks.invalid(host, "not HTTP: " + msg.getClass().getSimpleName(), null);
        }
    }

    private void readHead(Exchange exchange, io.netty.handler.codec.http.HttpResponse head) {
        DecoderResult result = head.decoderResult();
        if (result.isFailure()) {
            throw headFailure(head, result.cause());
        }
        int status = head.status().code();
        if (status == 101) {
            // We never ask to switch protocols: what follows is not an answer we can read.
            throw ResponseChecks.invalid(host, "101 Switching Protocols, but no protocol change was asked for",
                    null);
        }
        if (status < 100 || status > 999) {
            throw ResponseChecks.invalid(host, "status " + status + " is not an HTTP status", null);
        }
        Reading reading = exchange.reading;
        if (status < 200) {
            reading.skippingInformational = true; // 100 Continue, 102 Processing, 103 Early Hints: the real one follows
            return;
        }
        Headers headers = headers(head);
        ResponseChecks.checkHeaderSize(host, maxResponseHeaderBytes, headers);
        long declaredLength = ResponseChecks.contentLength(host, headers.all("content-length"));
        boolean noBody = exchange.method == HttpMethod.HEAD || status == 204 || status == 304;
        reading.body = ResponseBodyBuffer.forLength(host, noBody ? 0 : declaredLength, maxResponseBytes);
        reading.status = status;
        reading.headers = headers;
        exchange.reusable = HttpUtil.isKeepAlive(head);
    }

    /** The codec could not parse the head: say what was wrong, as the jdk transport does. */
    private RuntimeException headFailure(io.netty.handler.codec.http.HttpResponse head, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            // A status line or headers past the codec's own limits, which are set above ours.
            return ResponseTooLargeException.headers(host, maxResponseHeaderBytes, cause);
        }
        List<String> lengths = head.headers().getAll(HttpHeaderNames.CONTENT_LENGTH);
        if (!lengths.isEmpty()) {
            ResponseChecks.contentLength(host, lengths); // throws, naming the bad value, if that was it
        }
        return ResponseChecks.invalid(host, "bad status line or headers: " + Completions.describe(cause), cause);
    }

    /**
     * Header names servers send, as the codec hands them over (an {@link AsciiString}), to their lower
     * case: reading an answer's headers then makes no string for a common name.
     */
    private static final Map<AsciiString, String> COMMON_NAMES = commonNames("Content-Type", "Content-Length",
            "Connection", "Server", "Date", "Keep-Alive", "Transfer-Encoding", "Content-Encoding", "Location", "ETag",
            "Cache-Control", "Pragma", "Expires", "X-Content-Type-Options", "Strict-Transport-Security",
            "Content-Security-Policy", "X-Arango-Queue-Time-Seconds", "X-Arango-Endpoint", "WWW-Authenticate");

    private static Map<AsciiString, String> commonNames(String... names) {
        Map<AsciiString, String> common = new HashMap<>();
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            common.put(AsciiString.of(name), lower); // AsciiString's equals is exact: both spellings
            common.put(AsciiString.of(lower), lower);
        }
        return Map.copyOf(common);
    }

    private static Headers headers(io.netty.handler.codec.http.HttpResponse response) {
        Headers.Builder headers = Headers.builder();
        // The codec's own entries, not string copies of them.
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = response.headers().iteratorCharSequence();
                it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> header = it.next();
            CharSequence name = header.getKey();
            String common = name instanceof AsciiString ascii ? COMMON_NAMES.get(ascii) : null;
            headers.add(common != null ? common : name.toString(), header.getValue().toString());
        }
        return headers.build();
    }

    /** Ends the exchange with the SDK's exception for {@code cause}, and the connection with it. */
    private void fail(ChannelHandlerContext ctx, Exchange exchange, Throwable cause) {
        try {
            if (exchange != null) {
                exchange.reading.body = null; // let what was read go before building the failure
                Completions.fail(exchange.result, () -> ResponseChecks.readFailure(host, maxResponseBytes, cause));
            }
        } finally {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Exchange exchange = ctx.channel().attr(Exchange.EXCHANGE).get();
        try {
            if (exchange != null) {
                exchange.reading.body = null;
                Completions.fail(exchange.result, () -> failure(cause));
            }
        } finally {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Exchange exchange = ctx.channel().attr(Exchange.EXCHANGE).get();
        if (exchange != null) {
            exchange.reading.body = null;
            Completions.fail(exchange.result, () -> new ArangoConnectionException(host,
                    "connection closed before the response was complete", true, null));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && ctx.channel().attr(Exchange.EXCHANGE).get() == null) {
            ctx.close(); // idle in the pool for idleTimeout: the pool drops closed connections
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    /** What a failure on an established connection means for the caller. */
    Throwable failure(Throwable cause) {
        if (cause instanceof IOException || ConnectionFailures.isConnectFailure(cause)) {
            return ConnectionFailures.broken(host, cause);
        }
        return ResponseChecks.readFailure(host, maxResponseBytes, cause);
    }
}
