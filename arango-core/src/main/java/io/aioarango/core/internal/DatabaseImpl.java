package io.aioarango.core.internal;

import io.aioarango.api.ArangoRequest;
import io.aioarango.api.Cluster;
import io.aioarango.api.Database;
import io.aioarango.api.ArangoResponse;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** A database: its route (prefix and credentials) over the client's executor. */
public final class DatabaseImpl implements Database {
    private final DatabaseRoute route;
    private final RequestExecutor executor;
    private final Cluster cluster;

    public DatabaseImpl(DatabaseRoute route, RequestExecutor executor, Polling polling) {
        this.route = route;
        this.executor = executor;
        this.cluster = new ClusterImpl(route, executor, polling);
    }

    @Override
    public String name() {
        return route.name();
    }

    @Override
    public Cluster cluster() {
        return cluster;
    }

    @Override
    public CompletableFuture<ArangoResponse> send(ArangoRequest request) {
        Objects.requireNonNull(request, "request");
        // The transport's array becomes the application's response without a copy.
        return executor.execute(route, new Call<>(request, response -> ArangoResponse.ofOwnedBody(response.status(),
                response.headers(), response.bodyArray(), response.bodyLength())));
    }

    @Override
    public String toString() {
        return "Database[" + route.name() + "]";
    }
}
