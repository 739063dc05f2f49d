package io.aioarango.core;

import static io.aioarango.core.Fixtures.contract;
import static io.aioarango.core.Fixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.aioarango.api.ArangoAuthenticationException;
import io.aioarango.api.ArangoServerException;
import io.aioarango.api.Host;
import io.aioarango.api.HttpMethod;
import io.aioarango.api.MalformedResponseException;
import io.aioarango.api.NoHostAvailableException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a user gets when the server says no, or says something unreadable. */
abstract class ErrorAnswersTest extends OneCoordinatorTest {
    @Test
    void unauthorizedBecomesAnAuthenticationError() {
        answer(401, contract("ERROR_401_unauthorized.json"));

        Throwable failure = failure(cluster.serverId());

        assertThat(failure).isInstanceOfSatisfying(ArangoAuthenticationException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.errorNum()).isEqualTo(11);
            assertThat(e.errorMessage()).isEqualTo("not authorized to execute this request");
            assertThat(e.host()).isEqualTo(host);
            assertThat(e.method()).isEqualTo(HttpMethod.GET);
            assertThat(e.path()).isEqualTo("/_db/_system/_admin/server/id");
        });
        assertThat(failure).hasMessage("GET /_db/_system/_admin/server/id on " + host
                + " failed: HTTP 401, errorNum 11: not authorized to execute this request"
                + " (check the user name and password)");
    }

    @Test
    void clusterCallOnASingleServerIs403() {
        answer(403, contract("DERIVED_GET__admin_cluster_health.single_403.json"));

        assertThat(failure(cluster.health())).isExactlyInstanceOf(ArangoServerException.class)
                .hasMessage("GET /_db/_system/_admin/cluster/health on " + host
                        + " failed: HTTP 403, errorNum 403: not allowed on single servers");
    }

    @Test
    void endpointsOnASingleServerIs501WithErrorNum9() {
        answer(501, contract("DERIVED_GET__api_cluster_endpoints.single_501.json"));

        assertThat(failure(cluster.endpoints())).isInstanceOfSatisfying(ArangoServerException.class, e -> {
            assertThat(e.status()).isEqualTo(501);
            assertThat(e.errorNum()).isEqualTo(9);
            assertThat(e.errorMessage()).isEqualTo("cannot serve this request for this deployment type");
            assertThat(e.path()).isEqualTo("/_db/_system/_api/cluster/endpoints");
        });
    }

    @Test
    void unknownDatabaseIs404() {
        answer(404, contract("DERIVED_ERROR_404_database_not_found.json"));

        assertThat(failure(cluster.serverCount())).isInstanceOfSatisfying(ArangoServerException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.errorNum()).isEqualTo(1228);
            assertThat(e.errorMessage()).isEqualTo("database not found");
        });
    }

    @Test
    void unknownRouteIsAnEmpty404() {
        answer(404, "text/plain", "");

        assertThat(failure(cluster.serverMode())).isInstanceOfSatisfying(ArangoServerException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.errorNum()).isZero();
            assertThat(e.errorMessage()).isEqualTo("(empty body)");
        });
    }

    @Test
    void nonJson502FromAProxyIsMalformedWithAShortExcerpt() {
        String page = "<html><head><title>502 Bad Gateway</title></head><body>" + "x".repeat(500) + "</body></html>";
        answer(502, "text/html", page);

        Throwable failure = failure(cluster.health());

        assertThat(failure).isInstanceOfSatisfying(MalformedResponseException.class, e -> {
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.host()).isEqualTo(host);
            assertThat(e.bodyExcerpt()).isEqualTo(page.substring(0, 200) + "…");
        });
        assertThat(failure.getMessage()).startsWith(host + " answered HTTP 502 with an unreadable body")
                .doesNotContain("x".repeat(201));
    }

    @Test
    void successThatIsNotJsonIsMalformed() {
        answer(200, "text/plain", "OK");

        assertThat(failure(cluster.serverId())).isInstanceOfSatisfying(MalformedResponseException.class, e -> {
            assertThat(e.status()).isEqualTo(200);
            assertThat(e.bodyExcerpt()).isEqualTo("OK");
            assertThat(e.getMessage()).contains("the body is not JSON");
        });
    }

    @Test
    void successWithoutTheFieldTheCallNeedsIsMalformed() {
        answer(200, "{\"error\":false,\"code\":200}");

        assertThat(failure(cluster.serverId())).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("field 'id' should be a string, but it is missing");
        assertThat(failure(cluster.health())).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("field 'Health' should be an object, but it is missing");
        assertThat(failure(cluster.endpoints())).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("field 'endpoints' should be an array");
    }

    @Test
    void unknownRoleIsMalformedNamingTheValue() {
        answer(200, "{\"role\":\"OBSERVER\"}");

        assertThat(failure(cluster.serverRole())).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("Unknown server role 'OBSERVER'");
    }

    @Test
    void aWrongTypeIsNamed() {
        answer(200, "{\"numberOfCoordinators\":\"two\"}");

        assertThat(failure(cluster.serverCount())).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("field 'numberOfCoordinators' should be a number, but found string");
    }

    @Test
    void numbersOutOfRangeOrNotWholeAreMalformedNamingTheField() {
        Map<String, String> countBodies = Map.of(
                "{\"numberOfCoordinators\":4294967299,\"numberOfDBServers\":3}",
                "field 'numberOfCoordinators' should be an integer from -2147483648 to 2147483647, but found 4294967299,"
                        + " which is out of range",
                "{\"numberOfCoordinators\":3,\"numberOfDBServers\":2.9}",
                "field 'numberOfDBServers' should be an integer from -2147483648 to 2147483647, but found 2.9",
                "{\"numberOfCoordinators\":1e400}",
                "field 'numberOfCoordinators' should be a finite number, but found Infinity");
        countBodies.forEach((body, problem) -> {
            answer(200, body);
            assertThat(failure(cluster.serverCount())).as(body).isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining(problem);
        });

        answer(200, "{\"time\":1e999999,\"enabled\":true}");
        assertThat(failure(cluster.serverStatistics("PRMR-1"))).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("field 'time' should be a finite number");
        answer(200, "{\"time\":1e300,\"enabled\":true}");
        assertThat(failure(cluster.serverStatistics("PRMR-1"))).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("field 'time' should be seconds from");
        answer(200, "{\"time\":1795000000.125,\"enabled\":true}");
        assertThat(Fixtures.await(cluster.serverStatistics("PRMR-1")).time())
                .isEqualTo(Instant.ofEpochSecond(1_795_000_000L, 125_000_000));
        answer(200, "{\"numberOfCoordinators\":3.0,\"numberOfDBServers\":-0}");
        assertThat(Fixtures.await(cluster.serverCount()).numberOfCoordinators()).as("a whole number written as 3.0").isEqualTo(3);
    }

    @Test
    void anErrorNumberOutOfRangeIsMalformed() {
        answer(503, "{\"error\":true,\"errorNum\":4294967799,\"errorMessage\":\"x\",\"code\":503}");

        assertThat(failure(cluster.serverId())).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("field 'errorNum' should be an integer");
    }

    @Test
    void bytesAfterTheJsonDocumentAreMalformed() {
        answer(200, "{\"id\":\"CRDN-1\"} {\"id\":\"CRDN-2\"}");

        assertThat(failure(cluster.serverId())).isInstanceOfSatisfying(MalformedResponseException.class,
                e -> assertThat(e.getMessage()).contains("the body is not JSON"));
    }

    @Test
    void noErrorEverShowsThePasswordOrTheToken() throws Exception {
        answer(401, contract("ERROR_401_unauthorized.json"));
        String password = "s3cr3t-Pa55";
        String token = Base64.getEncoder().encodeToString(("root:" + password).getBytes());
        try (ArangoClient verifying = ArangoClient.builder().hosts(Fixtures.url(server)).transport(transport())
                .verifyConnection(true).build()) {
            Throwable failure = failure(verifying.db("_system", "root", password));

            assertThat(failure).isInstanceOf(ArangoAuthenticationException.class);
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).doesNotContain(password).doesNotContain(token);
        }
        assertThat(server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/_db/_system/_api/version"))))
                .as("verification sends one GET /_api/version").hasSize(1)
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Basic " + token));
    }

    @Test
    void anUnreachableClusterNamesEveryHostTried() {
        WireMockServer gone1 = Fixtures.coordinator();
        WireMockServer gone2 = Fixtures.coordinator();
        String url1 = Fixtures.url(gone1);
        String url2 = Fixtures.url(gone2);
        gone1.stop();
        gone2.stop();
        try (ArangoClient unreachable = ArangoClient.builder().hosts(url1, url2).transport(transport()).build()) {
            Throwable failure = failure(unreachable.db("_system", "root", "passwd").join().cluster().serverId());

            assertThat(failure).isInstanceOfSatisfying(NoHostAvailableException.class, e -> {
                assertThat(e.failures().keySet()).extracting(Host::url).containsExactlyInAnyOrder(url1, url2);
                assertThat(e.getSuppressed()).hasSize(2);
            });
            assertThat(failure.getMessage()).startsWith("No coordinator could serve GET /_db/_system/_admin/server/id;"
                    + " tried 2: ").contains(url1 + ": connection refused").contains(url2 + ": connection refused");
        }
    }
}
