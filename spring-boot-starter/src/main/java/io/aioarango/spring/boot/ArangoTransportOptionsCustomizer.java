package io.aioarango.spring.boot;

import io.aioarango.transport.spi.TransportOptions;

/**
 * Changes the transport's settings after the {@code aioarango.*} properties set theirs (protocol, timeouts,
 * TLS) and before the client is built; every bean of this type is called, in {@code @Order}. Use it for the
 * settings the properties do not cover, e.g. {@code maxConnectionsPerHost}: calling
 * {@code transportOptions(...)} from an {@link ArangoClientBuilderCustomizer} would replace the properties'
 * settings whole.
 */
@FunctionalInterface
public interface ArangoTransportOptionsCustomizer {
    /**
     * @param options the transport options, holding what the properties set
     */
    void customize(TransportOptions.Builder options);
}
