package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aioarango.api.Cluster;
import io.aioarango.api.ClusterHealth;
import io.aioarango.api.MaintenanceMode;
import io.aioarango.core.ArangoClient;
import io.aioarango.testkit.FakeCluster;
import io.aioarango.testkit.FakeClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a user's test looks like: the SDK against the testkit, every artifact versioned by the BOM. */
class ClusterTest {
    @RegisterExtension
    static final FakeClusterExtension CLUSTER = new FakeClusterExtension(FakeCluster.builder().coordinators(2));

    @Test
    void clusterCallsAgainstTheTestkit(FakeCluster fake) {
        try (ArangoClient client = ArangoClient.builder().hosts(fake.hostsString()).hostResolver("roundrobin").build()) {
            assertEquals("netty", client.transportName());
            Cluster cluster = client.db("_system", "root", "passwd").join().cluster();
            assertEquals(fake.coordinator(0).serverId(), cluster.serverId().join());
            assertEquals(fake.coordinator(1).serverId(), cluster.serverId().join());
            ClusterHealth health = cluster.health().join();
            assertEquals(2 + 3 + 3, health.servers().size());
            assertEquals(2, cluster.serverCount().join().numberOfCoordinators());
            cluster.toggleMaintenanceMode(MaintenanceMode.ON).join();
            assertTrue(fake.maintenanceMode());
        }
    }
}
