package io.aioarango.transport.netty;

import io.aioarango.api.HttpProtocol;

/** The netty transport against the shared transport contract over cleartext HTTP/2 (prior knowledge). */
class NettyH2TransportContractTest extends NettyTransportContractTest {

    @Override
    protected HttpProtocol protocol() {
        return HttpProtocol.H2;
    }
}
