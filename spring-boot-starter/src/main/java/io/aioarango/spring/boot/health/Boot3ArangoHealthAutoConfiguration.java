package io.aioarango.spring.boot.health;

import io.aioarango.core.ArangoClient;
import io.aioarango.spring.boot.ArangoAutoConfiguration;
import io.aioarango.spring.boot.ArangoConnectionDetails;
import java.util.Iterator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/** The {@code aioarango} health contributor on Boot 3, whose health types are in spring-boot-actuator. */
@AutoConfiguration(after = ArangoAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthContributor")
@ConditionalOnBean(ArangoClient.class)
@ConditionalOnProperty(prefix = "management.health.aioarango", name = "enabled", matchIfMissing = true)
public class Boot3ArangoHealthAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "aioarangoHealthContributor")
    CompositeHealthContributor aioarangoHealthContributor(ArangoClient client, ArangoConnectionDetails details) {
        ArangoHealthChecks checks = new ArangoHealthChecks(client, details);
        return new CompositeHealthContributor() {
            @Override
            public HealthContributor getContributor(String name) {
                return checks.names().contains(name) ? indicator(checks, name) : null;
            }

            @Override
            public Iterator<NamedContributor<HealthContributor>> iterator() {
                return checks.names().stream()
                        .map(name -> NamedContributor.<HealthContributor>of(name, indicator(checks, name))).iterator();
            }
        };
    }

    private static HealthIndicator indicator(ArangoHealthChecks checks, String name) {
        return () -> {
            ArangoHealthChecks.Check check = checks.check(name);
            if (check == null) {
                return Health.unknown().build(); // gone between listing and checking (discovery)
            }
            Health.Builder health = Health.status(check.status().name()).withDetails(check.details());
            return check.error() == null ? health.build() : health.withException(check.error()).build();
        };
    }
}
