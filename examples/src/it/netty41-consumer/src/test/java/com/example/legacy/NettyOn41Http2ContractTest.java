package com.example.legacy;

import io.aioarango.transport.spi.TransportProvider;
import io.aioarango.transport.netty.NettyTransportProvider;
import io.aioarango.transport.tck.Http2ContractTest;

/** The HTTP/2 cases of the contract suite against the netty transport on Netty 4.1. */
class NettyOn41Http2ContractTest extends Http2ContractTest {
    @Override
    protected TransportProvider provider() {
        return new NettyTransportProvider();
    }
}
