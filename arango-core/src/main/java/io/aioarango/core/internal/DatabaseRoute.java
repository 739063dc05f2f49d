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

    private final String name;
    private final String prefix;
    private final Headers headers;

    public DatabaseRoute(String name, Credentials credentials) {
        this.name = DatabaseNames.validate(name);
        this.prefix = "/_db/" + UrlEncoding.encode(name);
        String token = Base64.getEncoder().encodeToString(
                (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
        this.headers = Headers.of(Map.of(
                "authorization", List.of("Basic " + token),
                "accept", JSON,
                "user-agent", List.of(SdkVersion.USER_AGENT)));
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
