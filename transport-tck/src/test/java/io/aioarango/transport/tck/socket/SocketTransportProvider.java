package io.aioarango.transport.tck.socket;

import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.spi.TransportProvider;

/** The provider of {@link SocketTransport}; not registered with ServiceLoader: the tests name it. */
public final class SocketTransportProvider implements TransportProvider {
    @Override
    public String name() {
        return SocketTransport.NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Transport create(TransportOptions options) {
        return new SocketTransport(options);
    }
}
