package io.aioarango.transport.netty;

import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.spi.TransportProvider;

/** The {@code netty} transport; preferred over {@code jdk} when both are on the class path. */
public final class NettyTransportProvider implements TransportProvider {
    /** The name users select it by. */
    public static final String NAME = "netty";
    /** Higher than the jdk transport's. */
    public static final int PRIORITY = 20;

    /** Called by {@link java.util.ServiceLoader}, or by you to pass the provider around yourself. */
    public NettyTransportProvider() {
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
        return NettyTransport.builder(options).build();
    }
}
