package io.aioarango.core;

import io.aioarango.api.ArangoRequest;
import io.aioarango.api.Credentials;
import io.aioarango.api.Database;
import io.aioarango.api.HttpProtocol;
import io.aioarango.api.Host;
import io.aioarango.api.HostResolver;
import io.aioarango.api.HttpMethod;
import io.aioarango.transport.spi.Transport;
import io.aioarango.api.TlsSettings;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.spi.support.DaemonThreads;
import io.aioarango.core.internal.DatabaseImpl;
import io.aioarango.core.internal.ClientMetrics;
import io.aioarango.core.internal.Coordinators;
import io.aioarango.core.internal.Authentication;
import io.aioarango.core.internal.DatabaseRoute;
import io.aioarango.core.internal.EndpointDiscovery;
import io.aioarango.core.internal.HostParser;
import io.aioarango.core.internal.Polling;
import io.aioarango.core.internal.RequestExecutor;
import io.aioarango.core.internal.TransportSelector;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The entry point: a client for one ArangoDB cluster, reached through one or more coordinators.
 *
 * <pre>{@code
 * try (ArangoClient client = ArangoClient.builder()
 *         .hosts("http://host1:8529,http://host2:8529")
 *         .build()) {
 *     Database sysDb = client.db("_system", "root", "passwd").join();
 *     ClusterHealth health = sysDb.cluster().health().join();
 * }
 * }</pre>
 *
 * <p>The client opens one HTTP session per coordinator when it is built and sends each request
 * through the session of the coordinator its {@link HostResolver} picks. It is thread-safe; build one
 * per cluster and share it.
 */
public final class ArangoClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ArangoClient.class.getName());
    /** The most coordinators a client talks to unless {@link Builder#maxCoordinators(int)} says otherwise. */
    public static final int DEFAULT_MAX_COORDINATORS = 64;
    private static final int MAX_COORDINATORS_LIMIT = 1024;
    /** Slow attempts in a row that eject a coordinator unless {@link Builder#ejectAfterSlowAttempts(int)} says otherwise. */
    public static final int DEFAULT_EJECT_AFTER_SLOW_ATTEMPTS = 5;

    private final Transport transport;
    private final boolean ownsTransport;
    private final Coordinators coordinators;
    private final ExecutorService ownedCompletionExecutor;
    private final ScheduledExecutorService discoveryScheduler;
    /** Watches the requests in flight (hedges, slow coordinators) and probes the coordinators that are down. */
    private final ScheduledExecutorService healthTimer;
    private final RequestExecutor executor;
    private final Polling polling;
    private final boolean verifyConnection;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Completed by {@link #close()}: whether no call was left in flight to fail. */
    private final CompletableFuture<Boolean> closedFuture = new CompletableFuture<>();
    private final AtomicBoolean closerStarted = new AtomicBoolean();
    private final Map<Credentials, Authentication> authentications = new ConcurrentHashMap<>();

    private ArangoClient(Builder builder, List<Host> hosts) {
        this.verifyConnection = builder.verifyConnection;
        // Checked before anything is started: an expired bearer token fails the build with nothing to close.
        DatabaseRoute discoveryRoute = builder.discoveryInterval == null ? null
                : route("_system", builder.discoveryCredentials);
        TransportOptions options = builder.transportOptions.build();
        this.ownsTransport = builder.transport == null;
        this.transport = ownsTransport
                ? TransportSelector.select(builder.transportName).create(options)
                : builder.transport;
        if (!ownsTransport && !builder.transportSettings.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, () -> "The transport passed to the client (" + transport.name()
                    + ") keeps its own settings: " + String.join(", ", builder.transportSettings) + " set on the client "
                    + "builder do not apply to it; set them on the TransportOptions the transport was built with");
        }
        ClientMetrics metrics = new ClientMetrics(builder.meterRegistry);
        try {
            this.coordinators = new Coordinators(transport, hosts, builder.initialBackoff, builder.maxBackoff, metrics);
        } catch (RuntimeException e) {
            if (ownsTransport) {
                transport.close();
            }
            throw e;
        }
        this.ownedCompletionExecutor = builder.completionExecutor == null
                ? Executors.newFixedThreadPool(2, DaemonThreads.named("aioarango-completion-"))
                : null;
        Executor completion = builder.completionExecutor == null ? ownedCompletionExecutor : builder.completionExecutor;
        this.healthTimer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("aioarango-health-"));
        this.executor = new RequestExecutor(coordinators, builder.resolver, completion, builder.maxAttempts,
                builder.retryOnTimeout, metrics, builder.observationRegistry, builder.observationConvention,
                healthTimer, builder.hedging,
                builder.ejectAfterSlowAttempts);
        this.polling = new Polling(completion, builder.jobPollFirst, builder.jobPollMax);
        if (builder.discoveryInterval != null) {
            this.discoveryScheduler = Executors.newSingleThreadScheduledExecutor(
                    DaemonThreads.named("aioarango-discovery-"));
            new EndpointDiscovery(executor, coordinators, discoveryRoute,
                    builder.discoveryInterval, builder.maxCoordinators, discoveryScheduler).start();
        } else {
            this.discoveryScheduler = null;
        }
    }

    /**
     * Starts the configuration of a client.
     *
     * @return a new builder with every default set; only {@link Builder#hosts(String) hosts} is required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The coordinators' normalised URLs, in order, e.g. {@code http://host1:8529}: those given, or those
     * endpoint discovery found last.
     *
     * @return an unmodifiable snapshot of the URLs; empty once the client is closed
     */
    public List<String> hosts() {
        return coordinators.hosts().stream().map(Host::url).toList();
    }

    /**
     * The name of the transport in use.
     *
     * @return the transport's {@link Transport#name() name}, e.g. {@code jdk} or {@code netty}
     */
    public String transportName() {
        return transport.name();
    }

    /**
     * As {@link #db(String, Credentials)} with {@code Credentials.of(username, password)}.
     *
     * @param name     the database's name, e.g. {@code _system}
     * @param username the user for basic authentication; not empty
     * @param password the user's password; may be empty
     * @return a future of the database, as {@link #db(String, Credentials)} completes it
     * @throws NullPointerException     if {@code username} or {@code password} is null
     * @throws IllegalArgumentException if {@code username} is empty, or ArangoDB would reject the name
     */
    public CompletableFuture<Database> db(String name, String username, String password) {
        return db(name, Credentials.of(username, password));
    }

    /**
     * A database, reached with basic authentication. Completes at once, unless the builder asked to
     * {@link Builder#verifyConnection(boolean) verify the connection}: then after one
     * {@code GET /_db/{name}/_api/version}, failing with
     * {@link io.aioarango.api.ArangoAuthenticationException} on wrong credentials. Once the client is
     * closed, the future fails with {@link IllegalStateException}, as every call does.
     *
     * @param name        the database's name, e.g. {@code _system}; checked against ArangoDB's naming
     *                    rules before anything is sent
     * @param credentials how every request to this database authenticates: basic, a JWT login (shared by
     *                    the client's requests with the same credentials), a bearer token or the cluster's
     *                    JWT secret
     * @throws IllegalArgumentException if a bearer token has expired (nothing is sent with it)
     * @return a future of the database, completed or failed as described above
     * @throws NullPointerException     if {@code credentials} is null
     * @throws IllegalArgumentException if the name is null or ArangoDB would reject it
     */
    public CompletableFuture<Database> db(String name, Credentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        DatabaseRoute route = route(name, credentials);
        if (closed.get()) {
            return CompletableFuture.failedFuture(RequestExecutor.closedError());
        }
        Database database = new DatabaseImpl(route, executor, polling);
        if (!verifyConnection) {
            return CompletableFuture.completedFuture(database);
        }
        return database.send(ArangoRequest.builder(HttpMethod.GET, "/_api/version").operation("db.verify").build())
                .thenApply(version -> database);
    }

    /**
     * The route of a database with these credentials. A token (JWT login or secret) is kept per
     * credentials, not per database or coordinator: any coordinator accepts another's token.
     */
    private DatabaseRoute route(String name, Credentials credentials) {
        return new DatabaseRoute(name, authentication(credentials));
    }

    /** Only the kinds with a token to share are kept: basic and bearer cost nothing to make again. */
    private Authentication authentication(Credentials credentials) {
        if (credentials instanceof Credentials.Jwt || credentials instanceof Credentials.JwtSecret) {
            return authentications.computeIfAbsent(credentials, c -> Authentication.of(c, this::login, Clock.systemUTC()));
        }
        return Authentication.of(credentials, this::login, Clock.systemUTC());
    }

    /** {@code POST /_open/auth}, routed, failed over and measured as any request ({@code auth.login}). */
    private CompletableFuture<String> login(Credentials.Jwt jwt) {
        CompletableFuture<String> token = new CompletableFuture<>();
        executor.execute(null, Authentication.login(jwt)).whenComplete((value, failure) -> {
            if (failure != null) {
                token.completeExceptionally(Authentication.loginFailure(jwt, failure));
            } else {
                token.complete(value);
            }
        });
        return token;
    }

    /**
     * Fails every request still pending, closes every session and, when the client created them, the
     * transport and the completion executor. What the caller passed in stays open. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            boolean noneLeft = executor.callsInFlight() == 0;
            if (discoveryScheduler != null) {
                discoveryScheduler.shutdownNow();
            }
            polling.close(); // first, so that a wait fails as closed, not with its request's closed session
            executor.shutdown();
            healthTimer.shutdownNow();
            coordinators.close();
            if (ownsTransport) {
                transport.close();
            }
            if (ownedCompletionExecutor != null) {
                ownedCompletionExecutor.shutdown();
            }
            closedFuture.complete(noneLeft);
        }
    }

    /**
     * Closes the client once its calls in flight have ended, waiting for them at most {@code grace}. From now
     * on a new call fails at once with {@link IllegalStateException}; a call in flight carries on, with its
     * failovers, hedges and token renewals. Once none is left, or once {@code grace} has passed, the client
     * {@link #close() closes}, failing what is still pending. A {@link #close()} meanwhile closes at once.
     *
     * @param grace how long the calls in flight may take at most; zero closes as soon as this returns
     * @return a future completed once the client is closed: {@code true} when no call was left to fail
     * @throws NullPointerException     if {@code grace} is null
     * @throws IllegalArgumentException if {@code grace} is negative
     */
    public CompletableFuture<Boolean> closeGracefully(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must be zero or positive, got " + grace);
        }
        executor.drain();
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            // Checked on the health thread, which close() stops; the close itself runs on a thread of its own,
            // as close() waits for the transport and the health thread.
            healthTimer.scheduleWithFixedDelay(() -> {
                if ((executor.callsInFlight() == 0 || System.nanoTime() - deadline >= 0)
                        && closerStarted.compareAndSet(false, true)) {
                    DaemonThreads.named("aioarango-close-").newThread(this::close).start();
                }
            }, 0, 10, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            close(); // already closed (or closing): its future says how it ended
        }
        return closedFuture.copy();
    }

    @Override
    public String toString() {
        return "ArangoClient" + hosts() + " over " + transport.name();
    }

    /** Configures an {@link ArangoClient}; only {@link #hosts} is required. */
    public static final class Builder {
        private final List<String> hostEntries = new ArrayList<>();
        private boolean hostsSet;
        private String hostsString;
        private HostResolver resolver = HostResolvers.leastLoaded();
        private Hedging hedging = Hedging.adaptive();
        private int ejectAfterSlowAttempts = DEFAULT_EJECT_AFTER_SLOW_ATTEMPTS;
        private String transportName;
        private Transport transport;
        private final TransportOptions.Builder transportOptions = TransportOptions.builder();
        /** The transport settings made on this builder, for the warning when a transport instance ignores them. */
        private final Set<String> transportSettings = new LinkedHashSet<>();
        private Executor completionExecutor;
        private boolean verifyConnection;
        private int maxAttempts;
        private boolean retryOnTimeout;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration jobPollFirst = Duration.ofMillis(250);
        private Duration jobPollMax = Duration.ofSeconds(5);
        private Duration discoveryInterval;
        private int maxCoordinators = DEFAULT_MAX_COORDINATORS;
        private Credentials discoveryCredentials;
        private MeterRegistry meterRegistry = Metrics.globalRegistry;
        private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;
        private ArangoObservationConvention observationConvention;

        private Builder() {
        }

        /**
         * One coordinator URL, or several separated by commas: {@code "http://a:8529,http://b:8529"}.
         * Replaces the hosts set before. The entries are checked by {@link #build()}.
         *
         * @param hosts {@code http}, {@code https}, {@code tcp} or {@code ssl} URLs without path or
         *              credentials; a missing port is the scheme's default (80 or 443)
         * @return this builder
         * @throws IllegalArgumentException if {@code hosts} is null
         */
        public Builder hosts(String hosts) {
            if (hosts == null) {
                throw new IllegalArgumentException("hosts must not be null; pass coordinator URLs such as http://host:8529");
            }
            this.hostsString = hosts;
            this.hostEntries.clear();
            this.hostsSet = true;
            return this;
        }

        /**
         * Coordinator URLs, one per argument. Replaces the hosts set before. The entries are checked by
         * {@link #build()}.
         *
         * @param hosts one URL each, as for {@link #hosts(String)} but without commas
         * @return this builder
         * @throws IllegalArgumentException if {@code hosts} is null
         */
        public Builder hosts(String... hosts) {
            return hosts(hosts == null ? null : Arrays.asList(hosts));
        }

        /**
         * Coordinator URLs, one per entry. Replaces the hosts set before. The list is copied; the entries
         * are checked by {@link #build()}.
         *
         * @param hosts one URL each, as for {@link #hosts(String)} but without commas
         * @return this builder
         * @throws IllegalArgumentException if {@code hosts} is null
         */
        public Builder hosts(List<String> hosts) {
            if (hosts == null) {
                throw new IllegalArgumentException("hosts must not be null; pass coordinator URLs such as http://host:8529");
            }
            this.hostsString = null;
            this.hostEntries.clear();
            this.hostEntries.addAll(hosts);
            this.hostsSet = true;
            return this;
        }

        /**
         * A built-in resolver by name: {@code "leastloaded"} (the default), {@code "roundrobin"} or
         * {@code "random"}, in any case; see {@link HostResolvers}.
         *
         * @param name one of {@link HostResolvers#NAMES}; surrounding spaces are ignored
         * @return this builder
         * @throws IllegalArgumentException if the name is null or not one of those
         */
        public Builder hostResolver(String name) {
            this.resolver = HostResolvers.named(name);
            return this;
        }

        /**
         * Your own resolver; {@link HostResolver} says what it must do.
         *
         * @param resolver picks the coordinator of each attempt; called from many threads, must not block
         * @return this builder
         * @throws NullPointerException if {@code resolver} is null
         */
        public Builder hostResolver(HostResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * The transport by name, e.g. {@code "jdk"} or {@code "netty"}. Without it: the system property
         * {@code aioarango.transport}, else the highest-priority transport on the class path. Replaces a
         * transport instance set before.
         *
         * @param name the provider's name, in any case; a name not on the class path fails {@link #build()}
         * @return this builder
         * @throws IllegalArgumentException if the name is null or blank
         */
        public Builder transport(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("Transport name '" + name + "' is blank; use e.g. \"jdk\" or \"netty\"");
            }
            this.transportName = name;
            this.transport = null;
            return this;
        }

        /**
         * A transport you built and own: the client opens sessions on it but never closes it, and the
         * timeouts and limits of this builder do not apply to it (they are the transport's own); if some
         * were set here, the client logs a WARNING once, naming them, when it is built. Replaces a
         * transport name set before.
         *
         * @param transport an open transport; yours to close, after the clients that use it
         * @return this builder
         * @throws NullPointerException if {@code transport} is null
         */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            this.transportName = null;
            return this;
        }

        /**
         * How long connecting to a coordinator may take; default 3 s
         * ({@link io.aioarango.transport.spi.TransportOptions#DEFAULT_CONNECT_TIMEOUT}). A connection that cannot be
         * made sends the request on to the next coordinator, so a short wait for a host that does not answer
         * serves the caller better than a long one; raise it for coordinators across a slow or lossy link.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is null, zero or negative
         */
        public Builder connectTimeout(Duration timeout) {
            transportOptions.connectTimeout(timeout);
            transportSettings.add("connectTimeout");
            return this;
        }

        /**
         * How long one attempt may take, waiting for a connection and reading the last byte of the answer
         * included; default 60 s. Each attempt of a request that moves on to another coordinator gets the
         * full timeout again.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is null, zero or negative
         */
        public Builder requestTimeout(Duration timeout) {
            transportOptions.requestTimeout(timeout);
            transportSettings.add("requestTimeout");
            return this;
        }

        /**
         * How long an unused connection stays open; default 60 s. The {@code jdk} transport does not apply
         * it: {@code java.net.http} keeps idle connections for {@code jdk.httpclient.keepalive.timeout}.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is null, zero or negative
         */
        public Builder idleTimeout(Duration timeout) {
            transportOptions.idleTimeout(timeout);
            transportSettings.add("idleTimeout");
            return this;
        }

        /**
         * The HTTP version spoken to the coordinators; default {@link HttpProtocol#HTTP1}. With
         * {@link HttpProtocol#H2} each coordinator gets one connection carrying many requests at once
         * (more open only when the server's stream limit is reached); see {@link HttpProtocol} for what
         * each transport supports.
         *
         * @param protocol {@code HTTP1}, {@code H2} or {@code AUTO}
         * @return this builder
         * @throws NullPointerException if {@code protocol} is {@code null}
         */
        public Builder protocol(HttpProtocol protocol) {
            transportOptions.protocol(protocol);
            transportSettings.add("protocol");
            return this;
        }

        /**
         * How {@code https://} coordinators are spoken to, alike on every transport: the JDK's trust store
         * and host names verified by default; your trust store, client certificate (mutual TLS) or
         * {@code SSLContext}; host-name checks off; or, for tests only, {@code insecureTrustAll()}, which
         * the client logs a WARNING about when it is built.
         *
         * @param tls e.g. {@code TlsSettings.builder().trustStore(myCa).build()}
         * @return this builder
         * @throws NullPointerException if {@code tls} is {@code null}
         */
        public Builder tls(TlsSettings tls) {
            transportOptions.tls(tls);
            transportSettings.add("tls");
            return this;
        }

        /**
         * Connections per coordinator, so requests in flight per coordinator at once; default 16.
         *
         * @param connections 1 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code connections} is less than 1
         */
        public Builder maxConnectionsPerHost(int connections) {
            transportOptions.maxConnectionsPerHost(connections);
            transportSettings.add("maxConnectionsPerHost");
            return this;
        }

        /**
         * Requests that may wait for a connection per coordinator before new ones fail with
         * {@link io.aioarango.api.RequestQueueFullException} (the request then moves on to the next
         * coordinator, if one is left); default 4096.
         *
         * @param requests 1 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code requests} is less than 1
         */
        public Builder maxPendingRequestsPerHost(int requests) {
            transportOptions.maxPendingRequestsPerHost(requests);
            transportSettings.add("maxPendingRequestsPerHost");
            return this;
        }

        /**
         * The largest response body accepted; larger ones fail with
         * {@link io.aioarango.api.ResponseTooLargeException}. Default 128 MiB.
         *
         * @param bytes 1 to {@code Integer.MAX_VALUE - 8}, as a response is held in one array
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is outside that range
         */
        public Builder maxResponseBytes(long bytes) {
            transportOptions.maxResponseBytes(bytes);
            transportSettings.add("maxResponseBytes");
            return this;
        }

        /**
         * The largest response head (the sum of header names and values) accepted; larger ones fail with
         * {@link io.aioarango.api.ResponseTooLargeException} naming this limit. Default 64 KiB, the same on
         * every transport.
         *
         * @param bytes 1024 (1 KiB) to 1048576 (1 MiB)
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is outside that range
         */
        public Builder maxResponseHeaderBytes(int bytes) {
            transportOptions.maxResponseHeaderBytes(bytes);
            transportSettings.add("maxResponseHeaderBytes");
            return this;
        }

        /**
         * Where the futures handed to you are completed. By default, a small executor of the client's,
         * so that a slow callback never stalls I/O; {@code Runnable::run} completes them on the I/O thread.
         * The client never shuts down an executor you pass.
         *
         * @param executor runs the completion of every future the client hands out
         * @return this builder
         * @throws NullPointerException if {@code executor} is null
         */
        public Builder completionExecutor(Executor executor) {
            this.completionExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * At most this many attempts per request, each on another coordinator; default: every coordinator
         * once. Each attempt goes to a coordinator the request has not tried yet, so a value above their
         * number changes nothing.
         *
         * @param attempts 1 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code attempts} is less than 1
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts " + attempts + " is not accepted; use 1 or more");
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Whether an idempotent request that timed out is tried on the next coordinator; default false, as
         * a timeout usually means the cluster is slow, not that one coordinator is gone.
         *
         * @param retry {@code true} to try the next coordinator after a timeout
         * @return this builder
         */
        public Builder retryOnTimeout(boolean retry) {
            this.retryOnTimeout = retry;
            return this;
        }

        /**
         * When an idempotent request still unanswered is sent a second time, to another coordinator; the
         * first answer wins. Default {@link Hedging#adaptive()}: after the 95th percentile of the operation's
         * recent attempts, at least 20 ms.
         *
         * @param hedging {@link Hedging#adaptive()}, {@link Hedging#after(Duration)} or {@link Hedging#off()}
         * @return this builder
         * @throws NullPointerException if {@code hedging} is null
         */
        public Builder hedging(Hedging hedging) {
            this.hedging = Objects.requireNonNull(hedging, "hedging");
            return this;
        }

        /**
         * How many slow attempts in a row eject a coordinator, as a proxy's outlier detection does: an
         * attempt is slow when its hedge answered first, when it timed out, or when it went unanswered for
         * four hedge delays and at least 100 ms. An ejected coordinator gets no user request for the
         * {@link #hostBackoff back-off}, is probed in the background meanwhile, and comes back at the first
         * probe answered; answers to attempts already in flight when it was ejected do not bring it back.
         * Only an outlier is ejected: another coordinator must be up and answering in time, and no more
         * than a third of the coordinators (at least one) are ejected at once, so ejection never takes the
         * last coordinator that is up. Default
         * {@value ArangoClient#DEFAULT_EJECT_AFTER_SLOW_ATTEMPTS}.
         *
         * @param attempts 1 or more; 0 never ejects
         * @return this builder
         * @throws IllegalArgumentException if {@code attempts} is negative
         */
        public Builder ejectAfterSlowAttempts(int attempts) {
            if (attempts < 0) {
                throw new IllegalArgumentException("ejectAfterSlowAttempts " + attempts
                        + " is not accepted; use 1 or more, or 0 never to eject");
            }
            this.ejectAfterSlowAttempts = attempts;
            return this;
        }

        /**
         * How long a coordinator that could not be reached, or was ejected, is left out: {@code initial}
         * after the first failure, doubling with each failed probe up to {@code max}; default 1 s to 30 s.
         * The probes are the client's own ({@code GET /_admin/server/availability}, without credentials),
         * never a user's request.
         *
         * @param initial the first back-off; positive
         * @param max     the longest back-off; not shorter than {@code initial}
         * @return this builder
         * @throws IllegalArgumentException if either is null, {@code initial} is zero or negative, or
         *                                  {@code max} is shorter than {@code initial}
         */
        public Builder hostBackoff(Duration initial, Duration max) {
            checkGrowing("hostBackoff", initial, max, "use a positive initial back-off no longer than the maximum");
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /**
         * How often {@code Cluster.awaitJob} and {@code Cluster.drainServer} ask about an agency job: at once,
         * then after a pause of {@code first}, doubling with each question up to {@code max}; default 250 ms
         * to 5 s. The pauses run on one timer thread of the client's ({@code aioarango-timer-*}), started by the
         * first wait, ended after 30 s without one and by {@link ArangoClient#close()}.
         *
         * @param first the first pause; positive
         * @param max   the longest pause; not shorter than {@code first}
         * @return this builder
         * @throws IllegalArgumentException if either is null, {@code first} is zero or negative, or {@code max}
         *                                  is shorter than {@code first}
         */
        public Builder jobPolling(Duration first, Duration max) {
            checkGrowing("jobPolling", first, max, "use a positive first pause no longer than the longest");
            this.jobPollFirst = first;
            this.jobPollMax = max;
            return this;
        }

        /** A pause that doubles from {@code first} to {@code max}: both set, {@code first} positive, not above max. */
        private static void checkGrowing(String setting, Duration first, Duration max, String accepted) {
            if (first == null || max == null || first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
                throw new IllegalArgumentException(setting + " " + first + " to " + max + " is not accepted; " + accepted);
            }
        }

        /**
         * Asks the cluster for its coordinators ({@code GET /_api/cluster/endpoints} on {@code _system}) when
         * the client is built and then every {@code interval}, and talks to those it names. Off by default.
         *
         * @param interval    the time between two asks; positive
         * @param credentials the user discovery authenticates as on {@code _system}
         * @return this builder
         * @throws IllegalArgumentException if {@code interval} is null, zero or negative
         * @throws NullPointerException     if {@code credentials} is null
         */
        public Builder endpointDiscovery(Duration interval, Credentials credentials) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("Discovery interval " + interval
                        + " is not accepted; use a positive duration");
            }
            this.discoveryInterval = interval;
            this.discoveryCredentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * The most coordinators the client talks to, each with its own session: more configured hosts fail
         * {@link #build()}, and a discovery answer listing more is cut to this many (those already in use
         * first) with a warning. Default {@value ArangoClient#DEFAULT_MAX_COORDINATORS}.
         *
         * @param coordinators 1 to 1024
         * @return this builder
         * @throws IllegalArgumentException if {@code coordinators} is outside that range
         */
        public Builder maxCoordinators(int coordinators) {
            if (coordinators < 1 || coordinators > MAX_COORDINATORS_LIMIT) {
                throw new IllegalArgumentException("maxCoordinators " + coordinators + " is not accepted; use 1 to "
                        + MAX_COORDINATORS_LIMIT);
            }
            this.maxCoordinators = coordinators;
            return this;
        }

        /**
         * Where the {@link ArangoMetrics} go, per coordinator; default: Micrometer's global registry. One
         * client per cluster and registry: two clients to the same coordinators would share its meters.
         *
         * @param registry the registry the meters are registered in
         * @return this builder
         * @throws NullPointerException if {@code registry} is null
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Makes each logical call an observation ({@link ArangoObservationDocumentation#CALL}, named
         * {@value ArangoMetrics#CALL_OBSERVATION}) with the keys of OpenTelemetry's database client spans;
         * default: none. While the registry has no handler, no observation is made.
         *
         * @param registry the registry the observations are made in
         * @return this builder
         * @throws NullPointerException if {@code registry} is null
         */
        public Builder observationRegistry(ObservationRegistry registry) {
            this.observationRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * The convention that names the client's observations and gives their key values, in place of a
         * {@code GlobalObservationConvention} registered with the registry for {@link ArangoObservationContext}
         * and of {@link DefaultArangoObservationConvention} (used when neither is given).
         *
         * @param convention yours; extend {@link DefaultArangoObservationConvention} to keep what you do not change
         * @return this builder
         * @throws NullPointerException if {@code convention} is null
         */
        public Builder observationConvention(ArangoObservationConvention convention) {
            this.observationConvention = Objects.requireNonNull(convention,
                    "convention is null; leave observationConvention(...) out for the default convention");
            return this;
        }

        /**
         * Whether {@code db(...)} sends one request to check the credentials; default false.
         *
         * @param verify {@code true} to check them before handing out the database
         * @return this builder
         */
        public Builder verifyConnection(boolean verify) {
            this.verifyConnection = verify;
            return this;
        }

        /**
         * Builds the client and opens one session per coordinator.
         *
         * @return a new client; close it when done
         * @throws IllegalArgumentException if no host was given, a host is invalid or names a coordinator
         *                                  given before, or there are more than {@link #maxCoordinators(int)}
         * @throws IllegalStateException    if no transport, or not the named one, is on the class path, or
         *                                  the transport passed in is closed
         */
        public ArangoClient build() {
            if (!hostsSet) {
                throw new IllegalArgumentException(
                        "No coordinator given: call hosts(...) with URLs such as http://host:8529");
            }
            List<Host> hosts = hostsString != null
                    ? HostParser.parseCommaSeparated(hostsString)
                    : HostParser.parse(hostEntries);
            if (hosts.size() > maxCoordinators) {
                throw new IllegalArgumentException(hosts.size() + " coordinators given, more than maxCoordinators "
                        + maxCoordinators + "; give fewer hosts or raise maxCoordinators(...)");
            }
            return new ArangoClient(this, hosts);
        }
    }
}
