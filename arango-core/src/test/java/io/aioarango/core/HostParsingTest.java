package io.aioarango.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the builder reads coordinators: one URL, a comma-separated string, a list or varargs. */
class HostParsingTest {
    private static final String ACCEPTED =
            "use http://host:port or https://host:port (tcp:// and ssl:// also work; IPv6 as http://[::1]:8529)";

    private ArangoClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private List<String> hostsOf(ArangoClient.Builder builder) {
        client = builder.transport("jdk").build();
        return client.hosts();
    }

    private static ArangoClient.Builder builder() {
        return ArangoClient.builder();
    }

    private static void rejected(String hosts, String message) {
        assertThatThrownBy(() -> builder().hosts(hosts).transport("jdk").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void oneUrl() {
        assertThat(hostsOf(builder().hosts("http://localhost:8529"))).containsExactly("http://localhost:8529");
    }

    @Test
    void commaSeparatedStringListAndVarargsGiveTheSameHosts() {
        List<String> expected = List.of("http://host1:8529", "http://host2:8529");
        assertThat(hostsOf(builder().hosts("http://host1:8529,http://host2:8529"))).isEqualTo(expected);
        client.close();
        assertThat(hostsOf(builder().hosts(List.of("http://host1:8529", "http://host2:8529")))).isEqualTo(expected);
        client.close();
        assertThat(hostsOf(builder().hosts("http://host1:8529", "http://host2:8529"))).isEqualTo(expected);
    }

    @Test
    void entriesAreTrimmedAndLoseTrailingSlashes() {
        assertThat(hostsOf(builder().hosts(" http://host1:8529/ ,\thttp://host2:8529//")))
                .containsExactly("http://host1:8529", "http://host2:8529");
    }

    @Test
    void arangoSpellingsMapToHttpAndHttps() {
        assertThat(hostsOf(builder().hosts("tcp://host1:8529", "ssl://host2:8530", "HTTPS://Host3:8531")))
                .containsExactly("http://host1:8529", "https://host2:8530", "https://host3:8531");
    }

    @Test
    void ipv6InBrackets() {
        assertThat(hostsOf(builder().hosts("http://[::1]:8529", "tcp://[2001:db8::7]:8530")))
                .containsExactly("http://[::1]:8529", "http://[2001:db8::7]:8530");
    }

    @Test
    void aMissingPortIsTheSchemesDefault() {
        assertThat(hostsOf(builder().hosts("http://db.example.com", "https://db2.example.com")))
                .containsExactly("http://db.example.com:80", "https://db2.example.com:443");
    }

    @Test
    void noHostAtAll() {
        assertThatThrownBy(() -> builder().transport("jdk").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No coordinator given: call hosts(...) with URLs such as http://host:8529");
        assertThatThrownBy(() -> builder().hosts(List.of()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No coordinator given: pass at least one host URL; " + ACCEPTED);
        assertThatThrownBy(() -> builder().hosts((List<String>) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hosts must not be null");
    }

    @Test
    void emptyEntries() {
        rejected("", "Host entry 1 of 1 is empty (check for a stray comma); " + ACCEPTED);
        rejected("http://a:1,,http://b:2", "Host entry 2 of 3 is empty (check for a stray comma); " + ACCEPTED);
        rejected("http://a:1,", "Host entry 2 of 2 is empty (check for a stray comma); " + ACCEPTED);
        assertThatThrownBy(() -> builder().hosts("http://a:1", null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Host entry 2 of 2 is empty (check for a stray comma); " + ACCEPTED);
    }

    @Test
    void bareHostAndPortWithoutScheme() {
        rejected("localhost:8529", "Invalid host 'localhost:8529': it has no scheme; " + ACCEPTED);
    }

    @Test
    void unknownScheme() {
        rejected("ftp://localhost:8529", "Invalid host 'ftp://localhost:8529': scheme 'ftp' is not supported; "
                + ACCEPTED);
        rejected("unix:///tmp/arangodb.sock", "Invalid host 'unix:///tmp/arangodb.sock': scheme 'unix' is not "
                + "supported; " + ACCEPTED);
    }

    @Test
    void missingHost() {
        rejected("http://:8529", "Invalid host 'http://:8529': it has no host; " + ACCEPTED);
        rejected("http://", "Invalid host 'http://': it has no host; " + ACCEPTED);
    }

    @Test
    void portOutOfRange() {
        rejected("http://localhost:0", "Invalid host 'http://localhost:0': port 0 is out of range 1 to 65535; "
                + ACCEPTED);
        rejected("http://localhost:65536", "Invalid host 'http://localhost:65536': port 65536 is out of range "
                + "1 to 65535; " + ACCEPTED);
        rejected("http://localhost:http", "Invalid host 'http://localhost:http': port 'http' is not a number from "
                + "1 to 65535; " + ACCEPTED);
        rejected("http://localhost:", "Invalid host 'http://localhost:': port '' is not a number from 1 to 65535; "
                + ACCEPTED);
    }

    @Test
    void theSameCoordinatorTwice() {
        rejected("http://a:8529,http://a:8529", "Host 'http://a:8529' names the same coordinator as 'http://a:8529' "
                + "(http://a:8529); give each coordinator once");
        rejected("tcp://A:8529, http://a:8529/", "Host 'http://a:8529/' names the same coordinator as 'tcp://A:8529' "
                + "(http://a:8529); give each coordinator once");
        rejected("http://a,http://a:80", "Host 'http://a:80' names the same coordinator as 'http://a' "
                + "(http://a:80); give each coordinator once");
    }

    @Test
    void pathsAndInvalidNames() {
        rejected("http://host:8529/_db/x", "Invalid host 'http://host:8529/_db/x': it has a path, query or fragment; "
                + ACCEPTED);
        rejected("http://ho st:8529", "Invalid host 'http://ho st:8529': 'ho st' is not a valid host name; " + ACCEPTED);
        rejected("http://::1:8529", "Invalid host 'http://::1:8529': an IPv6 address must be in brackets; " + ACCEPTED);
        rejected("http://[::1:8529", "Invalid host 'http://[::1:8529': the IPv6 address has no closing ']'; "
                + ACCEPTED);
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutEchoingThePassword() {
        assertThatThrownBy(() -> builder().hosts("http://root:hunter2@host:8529").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid host 'http://****@host:8529': it holds credentials; pass them to "
                        + "db(name, username, password); " + ACCEPTED)
                .message().doesNotContain("hunter2");
    }
}
