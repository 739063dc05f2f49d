package io.aioarango.api.spi;

/**
 * Builds transports. Implementations are registered in
 * {@code META-INF/services/io.aioarango.api.spi.TransportProvider} and need a public no-argument
 * constructor.
 */
public interface TransportProvider {

    /** A short, unique, lower-case name users select it by, e.g. {@code jdk} or {@code netty}. */
    String name();

    /** When several transports are on the class path and none is chosen, the highest priority wins. */
    int priority();

    /** Builds a transport; the caller owns it and closes it. */
    Transport create(TransportOptions options);
}
