package io.aioarango.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Serves one connection of a fake coordinator: logs each request, then answers it or misbehaves as told. */
final class CoordinatorHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final FakeCoordinator coordinator;
    private final Answers answers;
    private final ClusterState cluster;

    CoordinatorHandler(FakeCoordinator coordinator, Answers answers, ClusterState cluster) {
        this.coordinator = coordinator;
        this.answers = answers;
        this.cluster = cluster;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        if (!request.decoderResult().isSuccess()) {
            write(ctx, Answers.error(400, 400, "bad request"), false);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String user = user(request.headers());
        String body = request.content().toString(StandardCharsets.UTF_8);
        coordinator.record(new RecordedRequest(request.method().name(), uri.rawPath(), uri.rawQuery(),
                headers(request.headers()), body, user));

        FakeCoordinator.Fault fault = coordinator.fault();
        Answers.Answer answer;
        if (fault != null) {
            answer = Answers.error(fault.status(), fault.errorNum());
        } else if (user == null && !Answers.isPublic(uri.rawPath())) {
            answer = Answers.error(401, 11, "not authorized to execute this request");
        } else {
            answer = answers.answer(request.method().name(), uri.rawPath(), uri.parameters(), body);
        }
        boolean reset = coordinator.resetsMidAnswer();
        Duration delay = coordinator.delay();
        Runnable send = reset ? () -> writeHalfAndReset(ctx, answer) : () -> write(ctx, answer, keepAlive);
        if (delay.isZero()) {
            coordinator.answer(ctx.channel(), send);
        } else {
            // Checked when the timer fires: a coordinator frozen meanwhile holds the answer.
            ctx.executor().schedule(() -> coordinator.answer(ctx.channel(), send),
                    delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** The user of valid basic credentials, or null. */
    private String user(HttpHeaders headers) {
        String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : cluster.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private static Map<String, List<String>> headers(HttpHeaders headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.equals("authorization")) {
                copy.computeIfAbsent(name, n -> new ArrayList<>()).add(header.getValue());
            }
        }
        copy.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(copy);
    }

    private static void write(ChannelHandlerContext ctx, Answers.Answer answer, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
        headers(response, answer);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static void headers(HttpResponse response, Answers.Answer answer) {
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .set(HttpHeaderNames.CONTENT_LENGTH, answer.body().length)
                .set(HttpHeaderNames.SERVER, "ArangoDB")
                .set("x-arango-queue-time-seconds", "0.000000")
                .set("x-content-type-options", "nosniff");
    }

    /** Sends the head and half the body, then resets the connection. */
    private static void writeHalfAndReset(ChannelHandlerContext ctx, Answers.Answer answer) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(answer.status()));
        headers(head, answer);
        ByteBuf half = Unpooled.wrappedBuffer(answer.body(), 0, answer.body().length / 2);
        ctx.write(head);
        ctx.writeAndFlush(new DefaultHttpContent(half)).addListener((ChannelFutureListener) written -> {
            FakeCoordinator.resetOnClose(written.channel());
            written.channel().close();
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
