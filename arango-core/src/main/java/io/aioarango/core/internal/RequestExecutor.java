package io.aioarango.core.internal;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.Host;
import io.aioarango.api.HostResolver;
import io.aioarango.api.HttpResponse;
import io.aioarango.api.MalformedResponseException;
import io.aioarango.api.NoHostAvailableException;
import io.aioarango.api.spi.HttpRequest;
import io.aioarango.api.spi.HttpSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The attempt loop of every request: ask the resolver for a host among those this request has not
 * tried, send through that host's session, then classify the outcome. A failure that surely did not
 * reach a server moves on to the next host; when none is left the error names every host tried.
 * The user's future is completed on the completion executor, never on an I/O thread.
 */
public final class RequestExecutor {
    private final List<Host> hosts;
    private final Map<Host, HttpSession> sessions;
    private final HostResolver resolver;
    private final Executor completion;
    private volatile boolean closed;

    public RequestExecutor(Map<Host, HttpSession> sessions, HostResolver resolver, Executor completion) {
        this.sessions = Map.copyOf(sessions);
        this.hosts = List.copyOf(sessions.keySet());
        this.resolver = resolver;
        this.completion = completion;
    }

    public <T> CompletableFuture<T> execute(DatabaseRoute route, Call<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(closedError());
            return result;
        }
        new Exchange<>(call, route.toHttp(call.request()), result).attempt();
        return handOff(result);
    }

    /** Fails every request from now on; the sessions' owner fails those in flight. */
    public void shutdown() {
        closed = true;
    }

    private <T> CompletableFuture<T> handOff(CompletableFuture<T> internal) {
        CompletableFuture<T> user = new CompletableFuture<>();
        internal.whenComplete((value, failure) -> {
            Runnable complete = () -> {
                if (failure != null) {
                    user.completeExceptionally(failure);
                } else {
                    user.complete(value);
                }
            };
            try {
                completion.execute(complete);
            } catch (RejectedExecutionException e) {
                // The completion executor is shut down (the client is closing): complete here rather
                // than leave the future hanging.
                complete.run();
            }
        });
        return user;
    }

    private static IllegalStateException closedError() {
        return new IllegalStateException("This ArangoClient is closed; build a new one to send requests");
    }

    /** One request's attempts; they run one after another, so the state needs no locking. */
    private final class Exchange<T> {
        private final Call<T> call;
        private final HttpRequest request;
        private final CompletableFuture<T> result;
        private final Map<Host, Throwable> failures = new LinkedHashMap<>();

        Exchange(Call<T> call, HttpRequest request, CompletableFuture<T> result) {
            this.call = call;
            this.request = request;
            this.result = result;
        }

        void attempt() {
            if (closed) {
                result.completeExceptionally(closedError());
                return;
            }
            List<Host> candidates = failures.isEmpty()
                    ? hosts
                    : hosts.stream().filter(host -> !failures.containsKey(host)).toList();
            if (candidates.isEmpty()) {
                result.completeExceptionally(
                        new NoHostAvailableException(request.method() + " " + request.path(), failures));
                return;
            }
            Host host;
            CompletableFuture<HttpResponse> sent;
            try {
                host = resolver.select(candidates);
                if (host == null || !candidates.contains(host)) {
                    throw new IllegalStateException("HostResolver " + resolver + " returned " + host
                            + ", which is not one of the candidates " + candidates);
                }
                sent = sessions.get(host).send(request);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            sent.whenComplete((response, failure) -> {
                if (failure != null) {
                    onFailure(host, failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure);
                } else {
                    onResponse(host, response);
                }
            });
        }

        private void onFailure(Host host, Throwable failure) {
            if (failure instanceof ArangoConnectionException connection && !connection.requestSent()) {
                failures.put(host, failure);
                attempt();
            } else {
                result.completeExceptionally(failure);
            }
        }

        private void onResponse(Host host, HttpResponse response) {
            try {
                if (response.status() >= 200 && response.status() < 300) {
                    result.complete(call.reader().read(response));
                } else {
                    result.completeExceptionally(ServerErrors.of(host, request, response));
                }
            } catch (ResponseFormatException e) {
                result.completeExceptionally(new MalformedResponseException(host, response.status(), e.getMessage(),
                        response.bodyAsString(), e));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }
    }
}
