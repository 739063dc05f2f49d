package io.aioarango.examples.readme;

import static io.aioarango.transport.tck.Waiting.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.api.Cluster;
import io.aioarango.core.ArangoClient;
import io.aioarango.core.ArangoMetrics;
import io.aioarango.core.Hedging;
import io.aioarango.testkit.FakeCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's Reactor sample: a subscription given up (here by a timeout) cancels the request. */
class ReactorSampleTest {
    @Test
    void cancellingTheSubscriptionCancelsTheRequest() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (FakeCluster fake = FakeCluster.start(1);
                ArangoClient client = ArangoClient.builder().hosts(fake.hosts()).meterRegistry(registry)
                        .hedging(Hedging.off()).build()) {
            Cluster cluster = client.db("_system", "root", "passwd").join().cluster();
            assertThat(ReadmeSamples.reactor(cluster).block(Duration.ofSeconds(10))).startsWith("CRDN-");

            fake.coordinators().get(0).delay(Duration.ofMinutes(5));
            String outcome = ReadmeSamples.reactor(cluster).timeout(Duration.ofMillis(200))
                    .onErrorReturn("gave up").block(Duration.ofSeconds(10));

            assertThat(outcome).isEqualTo("gave up");
            eventually("the SDK saw the cancel", () -> registry.find(ArangoMetrics.REQUESTS)
                    .tag(ArangoMetrics.TAG_STATUS, ArangoMetrics.STATUS_CANCELLED).timer() != null);
        }
    }
}
