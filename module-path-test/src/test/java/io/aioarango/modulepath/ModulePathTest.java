package io.aioarango.modulepath;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs {@link ClusterProbe} in a child JVM on the module path only (no class path, no
 * {@code --add-modules}, no options from the environment), once with each transport, against a WireMock
 * coordinator on 127.0.0.1, and checks the child's exit code and what it printed. This test itself runs on
 * the class path; the module path it hands the child is this module's runtime dependencies as Maven
 * resolved them in this build (see the pom), plus this module's own classes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModulePathTest {
    private static final long CHILD_LIMIT_SECONDS = 60;
    private static final String MAIN = "io.aioarango.modulepath/io.aioarango.modulepath.ClusterProbe";
    /** {@code root:passwd} in basic auth, as ClusterProbe logs in. */
    private static final String AUTH = "Basic cm9vdDpwYXNzd2Q=";
    private static final String SERVER_ID = "CRDN-0e1d5a7c-module-path";
    private static final String CLUSTER_ID = "5f1b0e4a-module-path";
    /** The published modules, each of which must come from this build. */
    private static final List<String> OUR_ARTIFACTS =
            List.of("arango-api", "transport-spi", "arango-core", "transport-jdk", "transport-netty", "arango-testkit");

    private static final String SDK_MODULES = "sdkModules=[io.aioarango.api, io.aioarango.core, io.aioarango.testkit, "
            + "io.aioarango.transport.jdk, io.aioarango.transport.netty, io.aioarango.transport.spi]";

    private WireMockServer coordinator;

    @BeforeAll
    void startCoordinator() {
        coordinator = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(10).jettyAcceptors(1));
        coordinator.start();
        answer("/_db/_system/_admin/server/id", "{\"error\":false,\"code\":200,\"id\":\"" + SERVER_ID + "\"}");
        answer("/_db/_system/_admin/server/role",
                "{\"error\":false,\"code\":200,\"role\":\"COORDINATOR\",\"mode\":\"default\"}");
        answer("/_db/_system/_admin/cluster/health", "{\"error\":false,\"code\":200,\"ClusterId\":\"" + CLUSTER_ID
                + "\",\"Health\":{"
                + "\"" + SERVER_ID + "\":{\"Role\":\"Coordinator\",\"Status\":\"GOOD\",\"SyncStatus\":\"SERVING\","
                + "\"LastAckedTime\":\"2026-11-25T10:00:00Z\"},"
                + "\"AGNT-1\":{\"Role\":\"Agent\",\"Status\":\"GOOD\",\"LastAckedTime\":0.312}}}");
    }

    @AfterAll
    void stopCoordinator() {
        coordinator.stop();
    }

    private void answer(String path, String json) {
        coordinator.stubFor(get(urlEqualTo(path)).withHeader("Authorization", equalTo(AUTH))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(json)));
    }

    @ParameterizedTest(name = "transport {0}")
    @ValueSource(strings = {"jdk", "netty"})
    void clusterCallsRunOnTheModulePathAlone(String transport) throws Exception {
        ChildRun run = runProbe("http://127.0.0.1:" + coordinator.port(), transport);

        assertThat(run.exitCode()).as("exit code of the child JVM; it printed:%n%s", run.output()).isZero();
        assertThat(run.lines()).as(run.output()).contains(
                "module=io.aioarango.modulepath",
                "clientModule=io.aioarango.core",
                SDK_MODULES,
                "transport=" + transport,
                "serverId=" + SERVER_ID,
                "serverRole=COORDINATOR",
                "clusterId=" + CLUSTER_ID,
                "health." + SERVER_ID + "=Coordinator/GOOD",
                "health.AGNT-1=Agent/GOOD");
        if (transport.equals("netty")) {
            // Without its native module resolved, Netty falls back to NIO; the run above shows that works.
            assertThat(run.lines()).as(run.output()).anyMatch(line -> line.startsWith("nettyEpoll=false"));
        }
    }

    @Test
    void theTestkitRunsOnTheModulePathToo() throws Exception {
        ChildRun run = runProbe("testkit", "netty");

        assertThat(run.exitCode()).as("exit code of the child JVM; it printed:%n%s", run.output()).isZero();
        assertThat(run.lines()).as(run.output()).contains(SDK_MODULES, "transport=netty", "serverRole=COORDINATOR");
        assertThat(run.lines()).as(run.output()).anyMatch(line -> line.startsWith("serverId=CRDN-"));
        // Two coordinators, three DB-Servers and three agents, all GOOD.
        assertThat(run.lines()).as(run.output()).filteredOn(line -> line.startsWith("health."))
                .hasSize(8).allMatch(line -> line.endsWith("/GOOD"));
    }

    @Test
    void theModulePathHoldsThisBuildsModulesAndNoTestLibraries() throws IOException {
        List<String> entries = Arrays.asList(modulePathOfDependencies().split(File.pathSeparator));
        Path reactor = Path.of(property("aioarango.modulepath.reactor")).toAbsolutePath().normalize();

        for (String artifact : OUR_ARTIFACTS) {
            assertThat(entries).as("the module path should hold %s as built here, under %s", artifact, reactor)
                    .anyMatch(entry -> Path.of(entry).toAbsolutePath().normalize()
                            .startsWith(reactor.resolve(artifact).resolve("target")));
        }
        assertThat(entries).as("only runtime dependencies").noneMatch(entry ->
                entry.contains("wiremock") || entry.contains("junit") || entry.contains("assertj"));
    }

    private ChildRun runProbe(String hosts, String transport) throws IOException, InterruptedException {
        Path outputDir = Files.createDirectories(Path.of(property("aioarango.modulepath.output")));
        Path output = outputDir.resolve((hosts.equals("testkit") ? "testkit-" : "") + transport + ".txt");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Short-lived: no need for the optimising compiler or a parallel collector on 2 cores.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        String hostsFile = System.getProperty("jdk.net.hosts.file");
        if (hostsFile != null) {
            command.add("-Djdk.net.hosts.file=" + hostsFile);
        }
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("--module-path");
        command.add(property("aioarango.modulepath.consumer") + File.pathSeparator + modulePathOfDependencies());
        command.add("-m");
        command.add(MAIN);
        command.add(hosts);
        command.add(transport);

        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> environment = builder.environment();
        // Nothing from the environment may add a class path or modules behind the test's back.
        environment.remove("CLASSPATH");
        environment.remove("JDK_JAVA_OPTIONS");
        environment.remove("JAVA_TOOL_OPTIONS");
        Process child = builder.start();
        child.getOutputStream().close();
        if (!child.waitFor(CHILD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("The child JVM (" + transport + ") did not end within " + CHILD_LIMIT_SECONDS
                    + " s; it printed:\n" + Files.readString(output, StandardCharsets.UTF_8) + "\ncommand: " + command);
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        return new ChildRun(child.exitValue(), printed + "\ncommand: " + command, printed.lines().toList());
    }

    private static String modulePathOfDependencies() throws IOException {
        return Files.readString(Path.of(property("aioarango.modulepath.file")), StandardCharsets.UTF_8).strip();
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set: run this test through Maven");
        }
        return value;
    }

    private record ChildRun(int exitCode, String output, List<String> lines) {
    }
}
