package io.aioarango.transport.netty;

import io.aioarango.api.Host;
import io.aioarango.api.HttpProtocol;
import io.aioarango.transport.spi.support.DaemonThreads;
import io.aioarango.transport.spi.support.DeadlineTimer;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.support.OpenSessions;
import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.resolver.AddressResolver;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultNameResolver;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Netty sessions, one bounded connection pool per coordinator, on one event loop group: the
 * transport's own (native epoll on Linux, NIO elsewhere) or one you pass in, which the transport then
 * never closes. It runs on Netty 4.2 and on Netty 4.1 from 4.1.118 (the line Spring Boot 3.5 manages): its own
 * group is made with the API of the line that is loaded.
 *
 * <p>Every connection has TCP keep-alive on, tuned so that a coordinator that went silent (powered off, its
 * packets dropped) is found within about 30 s rather than the system's two hours: a probe after 15 s of
 * silence, then every 5 s, given up after 3; with epoll also {@code TCP_USER_TIMEOUT} of 30 s, so that
 * written data left unacknowledged that long fails its connection (an answer that is merely slow is not
 * cut: the server's kernel has acknowledged the request). On NIO the probes are set where the JDK can set
 * them (on Java 17: Linux and macOS); another channel type of yours gets {@code SO_KEEPALIVE} with the
 * system's timings.
 *
 * <pre>{@code
 * Transport transport = NettyTransport.builder(TransportOptions.defaults())
 *         .eventLoopGroup(myGroup, NioSocketChannel.class)   // optional: yours, left open on close
 *         .sslContext(mySslContext)                          // optional: for https coordinators
 *         .build();
 * }</pre>
 */
public final class NettyTransport implements Transport {
    private final TransportOptions options;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final Class<? extends Channel> channelType;
    private final SslContext sslContext;
    /** The contexts made when none was given: built once, on first use. */
    private SslContext defaultContext; // guarded by this
    private SslContext defaultAlpnContext; // guarded by this
    /** The contexts made from the client's TLS settings. */
    private SslContext settingsContext; // guarded by this
    private SslContext settingsAlpnContext; // guarded by this
    private final EventExecutor resolverThread;
    /**
     * Every request's deadline: a timing wheel, on which scheduling and cancelling from any thread are a
     * queue operation, where an event loop's scheduler would be woken for each. Deadlines fire up to one
     * tick late.
     */
    private final HashedWheelTimer deadlines;
    private final AddressResolverGroup<InetSocketAddress> resolvers;
    private final OpenSessions<HttpSession> sessions = new OpenSessions<>(NettyTransportProvider.NAME);

    private NettyTransport(Builder builder) {
        this.options = builder.options;
        options.tls().warnIfTrustingAll(System.getLogger(getClass().getName()));
        this.ownsGroup = builder.group == null;
        if (ownsGroup) {
            EventLoops.Made made = EventLoops.create(builder.ioThreads, DaemonThreads.named("aioarango-netty-"));
            this.group = made.group();
            this.channelType = made.channelType();
        } else {
            this.group = builder.group;
            this.channelType = builder.channelType;
        }
        this.sslContext = builder.sslContext;
        // Netty's default resolver looks names up on the event loop, blocking it: look them up here.
        this.resolverThread = new DefaultEventExecutor(DaemonThreads.named("aioarango-netty-resolver-"));
        this.deadlines = new HashedWheelTimer(DaemonThreads.named("aioarango-netty-timer-"), 10, TimeUnit.MILLISECONDS,
                512);
        this.resolvers = new AddressResolverGroup<>() {
            @Override
            protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
                return new DefaultNameResolver(resolverThread).asAddressResolver();
            }
        };
    }

    /**
     * Starts a transport with these options; everything else has a default.
     *
     * @param options the timeouts and limits of every session
     * @return a new builder
     * @throws NullPointerException if {@code options} is null
     */
    public static Builder builder(TransportOptions options) {
        return new Builder(options);
    }

    @Override
    public String name() {
        return NettyTransportProvider.NAME;
    }

    /**
     * The channel type in use, e.g. {@code EpollSocketChannel} on Linux.
     *
     * @return the type given with {@link Builder#eventLoopGroup}, else {@code EpollSocketChannel} when
     *         native epoll is available and {@code NioSocketChannel} otherwise
     */
    public Class<? extends Channel> channelType() {
        return channelType;
    }

    /** The wheel as the SPI's timer; a deadline refused by a stopped wheel fails its request as closed. */
    private DeadlineTimer.Cancellable deadline(Runnable task, long delayNanos) {
        Timeout timeout = deadlines.newTimeout(ignored -> task.run(), delayNanos, TimeUnit.NANOSECONDS);
        return timeout::cancel;
    }

    @Override
    public HttpSession openSession(Host host) {
        return sessions.open(host, this::newSession);
    }

    private HttpSession newSession(Host host, Consumer<HttpSession> onClose) {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(channelType)
                .resolver(resolvers)
                .remoteAddress(InetSocketAddress.createUnresolved(host.hostname(), host.port()))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        options.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true);
        KeepAlive.apply(bootstrap, channelType); // a silent coordinator's connections found dead in about 30 s
        HttpProtocol protocol = options.protocol();
        if (protocol == HttpProtocol.HTTP1) {
            return new NettyHttpSession(host, bootstrap, options, host.isTls() ? tls(false) : null, this::deadline,
                    onClose::accept);
        }
        if (protocol == HttpProtocol.AUTO && host.isTls()) {
            // ALPN decides, once, on a first connection; the session is HTTP/2 or HTTP/1.1 from then on.
            // The chosen session is closed by the negotiating one, which alone is registered.
            // Chosen HTTP/1.1, its connections offer no h2: a later one must not negotiate what it cannot speak.
            SslContext tls = tls(true);
            return new NegotiatingSession(host, tls, options, bootstrap.clone(), this::deadline, h2 -> h2
                    ? new NettyHttp2Session(host, bootstrap.clone(), options, tls, this::deadline, closed -> { })
                    : new NettyHttpSession(host, bootstrap.clone(), options, tls(false), this::deadline,
                            closed -> { }),
                    onClose);
        }
        return new NettyHttp2Session(host, bootstrap, options, host.isTls() ? tls(true) : null, this::deadline,
                onClose::accept);
    }

    /**
     * The TLS context of a session, with ALPN when HTTP/2 is wanted: the Netty context given to this
     * builder, else the client's {@link io.aioarango.api.TlsSettings}, else the JDK's trust store.
     */
    private SslContext tls(boolean alpn) {
        SslContext context = sslContext;
        if (context == null && !options.tls().isDefault()) {
            synchronized (this) {
                context = alpn ? settingsAlpnContext : settingsContext;
                if (context == null) {
                    context = new JdkSslContext(options.tls().sslContext(), true, null,
                            IdentityCipherSuiteFilter.INSTANCE, alpn ? alpn() : ApplicationProtocolConfig.DISABLED,
                            ClientAuth.NONE, null, false);
                    if (alpn) {
                        settingsAlpnContext = context;
                    } else {
                        settingsContext = context;
                    }
                }
            }
        } else if (context == null) {
            synchronized (this) {
                context = alpn ? defaultAlpnContext : defaultContext;
                if (context == null) {
                    context = defaultTls(alpn);
                    if (alpn) {
                        defaultAlpnContext = context;
                    } else {
                        defaultContext = context;
                    }
                }
            }
        } else if (alpn && !context.applicationProtocolNegotiator().protocols()
                .contains(ApplicationProtocolNames.HTTP_2)) {
            throw new IllegalArgumentException("protocol " + options.protocol().value() + " needs ALPN with \"h2\" "
                    + "in the sslContext given to the netty transport; build it with applicationProtocolConfig("
                    + "new ApplicationProtocolConfig(Protocol.ALPN, NO_ADVERTISE, ACCEPT, \"h2\", \"http/1.1\"))");
        }
        return context;
    }

    /** ALPN offering h2, then http/1.1. */
    private static ApplicationProtocolConfig alpn() {
        return new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1);
    }

    private SslContext defaultTls(boolean alpn) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            if (alpn) {
                builder.applicationProtocolConfig(alpn());
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("Cannot set up TLS with the JDK's default trust store", e);
        }
    }

    /**
     * Fails pending requests, closes every connection, and shuts down the threads the transport made.
     * A group passed in stays open. Waits up to 5 s for the threads to end, unless called on one of them.
     */
    @Override
    public void close() {
        if (!sessions.close()) {
            return;
        }
        resolverThread.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        deadlines.stop(); // the sessions failed their pending requests: no deadline is needed any more
        if (ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            boolean onOwnThread = group.iterator().hasNext() && isOnLoop();
            if (!onOwnThread) {
                group.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
        }
    }

    private boolean isOnLoop() {
        for (EventExecutor loop : group) {
            if (loop.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "NettyTransport[" + channelType.getSimpleName() + ", " + sessions.size() + " sessions]";
    }

    /** Settings of a {@link NettyTransport} beyond the common {@link TransportOptions}. */
    public static final class Builder {
        private final TransportOptions options;
        private EventLoopGroup group;
        private Class<? extends Channel> channelType;
        private SslContext sslContext;
        private int ioThreads = Math.max(1, Runtime.getRuntime().availableProcessors());

        private Builder(TransportOptions options) {
            this.options = Objects.requireNonNull(options, "options");
        }

        /**
         * Your event loop group and the socket channel type that goes with it (e.g.
         * {@code NioSocketChannel.class} for a group made with {@code NioIoHandler} on Netty 4.2, or for a
         * {@code NioEventLoopGroup} on Netty 4.1). The transport never closes it.
         *
         * @param group       the event loop group every session's connections run on; {@link #ioThreads}
         *                    does not apply to it
         * @param channelType the socket channel class that goes with {@code group}
         * @return this builder
         * @throws NullPointerException if {@code group} or {@code channelType} is null
         */
        public Builder eventLoopGroup(EventLoopGroup group, Class<? extends Channel> channelType) {
            this.group = Objects.requireNonNull(group, "group");
            this.channelType = Objects.requireNonNull(channelType, "channelType");
            return this;
        }

        /**
         * The TLS settings for {@code https} coordinators; default: the JDK's trust store, host names verified.
         *
         * @param sslContext a client context, e.g. from {@code SslContextBuilder.forClient()}; host names are
         *                   verified with it too
         * @return this builder
         * @throws NullPointerException     if {@code sslContext} is null
         * @throws IllegalArgumentException if {@code sslContext} is a server context
         */
        public Builder sslContext(SslContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            if (!sslContext.isClient()) {
                throw new IllegalArgumentException("sslContext must be a client context (SslContextBuilder.forClient())");
            }
            return this;
        }

        /**
         * Event loop threads of the transport's own group; default: one per core. Ignored when
         * {@link #eventLoopGroup} gives a group.
         *
         * @param threads 1 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code threads} is less than 1
         */
        public Builder ioThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("ioThreads " + threads + " is not accepted; use 1 or more");
            }
            this.ioThreads = threads;
            return this;
        }

        /**
         * Builds the transport: its own event loop group, unless one was given, and one thread for host
         * name lookups.
         *
         * @return a new transport; the caller closes it
         */
        public NettyTransport build() {
            return new NettyTransport(this);
        }
    }
}
