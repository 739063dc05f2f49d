package com.example.legacy;

import io.aioarango.transport.spi.TransportProvider;
import io.aioarango.transport.netty.NettyTransportProvider;
import io.aioarango.transport.tck.TransportContractTest;

/** The transport contract suite, over HTTP/1.1, against the netty transport on Netty 4.1. */
class NettyOn41ContractTest extends TransportContractTest {
    @Override
    protected TransportProvider provider() {
        return new NettyTransportProvider();
    }
}
