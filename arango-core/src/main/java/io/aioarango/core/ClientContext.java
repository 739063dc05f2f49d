package io.aioarango.core;

import io.aioarango.api.ArangoRequest;
import io.aioarango.api.Credentials;
import io.aioarango.api.Database;
import io.aioarango.api.Host;
import io.aioarango.api.HttpMethod;
import io.aioarango.core.internal.Authentication;
import io.aioarango.core.internal.ClientMetrics;
import io.aioarango.core.internal.Coordinators;
import io.aioarango.core.internal.DatabaseImpl;
import io.aioarango.core.internal.DatabaseRoute;
import io.aioarango.core.internal.EndpointDiscovery;
import io.aioarango.core.internal.Polling;
import io.aioarango.core.internal.RequestExecutor;
import io.aioarango.core.internal.TransportSelector;
import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.support.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The wired parts of one {@link ArangoClient}: it builds them from the builder's settings, in the order
 * each needs the others, and closes them in the order that fails a pending call with the clearest error.
 * It owns the transport (when the client made it), the coordinators and their sessions, the request
 * executor (with its health watch), the health timer, endpoint discovery, the completion executor (when
 * the client made it), the metrics, the polling of agency jobs, and the tokens shared per credentials.
 */
final class ClientContext {
    private static final System.Logger LOG = System.getLogger(ArangoClient.class.getName());

    final Transport transport;
    private final boolean ownsTransport;
    final Coordinators coordinators;
    private final ExecutorService ownedCompletionExecutor;
    private final ScheduledExecutorService discoveryScheduler;
    /** Watches the requests in flight (hedges, slow coordinators) and probes the coordinators that are down. */
    private final ScheduledExecutorService healthTimer;
    private final RequestExecutor executor;
    private final Polling polling;
    private final boolean verifyConnection;
    private final Map<Credentials, Authentication> authentications = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Completed by {@link #close()}: whether no call was left in flight to fail. */
    private final CompletableFuture<Boolean> closedFuture = new CompletableFuture<>();
    private final AtomicBoolean closerStarted = new AtomicBoolean();

    ClientContext(ClientSettings settings, List<Host> hosts) {
        this.verifyConnection = settings.verifyConnection;
        // Checked before anything is started: an expired bearer token fails the build with nothing to close.
        DatabaseRoute discoveryRoute = settings.discoveryInterval == null ? null
                : route("_system", settings.discoveryCredentials);
        this.ownsTransport = settings.transport == null;
        this.transport = ownsTransport
                ? TransportSelector.select(settings.transportName).create(settings.transportOptions())
                : settings.transport;
        if (!ownsTransport && settings.transportOptions != null) {
            LOG.log(System.Logger.Level.WARNING, () -> "The transport passed to the client (" + transport.name()
                    + ") keeps its own settings: the transportOptions set on the client builder do not apply to it; "
                    + "set them on the TransportOptions the transport was built with");
        }
        ClientMetrics metrics = new ClientMetrics(settings.meterRegistry);
        try {
            this.coordinators = new Coordinators(transport, hosts, settings.initialBackoff, settings.maxBackoff, metrics);
        } catch (RuntimeException e) {
            if (ownsTransport) {
                transport.close();
            }
            throw e;
        }
        this.ownedCompletionExecutor = settings.completionExecutor == null
                ? Executors.newFixedThreadPool(2, DaemonThreads.named("aioarango-completion-"))
                : null;
        Executor completion = settings.completionExecutor == null ? ownedCompletionExecutor : settings.completionExecutor;
        this.healthTimer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("aioarango-health-"));
        this.executor = new RequestExecutor(coordinators, settings.resolver, completion, settings.maxAttempts,
                settings.retryOnTimeout, metrics, settings.observationRegistry, settings.observationConvention,
                healthTimer, settings.hedging, settings.ejectAfterSlowAttempts);
        this.polling = new Polling(completion, settings.jobPollFirst, settings.jobPollMax);
        if (settings.discoveryInterval != null) {
            this.discoveryScheduler = Executors.newSingleThreadScheduledExecutor(
                    DaemonThreads.named("aioarango-discovery-"));
            new EndpointDiscovery(executor, coordinators, discoveryRoute,
                    settings.discoveryInterval, settings.maxCoordinators, discoveryScheduler).start();
        } else {
            this.discoveryScheduler = null;
        }
    }

    /** See {@link ArangoClient#db(String, Credentials)}. */
    CompletableFuture<Database> db(String name, Credentials credentials) {
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

    /** See {@link ArangoClient#close()}. */
    void close() {
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

    /** See {@link ArangoClient#closeGracefully(Duration)}. */
    CompletableFuture<Boolean> closeGracefully(Duration grace) {
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
}
