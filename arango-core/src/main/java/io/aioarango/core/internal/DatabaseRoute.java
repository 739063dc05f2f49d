package io.aioarango.core.internal;

import io.aioarango.api.ArangoRequest;
import io.aioarango.api.Credentials;
import io.aioarango.api.Headers;
import io.aioarango.api.internal.RequestRules;
import io.aioarango.api.spi.TransportRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
    private final Headers headers;

    public DatabaseRoute(String name, Credentials credentials) {
        this(name, Headers.of(Map.of(
                "authorization", List.of("Basic " + Base64.getEncoder().encodeToString(
                        (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8))),
                "accept", JSON,
                "user-agent", List.of(SdkVersion.USER_AGENT))));
    }

    private DatabaseRoute(String name, Headers headers) {
        this.name = DatabaseNames.validate(name);
        this.prefix = "/_db/" + UrlEncoding.encode(name);
        this.headers = headers;
    }

    /**
     * The route of another database with the same credentials.
     *
     * @throws IllegalArgumentException if ArangoDB would reject the name
     */
    DatabaseRoute forDatabase(String database) {
        return name.equals(DatabaseNames.validate(database)) ? this : new DatabaseRoute(database, headers);
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

    /** The request as the transport sends it: prefixed path, encoded query, auth and JSON headers. */
    TransportRequest toHttp(ArangoRequest request) {
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
        return new TransportRequest(request.method(), target.toString(), all, request.body());
    }

    @Override
    public String toString() {
        return "DatabaseRoute[" + name + "]";
    }
}
