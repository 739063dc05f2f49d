package io.aioarango.transport.jdk;

import io.aioarango.api.spi.Transport;
import io.aioarango.api.spi.TransportOptions;
import io.aioarango.api.spi.TransportProvider;

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
