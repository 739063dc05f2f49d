package io.aioarango.transport.tck;

import io.aioarango.api.ArangoException;
import io.aioarango.api.Headers;
import io.aioarango.api.HttpMethod;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.spi.TransportProvider;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Run in a child JVM with a small heap by {@link HostileServerContractTest}: sends one request for an
 * answer larger than the heap (but within {@code maxResponseBytes}) through a transport, once with a
 * declared length and once chunked, and prints how each future ended, one line each:
 * {@code declared: completed exceptionally with <class>: <message>}, {@code ... completed with N bytes}
 * or {@code ... never completed}. Exits 0 when every future completed, 2 when one never did.
 *
 * <p>Arguments: the provider's class name (or its name, if registered with {@code ServiceLoader}), the
 * answer's size in bytes.
 */
public final class LargeAnswerProbe {
    /** Prefix of the line for a future that failed with one of the SDK's exceptions. */
    public static final String FAILED_WITH_SDK_EXCEPTION = "completed exceptionally with SDK exception ";

    private LargeAnswerProbe() {
    }

    /**
     * Runs the probe and exits the JVM.
     *
     * @param args the provider's class name or registered name, then the answer's size in bytes
     * @throws Exception if the server cannot start, the provider cannot be found or instantiated, or the
     *                   size is not a number
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        TransportProvider provider = provider(args[0]);
        long size = Long.parseLong(args[1]);
        byte[] block = new byte[64 * 1024];
        boolean allCompleted = true;
        try (HostileServer server = HostileServer.start(exchange -> {
            if (exchange.requestLine().contains("/declared")) {
                exchange.send("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n").sendRepeated(block, size);
            } else {
                exchange.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n").sendChunked(block, size);
            }
            exchange.close();
        })) {
            // The request timeout is far past the wait below: a future only the deadline would end counts as
            // never completed.
            TransportOptions options = TransportOptions.builder().maxResponseBytes(TransportOptions.DEFAULT_MAX_RESPONSE_BYTES)
                    .requestTimeout(Duration.ofSeconds(120)).build();
            Transport transport = provider.create(options);
            try {
                HttpSession session = transport.openSession(server.host());
                for (String kind : new String[] {"declared", "chunked"}) {
                    CompletableFuture<TransportResponse> future = session.send(
                            new TransportRequest(HttpMethod.GET, "/" + kind, Headers.empty(), null));
                    String outcome = outcome(future);
                    allCompleted &= !outcome.equals("never completed");
                    out.println(kind + ": " + outcome);
                    out.flush();
                }
            } finally {
                transport.close();
            }
        }
        System.exit(allCompleted ? 0 : 2);
    }

    private static String outcome(CompletableFuture<TransportResponse> future) throws InterruptedException {
        try {
            TransportResponse response = future.get(20, TimeUnit.SECONDS);
            return "completed with " + response.bodyLength() + " bytes";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String kind = cause instanceof ArangoException ? FAILED_WITH_SDK_EXCEPTION
                    : "completed exceptionally with raw exception ";
            return kind + cause.getClass().getName() + ": " + cause.getMessage();
        } catch (TimeoutException e) {
            return "never completed";
        }
    }

    private static TransportProvider provider(String name) throws ReflectiveOperationException {
        for (TransportProvider provider : ServiceLoader.load(TransportProvider.class)) {
            if (provider.name().equals(name) || provider.getClass().getName().equals(name)) {
                return provider;
            }
        }
        return (TransportProvider) Class.forName(name).getDeclaredConstructor().newInstance();
    }
}
