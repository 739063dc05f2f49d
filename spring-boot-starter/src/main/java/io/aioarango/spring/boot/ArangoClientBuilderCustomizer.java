package io.aioarango.spring.boot;

import io.aioarango.core.ArangoClient;

/**
 * Changes the client builder after the properties are applied and before the client is built; every bean
 * of this type is called, in {@code @Order}. For whatever the properties do not cover: hedging, back-off,
 * a resolver of your own, a transport instance. Transport settings go through
 * {@link ArangoTransportOptionsCustomizer}, which keeps those of the properties.
 */
@FunctionalInterface
public interface ArangoClientBuilderCustomizer {
    /**
     * @param builder the builder the {@code ArangoClient} bean is built from
     */
    void customize(ArangoClient.Builder builder);
}
