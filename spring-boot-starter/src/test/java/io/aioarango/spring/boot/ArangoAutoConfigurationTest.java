package io.aioarango.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aioarango.api.ResponseTooLargeException;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.api.Credentials;
import io.aioarango.api.Database;
import io.aioarango.api.Host;
import io.aioarango.api.HostResolver;
import io.aioarango.core.ArangoClient;
import io.aioarango.core.ArangoMetrics;
import io.aioarango.core.ArangoObservationConvention;
import io.aioarango.core.DefaultArangoObservationConvention;
import io.aioarango.spring.boot.test.AutoConfigureFakeArangoCluster;
import io.aioarango.spring.boot.test.FakeArangoClusterAutoConfiguration;
import io.aioarango.testkit.FakeCluster;
import io.aioarango.testkit.FakeClusterExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The starter on whichever Boot line runs it (3.5 here, 4.0 in examples/src/it/boot-4.0). */
class ArangoAutoConfigurationTest {
    /** One fake cluster for the class, reset before each test. */
    @RegisterExtension
    static final FakeClusterExtension FAKE = new FakeClusterExtension();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ArangoAutoConfiguration.class));

    private ApplicationContextRunner withCluster(String... properties) {
        return runner.withPropertyValues("aioarango.hosts=" + FAKE.cluster().hostsString(), "aioarango.username=root",
                "aioarango.password=passwd").withPropertyValues(properties);
    }

    @Test
    void withoutHostsTheContextFailsNamingTheProperty() {
        runner.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("aioarango.hosts is not set; set it to the coordinators' URLs, e.g. "
                        + "aioarango.hosts=http://db1:8529,http://db2:8529"));
    }

    @Test
    void thePropertiesMakeAClientOfTheCoordinatorsAndADatabaseThatAnswers() {
        withCluster("aioarango.database=_system", "aioarango.host-resolver=roundrobin",
                "aioarango.request-timeout=5s", "aioarango.transport=jdk").run(context -> {
            ArangoClient client = context.getBean(ArangoClient.class);
            assertThat(client.hosts()).isEqualTo(FAKE.cluster().hosts());
            assertThat(client.transportName()).isEqualTo("jdk");
            Database db = context.getBean(Database.class);
            for (int i = 0; i < 3; i++) {
                assertThat(db.cluster().serverId().get(10, TimeUnit.SECONDS)).startsWith("CRDN-");
            }
            // Round robin, as asked: one call to each coordinator, authenticated as the configured user.
            FAKE.cluster().coordinators().forEach(coordinator -> assertThat(coordinator.requests()).singleElement()
                    .satisfies(request -> assertThat(request.user()).isEqualTo("root")));
        });
    }

    @Test
    void withoutADatabaseNameThereIsNoDatabaseBean() {
        withCluster().run(context -> {
            assertThat(context).hasSingleBean(ArangoClient.class).doesNotHaveBean(Database.class);
        });
    }

    @Test
    void aBadPropertyValueFailsTheContextNamingIt() {
        withCluster("aioarango.host-resolver=fastest").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fastest"));
        withCluster("aioarango.token=abc").run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessage("Only one kind of credentials can be configured, found [aioarango.username, aioarango.token]; "
                        + "set aioarango.username (with aioarango.password and, for a JWT login, aioarango.jwt-login=true), "
                        + "aioarango.token or aioarango.jwt-secret"));
        runner.withPropertyValues("aioarango.hosts=" + FAKE.cluster().hostsString(), "aioarango.database=_system")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessage("The database '_system' is configured but no credentials are; set aioarango.username "
                                + "(and aioarango.password), aioarango.token or aioarango.jwt-secret"));
        withCluster("aioarango.ssl.bundle=cluster").run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().hasMessage("aioarango.ssl.bundle is 'cluster' but the application has no SSL bundles; "
                        + "define it under spring.ssl.bundle.jks or spring.ssl.bundle.pem"));
    }

    @Test
    void eachKindOfCredentialsComesFromItsProperties() {
        assertThat(credentials("aioarango.username=app", "aioarango.password=pw"))
                .isEqualTo(Credentials.basic("app", "pw"));
        assertThat(credentials("aioarango.username=app", "aioarango.password=pw", "aioarango.jwt-login=true"))
                .isEqualTo(Credentials.jwt("app", "pw"));
        assertThat(credentials("aioarango.token=eyJhbGciOiJIUzI1NiJ9.e30.c2ln"))
                .isInstanceOf(Credentials.Bearer.class);
        assertThat(credentials("aioarango.jwt-secret=s3cret")).isEqualTo(Credentials.jwtSecret("s3cret"));
        assertThat(credentials()).isNull();
    }

    private Credentials credentials(String... properties) {
        List<Credentials> found = new CopyOnWriteArrayList<>();
        runner.withPropertyValues("aioarango.hosts=" + FAKE.cluster().hostsString()).withPropertyValues(properties)
                .run(context -> {
                    Credentials credentials = context.getBean(ArangoConnectionDetails.class).credentials();
                    if (credentials != null) {
                        found.add(credentials);
                    }
                });
        return found.isEmpty() ? null : found.get(0);
    }

    @Test
    void theApplicationsRegistriesMeasureAndObserveEveryCall() {
        List<String> observed = new CopyOnWriteArrayList<>();
        withCluster("aioarango.database=_system").withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(ObservationRegistry.class, () -> {
                    ObservationRegistry registry = ObservationRegistry.create();
                    registry.observationConfig().observationHandler(new ObservationHandler<>() {
                        @Override
                        public boolean supportsContext(Observation.Context context) {
                            return true;
                        }

                        @Override
                        public void onStop(Observation.Context context) {
                            observed.add(context.getName());
                        }
                    });
                    return registry;
                }).withBean(ArangoObservationConvention.class, () -> new DefaultArangoObservationConvention() {
                    @Override
                    public String getName() {
                        return "shop.arango";
                    }
                }).run(context -> {
                    context.getBean(Database.class).cluster().serverId().get(10, TimeUnit.SECONDS);
                    assertThat(context.getBean(MeterRegistry.class).find(ArangoMetrics.REQUESTS).timers()).isNotEmpty();
                    assertThat(observed).as("named by the application's convention").contains("shop.arango");
                });
    }

    @Test
    void customizersChangeTheBuilderLast() {
        List<List<Host>> offered = new CopyOnWriteArrayList<>();
        HostResolver first = hosts -> {
            offered.add(List.copyOf(hosts));
            return hosts.get(0);
        };
        withCluster("aioarango.database=_system", "aioarango.host-resolver=random")
                .withBean(ArangoClientBuilderCustomizer.class, () -> builder -> builder.hostResolver(first))
                .run(context -> {
                    Database db = context.getBean(Database.class);
                    for (int i = 0; i < 3; i++) {
                        db.cluster().serverId().get(10, TimeUnit.SECONDS);
                    }
                    assertThat(offered).hasSize(3);
                    assertThat(FAKE.cluster().coordinators().get(0).requestCount()).isEqualTo(3);
                });
    }

    @Test
    void transportCustomizersStartFromThePropertiesAndReachTheClient() {
        List<TransportOptions> seen = new CopyOnWriteArrayList<>();
        withCluster("aioarango.database=_system", "aioarango.request-timeout=7s")
                .withBean(ArangoTransportOptionsCustomizer.class, () -> options -> {
                    seen.add(options.build());
                    options.maxResponseBytes(8); // smaller than any answer: the client must refuse it
                })
                .run(context -> {
                    assertThat(seen).singleElement().satisfies(options ->
                            assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(7)));
                    assertThatThrownBy(() -> context.getBean(Database.class).cluster().serverId().get(10, TimeUnit.SECONDS))
                            .hasCauseInstanceOf(ResponseTooLargeException.class);
                });
    }

    @Test
    void aClientOfTheApplicationsOwnReplacesTheStartersOne() {
        withCluster().withBean("myClient", ArangoClient.class,
                () -> ArangoClient.builder().hosts(FAKE.cluster().hosts().get(0)).build()).run(context -> {
                    assertThat(context).hasSingleBean(ArangoClient.class);
                    assertThat(context.getBean(ArangoClient.class).hosts()).containsExactly(FAKE.cluster().hosts().get(0));
                });
    }

    @Test
    void closingTheContextLetsTheCallsInFlightEndThenClosesTheClient() {
        FAKE.cluster().coordinators().forEach(coordinator -> coordinator.delay(Duration.ofMillis(300)));
        CompletableFuture<String> inFlight = new CompletableFuture<>();
        Database[] db = new Database[1];
        withCluster("aioarango.database=_system", "aioarango.shutdown-grace-period=20s").run(context -> {
            db[0] = context.getBean(Database.class);
            db[0].cluster().serverId().whenComplete((id, e) -> {
                if (e != null) {
                    inFlight.completeExceptionally(e);
                } else {
                    inFlight.complete(id);
                }
            });
        }); // the runner closes the context here
        assertThat(inFlight).as("the call in flight ended before the client closed").isCompleted();
        assertThat(inFlight.join()).startsWith("CRDN-");
        assertThat(db[0].cluster().serverId()).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat().havingRootCause().isInstanceOf(IllegalStateException.class)
                .withMessage("This ArangoClient is closed; build a new one to send requests");
    }

    @Test
    void aTestGetsAFakeClusterWithoutProperties() {
        // As in a @SpringBootTest, the annotation's auto-configuration is ordered with the others.
        runner.withConfiguration(AutoConfigurations.of(FakeArangoClusterAutoConfiguration.class))
                .withUserConfiguration(FakeClusterTest.class).run(context -> {
            FakeCluster fake = context.getBean(FakeCluster.class);
            assertThat(context.getBean(ArangoClient.class).hosts()).isEqualTo(fake.hosts());
            assertThat(context.getBean(Database.class).cluster().serverId().get(10, TimeUnit.SECONDS))
                    .isIn(fake.coordinators().stream().map(c -> c.serverId()).toList());
        });
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigureFakeArangoCluster
    static class FakeClusterTest {
        @Bean
        String unrelated() {
            return "a test's own bean";
        }
    }
}
