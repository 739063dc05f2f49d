package io.aioarango.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.spring.boot.test.AutoConfigureFakeArangoCluster;
import io.aioarango.testkit.FakeCluster;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
@AutoConfigureFakeArangoCluster
class ClusterStatusApplicationTest {
    @Autowired
    ClusterStatus status;

    @Autowired
    FakeCluster cluster;

    @Test
    void theServiceTalksToTheFakeClusterWithoutAnyProperty() throws Exception {
        assertThat(status.summary().get(10, TimeUnit.SECONDS)).matches("CRDN-\\S+ of 3 coordinators");
    }

    @Test
    void itKeepsAnsweringWhileACoordinatorIsDown() throws Exception {
        cluster.coordinators().get(0).stop();
        try {
            for (int i = 0; i < 6; i++) {
                assertThat(status.summary().get(10, TimeUnit.SECONDS)).doesNotStartWith(cluster.coordinators().get(0)
                        .serverId());
            }
        } finally {
            cluster.coordinators().get(0).start();
        }
    }
}
