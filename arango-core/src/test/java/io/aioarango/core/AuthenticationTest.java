package io.aioarango.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.aioarango.api.ArangoAuthenticationException;
import io.aioarango.api.Cluster;
import io.aioarango.api.Credentials;
import io.aioarango.core.testing.LogCapture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What each kind of {@link Credentials} sends, on both transports: JWT logins shared and renewed, tokens
 * signed with the cluster's secret, bearer tokens, and what a refused login says.
 */
class AuthenticationTest {
    private static final String PASSWORD = "pa55-w0rd";
    private static final String SERVER_ID = "{\"error\":false,\"code\":200,\"id\":\"CRDN-1\"}";

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private WireMockServer coordinator() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(64));
        server.start();
        closeables.add(server::stop);
        return server;
    }

    private Cluster cluster(String transport, Credentials credentials, String... hosts) {
        ArangoClient client = ArangoClient.builder().hosts(List.of(hosts)).transport(transport)
                .meterRegistry(new SimpleMeterRegistry()).build();
        closeables.add(client);
        return client.db("_system", credentials).join().cluster();
    }

    private static String url(WireMockServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    /** A JWT as ArangoDB issues them, expiring in {@code seconds}. */
    private static String token(String subject, long seconds) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String payload = "{\"preferred_username\":\"" + subject + "\",\"iss\":\"arangodb\",\"exp\":"
                + (Instant.now().getEpochSecond() + seconds) + "}";
        return base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    private static void answerLogin(WireMockServer server, String token) {
        server.stubFor(post(urlEqualTo("/_open/auth"))
                .withRequestBody(equalToJson("{\"username\":\"root\",\"password\":\"" + PASSWORD + "\"}"))
                .willReturn(aResponse().withStatus(200).withBody("{\"jwt\":\"" + token + "\"}")));
    }

    private static void answerServerId(WireMockServer server, String token) {
        server.stubFor(get(urlEqualTo("/_db/_system/_admin/server/id"))
                .withHeader("Authorization", equalTo("bearer " + token))
                .willReturn(aResponse().withStatus(200).withBody(SERVER_ID)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "netty"})
    void aThousandConcurrentFirstCallsMakeOneLoginAndCarryItsToken(String transport) {
        WireMockServer server = coordinator();
        String token = token("root", 3600);
        answerLogin(server, token);
        answerServerId(server, token);
        Cluster cluster = cluster(transport, Credentials.jwt("root", PASSWORD), url(server));

        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            calls.add(cluster.serverId());
        }

        assertThat(calls).allSatisfy(call -> assertThat(call.join()).isEqualTo("CRDN-1"));
        server.verify(1, postRequestedFor(urlEqualTo("/_open/auth"))
                .withHeader("Content-Type", equalTo("application/json")));
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/_open/auth"))).get(0).containsHeader("Authorization"))
                .as("the login itself carries no credentials header").isFalse();
        server.verify(1000, getRequestedFor(urlEqualTo("/_db/_system/_admin/server/id"))
                .withHeader("Authorization", equalTo("bearer " + token)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "netty"})
    void anInvalidTokenMeansOneNewLoginAndOneRetryNeverALoop(String transport) {
        WireMockServer server = coordinator();
        String first = token("root", 3600);
        String second = token("root", 7200);
        // The first login gives a token the server then calls invalid; the second login a good one.
        server.stubFor(post(urlEqualTo("/_open/auth")).inScenario("login").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withBody("{\"jwt\":\"" + first + "\"}"))
                .willSetStateTo("second"));
        server.stubFor(post(urlEqualTo("/_open/auth")).inScenario("login").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(200).withBody("{\"jwt\":\"" + second + "\"}")));
        server.stubFor(get(urlEqualTo("/_db/_system/_admin/server/id"))
                .withHeader("Authorization", equalTo("bearer " + first))
                .willReturn(aResponse().withStatus(401)
                        .withBody("{\"error\":true,\"code\":401,\"errorNum\":11,\"errorMessage\":\"not authorized\"}")));
        answerServerId(server, second);
        Cluster cluster = cluster(transport, Credentials.jwt("root", PASSWORD), url(server));

        assertThat(cluster.serverId().join()).isEqualTo("CRDN-1");
        server.verify(2, postRequestedFor(urlEqualTo("/_open/auth")));
        server.verify(2, getRequestedFor(urlEqualTo("/_db/_system/_admin/server/id")));

        // A server that refuses every token: one renewal, then the 401 is the caller's, no loop.
        server.resetRequests();
        server.stubFor(get(urlEqualTo("/_db/_system/_admin/server/id")).atPriority(1)
                .willReturn(aResponse().withStatus(401)
                        .withBody("{\"error\":true,\"code\":401,\"errorNum\":11,\"errorMessage\":\"not authorized\"}")));
        assertThatThrownBy(() -> cluster.serverId().join()).hasCauseInstanceOf(ArangoAuthenticationException.class);
        server.verify(1, postRequestedFor(urlEqualTo("/_open/auth")));
        server.verify(2, getRequestedFor(urlEqualTo("/_db/_system/_admin/server/id")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "netty"})
    void aWrongPasswordNamesTheUserAndTheCoordinatorNeverThePassword(String transport) {
        WireMockServer server = coordinator();
        server.stubFor(post(urlEqualTo("/_open/auth")).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":true,\"code\":401,\"errorNum\":401,\"errorMessage\":\"Wrong credentials\"}")));
        Cluster cluster = cluster(transport, Credentials.jwt("root", PASSWORD), url(server));

        Throwable failure = cluster.serverId().handle((id, e) -> e).join();

        assertThat(failure instanceof CompletionException ? failure.getCause() : failure)
                .isInstanceOfSatisfying(ArangoAuthenticationException.class, e -> {
                    assertThat(e.getMessage()).contains("login as 'root' refused", "127.0.0.1:" + server.port())
                            .doesNotContain(PASSWORD);
                    assertThat(e.host().port()).isEqualTo(server.port());
                });
        server.verify(0, getRequestedFor(urlEqualTo("/_db/_system/_admin/server/id")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "netty"})
    void aLoginToACoordinatorThatIsDownFailsOver(String transport) {
        WireMockServer down = coordinator();
        int port = down.port();
        down.stop();
        WireMockServer up = coordinator();
        String token = token("root", 3600);
        answerLogin(up, token);
        answerServerId(up, token);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // The first candidate each time: the login tries the coordinator that is down first.
        ArangoClient client = ArangoClient.builder().hosts(List.of("http://127.0.0.1:" + port, url(up)))
                .transport(transport).meterRegistry(registry).hostResolver(candidates -> candidates.get(0)).build();
        closeables.add(client);

        assertThat(client.db("_system", Credentials.jwt("root", PASSWORD)).join().cluster().serverId().join())
                .isEqualTo("CRDN-1");
        up.verify(1, postRequestedFor(urlEqualTo("/_open/auth")));
        assertThat(registry.find(ArangoMetrics.FAILOVERS).tag("host", "127.0.0.1:" + port).counter())
                .as("the login failed over from the coordinator that is down").isNotNull()
                .satisfies(counter -> assertThat(counter.count()).isGreaterThanOrEqualTo(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "netty"})
    void aJwtSecretSignsASuperuserTokenTheServerCanCheck(String transport) throws Exception {
        WireMockServer server = coordinator();
        server.stubFor(get(urlEqualTo("/_db/_system/_admin/server/id"))
                .willReturn(aResponse().withStatus(200).withBody(SERVER_ID)));
        String secret = "the-cluster-secret";
        Cluster cluster = cluster(transport, Credentials.jwtSecret(secret), url(server));

        assertThat(cluster.serverId().join()).isEqualTo("CRDN-1");

        String header = server.findAll(getRequestedFor(urlEqualTo("/_db/_system/_admin/server/id"))).get(0)
                .getHeader("Authorization");
        assertThat(header).startsWith("bearer ");
        String[] parts = header.substring("bearer ".length()).split("\\.");
        assertThat(parts).hasSize(3);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(parts[2]).as("HS256 over header.payload with the secret").isEqualTo(Base64.getUrlEncoder()
                .withoutPadding().encodeToString(mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.UTF_8))));
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(Base64.getUrlDecoder().decode(parts[0])).get("alg").asText()).isEqualTo("HS256");
        JsonNode payload = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(payload.get("iss").asText()).isEqualTo("arangodb");
        assertThat(payload.has("server_id")).isTrue();
        assertThat(payload.get("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());
        server.verify(0, postRequestedFor(urlEqualTo("/_open/auth")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "netty"})
    void aBearerTokenIsSentAsItIsAndAnExpiredOneIsRefusedBeforeAnyRequest(String transport) {
        WireMockServer server = coordinator();
        String token = token("someone", 600);
        answerServerId(server, token);
        ArangoClient client = ArangoClient.builder().hosts(url(server)).transport(transport)
                .meterRegistry(new SimpleMeterRegistry()).build();
        closeables.add(client);

        assertThat(client.db("_system", Credentials.bearer(token)).join().cluster().serverId().join())
                .isEqualTo("CRDN-1");
        String expired = token("someone", -5);
        assertThatThrownBy(() -> client.db("_system", Credentials.bearer(expired)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bearer token expired")
                .hasMessageNotContaining(expired);
        server.verify(1, getRequestedFor(urlEqualTo("/_db/_system/_admin/server/id")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "netty"})
    void neitherPasswordNorTokenNorSecretAppearsInLogsExceptionsMetricsOrToStrings(String transport) {
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        String token = token("root", 3600);
        String secret = "the-cluster-secret";
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        io.micrometer.observation.ObservationRegistry observations = io.micrometer.observation.ObservationRegistry.create();
        observations.observationConfig().observationHandler(new io.micrometer.observation.ObservationHandler<>() {
            @Override
            public boolean supportsContext(io.micrometer.observation.Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(io.micrometer.observation.Observation.Context context) {
                seen.add(context.toString() + " " + context.getAllKeyValues());
            }
        });
        try (LogCapture logs = LogCapture.everything()) {
            WireMockServer good = coordinator();
            answerLogin(good, token);
            answerServerId(good, token);
            WireMockServer refusing = coordinator();
            refusing.stubFor(post(urlEqualTo("/_open/auth")).willReturn(aResponse().withStatus(401)
                    .withBody("{\"error\":true,\"code\":401,\"errorNum\":401,\"errorMessage\":\"Wrong credentials\"}")));
            refusing.stubFor(get(urlEqualTo("/_db/_system/_admin/server/id"))
                    .willReturn(aResponse().withStatus(401).withBody("{\"error\":true,\"code\":401,\"errorNum\":11}")));
            for (WireMockServer server : List.of(good, refusing)) {
                ArangoClient client = ArangoClient.builder().hosts(url(server)).transport(transport)
                        .meterRegistry(registry).observationRegistry(observations).build();
                closeables.add(client);
                for (Credentials credentials : List.of(Credentials.jwt("root", PASSWORD),
                        Credentials.jwtSecret(secret), Credentials.basic("root", PASSWORD))) {
                    io.aioarango.api.Database database = client.db("_system", credentials).join();
                    Throwable outcome = database.cluster().serverId().handle((id, e) -> e).join();
                    if (outcome != null) {
                        java.io.StringWriter trace = new java.io.StringWriter();
                        outcome.printStackTrace(new java.io.PrintWriter(trace));
                        seen.add(trace.toString());
                    }
                    seen.add(credentials.toString());
                    seen.add(database.toString());
                }
                seen.add(client.toString());
            }
            registry.getMeters().forEach(meter -> seen.add(meter.getId().toString()));
            seen.addAll(logs.lines());
        }

        assertThat(seen).as("something was seen").anyMatch(line -> line.contains("login as 'root' refused"))
                .anyMatch(line -> line.contains("auth.login"))
                .anyMatch(line -> line.contains("cluster.serverId") && line.contains("outcome"));
        String base64Basic = Base64.getEncoder().encodeToString(("root:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertThat(seen).allSatisfy(line -> assertThat(line).doesNotContain(PASSWORD).doesNotContain(token)
                .doesNotContain(secret).doesNotContain(base64Basic).doesNotContainIgnoringCase("bearer ey"));
    }
}
