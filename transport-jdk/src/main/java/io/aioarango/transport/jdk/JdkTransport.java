package io.aioarango.transport.jdk;

import io.aioarango.api.Host;
import io.aioarango.api.internal.DaemonThreads;
import io.aioarango.api.spi.HttpSession;
import io.aioarango.api.spi.Transport;
import io.aioarango.api.spi.TransportOptions;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One {@link HttpClient} per coordinator (each is that coordinator's connection pool), all sharing one
 * small executor and one timer thread for request deadlines. The executor is given explicitly: without one the JDK completes responses on a
 * thread pool that grows without bound.
 */
public final class JdkTransport implements Transport {
    private final TransportOptions options;
    private final ExecutorService executor;
    private final ScheduledThreadPoolExecutor timer;
    private final Supplier<HttpClient.Builder> clients;
    private final List<JdkHttpSession> sessions = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A transport with default {@link HttpClient} settings. */
    public JdkTransport(TransportOptions options) {
        this(options, HttpClient::newBuilder);
    }

    private JdkTransport(TransportOptions options, Supplier<HttpClient.Builder> clients) {
        this.options = Objects.requireNonNull(options, "options");
        this.clients = clients;
        this.executor = Executors.newFixedThreadPool(
                Math.max(2, Runtime.getRuntime().availableProcessors()), DaemonThreads.named("aioarango-jdk-"));
        this.timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("aioarango-jdk-timer-"));
        // Most requests finish long before their deadline: drop cancelled deadlines at once.
        this.timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * A transport whose per-coordinator clients start from your builder: set a proxy, an
     * {@code SSLContext}, {@code SSLParameters} or an authenticator on it. The transport then sets HTTP/1.1,
     * the connect timeout, no redirects and its own executor, and builds one client per coordinator from
     * it. A builder is not shared state the transport closes; it is only read when sessions open.
     */
    public static JdkTransport withHttpClient(TransportOptions options, HttpClient.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        return new JdkTransport(options, () -> builder);
    }

    @Override
    public String name() {
        return JdkTransportProvider.NAME;
    }

    @Override
    public HttpSession openSession(Host host) {
        if (closed.get()) {
            throw new IllegalStateException("The jdk transport is closed; no session can be opened for " + host);
        }
        HttpClient client;
        synchronized (clients) { // a caller's HttpClient.Builder is not thread-safe
            client = clients.get()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(options.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(executor)
                    .build();
        }
        JdkHttpSession session = new JdkHttpSession(host, client, executor, timer, options,
                sessions::remove);
        sessions.add(session);
        return session;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            sessions.forEach(JdkHttpSession::close);
            executor.shutdown();
            timer.shutdownNow();
        }
    }
}
