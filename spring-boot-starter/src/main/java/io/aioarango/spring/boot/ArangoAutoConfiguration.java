package io.aioarango.spring.boot;

import io.aioarango.api.Credentials;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.api.Database;
import io.aioarango.api.TlsSettings;
import io.aioarango.core.ArangoClient;
import io.aioarango.core.ArangoObservationConvention;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * An {@link ArangoClient} from {@link ArangoConnectionDetails} (by default the {@code aioarango.*}
 * properties), with the application's {@code MeterRegistry}, {@code ObservationRegistry} and
 * {@link ArangoObservationConvention} when it has them, changed by every {@link ArangoClientBuilderCustomizer}; a {@link Database} when one is named; and a
 * close that lets the calls in flight end when the context stops.
 */
@AutoConfiguration(afterName = {
        // Boot 3.5 and Boot 4.0 names of the auto-configurations that make the two registries.
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
        "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration"})
@ConditionalOnClass(ArangoClient.class)
@EnableConfigurationProperties(ArangoProperties.class)
public class ArangoAutoConfiguration {
    /** Longest a Database bean waits for the check of its credentials ({@code aioarango.verify-connection}). */
    private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(30);

    @Bean
    @ConditionalOnMissingBean
    ArangoConnectionDetails arangoConnectionDetails(ArangoProperties properties) {
        return new PropertiesArangoConnectionDetails(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    ArangoClient arangoClient(ArangoProperties properties, ArangoConnectionDetails details,
            ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<ArangoObservationConvention> observationConvention, ObjectProvider<SslBundles> sslBundles,
            ObjectProvider<ArangoClientBuilderCustomizer> customizers,
            ObjectProvider<ArangoTransportOptionsCustomizer> transportCustomizers) {
        ArangoClient.Builder builder = ArangoClient.builder().hosts(details.hosts());
        Credentials credentials = details.credentials(); // read now: conflicting properties fail the context here
        if (properties.getHostResolver() != null) {
            builder.hostResolver(properties.getHostResolver());
        }
        if (properties.getTransport() != null) {
            builder.transport(properties.getTransport());
        }
        // One TransportOptions from the properties and the transport customizers.
        TransportOptions.Builder transportOptions = TransportOptions.builder();
        if (properties.getProtocol() != null) {
            transportOptions.protocol(properties.getProtocol());
        }
        if (properties.getConnectTimeout() != null) {
            transportOptions.connectTimeout(properties.getConnectTimeout());
        }
        if (properties.getRequestTimeout() != null) {
            transportOptions.requestTimeout(properties.getRequestTimeout());
        }
        builder.verifyConnection(properties.isVerifyConnection());
        var tls = tls(properties.getSsl(), sslBundles);
        tls.ifPresent(transportOptions::tls);
        List<ArangoTransportOptionsCustomizer> optionCustomizers = transportCustomizers.orderedStream().toList();
        optionCustomizers.forEach(customizer -> customizer.customize(transportOptions));
        if (properties.getProtocol() != null || properties.getConnectTimeout() != null
                || properties.getRequestTimeout() != null || tls.isPresent() || !optionCustomizers.isEmpty()) {
            builder.transportOptions(transportOptions.build()); // none set: a customizer's transport is not warned of
        }
        if (properties.getDiscovery().getInterval() != null) {
            if (credentials == null) {
                throw new IllegalStateException("aioarango.discovery.interval is set but no credentials are: "
                        + "endpoint discovery asks the cluster for its coordinators as a user; set aioarango.username, "
                        + "aioarango.token or aioarango.jwt-secret");
            }
            builder.endpointDiscovery(properties.getDiscovery().getInterval(), credentials);
        }
        meterRegistry.ifAvailable(builder::meterRegistry);
        observationRegistry.ifAvailable(builder::observationRegistry);
        observationConvention.ifAvailable(builder::observationConvention);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    private static java.util.Optional<TlsSettings> tls(ArangoProperties.Ssl ssl, ObjectProvider<SslBundles> bundles) {
        if (ssl.getBundle() == null) {
            return ssl.isVerifyHostnames() ? java.util.Optional.empty()
                    : java.util.Optional.of(TlsSettings.builder().verifyHostnames(false).build());
        }
        SslBundles registry = bundles.getIfAvailable();
        if (registry == null) {
            throw new IllegalStateException("aioarango.ssl.bundle is '" + ssl.getBundle() + "' but the application "
                    + "has no SSL bundles; define it under spring.ssl.bundle.jks or spring.ssl.bundle.pem");
        }
        return java.util.Optional.of(TlsSettings.builder()
                .sslContext(registry.getBundle(ssl.getBundle()).createSslContext())
                .verifyHostnames(ssl.isVerifyHostnames()).build());
    }

    /** Stops after the web server has finished its requests (a lower phase stops later), before the beans go. */
    @Bean
    SmartLifecycle arangoClientLifecycle(ArangoClient client, ArangoProperties properties) {
        return new ArangoClientLifecycle(client, properties.getShutdownGracePeriod());
    }

    @Bean
    @ConditionalOnMissingBean
    @Conditional(DatabaseNamed.class)
    Database arangoDatabase(ArangoClient client, ArangoConnectionDetails details, ArangoProperties properties)
            throws InterruptedException, TimeoutException {
        String name = properties.getDatabase() != null ? properties.getDatabase() : details.database();
        Credentials credentials = details.credentials();
        if (credentials == null) {
            throw new IllegalStateException("The database '" + name + "' is configured but no credentials are; set "
                    + "aioarango.username (and aioarango.password), aioarango.token or aioarango.jwt-secret");
        }
        try {
            return client.db(name, credentials).get(VERIFY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The database '" + name + "' could not be reached: " + e.getCause(),
                    e.getCause());
        }
    }

    /** A database named by {@code aioarango.database}, or by the connection details of a fake cluster. */
    static final class DatabaseNamed extends AnyNestedCondition {
        DatabaseNamed() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(prefix = "aioarango", name = "database")
        static final class ByProperty {
        }

        @ConditionalOnBean(type = "io.aioarango.spring.boot.test.FakeArangoClusterConnectionDetails")
        static final class ByFakeCluster {
        }
    }
}
