package io.aioarango.spring.boot.test;

import io.aioarango.api.Credentials;
import io.aioarango.spring.boot.ArangoConnectionDetails;
import io.aioarango.testkit.FakeCluster;
import java.util.List;

/** The coordinators of a {@link FakeCluster}, its default user, and {@code _system} for the Database bean. */
public final class FakeArangoClusterConnectionDetails implements ArangoConnectionDetails {
    private final FakeCluster cluster;

    FakeArangoClusterConnectionDetails(FakeCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public List<String> hosts() {
        return cluster.hosts();
    }

    @Override
    public Credentials credentials() {
        return Credentials.basic("root", "passwd");
    }

    @Override
    public String database() {
        return "_system";
    }
}
