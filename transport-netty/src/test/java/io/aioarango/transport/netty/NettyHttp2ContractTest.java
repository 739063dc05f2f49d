package io.aioarango.transport.netty;

import io.aioarango.transport.spi.TransportProvider;
import io.aioarango.transport.tck.Http2ContractTest;
import org.junit.jupiter.api.extension.ExtendWith;

/** The netty transport against the HTTP/2 cases of the contract, with Netty's leak detector at PARANOID. */
@ExtendWith(NettyLeaks.Check.class)
class NettyHttp2ContractTest extends Http2ContractTest {

    @Override
    protected TransportProvider provider() {
        return new NettyTransportProvider();
    }
}
