package io.aioarango.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One cluster for the class, reset before each test: what one test breaks, the next does not see. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FakeClusterExtensionTest {
    @RegisterExtension
    static final FakeClusterExtension CLUSTER = new FakeClusterExtension(FakeCluster.builder().coordinators(2));

    static String firstHosts;

    @Test
    @Order(1)
    void aTestBreaksTheCluster(FakeCluster cluster) throws Exception {
        firstHosts = cluster.hostsString();
        assertThat(cluster.coordinators()).hasSize(2);
        FakeClusterTest.get(cluster.coordinator(0).url() + "/_admin/server/id");
        cluster.coordinator(1).stop();
        cluster.coordinator(0).failWith(503, 503);
        FakeClusterTest.json("PUT", cluster.coordinator(0).url() + "/_admin/cluster/maintenance", "\"on\"", 503);
    }

    @Test
    @Order(2)
    void theNextFindsItAsNew(FakeCluster cluster) throws Exception {
        assertThat(cluster).isSameAs(CLUSTER.cluster());
        assertThat(cluster.hostsString()).isEqualTo(firstHosts);
        assertThat(cluster.requestCount()).isZero();
        assertThat(cluster.coordinator(1).isRunning()).isTrue();
        FakeClusterTest.get(cluster.coordinator(0).url() + "/_admin/server/id");
        assertThat(cluster.maintenanceMode()).isFalse();
    }
}
