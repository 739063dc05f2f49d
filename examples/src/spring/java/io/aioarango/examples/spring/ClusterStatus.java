package io.aioarango.examples.spring;

import io.aioarango.api.Cluster;
import io.aioarango.api.Database;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/** What the service tells about the cluster, from the starter's Database bean. */
@Service
public class ClusterStatus {
    private final Cluster cluster;

    public ClusterStatus(Database database) {
        this.cluster = database.cluster();
    }

    /** The coordinator that answered and the servers the cluster has, e.g. "CRDN-1 of 3 coordinators". */
    public CompletableFuture<String> summary() {
        return cluster.serverId().thenCombine(cluster.health(), (id, health) -> id + " of " + health.servers()
                .values().stream().filter(server -> "Coordinator".equals(server.role())).count() + " coordinators");
    }
}
