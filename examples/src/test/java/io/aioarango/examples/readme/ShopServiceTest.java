package io.aioarango.examples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.aioarango.api.Cluster;
import io.aioarango.core.ArangoClient;
import io.aioarango.testkit.FakeCluster;
import io.aioarango.testkit.FakeClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's testkit sample with JUnit 5, run as it is written. */
class ShopServiceTest {
    @RegisterExtension
    static final FakeClusterExtension CLUSTER = new FakeClusterExtension(FakeCluster.builder().coordinators(3));

    @Test
    void survivesACoordinatorGoingAway(FakeCluster fake) {
        try (ArangoClient client = ArangoClient.builder().hosts(fake.hosts()).build()) {
            Cluster cluster = client.db("_system", "root", "passwd").join().cluster();
            fake.coordinator(0).stop();
            assertNotEquals(fake.coordinator(0).serverId(), cluster.serverId().join());
            assertEquals(1, fake.requestCount());
        }
    }
}
