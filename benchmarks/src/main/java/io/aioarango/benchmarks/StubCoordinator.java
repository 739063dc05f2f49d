package io.aioarango.benchmarks;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A stub ArangoDB coordinator for the load runner, run in a process of its own:
 * {@code java -cp ... io.aioarango.benchmarks.StubCoordinator N} listens on 127.0.0.1 on N ports chosen by the
 * OS (one per coordinator), prints {@code PORTS p1,p2,...} on standard output, and stops when its standard
 * input closes (the runner closes it, or dies).
 *
 * <p>Each port speaks HTTP/1.1 with keep-alive and, on the same port, HTTP/2 over cleartext with prior knowledge
 * (a connection that starts with the HTTP/2 preface). It answers {@code GET /_db/_system/_admin/server/id} with
 * {@code {"error":false,"code":200,"id":"CRDN-<n>"}}, {@code /_api/version} and {@code /_admin/cluster/health}
 * with recorded bodies (each with or without the {@code /_db/_system} prefix), accepts any
 * {@code Authorization}, and answers every other path 404. Every answer is bytes computed once. The number of
 * server-id requests each coordinator served is at {@code GET /_bench/hits}, as {@code n1,n2,...}.
 */
public final class StubCoordinator {
    /** What the stub prints, then the ports, comma-separated. */
    static final String PORTS_LINE = "PORTS ";
    static final String HITS_PATH = "/_bench/hits";

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private StubCoordinator() {
    }

    /**
     * Starts the stub.
     *
     * @param args the number of coordinators (ports), 1 by default
     * @throws Exception if a port cannot be bound
     */
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class
                : NioServerSocketChannel.class;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), io);
        Answers answers = new Answers(count);
        List<String> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Coordinator coordinator = new Coordinator(i, answers);
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(channelType)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new ProtocolSniffer(coordinator));
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            ports.add(String.valueOf(((java.net.InetSocketAddress) server.localAddress()).getPort()));
        }
        System.out.println(PORTS_LINE + String.join(",", ports));
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // The runner never writes; end of input means it is done (or gone).
        }
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).await(5_000);
    }

    /** Every answer of every coordinator, computed once. */
    static final class Answers {
        final LongAdder[] hits;
        final Answer[] serverIds;
        final Answer version;
        final Answer health;
        final Answer notFound;

        Answers(int count) {
            hits = new LongAdder[count];
            serverIds = new Answer[count];
            for (int i = 0; i < count; i++) {
                hits[i] = new LongAdder();
                serverIds[i] = new Answer(200, ("{\"error\":false,\"code\":200,\"id\":\"CRDN-" + (i + 1) + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
            }
            version = new Answer(200, resource("GET__api_version.json"));
            health = new Answer(200, resource("GET__admin_cluster_health.json"));
            notFound = new Answer(404, "{\"error\":true,\"errorNum\":404,\"errorMessage\":\"unknown path\",\"code\":404}"
                    .getBytes(StandardCharsets.UTF_8));
        }

        Answer hitsAnswer() {
            StringBuilder text = new StringBuilder();
            for (LongAdder hit : hits) {
                text.append(text.length() == 0 ? "" : ",").append(hit.sum());
            }
            return new Answer(200, text.toString().getBytes(StandardCharsets.US_ASCII));
        }

        private static byte[] resource(String name) {
            try (InputStream in = StubCoordinator.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("Resource " + name + " is missing");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One answer: the whole HTTP/1.1 response, and the HTTP/2 headers and body, each held once. */
    static final class Answer {
        final ByteBuf http1;
        final Http2Headers http2Headers;
        final ByteBuf body;

        Answer(int status, byte[] body) {
            String reason = status == 200 ? "OK" : "Not Found";
            byte[] head = ("HTTP/1.1 " + status + " " + reason + "\r\n"
                    + "Content-Type: application/json; charset=utf-8\r\n"
                    + "Server: ArangoDB\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            this.http1 = Unpooled.directBuffer(head.length + body.length).writeBytes(head).writeBytes(body);
            this.body = Unpooled.directBuffer(body.length).writeBytes(body);
            this.http2Headers = new DefaultHttp2Headers()
                    .status(String.valueOf(status))
                    .add("content-type", "application/json; charset=utf-8")
                    .add("server", "ArangoDB")
                    .addInt("content-length", body.length);
        }
    }

    /** The answers of one port. */
    static final class Coordinator {
        private final int index;
        private final Answers answers;

        Coordinator(int index, Answers answers) {
            this.index = index;
            this.answers = answers;
        }

        Answer answer(CharSequence target) {
            String path = target.toString();
            int query = path.indexOf('?');
            if (query >= 0) {
                path = path.substring(0, query);
            }
            if (path.startsWith("/_db/_system/")) {
                path = path.substring("/_db/_system".length());
            }
            switch (path) {
                case "/_admin/server/id":
                    answers.hits[index].increment();
                    return answers.serverIds[index];
                case "/_api/version":
                    return answers.version;
                case "/_admin/cluster/health":
                    return answers.health;
                case HITS_PATH:
                    return answers.hitsAnswer();
                default:
                    return answers.notFound;
            }
        }
    }

    /** Reads the first bytes of a connection: the HTTP/2 preface means h2c with prior knowledge, else HTTP/1.1. */
    static final class ProtocolSniffer extends ByteToMessageDecoder {
        private final Coordinator coordinator;

        ProtocolSniffer(Coordinator coordinator) {
            this.coordinator = coordinator;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            int readable = Math.min(in.readableBytes(), PREFACE.length);
            for (int i = 0; i < readable; i++) {
                if (in.getByte(in.readerIndex() + i) != PREFACE[i]) {
                    ctx.pipeline().addAfter(ctx.name(), "http1-decoder", new HttpRequestDecoder());
                    ctx.pipeline().addAfter("http1-decoder", "http1", new Http1Handler(coordinator));
                    ctx.pipeline().remove(this);
                    return;
                }
            }
            if (readable == PREFACE.length) {
                ctx.pipeline().addAfter(ctx.name(), "http2-codec", Http2FrameCodecBuilder.forServer()
                        .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(1024))
                        .build());
                ctx.pipeline().addAfter("http2-codec", "http2", new Http2Handler(coordinator));
                ctx.pipeline().remove(this);
            }
        }
    }

    /** HTTP/1.1: answers at the request's head (the stub only serves GETs), flushes once per read. */
    static final class Http1Handler extends ChannelInboundHandlerAdapter {
        private final Coordinator coordinator;

        Http1Handler(Coordinator coordinator) {
            this.coordinator = coordinator;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpRequest) {
                    HttpRequest request = (HttpRequest) msg;
                    if (request.decoderResult().isFailure()) {
                        ctx.close();
                        return;
                    }
                    ctx.write(coordinator.answer(request.uri()).http1.retainedDuplicate());
                    if (!HttpUtil.isKeepAlive(request)) {
                        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** HTTP/2 on the connection itself (no child channel per stream): headers and body per answer. */
    static final class Http2Handler extends ChannelInboundHandlerAdapter {
        private final Coordinator coordinator;
        /** Paths of streams whose request has a body still to come. */
        private final Map<Integer, CharSequence> open = new HashMap<>();

        Http2Handler(Coordinator coordinator) {
            this.coordinator = coordinator;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame) {
                    Http2HeadersFrame headers = (Http2HeadersFrame) msg;
                    CharSequence path = headers.headers().path();
                    if (headers.isEndStream()) {
                        answer(ctx, headers.stream(), path);
                    } else {
                        open.put(headers.stream().id(), path == null ? "" : path);
                    }
                } else if (msg instanceof Http2DataFrame) {
                    Http2DataFrame data = (Http2DataFrame) msg;
                    if (data.initialFlowControlledBytes() > 0) {
                        ctx.write(new DefaultHttp2WindowUpdateFrame(data.initialFlowControlledBytes())
                                .stream(data.stream()));
                    }
                    if (data.isEndStream()) {
                        answer(ctx, data.stream(), open.remove(data.stream().id()));
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void answer(ChannelHandlerContext ctx, Http2FrameStream stream, CharSequence path) {
            Answer answer = coordinator.answer(path == null ? "" : path);
            ctx.write(new DefaultHttp2HeadersFrame(answer.http2Headers, false).stream(stream));
            ctx.write(new DefaultHttp2DataFrame(answer.body.retainedDuplicate(), true).stream(stream));
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
