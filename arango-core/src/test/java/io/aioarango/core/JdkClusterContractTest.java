package io.aioarango.core;

/** {@link ClusterContractTest} over the jdk transport. */
class JdkClusterContractTest extends ClusterContractTest {
    @Override
    String transport() {
        return "jdk";
    }
}
