package io.aioarango.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.testkit.FakeCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The tour as the README's first command runs it, so that it never rots. */
class TourTest {

    static List<String> run(Map<String, String> env) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            new Tour(out, env).run();
        }
        return Arrays.asList(bytes.toString(StandardCharsets.UTF_8).split("\n"));
    }

    static String line(List<String> lines, String start) {
        return lines.stream().filter(l -> l.trim().startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starts with '" + start + "' in\n" + String.join("\n", lines)));
    }

    @Test
    void theTourRunsAgainstTheEmbeddedCluster() {
        List<String> lines = run(Map.of());
        String all = String.join("\n", lines);
        assertThat(lines.get(0)).contains("embedded cluster of 3 coordinators");
        assertThat(all).doesNotContain("failed:");

        // Round robin cycles through the three coordinators; random picks among them.
        List<String> roundRobin = List.of(line(lines, "roundrobin").trim().split("\\s+")).subList(1, 7);
        assertThat(roundRobin.subList(0, 3)).doesNotHaveDuplicates().allMatch(id -> id.startsWith("CRDN-"));
        assertThat(roundRobin.subList(3, 6)).isEqualTo(roundRobin.subList(0, 3));
        assertThat(List.of(line(lines, "random").trim().split("\\s+")).subList(1, 7)).isSubsetOf(roundRobin);

        // Every cluster call shows the coordinator that served it and a result.
        for (String call : List.of("serverId()", "serverRole()", "serverMode()", "health()", "serverCount()",
                "serverVersion(", "serverEngine(", "serverStatistics(", "serverMaintenanceMode(", "endpoints()",
                "calculateImbalance()", "calculateRebalancePlan(", "toggleMaintenanceMode(ON)",
                "toggleMaintenanceMode(OFF)", "toggleServerMaintenanceMode(id, MAINTENANCE", "executeRebalancePlan(")) {
            assertThat(line(lines, call)).as(call).matches(".*\\s127\\.0\\.0\\.1:\\d+\\s+\\S.*");
        }
        assertThat(line(lines, "serverRole()")).endsWith("COORDINATOR");
        assertThat(line(lines, "health()")).endsWith("9 servers {Agent=3, Coordinator=3, DBServer=3}, 9 GOOD");
        assertThat(line(lines, "toggleMaintenanceMode(OFF)")).endsWith("Cluster supervision reactivated.");

        // The stopped coordinator is failed over from, logged as down, and counted in the metrics.
        Matcher stopped = Pattern.compile("stopped (127\\.0\\.0\\.1:\\d+)").matcher(all);
        assertThat(stopped.find()).isTrue();
        String down = stopped.group(1);
        assertThat(all).contains("(failed over from [" + down + "])");
        assertThat(all).contains("log WARNING: Coordinator http://" + down + " is down");
        assertThat(line(lines, down)).matches("\\s*" + Pattern.quote(down) + "\\s+\\d+\\s+1\\s+1\\s+no\\s+[\\d.]+");
        assertThat(lines.stream().filter(l -> l.matches("\\s*127\\.0\\.0\\.1:\\d+\\s+\\d+\\s+0\\s+0\\s+yes\\s+[\\d.]+")))
                .hasSize(2);
    }

    @Test
    void withArangoHostsItTalksToThatClusterAndOnlyReads() {
        try (FakeCluster yours = FakeCluster.builder().coordinators(2).user("admin", "s3cret").start()) {
            List<String> lines = run(Map.of("ARANGO_HOSTS", yours.hostsString(), "ARANGO_USER", "admin",
                    "ARANGO_PASSWORD", "s3cret"));
            String all = String.join("\n", lines);
            assertThat(lines.get(0)).startsWith("aioarango for Java: the tour, against " + yours.hostsString());
            assertThat(all).doesNotContain("failed:").doesNotContain("s3cret")
                    .contains("skipped: read-only against your cluster")
                    .contains("skipped: stopping a coordinator needs the embedded cluster");
            assertThat(yours.maintenanceMode()).isFalse();
            assertThat(yours.coordinators()).allSatisfy(c -> assertThat(c.requests())
                    .allSatisfy(r -> assertThat(r.user()).isEqualTo("admin"))
                    .noneMatch(r -> r.method().equals("PUT")));
        }
    }
}
