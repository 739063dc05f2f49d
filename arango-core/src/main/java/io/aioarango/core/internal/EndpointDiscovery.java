package io.aioarango.core.internal;

import io.aioarango.api.ArangoRequest;
import io.aioarango.api.ArangoServerException;
import io.aioarango.api.Host;
import io.aioarango.api.HostResolver;
import io.aioarango.api.HttpMethod;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the coordinators in step with {@code GET /_api/cluster/endpoints}: at once, then every interval.
 * An answer that is an error, empty, or holds an endpoint that cannot be parsed leaves the list as it
 * is; 501 errorNum 9 or 403 means a single server, and discovery stops with the configured hosts. An
 * answer listing more than {@code maxCoordinators} is cut to that many (those the client already talks
 * to first), and is applied whole or not at all. While the coordinators use https, an answer listing a
 * plain-http endpoint is not applied: discovery never lowers the connection's security. Discovery asks the coordinators in its own round robin,
 * so it never takes a turn of the user's resolver, and keeps running whatever an answer holds.
 */
public final class EndpointDiscovery {
    private static final System.Logger LOG = System.getLogger(EndpointDiscovery.class.getName());
    private static final ArangoRequest ENDPOINTS = ArangoRequest.builder(HttpMethod.GET, "/_api/cluster/endpoints")
            .operation("discovery.endpoints").build();

    private final RequestExecutor executor;
    private final Coordinators coordinators;
    private final DatabaseRoute route;
    private final Duration interval;
    private final int maxCoordinators;
    private final ScheduledExecutorService scheduler;
    private final HostResolver picker = new RoundRobinHostResolver(); // discovery's own turns

    public EndpointDiscovery(RequestExecutor executor, Coordinators coordinators, DatabaseRoute route,
            Duration interval, int maxCoordinators, ScheduledExecutorService scheduler) {
        this.executor = executor;
        this.coordinators = coordinators;
        this.route = route;
        this.interval = interval;
        this.maxCoordinators = maxCoordinators;
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
        CompletableFuture<List<String>> answer;
        try {
            answer = executor.execute(route, new Call<>(ENDPOINTS,
                    response -> ClusterResults.endpoints(Json.readObject(response))), picker);
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.WARNING, "Endpoint discovery could not ask the coordinators", e);
            schedule(interval.toNanos());
            return;
        }
        answer.whenComplete((endpoints, failure) -> {
            if (failure != null && isSingleServer(failure)) {
                LOG.log(System.Logger.Level.INFO, () -> "Endpoint discovery stopped: a single server ("
                        + failure.getMessage() + "); keeping the configured hosts");
                return;
            }
            try {
                if (failure == null) {
                    apply(endpoints);
                } else {
                    LOG.log(System.Logger.Level.DEBUG, () -> "Endpoint discovery failed, hosts unchanged: "
                            + failure.getMessage());
                }
            } catch (Throwable e) {
                LOG.log(System.Logger.Level.WARNING, "Endpoint discovery could not apply an answer; hosts unchanged",
                        e);
            } finally {
                schedule(interval.toNanos());
            }
        });
    }

    /**
     * Applies an answer; returns whether the coordinators changed. Throws, with the coordinators as they
     * were, when a session cannot be opened. Visible for tests.
     */
    boolean apply(List<String> endpoints) {
        if (endpoints.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "Endpoint discovery returned no endpoint; hosts unchanged");
            return false;
        }
        List<Host> hosts;
        try {
            hosts = cap(HostParser.parse(endpoints));
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "Endpoint discovery returned an endpoint that cannot be used, "
                    + "hosts unchanged: " + e.getMessage());
            return false;
        }
        if (coordinators.hosts().stream().anyMatch(Host::isTls) && !hosts.stream().allMatch(Host::isTls)) {
            LOG.log(System.Logger.Level.WARNING, "Endpoint discovery listed an endpoint without TLS while the "
                    + "coordinators use https; hosts unchanged, so that no credentials go out in clear text");
            return false;
        }
        boolean changed = coordinators.update(hosts);
        if (changed) {
            LOG.log(System.Logger.Level.INFO, () -> "Coordinators now " + hosts);
        }
        return changed;
    }

    /** At most {@code maxCoordinators} of {@code listed}, in their order, keeping those already in use first. */
    private List<Host> cap(List<Host> listed) {
        if (listed.size() <= maxCoordinators) {
            return listed;
        }
        Set<Host> current = Set.copyOf(coordinators.hosts());
        Set<Host> kept = new HashSet<>();
        listed.stream().filter(current::contains).limit(maxCoordinators).forEach(kept::add);
        listed.stream().filter(host -> !current.contains(host)).limit(maxCoordinators - kept.size())
                .forEach(kept::add);
        LOG.log(System.Logger.Level.WARNING, () -> "Endpoint discovery listed " + listed.size()
                + " coordinators; using " + maxCoordinators + " of them (maxCoordinators)");
        return listed.stream().filter(kept::contains).toList();
    }

    private static boolean isSingleServer(Throwable failure) {
        return failure instanceof ArangoServerException server
                && (server.status() == 501 && server.errorNum() == 9 || server.status() == 403);
    }
}
