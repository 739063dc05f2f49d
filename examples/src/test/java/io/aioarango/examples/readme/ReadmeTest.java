package io.aioarango.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README tells only what a user can check: its Java samples are lines of compiled code in this module,
 * its XML is the BOM consumer's POM that the build runs, its first commands are the tour and CI's, and it
 * points at no file outside the repository.
 */
class ReadmeTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String README = read(ROOT.resolve("README.md"));

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fenced blocks of one language, each as its normalised lines. */
    static List<List<String>> blocks(String language) {
        List<List<String>> blocks = new ArrayList<>();
        Matcher block = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(README);
        while (block.find()) {
            blocks.add(normalise(block.group(1)));
        }
        return blocks;
    }

    /** Lines trimmed, inner runs of blanks made one, blank lines dropped. */
    static List<String> normalise(String text) {
        return text.lines().map(l -> l.trim().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty()).toList();
    }

    static List<List<String>> javaSources() throws IOException {
        List<List<String>> sources = new ArrayList<>();
        for (String dir : List.of("src/main/java", "src/test/java", "src/spring/java", "src/spring-test/java")) {
            try (Stream<Path> files = Files.walk(Path.of(dir))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.add(normalise(read(f))));
            }
        }
        return sources;
    }

    @Test
    void everyJavaSampleIsCompiledCodeOfThisModule() throws IOException {
        List<List<String>> blocks = blocks("java");
        List<List<String>> sources = javaSources();
        assertThat(blocks).hasSizeGreaterThan(10);
        for (List<String> block : blocks) {
            assertThat(sources.stream().anyMatch(source -> Collections.indexOfSubList(source, block) >= 0))
                    .as("README sample not found, line for line, in examples' sources:%n%s", String.join("\n", block))
                    .isTrue();
        }
    }

    @Test
    void everyXmlSampleIsPartOfAConsumerProjectTheBuildRuns() {
        List<List<String>> consumers = Stream.of("bom-consumer", "boot-3.5", "boot-4.0")
                .map(project -> normalise(read(Path.of("src/it", project, "pom.xml"))
                        .replace("@project.version@", System.getProperty("aioarango.version"))))
                .toList();
        List<List<String>> blocks = blocks("xml");
        assertThat(blocks).isNotEmpty();
        for (List<String> block : blocks) {
            assertThat(consumers.stream().anyMatch(consumer -> Collections.indexOfSubList(consumer, block) >= 0))
                    .as("README XML not found in any POM of src/it:%n%s", String.join("\n", block))
                    .isTrue();
        }
    }

    @Test
    void everyKotlinSampleIsCompiledCodeOfThisModule() throws IOException {
        List<List<String>> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/kotlin"))) {
            files.filter(f -> f.toString().endsWith(".kt")).forEach(f -> sources.add(normalise(read(f))));
        }
        List<List<String>> blocks = blocks("kotlin");
        assertThat(blocks).isNotEmpty();
        for (List<String> block : blocks) {
            assertThat(sources.stream().anyMatch(source -> Collections.indexOfSubList(source, block) >= 0))
                    .as("README Kotlin not found in src/kotlin:%n%s", String.join("\n", block)).isTrue();
        }
    }

    @Test
    void everyPropertiesSampleIsTheSpringSamplesConfiguration() {
        List<String> configuration = normalise(read(Path.of("src/spring/resources/application.properties")));
        for (List<String> block : blocks("properties")) {
            assertThat(Collections.indexOfSubList(configuration, block))
                    .as("README properties not found in src/spring/resources/application.properties:%n%s",
                            String.join("\n", block))
                    .isNotNegative();
        }
    }

    @Test
    void theFirstCommandsRunTheTourAndTheTestsCiRuns() {
        List<String> first = blocks("sh").get(0);
        assertThat(first.get(0)).startsWith("mvn -q -Ptour package");
        assertThat(first.get(1)).startsWith("mvn -B -ntp verify");
        assertThat(read(ROOT.resolve(".ci/run"))).contains("exec mvn -B -ntp verify\n");
        assertThat(README.indexOf("```sh")).isLessThan(README.indexOf("## "));
    }

    @Test
    void itPointsAtNoFileOutsideTheRepository() {
        assertThat(README).doesNotContain("shared/").doesNotContain("../");
        Matcher link = Pattern.compile("\\]\\(([^)#]+)\\)").matcher(README);
        while (link.find()) {
            String target = link.group(1);
            if (!target.startsWith("http")) {
                assertThat(ROOT.resolve(target)).as("README link %s", target).exists();
            }
        }
    }
}
