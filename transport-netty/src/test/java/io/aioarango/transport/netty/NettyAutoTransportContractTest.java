package io.aioarango.transport.netty;

import io.aioarango.api.HttpProtocol;

/** The netty transport against the shared transport contract under AUTO: over http://, cleartext HTTP/2. */
class NettyAutoTransportContractTest extends NettyTransportContractTest {

    @Override
    protected HttpProtocol protocol() {
        return HttpProtocol.AUTO;
    }

    @Override
    protected boolean speaksHttp2() {
        return true;
    }
}
