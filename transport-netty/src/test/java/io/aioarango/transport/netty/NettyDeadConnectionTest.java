package io.aioarango.transport.netty;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.aioarango.transport.tck.Waiting.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.aioarango.api.ArangoConnectionException;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.Headers;
import io.aioarango.api.Host;
import io.aioarango.api.HttpMethod;
import io.aioarango.api.HttpProtocol;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.transport.tck.H2TestServer;
import io.aioarango.transport.tck.Waiting;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelFuture;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A connection whose coordinator went silent is found dead early, and no request is written to one the
 * transport knows is dead: keep-alive with tuned timings on every connection, on NIO and on epoll, over
 * HTTP/1.1 and HTTP/2; a PING left unanswered; a pooled connection that closed as a request was handed it.
 * Everything on 127.0.0.1; conditions are awaited, never a guessed time.
 */
@ExtendWith(NettyLeaks.Check.class)
class NettyDeadConnectionTest {
    /**
     * An event loop group of one thread that keeps every connection registered with it: a transport's
     * bootstrap registers each connection it makes with its group (HTTP/2 streams go to their connection's
     * event loop instead, so only connections are kept).
     */
    private static final class RecordingGroup extends MultiThreadIoEventLoopGroup {
        final Queue<Channel> made = new ConcurrentLinkedQueue<>();

        RecordingGroup(IoHandlerFactory handlers) {
            super(1, handlers);
        }

        @Override
        public ChannelFuture register(Channel channel) {
            made.add(channel);
            return super.register(channel);
        }
    }

    /** The two I/O kinds of the transport: each with its own event loop group, as a user passes one in. */
    enum Io {
        NIO(NioIoHandler::newFactory, NioSocketChannel.class),
        EPOLL(EpollIoHandler::newFactory, EpollSocketChannel.class);

        final Supplier<IoHandlerFactory> handlers;
        final Class<? extends Channel> channelType;

        Io(Supplier<IoHandlerFactory> handlers, Class<? extends Channel> channelType) {
            this.handlers = handlers;
            this.channelType = channelType;
        }

        void assumeAvailable() {
            if (this == EPOLL) {
                assumeTrue(Epoll.isAvailable(), () -> "no native epoll here: " + Epoll.unavailabilityCause());
            }
        }

        RecordingGroup group() {
            return new RecordingGroup(handlers.get());
        }
    }

    private static boolean isLinux() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux");
    }

    private WireMockServer http1;
    private H2TestServer h2;
    private RecordingGroup group;

    @BeforeEach
    void start() {
        http1 = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        http1.start();
        http1.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));
        h2 = H2TestServer.start();
    }

    @AfterEach
    void stop() {
        http1.stop();
        h2.close();
        if (group != null) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private NettyTransport transport(Io io, TransportOptions options) {
        io.assumeAvailable();
        group = io.group();
        return NettyTransport.builder(options).eventLoopGroup(group, io.channelType).build();
    }

    private Host host(HttpProtocol protocol) {
        return protocol == HttpProtocol.HTTP1 ? new Host("http", "127.0.0.1", http1.port()) : h2.host();
    }

    private static TransportRequest get(String path) {
        return new TransportRequest(HttpMethod.GET, path, Headers.empty(), null);
    }

    private static TransportResponse await(CompletableFuture<TransportResponse> answer) throws Exception {
        return answer.get(Waiting.WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    static Stream<Arguments> ioAndProtocols() {
        return Stream.of(Io.values()).flatMap(io -> Stream.of(HttpProtocol.HTTP1, HttpProtocol.H2)
                .map(protocol -> Arguments.of(io, protocol)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("ioAndProtocols")
    void everyConnectionProbesItsPeerWithTimingsThatFindASilentOneInAboutThirtySeconds(Io io, HttpProtocol protocol)
            throws Exception {
        try (NettyTransport transport = transport(io, TransportOptions.builder().protocol(protocol).build())) {
            HttpSession session = transport.openSession(host(protocol));
            await(session.send(get("/")));

            assertThat(group.made).as("connections made").hasSize(1);
            Channel connection = group.made.peek();
            assertThat(connection.isActive()).as("the connection, open in the pool").isTrue();
            // Read back from the socket itself (getsockopt), not from what the bootstrap was told.
            assertThat(connection.config().getOption(ChannelOption.SO_KEEPALIVE)).as("SO_KEEPALIVE").isTrue();
            if (io == Io.EPOLL) {
                assertThat(connection.config().getOption(EpollChannelOption.TCP_KEEPIDLE)).as("TCP_KEEPIDLE, s")
                        .isEqualTo(15);
                assertThat(connection.config().getOption(EpollChannelOption.TCP_KEEPINTVL)).as("TCP_KEEPINTVL, s")
                        .isEqualTo(5);
                assertThat(connection.config().getOption(EpollChannelOption.TCP_KEEPCNT)).as("TCP_KEEPCNT")
                        .isEqualTo(3);
                assertThat(connection.config().getOption(EpollChannelOption.TCP_USER_TIMEOUT))
                        .as("TCP_USER_TIMEOUT, ms").isEqualTo(30_000);
            } else if (KeepAlive.Nio.TIMINGS || isLinux()) { // the JDK sets them on Linux (and macOS)
                assertThat(connection.config().getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE)))
                        .as("TCP_KEEPIDLE, s").isEqualTo(15);
                assertThat(connection.config().getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL)))
                        .as("TCP_KEEPINTERVAL, s").isEqualTo(5);
                assertThat(connection.config().getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT)))
                        .as("TCP_KEEPCOUNT").isEqualTo(3);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Io.class)
    void aPooledConnectionThatClosesAsARequestIsHandedItIsNotWrittenToAndTheRequestGetsANewOne(Io io)
            throws Exception {
        try (NettyTransport transport = transport(io, TransportOptions.defaults())) {
            HttpSession session = transport.openSession(host(HttpProtocol.HTTP1));
            await(session.send(get("/first")));
            Channel pooled = group.made.peek();

            // The one event loop is held, so that what follows queues up on it in this order: the pooled
            // connection closes (as when keep-alive finds its peer gone), then the request handed it starts.
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            pooled.eventLoop().execute(() -> {
                holding.countDown();
                NettyTransportTest.awaitUninterruptibly(release);
            });
            assertThat(holding.await(Waiting.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            pooled.close();
            assertThat(pooled.isActive()).as("open until its event loop closes it").isTrue();
            CompletableFuture<TransportResponse> second = session.send(get("/second"));
            release.countDown();

            assertThat(await(second).bodyAsString()).isEqualTo("ok");
            assertThat(group.made).as("connections made: the pooled one, then one for the second request")
                    .hasSize(2);
            assertThat(pooled.isActive()).isFalse();
            assertThat(http1.getAllServeEvents()).as("requests the server received").hasSize(2);
        }
    }

    @Test
    void anHttp2ConnectionWhosePingGoesUnansweredIsClosedAndItsRequestsFail() throws Exception {
        h2.answerPings(false).hold("/slow");
        // The request timeout far beyond the PINGs: the failure can only come from the silence.
        try (NettyTransport transport = NettyTransport.builder(TransportOptions.builder().protocol(HttpProtocol.H2)
                .http2PingInterval(Duration.ofMillis(100)).requestTimeout(Duration.ofMinutes(1)).build()).build()) {
            HttpSession session = transport.openSession(h2.host());
            CompletableFuture<TransportResponse> slow = session.send(get("/slow"));

            assertThatThrownBy(() -> slow.get(Waiting.WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(ArangoConnectionException.class, e -> {
                        assertThat(e.host()).isEqualTo(h2.host());
                        assertThat(e.requestSent()).as("the server has the request").isTrue();
                    })
                    .hasMessageContaining("connection closed before the response was complete");
            eventually("the silent connection closed", () -> h2.openConnections() == 0);
            // The server read all the client sent before it saw the connection close.
            assertThat(h2.received()).as("requests the server received").containsEntry("/slow", 1);
            assertThat(h2.pingsReceived()).as("PINGs sent").isPositive();

            h2.answerPings(true).release();
            assertThat(await(session.send(get("/after"))).bodyAsString()).as("a new connection")
                    .isEqualTo("/after");
            assertThat(h2.acceptedConnections()).as("connections opened").isGreaterThanOrEqualTo(2);
        }
    }
}
