package io.aioarango.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static io.aioarango.transport.tck.Waiting.eventually;

import io.aioarango.api.ArangoAuthenticationException;
import io.aioarango.api.Credentials;
import io.aioarango.core.ArangoClient;
import io.aioarango.core.testing.LogCapture;
import io.aioarango.testkit.FakeCluster;
import io.aioarango.testkit.FakeCoordinator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run with a wrong password: no log line, at any level, and no exception shows the password or its token.
 * The fake cluster answers the wrong credentials with 401 (errorNum 11), as ArangoDB does.
 */
class NoSecretsInLogsTest {
    private static final String PASSWORD = "Wr0ng-S3cret!";
    private static final String TOKEN = Base64.getEncoder()
            .encodeToString(("root:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "netty"})
    void neitherThePasswordNorTheTokenAppearAnywhere(String transport) throws Exception {
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        try (LogCapture logs = LogCapture.everything(); FakeCluster cluster = FakeCluster.start(2)) {
            List<FakeCoordinator> coordinators = cluster.coordinators();
            coordinators.get(0).stop(); // a coordinator going down is logged too
            try (ArangoClient client = ArangoClient.builder()
                    .hosts(cluster.hosts())
                    .transport(transport).meterRegistry(new SimpleMeterRegistry()).verifyConnection(true)
                    .hostResolver(candidates -> candidates.get(0))
                    .endpointDiscovery(Duration.ofMillis(50), Credentials.of("root", PASSWORD))
                    .build()) {
                Throwable failure = client.db("_system", "root", PASSWORD).handle((db, e) -> e).join();
                output.add(stackTrace(failure));
                assertThat(failure instanceof CompletionException ? failure.getCause() : failure)
                        .isInstanceOf(ArangoAuthenticationException.class);
                awaitDiscoveryRounds(coordinators, 3); // each failing with 401, and logged
                output.add(client.toString());
            }
            assertThat(coordinators.get(1).requests()).as("no request authenticated")
                    .isNotEmpty().allSatisfy(request -> assertThat(request.user()).isNull());
            output.addAll(logs.lines());
        }

        assertThat(output).as("something was logged").anyMatch(line -> line.contains("is down"))
                .anyMatch(line -> line.contains("HTTP 401"));
        assertThat(output).allSatisfy(line -> assertThat(line).doesNotContain(PASSWORD).doesNotContain(TOKEN));
    }

    private static void awaitDiscoveryRounds(List<FakeCoordinator> coordinators, int rounds) {
        eventually("discovery asked " + rounds + " times", () -> discoveryRequests(coordinators) >= rounds);
        assertThat(discoveryRequests(coordinators)).isGreaterThanOrEqualTo(rounds);
    }

    private static int discoveryRequests(List<FakeCoordinator> coordinators) {
        return coordinators.stream().mapToInt(c -> (int) c.requests().stream()
                .filter(r -> r.method().equals("GET") && r.path().equals("/_db/_system/_api/cluster/endpoints"))
                .count()).sum();
    }

    private static String stackTrace(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
