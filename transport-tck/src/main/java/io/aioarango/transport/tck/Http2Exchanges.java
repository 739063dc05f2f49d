package io.aioarango.transport.tck;

import static io.aioarango.transport.tck.TransportContractFixture.await;
import static io.aioarango.transport.tck.TransportContractFixture.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.Headers;
import io.aioarango.api.HttpMethod;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.TransportRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;


/**
 * The requests of {@link Http2ContractTest}'s cases and what they check of the answers: many {@code GET}s at
 * once, each answered with its own path by {@link H2TestServer}, and each received or answered once.
 */
final class Http2Exchanges {
    private Http2Exchanges() {
    }

    /**
     * Sends a first request and waits for its answer, so that the connection is open and the client knows
     * the server's SETTINGS (its stream limit) before a test counts streams.
     */
    static void warmUp(HttpSession session) {
        assertThat(await(session.send(get("/warm-up"))).bodyAsString()).isEqualTo("/warm-up");
    }

    static TransportRequest post(String path, byte[] body) {
        return new TransportRequest(HttpMethod.POST, path, Headers.empty(), body);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Sends a {@code GET} for each path, counting the futures' completions in {@code completions}. */
    static List<CompletableFuture<TransportResponse>> getAll(HttpSession session, List<String> paths,
            AtomicInteger completions) {
        List<CompletableFuture<TransportResponse>> futures = new ArrayList<>();
        for (String path : paths) {
            futures.add(session.send(get(path)).whenComplete((response, failure) -> completions.incrementAndGet()));
        }
        return futures;
    }

    static List<String> paths(String prefix, int count) {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            paths.add(prefix + i);
        }
        return paths;
    }

    /** Checks that each future succeeded with the answer that names its own path. */
    static void assertEachAnswersItsPath(List<String> paths, List<CompletableFuture<TransportResponse>> futures) {
        for (int i = 0; i < paths.size(); i++) {
            TransportResponse response = await(futures.get(i));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyAsString()).as("the answer to %s", paths.get(i)).isEqualTo(paths.get(i));
        }
    }

    /** Checks that {@code counts} has each path, and nothing else, exactly once. */
    static void assertEachOnce(String what, Map<String, Integer> counts, List<String> paths) {
        assertThat(counts.keySet()).as(what).containsExactlyInAnyOrderElementsOf(paths);
        assertThat(counts.entrySet()).as(what + " more than once").filteredOn(count -> count.getValue() != 1).isEmpty();
    }
}
