package io.aioarango.core.internal;

import static io.aioarango.api.HttpMethod.GET;
import static io.aioarango.core.internal.ClusterArguments.checkName;

import io.aioarango.api.ArangoException;
import io.aioarango.api.ArangoRequest;
import io.aioarango.api.Cluster;
import io.aioarango.api.CoordinatorAvailability;
import io.aioarango.api.Host;
import io.aioarango.transport.spi.TransportRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@link Cluster#availability()}: asks each coordinator of the client on its own whether it is available.
 * An answer is never failed over to another coordinator, and a coordinator that is down is a result, not a
 * failure.
 */
final class AvailabilityProbe {
    private static final ArangoRequest AVAILABILITY = ArangoRequest.builder(GET, "/_admin/server/availability")
            .operation("cluster.availability").build();
    private static final TransportRequest AVAILABILITY_HTTP = DatabaseRoute.open(AVAILABILITY);

    private final RequestExecutor executor;

    AvailabilityProbe(RequestExecutor executor) {
        this.executor = executor;
    }

    /** Every coordinator's availability, by host in the client's order. */
    CompletableFuture<Map<String, CoordinatorAvailability>> all() {
        List<Host> hosts = executor.hosts();
        if (hosts.isEmpty()) {
            return CompletableFuture.failedFuture(RequestExecutor.closedError()); // a client has none once closed
        }
        List<CompletableFuture<CoordinatorAvailability>> checks = hosts.stream().map(this::probe).toList();
        CompletableFuture<Map<String, CoordinatorAvailability>> all = CompletableFuture
                .allOf(checks.toArray(CompletableFuture<?>[]::new))
                .thenApply(done -> {
                    Map<String, CoordinatorAvailability> byHost = new LinkedHashMap<>();
                    checks.forEach(check -> byHost.put(check.join().host(), check.join()));
                    return byHost;
                });
        all.whenComplete((done, failure) -> checks.forEach(check -> check.cancel(false)));
        return all;
    }

    /** The availability of {@code host}, which must be one of the client's coordinators. */
    CompletableFuture<CoordinatorAvailability> of(String host) {
        checkName("Host", host, "pass one of ArangoClient.hosts(), e.g. http://db1:8529");
        Host parsed = HostParser.parseOne(host, 0, 1);
        List<Host> hosts = executor.hosts();
        if (!hosts.contains(parsed)) {
            throw new IllegalArgumentException("Host '" + host + "' is not one of the client's coordinators "
                    + hosts.stream().map(Host::url).toList() + "; pass one of ArangoClient.hosts()");
        }
        return probe(parsed);
    }

    /** One coordinator's availability: an answer of its own, never failed over; being down is a result. */
    private CompletableFuture<CoordinatorAvailability> probe(Host host) {
        CompletableFuture<CoordinatorAvailability> check = executor.executeOn(host, new Call<>(AVAILABILITY,
                response -> ClusterResults.availability(host.url(), Json.readObject(response)), AVAILABILITY_HTTP));
        CompletableFuture<CoordinatorAvailability> result = new CompletableFuture<>();
        check.whenComplete((available, failed) -> {
            try {
                Throwable failure = Polling.unwrap(failed);
                if (failure == null) {
                    result.complete(available);
                } else if (failure instanceof ArangoException unavailable) {
                    result.complete(new CoordinatorAvailability(host.url(), false, null, unavailable, Map.of()));
                } else {
                    result.completeExceptionally(failure); // closed, cancelled
                }
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        result.whenComplete((available, failure) -> check.cancel(false)); // a cancel reaches the request
        return result;
    }
}
