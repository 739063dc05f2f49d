package io.aioarango.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.aioarango.api.ArangoAuthenticationException;
import io.aioarango.api.ArangoException;
import io.aioarango.api.ArangoServerException;
import io.aioarango.api.Host;
import io.aioarango.api.HttpResponse;
import io.aioarango.api.MalformedResponseException;
import io.aioarango.api.spi.HttpRequest;

/** Reads an error answer (status 400 or more) into the exception a user can act on. */
final class ServerErrors {
    private ServerErrors() {
    }

    static ArangoException of(Host host, HttpRequest request, HttpResponse response) {
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
                    response.bodyAsString(), e);
        }
        if (!body.isObject()) {
            return new MalformedResponseException(host, status, "an error answer that is not a JSON object",
                    response.bodyAsString(), null);
        }
        int errorNum = body.path("errorNum").asInt(0);
        String message = body.path("errorMessage").isTextual() ? body.get("errorMessage").textValue() : "(no errorMessage)";
        return server(host, request, status, errorNum, message);
    }

    private static ArangoServerException server(Host host, HttpRequest request, int status, int errorNum,
            String message) {
        return status == 401
                ? new ArangoAuthenticationException(errorNum, message, host, request.method(), request.path())
                : new ArangoServerException(status, errorNum, message, host, request.method(), request.path());
    }
}
