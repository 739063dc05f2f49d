package io.aioarango.core.internal;

import io.aioarango.api.ArangoRequest;
import io.aioarango.api.ArangoServerException;
import io.aioarango.api.Host;
import io.aioarango.api.HttpMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the coordinators in step with {@code GET /_api/cluster/endpoints}: at once, then every interval.
 * An answer that is an error, empty, or holds an endpoint that cannot be parsed leaves the list as it
 * is; 501 errorNum 9 or 403 means a single server, and discovery stops with the configured hosts.
 */
public final class EndpointDiscovery {
    private static final System.Logger LOG = System.getLogger(EndpointDiscovery.class.getName());
    private static final ArangoRequest ENDPOINTS = ArangoRequest.builder(HttpMethod.GET, "/_api/cluster/endpoints")
            .operation("discovery.endpoints").build();

    private final RequestExecutor executor;
    private final Coordinators coordinators;
    private final DatabaseRoute route;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;

    public EndpointDiscovery(RequestExecutor executor, Coordinators coordinators, DatabaseRoute route,
            Duration interval, ScheduledExecutorService scheduler) {
        this.executor = executor;
        this.coordinators = coordinators;
        this.route = route;
        this.interval = interval;
        this.scheduler = scheduler;
    }

    public void start() {
        schedule(0);
    }

    private void schedule(long delayNanos) {
        try {
            scheduler.schedule(this::refresh, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // the client is closing
        }
    }

    private void refresh() {
        executor.execute(route, new Call<>(ENDPOINTS, response -> ClusterResults.endpoints(Json.readObject(response))))
                .whenComplete((endpoints, failure) -> {
                    if (failure == null) {
                        apply(endpoints);
                    } else if (isSingleServer(failure)) {
                        LOG.log(System.Logger.Level.INFO, () -> "Endpoint discovery stopped: a single server ("
                                + failure.getMessage() + "); keeping the configured hosts");
                        return;
                    } else {
                        LOG.log(System.Logger.Level.DEBUG, () -> "Endpoint discovery failed, hosts unchanged: "
                                + failure.getMessage());
                    }
                    schedule(interval.toNanos());
                });
    }

    /** Applies an answer; returns whether the coordinators changed. Visible for tests. */
    boolean apply(List<String> endpoints) {
        if (endpoints.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "Endpoint discovery returned no endpoint; hosts unchanged");
            return false;
        }
        List<Host> hosts;
        try {
            hosts = HostParser.parse(endpoints);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "Endpoint discovery returned an endpoint that cannot be used, "
                    + "hosts unchanged: " + e.getMessage());
            return false;
        }
        boolean changed = coordinators.update(hosts);
        if (changed) {
            LOG.log(System.Logger.Level.INFO, () -> "Coordinators now " + hosts);
        }
        return changed;
    }

    private static boolean isSingleServer(Throwable failure) {
        return failure instanceof ArangoServerException server
                && (server.status() == 501 && server.errorNum() == 9 || server.status() == 403);
    }
}
