package io.aioarango.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load runner, every contender, for a few hundred milliseconds each, against a real stub process: it must
 * keep working, whatever the figures are.
 */
class BenchSmokeTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyContenderCompletesRequestsOnEveryCoordinatorAndGetsARow() throws Exception {
        // At least 6 requests in each window, however slow a contender is on a busy machine: then each of the
        // 3 coordinators has served requests of the run (every contender picks them in turn). No prewarm pass:
        // it is a run like the others, and the official driver's start (a Vert.x per connection) is slow.
        BenchConfig config = new BenchConfig(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ZERO,
                List.of(1, 16), List.of(1, 3), Contenders.names(), 6);
        ByteArrayOutputStream tables = new ByteArrayOutputStream();

        List<Result> results = Bench.run(config, new PrintStream(tables, true, StandardCharsets.UTF_8), System.err);

        String printed = tables.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        assertThat(results).hasSize(Contenders.names().size() * 2 * 2);
        for (Result result : results) {
            String run = result.contender() + ", C=" + result.concurrency() + ", " + result.coordinators()
                    + " coordinator(s)";
            assertThat(result.errors()).as(run + ": errors, the first: " + result.firstError()).isZero();
            assertThat(result.requests()).as(run + ": requests completed").isPositive();
            assertThat(result.runHits()).as(run + ": server-id requests each coordinator served in the run")
                    .hasSize(result.coordinators())
                    .doesNotContain(0L);
            assertThat(result.hits()).as(run + ": server-id requests each coordinator served in the window")
                    .hasSize(result.coordinators());
            assertThat(result.leftThreads()).as(run + ": threads left after close").isEmpty();
        }
        for (int coordinators : List.of(1, 3)) {
            String table = printed.substring(printed.indexOf("## " + coordinators + " coordinator"));
            for (String name : Contenders.names()) {
                for (int concurrency : List.of(1, 16)) {
                    String row = table.lines()
                            .filter(line -> line.startsWith("| " + name + " | " + concurrency + " | "))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("No row for " + name + ", C=" + concurrency
                                    + ", " + coordinators + " coordinator(s) in\n" + table));
                    assertThat(row).as(row).containsPattern("\\| [0-9,]+ \\([0-9.]+\\) \\|");
                    if (name.equals(Contenders.FLOOR)) {
                        assertThat(row).as(row).startsWith("| netty-raw | " + concurrency + " | ")
                                .containsPattern("^\\| netty-raw \\| \\d+ \\| [0-9,]+ \\(1\\.00\\) \\|");
                    }
                }
            }
        }
    }
}
