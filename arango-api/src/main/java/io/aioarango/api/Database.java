package io.aioarango.api;

import java.util.concurrent.CompletableFuture;

/** One database, reached through the client's coordinators with one set of credentials. */
public interface Database {

    /**
     * The database name.
     *
     * @return the name, e.g. {@code _system}
     */
    String name();

    /**
     * The cluster administration API, sent through this database.
     *
     * @return the cluster API, using this database's credentials
     */
    Cluster cluster();

    /**
     * Sends any request under {@code /_db/{name}} with the same routing, failover, authentication and
     * completion rules as the typed API. A 2xx answer completes the future with the response; any
     * other status fails it with {@link ArangoServerException} (or {@link MalformedResponseException}
     * when the error body is not ArangoDB's JSON).
     *
     * @param request the request; its path is taken below {@code /_db/{name}}
     * @return a future of the response, completed with any 2xx answer
     * @throws NullPointerException if {@code request} is {@code null}
     */
    CompletableFuture<ArangoResponse> send(ArangoRequest request);
}
