package io.aioarango.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor: a minimal hand-written Netty 4.2 HTTP/1.1 client. Per coordinator a pool of up to 16 keep-alive
 * connections (one request at a time on each, the rest waiting in line), {@code HttpClientCodec} and
 * {@code HttpObjectAggregator}, the coordinators in turn, the body read with Jackson: the work the SDK does, and
 * nothing more. Native epoll when available and one event loop per core, as the SDK's netty transport.
 */
final class NettyRawContender implements Contender {
    static final int MAX_CONNECTIONS_PER_HOST = 16;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PATH = "/_db/_system/_admin/server/id";

    private final AtomicInteger next = new AtomicInteger();
    private EventLoopGroup group;
    private HostPool[] pools;

    @Override
    public void start(List<InetSocketAddress> coordinators, int concurrency) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "netty-raw-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        group = new MultiThreadIoEventLoopGroup(Math.max(1, Runtime.getRuntime().availableProcessors()), factory, io);
        String authorization = "Basic " + Base64.getEncoder().encodeToString(
                "root:passwd".getBytes(StandardCharsets.UTF_8));
        pools = new HostPool[coordinators.size()];
        for (int i = 0; i < pools.length; i++) {
            InetSocketAddress address = coordinators.get(i);
            HttpHeaders headers = new DefaultHttpHeaders()
                    .add(HttpHeaderNames.HOST, address.getHostString() + ":" + address.getPort())
                    .add(HttpHeaderNames.AUTHORIZATION, authorization)
                    .add(HttpHeaderNames.ACCEPT, "application/json");
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.SO_KEEPALIVE, true)
                    .remoteAddress(address);
            pools[i] = new HostPool(bootstrap, headers);
        }
    }

    @Override
    public CompletableFuture<String> serverId() {
        return pools[Math.floorMod(next.getAndIncrement(), pools.length)].send();
    }

    @Override
    public void close() {
        if (pools != null) {
            for (HostPool pool : pools) {
                pool.close();
            }
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    /** One coordinator's connections: idle ones, how many are open, and the requests waiting for one. */
    private static final class HostPool {
        private final Bootstrap bootstrap;
        private final HttpHeaders headers;
        private final ArrayDeque<Connection> idle = new ArrayDeque<>();
        private final ArrayDeque<CompletableFuture<String>> waiting = new ArrayDeque<>();
        private final List<Channel> all = new ArrayList<>();
        private int open;
        private boolean closed;

        HostPool(Bootstrap bootstrap, HttpHeaders headers) {
            this.bootstrap = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                            new Connection(HostPool.this));
                }
            });
            this.headers = headers;
        }

        CompletableFuture<String> send() {
            CompletableFuture<String> answer = new CompletableFuture<>();
            Connection connection;
            synchronized (this) {
                if (closed) {
                    answer.completeExceptionally(new IllegalStateException("closed"));
                    return answer;
                }
                connection = idle.pollLast();
                if (connection == null) {
                    if (open >= MAX_CONNECTIONS_PER_HOST) {
                        waiting.add(answer);
                        return answer;
                    }
                    open++;
                }
            }
            if (connection != null) {
                connection.write(answer);
            } else {
                connect(answer);
            }
            return answer;
        }

        private void connect(CompletableFuture<String> answer) {
            bootstrap.connect().addListener((ChannelFutureListener) future -> {
                Channel channel = future.channel();
                if (future.isSuccess()) {
                    synchronized (this) {
                        all.add(channel);
                    }
                    channel.pipeline().get(Connection.class).write(answer);
                } else {
                    synchronized (this) {
                        open--;
                    }
                    answer.completeExceptionally(future.cause());
                }
            });
        }

        /** The connection is free again: it takes the next waiting request, or goes idle. */
        void release(Connection connection) {
            CompletableFuture<String> next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    idle.addLast(connection);
                    return;
                }
            }
            connection.write(next);
        }

        /** The connection is gone: one fewer open, and a waiting request gets a new one. */
        void lost(Connection connection) {
            CompletableFuture<String> next = null;
            synchronized (this) {
                idle.remove(connection);
                all.remove(connection.channel);
                open--;
                if (!closed && !waiting.isEmpty()) {
                    next = waiting.poll();
                    open++;
                }
            }
            if (next != null) {
                connect(next);
            }
        }

        void close() {
            List<Channel> channels;
            List<CompletableFuture<String>> abandoned;
            synchronized (this) {
                closed = true;
                channels = new ArrayList<>(all);
                abandoned = new ArrayList<>(waiting);
                waiting.clear();
            }
            abandoned.forEach(f -> f.completeExceptionally(new IllegalStateException("closed")));
            channels.forEach(ch -> ch.close().syncUninterruptibly());
        }
    }

    /** One connection's handler: one request in flight at a time. */
    private static final class Connection extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final HostPool pool;
        private volatile CompletableFuture<String> pending;
        private Channel channel;

        Connection(HostPool pool) {
            this.pool = pool;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
        }

        void write(CompletableFuture<String> answer) {
            pending = answer;
            channel.writeAndFlush(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, PATH,
                    Unpooled.EMPTY_BUFFER, pool.headers, EmptyHttpHeaders.INSTANCE), channel.voidPromise());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            CompletableFuture<String> answer = pending;
            pending = null;
            String id = null;
            Throwable failure = null;
            if (response.status().code() != 200) {
                failure = new IllegalStateException("HTTP " + response.status());
            } else {
                try (InputStream body = new ByteBufInputStream(response.content())) {
                    JsonNode node = MAPPER.readTree(body).get("id");
                    id = node == null ? null : node.asText();
                } catch (IOException | RuntimeException e) {
                    failure = e;
                }
            }
            // Free the connection first, so that the request the caller sends next finds it idle.
            pool.release(this);
            if (answer != null) {
                if (failure == null) {
                    answer.complete(id);
                } else {
                    answer.completeExceptionally(failure);
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            CompletableFuture<String> answer = pending;
            pending = null;
            pool.lost(this);
            if (answer != null) {
                answer.completeExceptionally(new ClosedChannelException());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            CompletableFuture<String> answer = pending;
            pending = null;
            if (answer != null) {
                answer.completeExceptionally(cause);
            }
            ctx.close();
        }
    }
}
