package io.aioarango.transport.jdk;

import io.aioarango.api.Host;
import io.aioarango.api.HttpProtocol;
import io.aioarango.transport.spi.support.DaemonThreads;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.support.OpenSessions;
import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Sessions on one {@link HttpClient}, which keeps the connections of every coordinator apart (per host)
 * and has a single selector thread, so the transport's threads are bounded however many sessions open
 * and close: that thread, a small executor and one timer thread for request deadlines. The executor is
 * given explicitly: without one the JDK completes responses on a thread pool that grows without bound.
 *
 * <p>Each session bounds its own coordinator's exchanges ({@code maxConnectionsPerHost}, with
 * {@code maxPendingRequestsPerHost} waiting) and, when closed, fails its pending requests and cancels
 * their exchanges, which closes their connections. Idle connections stay in the client's pool for
 * {@code jdk.httpclient.keepalive.timeout} (a JVM-wide system property; {@code idleTimeout} does not
 * apply). Closing the transport closes the client with {@code HttpClient.shutdownNow()} on Java 21 and
 * later; Java 17 has no way to close a client, so its selector thread and idle connections go when the
 * client is garbage collected: the transport and its sessions let go of it on close for that.
 *
 * <p>Dead connections: {@code java.net.http} (Java 17) sets no socket option but {@code TCP_NODELAY} (and
 * buffer sizes when asked to) and offers no way to set one, so its connections have no TCP keep-alive; over
 * HTTP/2 it answers a server's PINGs but sends none. A coordinator that closes or resets a connection is
 * noticed at once. One that went silent (its host lost power, a firewall drops its packets, its process
 * froze) is not noticed while a connection to it is idle: the connection stays in the pool until
 * {@code jdk.httpclient.keepalive.timeout} (1,200 s on Java 17), and a request sent on it waits for
 * {@code requestTimeout}, which then closes that connection. Connecting to a host that does not answer
 * fails after {@code connectTimeout}, and the request moves on to the next coordinator. To meet fewer such
 * connections, lower {@code jdk.httpclient.keepalive.timeout} (e.g.
 * {@code -Djdk.httpclient.keepalive.timeout=30}), and the request timeout to give up on one sooner; or use
 * the {@code netty} transport, whose connections have keep-alive tuned to find a silent coordinator in
 * about 30 s.
 */
public final class JdkTransport implements Transport {
    /** {@code HttpClient.shutdownNow()}, from Java 21: closes the client's connections and its thread at once. */
    private static final Method SHUTDOWN_NOW = findShutdownNow();

    private final TransportOptions options;
    private final ExecutorService executor;
    private final ScheduledThreadPoolExecutor timer;
    /** Dropped on close: on Java 17 the client and its connections go only once nothing holds it. */
    private volatile HttpClient client;
    private final OpenSessions<JdkHttpSession> sessions = new OpenSessions<>(JdkTransportProvider.NAME);

    /**
     * A transport with default {@link HttpClient} settings.
     *
     * @param options the timeouts and limits of every session; {@code idleTimeout} does not apply
     * @throws NullPointerException if {@code options} is null
     */
    public JdkTransport(TransportOptions options) {
        this(options, HttpClient.newBuilder());
    }

    private JdkTransport(TransportOptions options, HttpClient.Builder builder) {
        this.options = Objects.requireNonNull(options, "options");
        options.tls().warnIfTrustingAll(System.getLogger(getClass().getName()));
        this.executor = Executors.newFixedThreadPool(
                Math.max(2, Runtime.getRuntime().availableProcessors()), DaemonThreads.named("aioarango-jdk-"));
        this.timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("aioarango-jdk-timer-"));
        // Most requests finish long before their deadline: drop cancelled deadlines at once.
        this.timer.setRemoveOnCancelPolicy(true);
        try {
            if (!options.tls().isDefault()) {
                // Trust, client certificate and the host-name check are all in the context's managers.
                builder.sslContext(options.tls().sslContext());
            }
            this.client = builder
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(options.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(executor)
                    .build();
        } catch (RuntimeException | Error e) {
            executor.shutdown();
            timer.shutdownNow();
            throw e;
        }
    }

    /**
     * A transport whose client starts from your builder: set a proxy, an {@code SSLContext},
     * {@code SSLParameters} or an authenticator on it. The transport then sets HTTP/1.1, the connect
     * timeout, no redirects and its own executor, and builds its one client from it, here and now. The
     * builder is not state the transport keeps or closes, but those settings stay on it: a client built
     * from it later would share the transport's executor, which closing the transport shuts down.
     *
     * @param options the timeouts and limits of every session; {@code idleTimeout} does not apply
     * @param builder the builder the transport's client starts from
     * @return a new transport; the caller closes it
     * @throws NullPointerException if {@code options} or {@code builder} is null
     */
    public static JdkTransport withHttpClient(TransportOptions options, HttpClient.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        return new JdkTransport(options, builder);
    }

    @Override
    public String name() {
        return JdkTransportProvider.NAME;
    }

    @Override
    public HttpSession openSession(Host host) {
        return sessions.open(host, (h, onClose) -> {
            HttpClient current = client;
            if (current == null) {
                throw new IllegalStateException("The jdk transport is closed; no session can be opened for " + h);
            }
            return new JdkHttpSession(h, current, executor, timer, options, version(h), onClose);
        });
    }

    /**
     * The HTTP version of a session's requests. java.net.http negotiates HTTP/2 through ALPN over TLS and
     * falls back to HTTP/1.1 when the server does not offer it, under {@code H2} too: it tells only after
     * the request was sent, too late to refuse it. Over cleartext it only knows the upgrade from HTTP/1.1,
     * which ArangoDB does not do, not HTTP/2 with prior knowledge.
     */
    private HttpClient.Version version(Host host) {
        HttpProtocol protocol = options.protocol();
        if (protocol == HttpProtocol.HTTP1 || (protocol == HttpProtocol.AUTO && !host.isTls())) {
            return HttpClient.Version.HTTP_1_1;
        }
        if (!host.isTls()) {
            throw new IllegalArgumentException("The jdk transport cannot speak HTTP/2 to " + host + ": java.net.http "
                    + "has no cleartext HTTP/2 with prior knowledge. Use protocol HTTP1 or AUTO (HTTP/1.1 here), an "
                    + "https:// coordinator, or the netty transport, which speaks cleartext HTTP/2");
        }
        return HttpClient.Version.HTTP_2;
    }

    @Override
    public void close() {
        if (sessions.close()) {
            HttpClient closing = client;
            client = null;
            shutdownNow(closing);
            executor.shutdown();
            timer.shutdownNow();
        }
    }

    private static Method findShutdownNow() {
        try {
            return HttpClient.class.getMethod("shutdownNow");
        } catch (NoSuchMethodException e) {
            return null; // Java 17 to 20
        }
    }

    private static void shutdownNow(HttpClient client) {
        if (SHUTDOWN_NOW != null) {
            try {
                SHUTDOWN_NOW.invoke(client);
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // Best effort: the pending futures have already been failed.
            }
        }
    }

    @Override
    public String toString() {
        return "JdkTransport[" + sessions.size() + " sessions]";
    }
}
