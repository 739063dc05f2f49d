package io.aioarango.transport.tck.socket;

import io.aioarango.api.spi.Transport;
import io.aioarango.api.spi.TransportOptions;
import io.aioarango.api.spi.TransportProvider;

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
