package io.aioarango.core;

/** {@link AdminContractTest} over the netty transport. */
class NettyAdminContractTest extends AdminContractTest {
    @Override
    String transport() {
        return "netty";
    }
}
