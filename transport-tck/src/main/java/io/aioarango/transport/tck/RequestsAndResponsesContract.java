package io.aioarango.transport.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.aioarango.transport.tck.Waiting.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.aioarango.api.Host;
import io.aioarango.api.Headers;
import io.aioarango.api.HttpMethod;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.ResponseTooLargeException;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.transport.spi.HttpSession;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The cases of the transport contract about single exchanges: that every method, target, header, status and
 * body, small, empty, chunked, large or over the limit, arrives as sent. Part of {@link TransportContractTest},
 * which a transport module extends; the others are about failures, connections and pools.
 */
public abstract class RequestsAndResponsesContract extends TransportContractFixture {

    /** For {@link TransportContractTest}. */
    protected RequestsAndResponsesContract() {
    }

    @Test
    void speaksTheProtocolItWasAskedFor() {
        answer(200, "");

        await(session().send(get("/p")));

        assertThat(onlyRequest().getProtocol()).isEqualTo(speaksHttp2() ? "HTTP/2.0" : "HTTP/1.1");
    }

    @Test
    void everyMethodWithAndWithoutABody() {
        answer(200, "answer");
        HttpSession session = session();
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.PUT, HttpMethod.POST, HttpMethod.DELETE)) {
            for (byte[] body : new byte[][] {null, "{\"k\":\"v\"}".getBytes(StandardCharsets.UTF_8)}) {
                server.resetRequests();

                TransportResponse response = await(session.send(new TransportRequest(method, "/m", Headers.empty(), body)));

                assertThat(response.status()).isEqualTo(200);
                assertThat(response.bodyAsString()).isEqualTo("answer");
                LoggedRequest received = onlyRequest();
                assertThat(received.getMethod().getName()).isEqualTo(method.name());
                assertThat(received.getBody()).isEqualTo(body == null ? new byte[0] : body);
            }
        }
    }

    @Test
    void headHasNoBody() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Length", "42")));

        TransportResponse response = await(session().send(new TransportRequest(HttpMethod.HEAD, "/h", Headers.empty(), null)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyLength()).isZero();
        assertThat(onlyRequest().getMethod().getName()).isEqualTo("HEAD");
    }

    @Test
    void queryStringsArriveExactlyAsEncoded() {
        answer(200, "");
        String target = "/_db/caf%C3%A9/_api/x%20y?q=a%2Fb%26c%3Dd&u=%C3%BC&empty=&plus=%2B";

        await(session().send(get(target)));

        LoggedRequest received = onlyRequest();
        assertThat(received.getUrl()).isEqualTo(target);
        assertThat(received.queryParameter("q").firstValue()).isEqualTo("a/b&c=d");
        assertThat(received.queryParameter("u").firstValue()).isEqualTo("ü");
    }

    @Test
    void headersTravelBothWaysRepeatedOnesIncluded() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("X-Arango-Queue-Time-Seconds", "0.000012").withHeader("X-Many", "1", "2", "3")));

        TransportResponse response = await(session().send(new TransportRequest(HttpMethod.GET, "/", Headers.empty()
                .with("Accept", "application/json").with("X-Repeat", "one").with("X-Repeat", "two"), null)));

        assertThat(response.headers().first("x-arango-queue-time-seconds")).hasValue("0.000012");
        assertThat(response.headers().all("X-MANY")).containsExactly("1", "2", "3");
        LoggedRequest received = onlyRequest();
        assertThat(received.getHeader("Accept")).isEqualTo("application/json");
        assertThat(received.getHeaders().getHeader("X-Repeat").values()).containsExactly("one", "two");
    }

    /**
     * A client sends many requests with one {@link Headers} object (a database's), and a transport may build
     * what it writes once for them: each request still carries exactly its own headers, whatever came before.
     */
    @Test
    void requestsThatShareHeadersAndThoseThatDoNotEachCarryTheirOwn() {
        answer(200, "{}");
        HttpSession session = session();
        Headers shared = Headers.empty().with("Authorization", "Basic cm9vdDpwYXNzd2Q=").with("X-Route", "shared");
        Headers other = Headers.empty().with("X-Route", "other");

        for (TransportRequest request : List.of(new TransportRequest(HttpMethod.GET, "/1", shared, null),
                new TransportRequest(HttpMethod.GET, "/2", shared, null),
                new TransportRequest(HttpMethod.DELETE, "/3", other, null),
                new TransportRequest(HttpMethod.GET, "/4", shared, null),
                new TransportRequest(HttpMethod.POST, "/5", shared, null),
                new TransportRequest(HttpMethod.PUT, "/6", shared, "{}".getBytes(StandardCharsets.UTF_8)),
                new TransportRequest(HttpMethod.HEAD, "/7", shared, null))) {
            assertThat(await(session.send(request)).status()).isEqualTo(200);
        }

        List<LoggedRequest> received = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(received).extracting(LoggedRequest::getUrl)
                .containsExactly("/1", "/2", "/3", "/4", "/5", "/6", "/7");
        for (LoggedRequest request : received) {
            boolean isShared = !request.getUrl().equals("/3");
            assertThat(request.getHeaders().getHeader("X-Route").values()).as(request.getUrl())
                    .containsExactly(isShared ? "shared" : "other");
            assertThat(request.containsHeader("Authorization")).as(request.getUrl()).isEqualTo(isShared);
            if (!speaksHttp2()) { // HTTP/2 names the host in its :authority pseudo-header
                assertThat(request.getHeader("Host")).as(request.getUrl()).isEqualTo("127.0.0.1:" + server.port());
            }
        }
        assertThat(received.get(5).getBodyAsString()).isEqualTo("{}");
        if (!speaksHttp2()) {
            assertThat(received.get(4).getHeader("Content-Length")).as("a POST without a body").isEqualTo("0");
            assertThat(received.get(5).getHeader("Content-Length")).isEqualTo("2");
        }
    }

    @Test
    void statusesAndBodiesPassThroughUntouched() {
        HttpSession session = session();
        for (int status : List.of(200, 201, 202, 400, 401, 403, 404, 409, 412, 500, 501, 503)) {
            String body = "{\"error\":" + (status >= 400) + ",\"code\":" + status + "}";
            answer(status, body);

            TransportResponse response = await(session.send(get("/s")));

            assertThat(response.status()).isEqualTo(status);
            assertThat(response.bodyAsString()).isEqualTo(body);
        }
    }

    @Test
    void noContentAndEmptyBodies() {
        HttpSession session = session();
        server.stubFor(any(urlEqualTo("/204")).willReturn(aResponse().withStatus(204)));
        server.stubFor(any(urlEqualTo("/empty")).willReturn(aResponse().withStatus(200)));

        assertThat(await(session.send(get("/204")))).satisfies(r -> {
            assertThat(r.status()).isEqualTo(204);
            assertThat(r.bodyLength()).isZero();
        });
        assertThat(await(session.send(get("/empty"))).bodyLength()).isZero();
    }

    @Test
    void aChunkedResponseArrivesWhole() {
        String body = "0123456789".repeat(1000);
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(body)
                .withChunkedDribbleDelay(10, 200)));

        assertThat(await(session().send(get("/chunked"))).bodyAsString()).isEqualTo(body);
    }

    @Test
    void aTenMebibyteResponseArrivesWhole() {
        byte[] body = new byte[10 * 1024 * 1024];
        new Random(42).nextBytes(body);
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(body)));

        TransportResponse response = await(session().send(get("/big")));

        assertThat(response.bodyLength()).isEqualTo(body.length);
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void aResponseOverTheLimitFailsClearlyAndEndsItsExchange() throws Exception {
        ConnectionCountingProxy proxy = proxy();
        server.stubFor(any(urlEqualTo("/declared")).willReturn(aResponse().withStatus(200)
                .withBody(new byte[2 * 1024 * 1024])));
        server.stubFor(any(urlEqualTo("/chunked")).willReturn(aResponse().withStatus(200)
                .withBody(new byte[2 * 1024 * 1024]).withChunkedDribbleDelay(4, 100)));
        server.stubFor(any(urlEqualTo("/small")).willReturn(aResponse().withStatus(200).withBody("fine")));
        Host proxied = hostOf(proxy);
        HttpSession session = transport(options().maxResponseBytes(1024 * 1024).maxConnectionsPerHost(1).build())
                .openSession(proxied);

        for (String path : List.of("/declared", "/chunked")) {
            assertThat(failure(session.send(get(path)))).isInstanceOfSatisfying(ResponseTooLargeException.class, e -> {
                assertThat(e.host()).isEqualTo(proxied);
                assertThat(e.limit()).isEqualTo(1024 * 1024);
            }).hasMessageContaining("response larger than the limit of 1048576 bytes");

            assertThat(await(session.send(get("/small"))).bodyAsString()).isEqualTo("fine");
        }
        // Over HTTP/1.1 the unread rest of the answer makes the connection useless: it is closed. Over HTTP/2
        // the stream is reset and the connection carries on.
        eventually("at most one connection left open", () -> proxy.openConnections() <= 1);
        if (speaksHttp2()) {
            assertThat(proxy.acceptedConnections()).as("connections opened").isEqualTo(1);
        }
    }
}
