package io.aioarango.core;

import io.aioarango.api.Credentials;
import io.aioarango.api.Database;
import io.aioarango.api.HostResolver;
import io.aioarango.api.Host;
import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

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
 * <p>The client opens one HTTP session per coordinator when it is built and sends each request through the session of
 * the coordinator its {@link HostResolver} picks. It is thread-safe; build one per cluster and share it.
 */
public final class ArangoClient implements AutoCloseable {
    /** The most coordinators a client talks to unless {@link Builder#maxCoordinators(int)} says otherwise. */
    public static final int DEFAULT_MAX_COORDINATORS = 64;
    /** Slow attempts in a row that eject a coordinator unless {@link Builder#ejectAfterSlowAttempts(int)} says otherwise. */
    public static final int DEFAULT_EJECT_AFTER_SLOW_ATTEMPTS = 5;

    private final ClientContext context;

    private ArangoClient(ClientSettings settings) {
        this.context = new ClientContext(settings, settings.parsedHosts());
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
     * The coordinators' normalised URLs, in order, e.g. {@code http://host1:8529}: those given, or those endpoint
     * discovery found last.
     *
     * @return an unmodifiable snapshot of the URLs; empty once the client is closed
     */
    public List<String> hosts() {
        return context.coordinators.hosts().stream().map(Host::url).toList();
    }

    /**
     * The name of the transport in use.
     *
     * @return the transport's {@link Transport#name() name}, e.g. {@code jdk} or {@code netty}
     */
    public String transportName() {
        return context.transport.name();
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
     * {@code GET /_db/{name}/_api/version}, failing with {@link io.aioarango.api.ArangoAuthenticationException} on
     * wrong credentials. Once the client is closed, the future fails with {@link IllegalStateException}, as every call
     * does.
     *
     * @param name        the database's name, e.g. {@code _system}; checked against ArangoDB's naming rules before
     *                    anything is sent
     * @param credentials how every request to this database authenticates: basic, a JWT login (shared by the client's
     *                    requests with the same credentials), a bearer token or the cluster's JWT secret
     * @throws IllegalArgumentException if a bearer token has expired (nothing is sent with it)
     * @return a future of the database, completed or failed as described above
     * @throws NullPointerException     if {@code credentials} is null
     * @throws IllegalArgumentException if the name is null or ArangoDB would reject it
     */
    public CompletableFuture<Database> db(String name, Credentials credentials) {
        return context.db(name, Objects.requireNonNull(credentials, "credentials"));
    }

    /**
     * Fails every request still pending, closes every session and, when the client created them, the transport and the
     * completion executor. What the caller passed in stays open. Idempotent.
     */
    @Override
    public void close() {
        context.close();
    }

    /**
     * Closes the client once its calls in flight have ended, waiting for them at most {@code grace}. From now on a new
     * call fails at once with {@link IllegalStateException}; a call in flight carries on, with its failovers, hedges
     * and token renewals. Once none is left, or once {@code grace} has passed, the client {@link #close() closes},
     * failing what is still pending. A {@link #close()} meanwhile closes at once.
     *
     * @param grace how long the calls in flight may take at most; zero closes as soon as this returns
     * @return a future completed once the client is closed: {@code true} when no call was left to fail
     * @throws NullPointerException     if {@code grace} is null
     * @throws IllegalArgumentException if {@code grace} is negative
     */
    public CompletableFuture<Boolean> closeGracefully(Duration grace) {
        return context.closeGracefully(grace);
    }

    @Override
    public String toString() {
        return "ArangoClient" + hosts() + " over " + context.transport.name();
    }

    /** Configures an {@link ArangoClient}; only {@link #hosts} is required. */
    public static final class Builder {
        private final ClientSettings settings = new ClientSettings();

        private Builder() {
        }

        /**
         * One coordinator URL, or several separated by commas: {@code "http://a:8529,http://b:8529"}. Replaces the
         * hosts set before. The entries are checked by {@link #build()}.
         *
         * @param hosts {@code http}, {@code https}, {@code tcp} or {@code ssl} URLs without path or credentials; a
         *              missing port is the scheme's default (80 or 443)
         * @return this builder
         * @throws IllegalArgumentException if {@code hosts} is null
         */
        public Builder hosts(String hosts) {
            settings.hosts(hosts);
            return this;
        }

        /**
         * Coordinator URLs, one per argument, checked by {@link #build()}; replaces the hosts set before.
         *
         * @param hosts one URL each, as for {@link #hosts(String)} but without commas
         * @return this builder
         * @throws IllegalArgumentException if {@code hosts} is null
         */
        public Builder hosts(String... hosts) {
            return hosts(hosts == null ? null : Arrays.asList(hosts));
        }

        /**
         * Coordinator URLs, one per entry, checked by {@link #build()}; the list is copied, and replaces the hosts set
         * before.
         *
         * @param hosts one URL each, as for {@link #hosts(String)} but without commas
         * @return this builder
         * @throws IllegalArgumentException if {@code hosts} is null
         */
        public Builder hosts(List<String> hosts) {
            settings.hosts(hosts);
            return this;
        }

        /**
         * A built-in resolver by name: {@code "leastloaded"} (the default), {@code "roundrobin"} or {@code "random"},
         * in any case; see {@link HostResolvers}.
         *
         * @param name one of {@link HostResolvers#NAMES}; surrounding spaces are ignored
         * @return this builder
         * @throws IllegalArgumentException if the name is null or not one of those
         */
        public Builder hostResolver(String name) {
            settings.resolver = HostResolvers.named(name);
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
            settings.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * The transport by name, e.g. {@code "jdk"} or {@code "netty"}. Without it: the system property
         * {@code aioarango.transport}, else the highest-priority transport on the class path. Replaces a transport
         * instance set before.
         *
         * @param name the provider's name, in any case; a name not on the class path fails {@link #build()}
         * @return this builder
         * @throws IllegalArgumentException if the name is null or blank
         */
        public Builder transport(String name) {
            settings.transport(name);
            return this;
        }

        /**
         * A transport you built and own: the client opens sessions on it but never closes it, and
         * {@link #transportOptions(TransportOptions)} does not apply to it (its options are the transport's own); if
         * they were set here, the client logs a WARNING once when it is built. Replaces a transport name set before.
         *
         * @param transport an open transport; yours to close, after the clients that use it
         * @return this builder
         * @throws NullPointerException if {@code transport} is null
         */
        public Builder transport(Transport transport) {
            settings.transport(transport);
            return this;
        }

        /**
         * The timeouts, limits, HTTP version and TLS of the transport the client creates, as one value, each setting
         * documented on {@link TransportOptions.Builder}; replaces options set before. Default
         * {@link TransportOptions#defaults()}. The request timeout is per attempt: an attempt that moves on to another
         * coordinator gets it again. A {@link #transport(Transport) transport instance} keeps its own.
         *
         * @param options e.g. {@code TransportOptions.builder().connectTimeout(Duration.ofSeconds(1)).build()}
         * @return this builder
         * @throws NullPointerException if {@code options} is null
         */
        public Builder transportOptions(TransportOptions options) {
            settings.transportOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Where the futures handed to you are completed. By default, a small executor of the client's, so that a slow
         * callback never stalls I/O; {@code Runnable::run} completes them on the I/O thread. The client never shuts
         * down an executor you pass.
         *
         * @param executor runs the completion of every future the client hands out
         * @return this builder
         * @throws NullPointerException if {@code executor} is null
         */
        public Builder completionExecutor(Executor executor) {
            settings.completionExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * At most this many attempts per request, each on another coordinator; default: every coordinator once. Each
         * attempt goes to a coordinator the request has not tried yet, so a value above their number changes nothing.
         *
         * @param attempts 1 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code attempts} is less than 1
         */
        public Builder maxAttempts(int attempts) {
            settings.maxAttempts(attempts);
            return this;
        }

        /**
         * Whether an idempotent request that timed out is tried on the next coordinator; default false, as a timeout
         * usually means the cluster is slow, not that one coordinator is gone.
         *
         * @param retry {@code true} to try the next coordinator after a timeout
         * @return this builder
         */
        public Builder retryOnTimeout(boolean retry) {
            settings.retryOnTimeout = retry;
            return this;
        }

        /**
         * When an idempotent request still unanswered is sent a second time, to another coordinator; the first answer
         * wins. Default {@link Hedging#adaptive()}: after the 95th percentile of the operation's recent attempts, at
         * least 20 ms.
         *
         * @param hedging {@link Hedging#adaptive()}, {@link Hedging#after(Duration)} or {@link Hedging#off()}
         * @return this builder
         * @throws NullPointerException if {@code hedging} is null
         */
        public Builder hedging(Hedging hedging) {
            settings.hedging = Objects.requireNonNull(hedging, "hedging");
            return this;
        }

        /**
         * How many slow attempts in a row eject a coordinator, as a proxy's outlier detection does: an attempt is slow
         * when its hedge answered first, when it timed out, or when it went unanswered for four hedge delays and at
         * least 100 ms. An ejected coordinator gets no user request for the {@link #hostBackoff back-off}, is probed in
         * the background meanwhile, and comes back at the first probe answered; answers to attempts already in flight
         * when it was ejected do not bring it back. Only an outlier is ejected: another coordinator must be up and
         * answering in time, and no more than a third of the coordinators (at least one) are ejected at once, so
         * ejection never takes the last coordinator that is up. Default
         * {@value ArangoClient#DEFAULT_EJECT_AFTER_SLOW_ATTEMPTS}.
         *
         * @param attempts 1 or more; 0 never ejects
         * @return this builder
         * @throws IllegalArgumentException if {@code attempts} is negative
         */
        public Builder ejectAfterSlowAttempts(int attempts) {
            settings.ejectAfterSlowAttempts(attempts);
            return this;
        }

        /**
         * How long a coordinator that could not be reached, or was ejected, is left out: {@code initial} after the
         * first failure, doubling with each failed probe up to {@code max}; default 1 s to 30 s. The probes are the
         * client's own ({@code GET /_admin/server/availability}, without credentials), never a user's request.
         *
         * @param initial the first back-off; positive
         * @param max     the longest back-off; not shorter than {@code initial}
         * @return this builder
         * @throws IllegalArgumentException if either is null, {@code initial} is zero or negative, or {@code max} is
         *                                  shorter than {@code initial}
         */
        public Builder hostBackoff(Duration initial, Duration max) {
            settings.hostBackoff(initial, max);
            return this;
        }

        /**
         * How often {@code Cluster.awaitJob} and {@code Cluster.drainServer} ask about an agency job: at once, then
         * after a pause of {@code first}, doubling with each question up to {@code max}; default 250 ms to 5 s. The
         * pauses run on one timer thread of the client's ({@code aioarango-timer-*}), started by the first wait, ended
         * after 30 s without one and by {@link ArangoClient#close()}.
         *
         * @param first the first pause; positive
         * @param max   the longest pause; not shorter than {@code first}
         * @return this builder
         * @throws IllegalArgumentException if either is null, {@code first} is zero or negative, or {@code max} is
         *                                  shorter than {@code first}
         */
        public Builder jobPolling(Duration first, Duration max) {
            settings.jobPolling(first, max);
            return this;
        }

        /**
         * Asks the cluster for its coordinators ({@code GET /_api/cluster/endpoints} on {@code _system}) when the
         * client is built and then every {@code interval}, and talks to those it names. Off by default.
         *
         * @param interval    the time between two asks; positive
         * @param credentials the user discovery authenticates as on {@code _system}
         * @return this builder
         * @throws IllegalArgumentException if {@code interval} is null, zero or negative
         * @throws NullPointerException     if {@code credentials} is null
         */
        public Builder endpointDiscovery(Duration interval, Credentials credentials) {
            settings.endpointDiscovery(interval, credentials);
            return this;
        }

        /**
         * The most coordinators the client talks to, each with its own session: more configured hosts fail
         * {@link #build()}, and a discovery answer listing more is cut to this many (those already in use first) with a
         * warning. Default {@value ArangoClient#DEFAULT_MAX_COORDINATORS}.
         *
         * @param coordinators 1 to 1024
         * @return this builder
         * @throws IllegalArgumentException if {@code coordinators} is outside that range
         */
        public Builder maxCoordinators(int coordinators) {
            settings.maxCoordinators(coordinators);
            return this;
        }

        /**
         * Where the {@link ArangoMetrics} go, per coordinator; default: Micrometer's global registry. One client per
         * cluster and registry: two clients to the same coordinators would share its meters.
         *
         * @param registry the registry the meters are registered in
         * @return this builder
         * @throws NullPointerException if {@code registry} is null
         */
        public Builder meterRegistry(MeterRegistry registry) {
            settings.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Makes each logical call an observation ({@link ArangoObservationDocumentation#CALL}, named
         * {@value ArangoMetrics#CALL_OBSERVATION}) with the keys of OpenTelemetry's database client spans; default:
         * none. While the registry has no handler, no observation is made.
         *
         * @param registry the registry the observations are made in
         * @return this builder
         * @throws NullPointerException if {@code registry} is null
         */
        public Builder observationRegistry(ObservationRegistry registry) {
            settings.observationRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * The convention that names the client's observations and gives their key values, in place of a
         * {@code GlobalObservationConvention} registered with the registry for {@link ArangoObservationContext} and of
         * {@link DefaultArangoObservationConvention} (used when neither is given).
         *
         * @param convention yours; extend {@link DefaultArangoObservationConvention} to keep what you do not change
         * @return this builder
         * @throws NullPointerException if {@code convention} is null
         */
        public Builder observationConvention(ArangoObservationConvention convention) {
            settings.observationConvention = Objects.requireNonNull(convention,
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
            settings.verifyConnection = verify;
            return this;
        }

        /**
         * Builds the client and opens one session per coordinator.
         *
         * @return a new client; close it when done
         * @throws IllegalArgumentException if no host was given, a host is invalid or names a coordinator given before,
         *                                  or there are more than {@link #maxCoordinators(int)}
         * @throws IllegalStateException    if no transport, or not the named one, is on the class path, or the
         *                                  transport passed in is closed
         */
        public ArangoClient build() {
            return new ArangoClient(settings);
        }
    }
}
