package io.aioarango.spring.boot.health;

import io.aioarango.api.Cluster;
import io.aioarango.api.ClusterHealth;
import io.aioarango.api.CoordinatorAvailability;
import io.aioarango.api.Credentials;
import io.aioarango.api.ServerHealth;
import io.aioarango.core.ArangoClient;
import io.aioarango.spring.boot.ArangoConnectionDetails;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the health contributor reports, apart from the Boot line's types: one entry per coordinator the
 * client has now (named {@code host:port}), from {@link Cluster#availability(String)}, which needs no
 * credentials; and, when credentials are configured, an entry {@value #CLUSTER} with the cluster's own view
 * of its servers ({@link Cluster#health()}).
 */
public final class ArangoHealthChecks {
    /** The name of the entry with the cluster's health. */
    public static final String CLUSTER = "cluster";
    /** How long one check may take: a health endpoint must answer even when a coordinator does not. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** UP, DOWN or UNKNOWN, and what to show beside it. */
    public enum Status {
        /** Serving. */
        UP,
        /** Not serving, or not answering. */
        DOWN,
        /** Not known: the check could not be made. */
        UNKNOWN
    }

    /**
     * One entry's outcome.
     *
     * @param status  its status
     * @param details what is shown beside the status
     * @param error   why the check failed, or {@code null}
     */
    public record Check(Status status, Map<String, Object> details, Throwable error) {
    }

    private final ArangoClient client;
    private final Credentials credentials;
    private final boolean hasCredentials;
    /** Made at the first check, not at start: with verify-connection, db(...) asks the cluster. */
    private volatile Cluster cluster;

    /**
     * @param client  the client whose coordinators are checked
     * @param details where the credentials for the cluster's health come from
     */
    public ArangoHealthChecks(ArangoClient client, ArangoConnectionDetails details) {
        Credentials configured = details.credentials();
        this.client = client;
        this.hasCredentials = configured != null;
        // Availability checks carry no credentials at all: without configured ones, any will do to get a Cluster.
        this.credentials = hasCredentials ? configured : Credentials.basic("aioarango-health", "");
    }

    private Cluster cluster() throws ExecutionException, TimeoutException {
        Cluster known = cluster;
        if (known == null) {
            known = await(client.db("_system", credentials)).cluster();
            cluster = known;
        }
        return known;
    }

    /**
     * The entries there are now: the client's coordinators (discovery may change them), then the cluster.
     *
     * @return the names in order
     */
    public List<String> names() {
        List<String> names = new java.util.ArrayList<>(client.hosts().stream().map(ArangoHealthChecks::name).toList());
        if (hasCredentials) {
            names.add(CLUSTER);
        }
        return names;
    }

    /**
     * Checks one entry.
     *
     * @param name one of {@link #names()}
     * @return its outcome, or {@code null} when there is no entry of that name
     */
    public Check check(String name) {
        if (CLUSTER.equals(name)) {
            return hasCredentials ? clusterHealth() : null;
        }
        return client.hosts().stream().filter(url -> name(url).equals(name)).findFirst().map(this::coordinator)
                .orElse(null);
    }

    private Check coordinator(String url) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("url", url);
        try {
            CoordinatorAvailability availability = await(cluster().availability(url));
            if (availability.available()) {
                details.put("mode", String.valueOf(availability.mode()));
                return new Check(Status.UP, details, null);
            }
            return new Check(Status.DOWN, details, availability.failure());
        } catch (ExecutionException | TimeoutException e) {
            return new Check(Status.DOWN, details, e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    /**
     * UP once the cluster answers, with each server's status: a bad DB-Server is the supervision's to
     * handle and the client fails over from a bad coordinator, so it is shown, not made the service's
     * health. UNKNOWN when the cluster does not answer (the coordinator entries say why).
     */
    private Check clusterHealth() {
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            ClusterHealth health = await(cluster().health());
            details.put("clusterId", health.clusterId());
            Map<String, Object> servers = new LinkedHashMap<>();
            for (Map.Entry<String, ServerHealth> server : health.servers().entrySet()) {
                ServerHealth s = server.getValue();
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("role", s.role());
                entry.put("status", s.status());
                if (s.endpoint() != null) {
                    entry.put("endpoint", s.endpoint());
                }
                servers.put(server.getKey(), entry);
            }
            details.put("servers", servers);
            details.put("notGood", health.servers().entrySet().stream().filter(e -> !e.getValue().isGood())
                    .map(Map.Entry::getKey).toList());
            return new Check(Status.UP, details, null);
        } catch (ExecutionException | TimeoutException e) {
            return new Check(Status.UNKNOWN, details, e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    private static <T> T await(CompletableFuture<T> future) throws ExecutionException, TimeoutException {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new ExecutionException(e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        }
    }

    /** {@code host:port}: Boot's health paths take no {@code /}. */
    static String name(String url) {
        URI uri = URI.create(url); // as ArangoClient.hosts() spells it: scheme://host:port
        return uri.getHost() + ":" + uri.getPort();
    }
}
