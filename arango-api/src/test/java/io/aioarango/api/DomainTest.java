package io.aioarango.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The domain types keep their promises: immutability, spellings, and no secret in any text. */
class DomainTest {

    @Test
    void hostNormalisesAndFormatsIpv6() {
        Host host = new Host("HTTP", "DB1.Example.com", 8529);
        assertThat(host.url()).isEqualTo("http://db1.example.com:8529");
        assertThat(host.authority()).isEqualTo("db1.example.com:8529");
        assertThat(new Host("https", "::1", 8530).url()).isEqualTo("https://[::1]:8530");
        assertThat(new Host("https", "::1", 8530).isTls()).isTrue();
        assertThatThrownBy(() -> new Host("ftp", "a", 1)).hasMessage("Host scheme 'ftp' is not supported; use http or https");
        assertThatThrownBy(() -> new Host("http", "a", 70000)).hasMessage("Host port 70000 is out of range; use 1 to 65535");
    }

    @Test
    void credentialsNeverShowThePassword() {
        assertThat(Credentials.of("root", "hunter2").toString()).isEqualTo("Credentials.basic[username=root, password=****]");
        assertThat(Credentials.jwt("root", "hunter2").toString()).isEqualTo("Credentials.jwt[username=root, password=****]");
        assertThat(Credentials.bearer("tok.en.x").toString()).isEqualTo("Credentials.bearer[token=****]");
        assertThat(Credentials.jwtSecret("s3cret").toString()).isEqualTo("Credentials.jwtSecret[secret=****]");
        assertThat(Credentials.of("root", "pw")).isEqualTo(Credentials.basic("root", "pw")).isNotEqualTo(Credentials.jwt("root", "pw"));
        assertThatThrownBy(() -> Credentials.of("", "x")).hasMessage("username must not be empty");
        assertThatThrownBy(() -> Credentials.jwtSecret("")).hasMessage("secret must not be empty");
        assertThatThrownBy(() -> Credentials.bearer(" ")).hasMessage("token must not be blank");
    }

    @Test
    void headersAreCaseInsensitiveRepeatableAndShowNoValues() {
        Headers headers = Headers.of(Map.of("X-A", List.of("1"))).with("x-a", "2").with("Authorization", "Basic x");
        assertThat(headers.all("x-A")).containsExactly("1", "2");
        assertThat(headers.first("AUTHORIZATION")).hasValue("Basic x");
        assertThat(headers.first("missing")).isEmpty();
        assertThat(headers.toString()).isEqualTo("Headers[x-a, authorization]").doesNotContain("Basic");
    }

    @Test
    void aHeadersBuilderLowerCasesMergesAndIsUsedOnce() {
        Headers.Builder builder = Headers.builder().add("X-A", "1").add("Content-Type", "json").add("x-a", "2");
        Headers headers = builder.build();
        assertThat(headers.asMap()).containsExactly(Map.entry("x-a", List.of("1", "2")),
                Map.entry("content-type", List.of("json")));
        assertThat(headers).isEqualTo(Headers.of(Map.of("x-a", List.of("1", "2"), "Content-Type", List.of("json"))));
        assertThatThrownBy(() -> headers.asMap().get("x-a").add("3")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> builder.add("y", "1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
        assertThat(Headers.builder().build()).isSameAs(Headers.empty());
        assertThatThrownBy(() -> Headers.builder().add("x", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void headersWalkEachValueInOrderAndGrowPastTheirFirstArray() {
        Headers.Builder builder = Headers.builder();
        for (int i = 0; i < 40; i++) {
            builder.add(i % 2 == 0 ? "X-Even" : "x-odd-" + i, String.valueOf(i));
        }
        Headers headers = builder.build();
        List<String> walked = new java.util.ArrayList<>();
        headers.forEach((name, value) -> walked.add(name + "=" + value));
        assertThat(walked).hasSize(40).startsWith("x-even=0", "x-odd-1=1", "x-even=2");
        assertThat(headers.all("x-even")).hasSize(20).startsWith("0", "2").endsWith("38");
        assertThat(headers.first("X-ODD-39")).hasValue("39");
        assertThat(headers.asMap()).hasSize(21).containsEntry("x-odd-39", List.of("39"));
        assertThat(headers.isEmpty()).isFalse();
        assertThat(Headers.empty().isEmpty()).isTrue();
        assertThat(Headers.empty().with("A", "1").asMap()).containsExactly(Map.entry("a", List.of("1")));
        assertThat(headers.with("x-even", "40").all("x-even")).hasSize(21);
        assertThat(headers.all("x-even")).hasSize(20);
    }

    @Test
    void requestsAndResponsesCopyTheirBytes() {
        byte[] body = {1, 2};
        ArangoResponse response = new ArangoResponse(200, Headers.empty(), body);
        body[0] = 9;
        assertThat(response.body()).containsExactly(1, 2);
        response.body()[1] = 9;
        assertThat(response.body()).containsExactly(1, 2);

        ArangoRequest request = ArangoRequest.builder(HttpMethod.POST, "/_api/x").body(body).build();
        body[1] = 7;
        assertThat(request.body()).containsExactly(9, 2);
        assertThat(request.idempotent()).isFalse();
        assertThat(request.operation()).isEqualTo("raw");
        assertThat(ArangoRequest.builder(HttpMethod.GET, "/x").build().idempotent()).isTrue();
    }

    @Test
    void requestPathsAreChecked() {
        assertThatThrownBy(() -> ArangoRequest.builder(HttpMethod.GET, "_api/version"))
                .hasMessage("Request path '_api/version' must start with '/'");
        assertThatThrownBy(() -> ArangoRequest.builder(HttpMethod.GET, "/_api/version?details=true"))
                .hasMessage("Request path '/_api/version?details=true' must not hold a query or fragment; use "
                        + "queryParam(name, value)");
    }

    @Test
    void modesParseTheirSpellings() {
        assertThat(MaintenanceMode.fromString(" On ")).isEqualTo(MaintenanceMode.ON);
        assertThat(MaintenanceMode.OFF.value()).isEqualTo("off");
        assertThat(ServerMaintenanceMode.fromString("MAINTENANCE").value()).isEqualTo("maintenance");
        assertThat(ServerMode.fromString("readonly")).isEqualTo(ServerMode.READONLY);
        assertThatThrownBy(() -> ServerMode.fromString("resilient"))
                .hasMessage("Unknown server mode 'resilient'; known modes: [default, readonly]");
        assertThat(ServerRole.fromString("PRIMARY")).isEqualTo(ServerRole.PRIMARY);
        assertThat(ServerRole.fromString("primary")).isEqualTo(ServerRole.PRIMARY);
        assertThatThrownBy(() -> ServerRole.fromString("OBSERVER"))
                .hasMessage("Unknown server role 'OBSERVER'; known roles: [SINGLE, COORDINATOR, PRIMARY, SECONDARY, "
                        + "AGENT, UNDEFINED]");
    }

    @Test
    void rebalanceOptionsSendVersionAndOnlyWhatWasSet() {
        assertThat(RebalanceOptions.defaults().asMap()).containsExactly(Map.entry("version", 1));
        assertThat(RebalanceOptions.builder().moveFollowers(true).leaderChanges(false).build().asMap())
                .containsExactly(Map.entry("version", 1), Map.entry("moveFollowers", true),
                        Map.entry("leaderChanges", false));
        assertThatThrownBy(() -> RebalanceOptions.builder().databasesExcluded(List.of("ok", " ")))
                .hasMessageContaining("databasesExcluded holds a blank name");
    }

    @Test
    void recordsKeepNullValuesAndOrderButCannotBeChanged() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("b", null);
        extra.put("a", 1);
        List<String> cleaned = new ArrayList<>(List.of("PRMR-1"));
        ServerCount count = new ServerCount(null, 3, cleaned, extra);
        extra.put("c", 2);
        cleaned.add("PRMR-2");
        assertThat(count.extra()).containsExactly(entry("b", null), entry("a", 1));
        assertThat(count.cleanedServers()).containsExactly("PRMR-1");
        assertThatThrownBy(() -> count.extra().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new ServerCount(1, 1, null, new HashMap<>()).cleanedServers()).isEmpty();
    }

    @Test
    void noHostAvailableNamesEveryHostAndKeepsEachFailure() {
        Host a = new Host("http", "a", 1);
        Host b = new Host("http", "b", 2);
        Map<Host, Throwable> failures = new LinkedHashMap<>();
        failures.put(a, new ArangoConnectionException(a, "connection refused", false, null));
        failures.put(b, new IllegalStateException("boom"));

        NoHostAvailableException e = new NoHostAvailableException("GET /x", failures);

        assertThat(e).hasMessage("No coordinator could serve GET /x; tried 2: http://a:1: connection refused; "
                + "http://b:2: boom");
        assertThat(e.getSuppressed()).containsExactlyElementsOf(failures.values());
        assertThat(e.failures()).containsOnlyKeys(a, b);
    }
}
