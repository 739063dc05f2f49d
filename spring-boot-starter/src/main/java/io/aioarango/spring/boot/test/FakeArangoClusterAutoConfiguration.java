package io.aioarango.spring.boot.test;

import io.aioarango.spring.boot.ArangoAutoConfiguration;
import io.aioarango.testkit.FakeCluster;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Imported by {@link AutoConfigureFakeArangoCluster} only: never part of an application's own context. */
@AutoConfiguration(before = ArangoAutoConfiguration.class)
@ConditionalOnClass(FakeCluster.class)
public class FakeArangoClusterAutoConfiguration {
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    FakeCluster fakeArangoCluster() {
        return FakeCluster.start(3);
    }

    @Bean
    FakeArangoClusterConnectionDetails fakeArangoClusterConnectionDetails(FakeCluster cluster) {
        return new FakeArangoClusterConnectionDetails(cluster);
    }
}
