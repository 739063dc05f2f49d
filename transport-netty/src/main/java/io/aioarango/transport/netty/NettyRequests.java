package io.aioarango.transport.netty;

import io.aioarango.api.Headers;
import io.aioarango.api.Host;
import io.aioarango.api.HttpMethod;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.transport.spi.support.Completions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Turns the requests of one coordinator into the Netty requests written: as they are over HTTP/1.1, through
 * the stream codec over HTTP/2.
 */
final class NettyRequests {
    /** Headers the transport sets itself. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "transfer-encoding");
    /** Netty's method of each of ours, by ordinal. */
    private static final io.netty.handler.codec.http.HttpMethod[] METHODS = Arrays.stream(HttpMethod.values())
            .map(method -> io.netty.handler.codec.http.HttpMethod.valueOf(method.name()))
            .toArray(io.netty.handler.codec.http.HttpMethod[]::new);

    private final Host host;
    /** The Host header of every request, built once. */
    private final String authority;
    /** Whether bodyless requests may share headers (see {@link #build}): HTTP/1.1 only. */
    private final boolean shareHeaders;
    private volatile SharedHeaders shared;

    NettyRequests(Host host, boolean shareHeaders) {
        this.host = host;
        this.authority = host.authority();
        this.shareHeaders = shareHeaders;
    }

    /**
     * The request as Netty writes it, or {@code null} with {@code result} failed: Netty checks header names
     * and values here, so a wrong request fails before it takes a place in any queue.
     *
     * <p>With {@code shareHeaders}, a request without a body whose headers are the very {@link Headers} object
     * of the request before it (a database's requests share one) shares that request's Netty headers, as
     * built, checked and completed with {@code Host} then: HTTP/1.1 encoding only reads them. Over HTTP/2 the
     * stream codec adds to a request's headers, so each needs its own.
     */
    FullHttpRequest build(TransportRequest request, CompletableFuture<TransportResponse> result) {
        boolean share = shareHeaders && !request.hasBody() && !needsContentLength(request);
        if (share) {
            SharedHeaders last = shared;
            if (last != null && last.source == request.headers()) {
                return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, METHODS[request.method().ordinal()],
                        request.target(), Unpooled.EMPTY_BUFFER, last.netty, EmptyHttpHeaders.INSTANCE);
            }
        }
        FullHttpRequest built;
        try {
            built = toNetty(request);
        } catch (Throwable e) {
            Completions.failUnbuilt(result, host, e); // nothing was sent
            return null;
        }
        if (share) {
            shared = new SharedHeaders(request.headers(), built.headers());
        }
        return built;
    }

    /** The headers of the last bodyless request built, and the Netty headers made of them. */
    private record SharedHeaders(Headers source, HttpHeaders netty) {
    }

    /** The request as Netty writes it; throws what Netty finds wrong in it. */
    FullHttpRequest toNetty(TransportRequest request) {
        // A view of the caller's read-only bytes, never a copy.
        ByteBuf content = request.hasBody() ? Unpooled.wrappedBuffer(request.body()) : Unpooled.EMPTY_BUFFER;
        // The target is already percent-encoded and checked by TransportRequest: it goes out verbatim.
        // No trailers are ever sent: the shared empty instance rather than a new headers object per request.
        FullHttpRequest nettyRequest = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
                METHODS[request.method().ordinal()], request.target(), content,
                new DefaultHttpHeaders(), EmptyHttpHeaders.INSTANCE);
        try {
            HttpHeaders headers = nettyRequest.headers();
            request.headers().forEach((name, value) -> {
                if (!RESTRICTED.contains(name)) {
                    headers.add(name, value);
                }
            });
            headers.set(HttpHeaderNames.HOST, authority);
            if (request.hasBody() || needsContentLength(request)) {
                headers.set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
            }
            return nettyRequest;
        } catch (RuntimeException e) {
            nettyRequest.release();
            throw e;
        }
    }

    /** POST, PUT and PATCH say {@code Content-Length: 0} when they carry nothing. */
    private static boolean needsContentLength(TransportRequest request) {
        return request.method().name().startsWith("P");
    }
}
