package io.aioarango.examples.readme

import io.aioarango.core.ArangoClient
import io.aioarango.core.ArangoMetrics
import io.aioarango.core.Hedging
import io.aioarango.testkit.FakeCluster
import io.aioarango.transport.tck.Waiting.eventually
import io.micrometer.core.instrument.simple.SimpleMeterRegistry
import java.time.Duration
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test

/** The README's Kotlin sample: a coroutine given up (here by a timeout) cancels the request. */
class CoroutinesTest {
    @Test
    fun cancellingTheCoroutineCancelsTheRequest() {
        val registry = SimpleMeterRegistry()
        FakeCluster.start(1).use { fake ->
            ArangoClient.builder().hosts(fake.hosts()).meterRegistry(registry).hedging(Hedging.off()).build().use { client ->
                val cluster = client.db("_system", "root", "passwd").join().cluster()
                assertThat(runBlocking { serverId(cluster) }).startsWith("CRDN-")

                fake.coordinators()[0].delay(Duration.ofMinutes(5))
                assertThat(runBlocking { withTimeoutOrNull(200) { serverId(cluster) } }).isNull()

                eventually("the SDK saw the cancel") {
                    registry.find(ArangoMetrics.REQUESTS)
                        .tag(ArangoMetrics.TAG_STATUS, ArangoMetrics.STATUS_CANCELLED).timer() != null
                }
            }
        }
    }
}
