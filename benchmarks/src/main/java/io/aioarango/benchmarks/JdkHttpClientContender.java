package io.aioarango.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code java.net.http.HttpClient} used directly: HTTP/1.1, an executor of 2 daemon threads, {@code sendAsync},
 * the body read with Jackson, the coordinators in turn. Java 17 cannot close an {@code HttpClient}: its selector
 * thread ends once the client is unreachable and collected, which the runner waits for.
 */
final class JdkHttpClientContender implements Contender {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String AUTHORIZATION = "Basic "
            + Base64.getEncoder().encodeToString("root:passwd".getBytes(StandardCharsets.UTF_8));

    private final AtomicInteger next = new AtomicInteger();
    private ExecutorService executor;
    private HttpClient client;
    private HttpRequest[] requests;

    @Override
    public void start(List<InetSocketAddress> coordinators, int concurrency) {
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "jdk-httpclient-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        requests = coordinators.stream()
                .map(a -> HttpRequest.newBuilder(URI.create("http://" + a.getHostString() + ":" + a.getPort()
                                + "/_db/_system/_admin/server/id"))
                        .header("Authorization", AUTHORIZATION)
                        .header("Accept", "application/json")
                        .GET()
                        .build())
                .toArray(HttpRequest[]::new);
    }

    @Override
    public CompletableFuture<String> serverId() {
        HttpRequest request = requests[Math.floorMod(next.getAndIncrement(), requests.length)];
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + " from " + request.uri());
            }
            try {
                JsonNode id = MAPPER.readTree(response.body()).get("id");
                return id == null ? null : id.asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void close() {
        client = null;
        requests = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
