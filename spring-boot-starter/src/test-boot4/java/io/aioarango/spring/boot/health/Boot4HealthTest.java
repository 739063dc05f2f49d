package io.aioarango.spring.boot.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.spring.boot.ArangoAutoConfiguration;
import io.aioarango.testkit.FakeCluster;
import io.aioarango.testkit.FakeClusterExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The health contributor on Boot 4.0 (spring-boot-health's types); Boot3HealthTest is its twin. */
class Boot4HealthTest {
    /** One fake cluster for the class, reset before each test. */
    @RegisterExtension
    static final FakeClusterExtension FAKE = new FakeClusterExtension();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ArangoAutoConfiguration.class,
                    Boot3ArangoHealthAutoConfiguration.class, Boot4ArangoHealthAutoConfiguration.class))
            .withPropertyValues("aioarango.hosts=" + FAKE.cluster().hostsString());

    private static Health health(CompositeHealthContributor contributor, String name) {
        return ((HealthIndicator) contributor.getContributor(name)).health();
    }

    @Test
    void oneEntryPerCoordinatorWithoutCredentialsAndTheClustersViewWithThem() {
        runner.run(context -> {
            CompositeHealthContributor health = context.getBean("aioarangoHealthContributor",
                    CompositeHealthContributor.class);
            List<String> names = health.stream().map(e -> e.name()).toList();
            assertThat(names).as("no credentials: no cluster entry").isEqualTo(HealthFixtures.coordinatorNames(FAKE.cluster()));
            for (String name : names) {
                assertThat(health(health, name).getStatus()).isEqualTo(Status.UP);
                assertThat(health(health, name).getDetails()).containsEntry("mode", "DEFAULT");
            }
            HealthFixtures.assertNoCredentialsSent(FAKE.cluster());
        });
        runner.withPropertyValues("aioarango.username=root", "aioarango.password=passwd").run(context -> {
            CompositeHealthContributor health = context.getBean("aioarangoHealthContributor",
                    CompositeHealthContributor.class);
            Health clusterHealth = health(health, ArangoHealthChecks.CLUSTER);
            assertThat(clusterHealth.getStatus()).isEqualTo(Status.UP);
            assertThat(clusterHealth.getDetails()).containsKeys("clusterId", "servers")
                    .containsEntry("notGood", List.of());
            assertThat((Map<?, ?>) clusterHealth.getDetails().get("servers")).hasSize(FAKE.cluster().coordinators().size()
                    + FAKE.cluster().dbServerIds().size() + 3 /* agents */);
        });
    }

    @Test
    void aStoppedCoordinatorIsDownAndTheOthersStayUp() {
        FAKE.cluster().coordinators().get(1).stop();
        try {
            runner.run(context -> {
                CompositeHealthContributor health = context.getBean("aioarangoHealthContributor",
                        CompositeHealthContributor.class);
                List<String> names = HealthFixtures.coordinatorNames(FAKE.cluster());
                assertThat(health(health, names.get(0)).getStatus()).isEqualTo(Status.UP);
                Health down = health(health, names.get(1));
                assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                assertThat(down.getDetails()).containsKey("error");
                assertThat(health(health, names.get(2)).getStatus()).isEqualTo(Status.UP);
                assertThat(health.getContributor("db9:8529")).isNull();
            });
        } finally {
            FAKE.cluster().reset();
        }
    }

    @Test
    void itCanBeSwitchedOff() {
        runner.withPropertyValues("management.health.aioarango.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("aioarangoHealthContributor"));
    }
}
