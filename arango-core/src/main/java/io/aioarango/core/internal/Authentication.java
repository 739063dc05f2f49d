package io.aioarango.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.aioarango.api.ArangoAuthenticationException;
import io.aioarango.api.ArangoRequest;
import io.aioarango.api.Credentials;
import io.aioarango.api.Headers;
import io.aioarango.api.HttpMethod;
import io.aioarango.transport.spi.TransportRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Authorization} header of a database's requests, for each kind of {@link Credentials}.
 * Basic and bearer headers never change; a JWT login's and a JWT secret's token is renewed before it
 * expires, and again when a coordinator says it is no longer valid (401, errorNum 11), by one login
 * or one signature that every request waiting for it shares.
 */
public abstract class Authentication {
    /** ArangoDB's errorNum for an expired or otherwise invalid token. */
    static final int ERROR_TOKEN_INVALID = 11;
    /** How long before its expiry a token is replaced: requests in flight then never carry a stale one. */
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);
    /** The lifetime of a token the client signs itself. */
    static final Duration SIGNED_LIFETIME = Duration.ofHours(1);
    /** The least time a token is kept, however soon its {@code exp}: a server says when it is refused. */
    private static final Duration MIN_KEEP = Duration.ofSeconds(10);

    /**
     * The header now, or {@code null} when a token must be had first ({@link #renew}).
     *
     * @return e.g. {@code Basic cm9vdDo=}
     */
    abstract String header();

    /**
     * A valid header, once there is one: at once if the current one is still good and is not
     * {@code stale}, else after one login (or signature) shared by every caller asking meanwhile.
     *
     * @param stale the header a coordinator refused, or {@code null}
     */
    abstract CompletableFuture<String> renew(String stale);

    /** Whether the header never changes, so requests can be prepared with it once. */
    abstract boolean isStatic();

    public static Authentication of(Credentials credentials, Function<Credentials.Jwt, CompletableFuture<String>> login,
            Clock clock) {
        if (credentials instanceof Credentials.Basic basic) {
            return new Fixed("Basic " + Base64.getEncoder().encodeToString(
                    (basic.username() + ":" + basic.password()).getBytes(StandardCharsets.UTF_8)));
        }
        if (credentials instanceof Credentials.Bearer bearer) {
            Instant expiry = expiry(bearer.token());
            if (expiry != null && !clock.instant().isBefore(expiry)) {
                throw new IllegalArgumentException(expired(expiry));
            }
            return expiry == null ? new Fixed("bearer " + bearer.token())
                    : new Expiring("bearer " + bearer.token(), expiry, clock);
        }
        if (credentials instanceof Credentials.JwtSecret secret) {
            return new Renewed(clock, stale -> CompletableFuture.completedFuture(sign(secret.secret(), clock)));
        }
        Credentials.Jwt jwt = (Credentials.Jwt) credentials;
        return new Renewed(clock, stale -> login.apply(jwt));
    }

    /** A header that never changes. */
    private static final class Fixed extends Authentication {
        private final String header;

        Fixed(String header) {
            this.header = header;
        }

        @Override
        String header() {
            return header;
        }

        @Override
        CompletableFuture<String> renew(String stale) {
            return CompletableFuture.completedFuture(header);
        }

        @Override
        boolean isStatic() {
            return true;
        }
    }

    private static String expired(Instant expiry) {
        return "The bearer token expired at " + expiry + "; nothing was sent with it. Use a new token, or "
                + "Credentials.jwt to have the client log in";
    }

    /** A bearer token with an {@code exp}: sent until then, refused before any request after. */
    private static final class Expiring extends Authentication {
        private final String header;
        private final Instant expiry;
        private final Clock clock;

        Expiring(String header, Instant expiry, Clock clock) {
            this.header = header;
            this.expiry = expiry;
            this.clock = clock;
        }

        @Override
        String header() {
            return clock.instant().isBefore(expiry) ? header : null;
        }

        @Override
        CompletableFuture<String> renew(String stale) {
            String now = header();
            return now != null && !now.equals(stale) ? CompletableFuture.completedFuture(now)
                    : CompletableFuture.failedFuture(new IllegalStateException(expired(expiry)));
        }

        @Override
        boolean isStatic() {
            return false;
        }
    }

    /** A token had from somewhere (a login, a signature) and had again before it expires. */
    private static final class Renewed extends Authentication {
        private final Clock clock;
        private final Function<String, CompletableFuture<String>> fetch;
        private volatile Token current;
        private CompletableFuture<String> pending; // guarded by this

        private record Token(String header, Instant renewAt) {
        }

        Renewed(Clock clock, Function<String, CompletableFuture<String>> fetch) {
            this.clock = clock;
            this.fetch = fetch;
        }

        @Override
        String header() {
            Token token = current;
            return token != null && clock.instant().isBefore(token.renewAt) ? token.header : null;
        }

        @Override
        CompletableFuture<String> renew(String stale) {
            CompletableFuture<String> waiting;
            synchronized (this) {
                Token token = current;
                if (token != null && !token.header.equals(stale) && clock.instant().isBefore(token.renewAt)) {
                    return CompletableFuture.completedFuture(token.header); // renewed since that one was sent
                }
                if (pending != null) {
                    return pending;
                }
                waiting = pending = new CompletableFuture<>();
            }
            CompletableFuture<String> fetched;
            try {
                fetched = fetch.apply(stale);
            } catch (RuntimeException e) {
                fetched = CompletableFuture.failedFuture(e);
            }
            fetched.whenComplete((token, failure) -> {
                Throwable problem = failure;
                String header = null;
                try {
                    if (problem == null) {
                        header = "bearer " + token;
                        Token fresh = new Token(header, renewAt(token));
                        synchronized (this) {
                            current = fresh;
                        }
                    }
                } catch (Throwable e) { // whatever the token held: the waiters still hear
                    problem = e;
                } finally {
                    synchronized (this) {
                        pending = null;
                    }
                }
                if (problem == null) {
                    waiting.complete(header);
                } else {
                    waiting.completeExceptionally(problem instanceof java.util.concurrent.CompletionException
                            && problem.getCause() != null ? problem.getCause() : problem);
                }
            });
            return waiting;
        }

        private Instant renewAt(String token) {
            Instant expiry = expiry(token);
            Instant now = clock.instant();
            if (expiry == null) {
                return now.plus(SIGNED_LIFETIME).minus(RENEW_BEFORE); // no exp: ArangoDB's default lifetime
            }
            Duration lifetime = Duration.between(now, expiry);
            Duration margin = lifetime.dividedBy(10).compareTo(RENEW_BEFORE) < 0 ? lifetime.dividedBy(10) : RENEW_BEFORE;
            Instant renewAt = expiry.minus(margin);
            // Expired on arrival (the server's clock ahead of ours): kept a little, or every request would log in.
            Instant floor = now.plus(MIN_KEEP);
            return renewAt.isBefore(floor) ? floor : renewAt;
        }

        @Override
        boolean isStatic() {
            return false;
        }
    }

    /** The {@code exp} of a JWT, or {@code null} if the token is not a JWT or has none. */
    static Instant expiry(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode payload = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode exp = payload == null ? null : payload.get("exp");
            if (exp == null || !exp.canConvertToLong()) {
                return null;
            }
            // Clamped to what an Instant holds: a hostile exp is far future or far past, never an exception.
            long seconds = Math.max(Instant.MIN.getEpochSecond(), Math.min(Instant.MAX.getEpochSecond(), exp.longValue()));
            return Instant.ofEpochSecond(seconds);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null; // not a JWT we can read: sent as it is, and the server decides
        }
    }

    /** A superuser token signed with the cluster's secret, as ArangoDB's tools make them. */
    static String sign(String secret, Clock clock) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        Map<String, Object> payload = new LinkedHashMap<>();
        long now = clock.instant().getEpochSecond();
        payload.put("iss", "arangodb");
        payload.put("server_id", "aioarango");
        payload.put("iat", now);
        payload.put("exp", now + SIGNED_LIFETIME.toSeconds());
        String unsigned = base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + base64.encodeToString(Json.write(payload));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return unsigned + "." + base64.encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** The login request: {@code POST /_open/auth}, outside any database, with no credentials of its own. */
    public static Call<String> login(Credentials.Jwt jwt) {
        byte[] body = Json.write(Map.of("username", jwt.username(), "password", jwt.password()));
        ArangoRequest request = ArangoRequest.builder(HttpMethod.POST, "/_open/auth").operation("auth.login")
                .idempotent(true).build();
        TransportRequest http = new TransportRequest(HttpMethod.POST, "/_open/auth", Headers.of(Map.of(
                "accept", List.of("application/json"), "content-type", List.of("application/json"),
                "user-agent", List.of(SdkVersion.USER_AGENT))), body);
        return new Call<>(request, response -> Json.textField(response, "jwt"), http);
    }

    /** A refused login, saying whose and where, never with what password. */
    public static Throwable loginFailure(Credentials.Jwt jwt, Throwable failure) {
        if (failure instanceof ArangoAuthenticationException refused) {
            return new ArangoAuthenticationException(refused.errorNum(), "login as '" + jwt.username()
                    + "' refused: " + refused.errorMessage(), refused.host(), HttpMethod.POST, "/_open/auth");
        }
        return failure;
    }
}
