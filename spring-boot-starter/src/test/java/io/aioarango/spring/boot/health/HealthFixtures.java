package io.aioarango.spring.boot.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.testkit.FakeCluster;
import java.util.List;

/** What the health tests of both Boot lines (Boot3HealthTest, Boot4HealthTest) share. */
final class HealthFixtures {
    private HealthFixtures() {
    }

    /** The entry names of the cluster's coordinators, {@code host:port}, in order. */
    static List<String> coordinatorNames(FakeCluster cluster) {
        return cluster.hosts().stream().map(ArangoHealthChecks::name).toList();
    }

    /** Availability checks carry no credentials. */
    static void assertNoCredentialsSent(FakeCluster cluster) {
        cluster.coordinators().forEach(coordinator -> assertThat(coordinator.requests())
                .filteredOn(request -> request.path().equals("/_admin/server/availability")).isNotEmpty()
                .allSatisfy(request -> assertThat(request.user()).isNull()));
    }
}
