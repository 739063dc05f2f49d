package io.aioarango.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.benchmarks.FaultBench.Phase;
import io.aioarango.benchmarks.FaultBench.Row;
import io.aioarango.benchmarks.FaultBench.Run;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The fault runner on both transports with phases of 300 ms and rows of 100 ms: it must run through the whole
 * timeline, give every phase its rows and write a picture that parses. The figures are not judged.
 */
class FaultBenchSmokeTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void runsEveryPhaseOnBothTransportsAndDrawsThem(@TempDir Path dir) throws Exception {
        Duration phase = Duration.ofMillis(300);
        Path svg = dir.resolve("docs").resolve("fault.svg");
        FaultConfig config = new FaultConfig(phase, phase, phase, phase, phase, Duration.ofMillis(100),
                Duration.ofMillis(100), 16, List.of("netty", "jdk"), svg);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        List<Run> runs = FaultBench.run(config, new PrintStream(printed, true, StandardCharsets.UTF_8), System.err);

        String text = printed.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertThat(runs).extracting(Run::transport).containsExactly("netty", "jdk");
        for (Run run : runs) {
            // Not a speed: only that requests went through at all (a cold JVM may complete none in one row).
            assertThat(run.rows().stream().mapToLong(Row::completed).sum()).as(run.transport() + ": completed")
                    .isPositive();
            List<String> names = run.phases().stream().map(Phase::name).toList();
            assertThat(names).containsExactly("healthy", "freeze", "after freeze", "blackhole", "after blackhole");
            for (String name : names) {
                assertThat(run.rows()).as(run.transport() + ": rows of " + name).filteredOn(r -> r.phase().equals(name))
                        .isNotEmpty();
                assertThat(text).as(run.transport() + ": a table row of " + name)
                        .containsPattern("\\| [0-9.]+ \\| " + name + " \\| [0-9,]+ \\| ");
                assertThat(text).contains("- " + run.transport() + " " + name + ": ");
            }
            assertThat(run.rows()).extracting(Row::up).allSatisfy(up -> assertThat(up).hasSize(3));
            assertThat(text).contains("## " + run.transport() + "\n", "### " + run.transport() + ": per phase");
        }

        String picture = Files.readString(svg, StandardCharsets.UTF_8);
        assertThat(picture).startsWith("<svg").endsWith("</svg>").contains("netty", "jdk", "reference");
        Document parsed = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(picture.getBytes(StandardCharsets.UTF_8)));
        assertThat(parsed.getDocumentElement().getTagName()).isEqualTo("svg");
    }
}
