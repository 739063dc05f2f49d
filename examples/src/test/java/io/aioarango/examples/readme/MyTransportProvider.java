package io.aioarango.examples.readme;

import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.spi.TransportProvider;
import io.aioarango.transport.jdk.JdkTransportProvider;

/** Stands in for your own provider in the README's contract-test sample. */
final class MyTransportProvider implements TransportProvider {
    private final TransportProvider delegate = new JdkTransportProvider();

    @Override
    public String name() {
        return "my";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Transport create(TransportOptions options) {
        return delegate.create(options);
    }
}
