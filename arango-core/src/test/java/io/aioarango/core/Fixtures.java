package io.aioarango.core;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;

/** Shared test fixtures: loopback WireMock coordinators and the recorded contract bodies. */
final class Fixtures {
    /** {@code root:passwd} in basic auth. */
    static final String AUTH = "Basic cm9vdDpwYXNzd2Q=";

    private Fixtures() {
    }

    /** A WireMock coordinator on 127.0.0.1, started, on a free port. */
    static WireMockServer coordinator() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(20).jettyAcceptors(1));
        server.start();
        return server;
    }

    static String url(WireMockServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    /** A body from {@code src/test/resources/contract}. */
    static String contract(String file) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/contract/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("No contract body " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one request the server received; fails if it received none or several. */
    static LoggedRequest onlyRequest(WireMockServer server) {
        List<LoggedRequest> requests = server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
        Assertions.assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    /** Waits at most 10 s, then returns the value or throws the failure itself (not wrapped). */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw sneaky(e.getCause());
        } catch (Exception e) {
            throw new AssertionError("future did not complete in time", e);
        }
    }

    /** The failure a future completed with, within 10 s. */
    static Throwable failure(CompletableFuture<?> future) {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
        } catch (Exception e) {
            throw new AssertionError("future did not complete in time", e);
        }
        throw new AssertionError("future succeeded, a failure was expected");
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }
}
