package io.aioarango.transport.jdk;

import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.spi.TransportProvider;

/** The {@code jdk} transport: {@code java.net.http}, nothing to add to the class path. */
public final class JdkTransportProvider implements TransportProvider {
    /** The name users select it by. */
    public static final String NAME = "jdk";
    /** Lower than Netty's, so that adding {@code transport-netty} makes it the default. */
    public static final int PRIORITY = 10;

    /** Called by {@link java.util.ServiceLoader}, or by you to pass the provider around yourself. */
    public JdkTransportProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Transport create(TransportOptions options) {
        return new JdkTransport(options);
    }
}
