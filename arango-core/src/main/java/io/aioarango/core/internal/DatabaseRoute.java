package io.aioarango.core.internal;

import io.aioarango.api.ArangoRequest;
import io.aioarango.api.Credentials;
import io.aioarango.api.Headers;
import io.aioarango.api.internal.RequestRules;
import io.aioarango.transport.spi.TransportRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where a database's requests go and how they authenticate: every path under {@code /_db/{name}}
 * (name percent-encoded) and the basic-auth header, computed once per database.
 */
public final class DatabaseRoute {
    private static final List<String> JSON = List.of("application/json");
    /** The headers of a request that needs no credentials: nothing secret goes where none is needed. */
    private static final Headers OPEN_HEADERS = Headers.of(Map.of(
            "accept", JSON,
            "user-agent", List.of(SdkVersion.USER_AGENT)));

    private final String name;
    private final String prefix;
    private final Authentication authentication;
    /** Every request's headers, with the authorization when it never changes; without it otherwise. */
    private final Headers headers;

    /** A route with credentials whose header never changes (basic, bearer), as tests and discovery use. */
    public DatabaseRoute(String name, Credentials credentials) {
        this(name, Authentication.of(credentials, jwt -> {
            throw new IllegalArgumentException("a JWT login needs the client's executor");
        }, java.time.Clock.systemUTC()));
    }

    public DatabaseRoute(String name, Authentication authentication) {
        this.name = DatabaseNames.validate(name);
        this.prefix = "/_db/" + UrlEncoding.encode(name);
        this.authentication = authentication;
        this.headers = authentication.isStatic()
                ? OPEN_HEADERS.with("authorization", authentication.header())
                : OPEN_HEADERS;
    }

    private DatabaseRoute(String name, Authentication authentication, Headers headers) {
        this.name = DatabaseNames.validate(name);
        this.prefix = "/_db/" + UrlEncoding.encode(name);
        this.authentication = authentication;
        this.headers = headers;
    }

    /** How the route's requests authenticate. */
    Authentication authentication() {
        return authentication;
    }

    /** Whether every request of the route can be built once (its credentials never change). */
    boolean isStatic() {
        return authentication.isStatic();
    }

    /**
     * The route of another database with the same credentials.
     *
     * @throws IllegalArgumentException if ArangoDB would reject the name
     */
    DatabaseRoute forDatabase(String database) {
        return name.equals(DatabaseNames.validate(database)) ? this
                : new DatabaseRoute(database, authentication, headers);
    }

    /**
     * A request to a server's public endpoint, outside any database and without credentials; it has no
     * query and no body.
     */
    static TransportRequest open(ArangoRequest request) {
        return new TransportRequest(request.method(), RequestRules.encodePath(request.path()), OPEN_HEADERS, null);
    }

    public String name() {
        return name;
    }

    /** The request as the transport sends it, with a token that may change: see {@link #toHttp(ArangoRequest)}. */
    TransportRequest toHttp(ArangoRequest request, String authorization) {
        if (authentication.isStatic()) {
            return toHttp(request);
        }
        Authorized last = authorized;
        if (last == null || !last.value.equals(authorization)) {
            last = new Authorized(authorization, headers.with("authorization", authorization));
            authorized = last; // a token lives for many requests: its headers are built once
        }
        return build(request, last.headers);
    }

    /** The headers with one token, kept until the token changes. */
    private record Authorized(String value, Headers headers) {
    }

    private volatile Authorized authorized;

    /** The request as the transport sends it: prefixed path, encoded query, auth and JSON headers. */
    TransportRequest toHttp(ArangoRequest request) {
        return build(request, headers);
    }

    private TransportRequest build(ArangoRequest request, Headers headers) {
        StringBuilder target = new StringBuilder(prefix).append(RequestRules.encodePath(request.path()));
        if (!request.query().isEmpty()) {
            StringJoiner query = new StringJoiner("&", "?", "");
            request.query().forEach((key, value) -> query.add(UrlEncoding.encode(key) + "=" + UrlEncoding.encode(value)));
            target.append(query);
        }
        Headers all = headers;
        if (request.hasBody() || !request.headers().isEmpty()) {
            Map<String, List<String>> merged = new LinkedHashMap<>(headers.asMap());
            if (request.hasBody()) {
                merged.put("content-type", JSON);
            }
            merged.putAll(request.headers().asMap()); // a header the caller sets replaces ours
            all = Headers.of(merged);
        }
        return TransportRequest.withOwnedBody(request.method(), target.toString(), all, request.bodyBuffer());
    }

    @Override
    public String toString() {
        return "DatabaseRoute[" + name + "]";
    }
}
