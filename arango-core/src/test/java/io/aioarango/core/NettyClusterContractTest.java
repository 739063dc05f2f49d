package io.aioarango.core;

/** {@link ClusterContractTest} over the netty transport. */
class NettyClusterContractTest extends ClusterContractTest {
    @Override
    String transport() {
        return "netty";
    }
}
