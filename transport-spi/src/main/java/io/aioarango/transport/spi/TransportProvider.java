package io.aioarango.transport.spi;

/**
 * Builds transports. Implementations are registered in
 * {@code META-INF/services/io.aioarango.transport.spi.TransportProvider} and need a public no-argument
 * constructor.
 */
public interface TransportProvider {

    /**
     * The name users select the transport by.
     *
     * @return a short, unique, lower-case name, e.g. {@code jdk} or {@code netty}
     */
    String name();

    /**
     * The rank among the transports found: when several are on the class path and none is chosen, the
     * highest priority wins.
     *
     * @return the priority; higher wins
     */
    int priority();

    /**
     * Builds a transport; the caller owns it and closes it.
     *
     * @param options the settings the transport honours
     * @return a new transport
     */
    Transport create(TransportOptions options);
}
