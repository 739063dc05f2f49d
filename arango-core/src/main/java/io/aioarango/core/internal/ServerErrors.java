package io.aioarango.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.aioarango.api.ArangoAuthenticationException;
import io.aioarango.api.ArangoException;
import io.aioarango.api.ArangoServerException;
import io.aioarango.api.Host;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.MalformedResponseException;
import io.aioarango.transport.spi.TransportRequest;
import java.nio.charset.StandardCharsets;

/** Reads an error answer (status 400 or more) into the exception a user can act on. */
final class ServerErrors {
    private ServerErrors() {
    }

    static ArangoException of(Host host, TransportRequest request, TransportResponse response) {
        int status = response.status();
        if (response.bodyLength() == 0) {
            // ArangoDB answers an unknown route with an empty 404: still a server's answer.
            return server(host, request, status, 0, "(empty body)");
        }
        JsonNode body;
        try {
            body = Json.read(response);
        } catch (ResponseFormatException e) {
            return new MalformedResponseException(host, status, "an error answer that is not ArangoDB's JSON",
                    excerpt(response), e);
        }
        if (!body.isObject()) {
            return new MalformedResponseException(host, status, "an error answer that is not a JSON object",
                    excerpt(response), null);
        }
        Integer errorNum;
        try {
            errorNum = Json.optionalInt(body, "errorNum");
        } catch (ResponseFormatException e) {
            return new MalformedResponseException(host, status, e.getMessage(), excerpt(response), e);
        }
        String message = body.path("errorMessage").isTextual() ? body.get("errorMessage").textValue() : "(no errorMessage)";
        return server(host, request, status, errorNum == null ? 0 : errorNum, message);
    }

    /**
     * The start of the body, enough for {@link MalformedResponseException}'s excerpt: a large answer is
     * neither copied nor decoded whole to show its first characters.
     */
    static String excerpt(TransportResponse response) {
        int bytes = Math.min(response.bodyLength(), 4 * MalformedResponseException.MAX_EXCERPT + 4);
        return new String(response.bodyArray(), 0, bytes, StandardCharsets.UTF_8)
                + (bytes < response.bodyLength() ? "…" : "");
    }

    private static ArangoServerException server(Host host, TransportRequest request, int status, int errorNum,
            String message) {
        return status == 401
                ? new ArangoAuthenticationException(errorNum, message, host, request.method(), request.path())
                : new ArangoServerException(status, errorNum, message, host, request.method(), request.path());
    }
}
