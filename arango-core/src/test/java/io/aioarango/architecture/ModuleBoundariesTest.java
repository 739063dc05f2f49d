package io.aioarango.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.aioarango.transport.fixture.CircleOne;
import io.aioarango.transport.fixture.CoreImportingTransport;
import io.aioarango.transport.fixture.circle.CircleTwo;
import io.aioarango.api.ArangoException;
import io.aioarango.api.Headers;
import io.aioarango.api.Host;
import io.aioarango.api.HttpMethod;
import io.aioarango.api.HttpProtocol;
import io.aioarango.api.TlsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hexagon's walls, checked on the compiled main classes of every module: the api is the domain and
 * pure JDK, the transports are adapters of the transport SPI that never see the core nor the domain's
 * ports and records, the core's internals are its own, and no two files import each other round a circle.
 * docs/architecture.md draws the same walls.
 */
class ModuleBoundariesTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.aioarango");

    /** Transports depend on the SPI only: a transport that reached into the core could not be swapped. */
    static final ArchRule TRANSPORTS_NEVER_SEE_THE_CORE = noClasses()
            .that().resideInAPackage("io.aioarango.transport..")
            .should().dependOnClassesThat().resideInAPackage("io.aioarango.core..")
            .because("a transport is an adapter of the transport SPI (docs/architecture.md)");

    /** A transport needs the supported SPI only: what it uses is documented and kept stable. */
    static final ArchRule TRANSPORTS_USE_THE_SUPPORTED_SPI = noClasses()
            .that().resideInAPackage("io.aioarango.transport..")
            .and().resideOutsideOfPackage("io.aioarango.transport.spi..")
            .should().dependOnClassesThat().resideInAPackage("io.aioarango.api.internal..")
            .because("io.aioarango.api.internal may change in any release; transports use io.aioarango.transport.spi");

    /** What of the domain a transport may name: where to send, what to send, and the SDK's failures. */
    private static final DescribedPredicate<JavaClass> TRANSPORT_VOCABULARY = DescribedPredicate.describe(
            "the api's HTTP vocabulary (Host, Headers, HttpMethod, HttpProtocol, TlsSettings, the ArangoExceptions)",
            type -> type.isAssignableTo(ArangoException.class) || Stream.of(Host.class, Headers.class,
                    HttpMethod.class, HttpProtocol.class, TlsSettings.class).anyMatch(word -> type.isEquivalentTo(word)
                            || type.getName().startsWith(word.getName() + "$")));

    /** A transport moves bytes: Cluster, Database, the records and the ports are the core's business. */
    static final ArchRule TRANSPORTS_NEVER_TOUCH_THE_DOMAIN = noClasses()
            .that().resideInAPackage("io.aioarango.transport..")
            .should().dependOnClassesThat(DescribedPredicate.and(
                    JavaClass.Predicates.resideInAPackage("io.aioarango.api"),
                    DescribedPredicate.not(TRANSPORT_VOCABULARY)))
            .because("a transport knows HTTP, not ArangoDB: Cluster, Database and the records are the core's");

    /** The domain holds values and ports: threads, timers and transport runtime live in the transport SPI. */
    static final ArchRule THE_API_RUNS_NOTHING = noClasses()
            .that().resideInAPackage("io.aioarango.api..")
            .should().dependOnClassesThat().belongToAnyOf(Thread.class, ThreadFactory.class, java.util.Timer.class,
                    ScheduledExecutorService.class, Executors.class)
            .because("arango-api is the domain; io.aioarango.transport.spi.support holds the runtime");

    static final ArchRule CORE_INTERNALS_STAY_IN_THE_CORE = noClasses()
            .that().resideOutsideOfPackage("io.aioarango.core..")
            .should().dependOnClassesThat().resideInAPackage("io.aioarango.core.internal..")
            .because("io.aioarango.core.internal is not exported");

    static final ArchRule THE_API_IS_PURE_JDK = classes()
            .that().resideInAPackage("io.aioarango.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.aioarango.api..", "java..", "javax.net.ssl..")
            .because("arango-api has no dependency at all: the JDK only");

    @Test
    void transportsNeverSeeTheCore() {
        TRANSPORTS_NEVER_SEE_THE_CORE.check(MAIN);
    }

    @Test
    void transportsUseTheSupportedSpi() {
        TRANSPORTS_USE_THE_SUPPORTED_SPI.check(MAIN);
    }

    @Test
    void transportsNeverTouchTheDomain() {
        TRANSPORTS_NEVER_TOUCH_THE_DOMAIN.check(MAIN);
    }

    @Test
    void theApiRunsNothing() {
        THE_API_RUNS_NOTHING.check(MAIN);
    }

    /**
     * No circle of imports: no set of files in different packages that reach one another. Files of one
     * package may know each other (they need no import); a circle across packages, like the api's record
     * reading its bytes back through a helper of the core's, ties the packages into one.
     */
    @Test
    void noFilesImportEachOtherRoundACircle() {
        assertThat(importCircles(MAIN)).isEmpty();
    }

    /** The circle check can fail: two files of two packages that name each other are one circle. */
    @Test
    void anImportCircleIsFound() {
        JavaClasses circle = new ClassFileImporter().importClasses(CircleOne.class, CircleTwo.class,
                CircleTwo.Inner.class);

        assertThat(importCircles(circle)).containsExactly(Set.of(CircleOne.class.getName(), CircleTwo.class.getName()));
        assertThat(importCircles(new ClassFileImporter().importClasses(CircleOne.class))).isEmpty();
    }

    /**
     * No main file of any module over 450 lines: a room that large holds more than one idea. Tests and
     * recorded bodies are not counted.
     */
    @Test
    void noMainFileIsOver450Lines() throws IOException {
        assertThat(oversized(Path.of("..").toAbsolutePath().normalize(), 450)).isEmpty();
    }

    @Test
    void anOversizedMainFileIsNamed(@TempDir Path root) throws IOException {
        Path main = Files.createDirectories(root.resolve("module/src/main/java/x"));
        Files.write(main.resolve("Big.java"), Collections.nCopies(451, "//"));
        Files.write(main.resolve("Fits.java"), Collections.nCopies(450, "//"));
        Files.write(Files.createDirectories(root.resolve("module/src/test/java/x")).resolve("BigTest.java"),
                Collections.nCopies(900, "//"));

        assertThat(oversized(root, 450)).containsExactly("module/src/main/java/x/Big.java: 451 lines");
    }

    /** Each main Java file under {@code root} longer than {@code limit} lines, with its length. */
    static List<String> oversized(Path root, int limit) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> root.relativize(file).toString().replace('\\', '/').contains("/src/main/"))
                    .filter(file -> !("/" + root.relativize(file).toString().replace('\\', '/')).contains("/target/"))
                    .map(file -> {
                        try {
                            return Map.entry(root.relativize(file).toString().replace('\\', '/'),
                                    Files.readAllLines(file).size());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .filter(entry -> entry.getValue() > limit).sorted(Map.Entry.comparingByKey())
                    .map(entry -> entry.getKey() + ": " + entry.getValue() + " lines").toList();
        }
    }

    /** Each set of top-level files in more than one package that all reach one another (Tarjan). */
    static List<Set<String>> importCircles(JavaClasses classes) {
        Map<String, Set<String>> edges = new TreeMap<>();
        for (JavaClass type : classes) {
            String from = topLevel(type);
            Set<String> to = edges.computeIfAbsent(from, k -> new TreeSet<>());
            type.getDirectDependenciesFromSelf().forEach(dependency -> {
                JavaClass target = dependency.getTargetClass();
                if (target.getName().startsWith("io.aioarango.") && !target.isArray()) {
                    to.add(topLevel(target));
                }
            });
        }
        List<Set<String>> circles = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        for (String start : edges.keySet()) {
            if (!index.containsKey(start)) {
                strongConnect(start, edges, index, low, stack, onStack, circles);
            }
        }
        circles.removeIf(circle -> circle.stream().map(ModuleBoundariesTest::packageOf).distinct().count() < 2);
        return circles;
    }

    private static void strongConnect(String node, Map<String, Set<String>> edges, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> circles) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        for (String next : edges.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                strongConnect(next, edges, index, low, stack, onStack, circles);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                circles.add(component);
            }
        }
    }

    private static String topLevel(JavaClass type) {
        String name = type.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

    private static String packageOf(String name) {
        return name.substring(0, name.lastIndexOf('.'));
    }

    @Test
    void coreInternalsStayInTheCore() {
        CORE_INTERNALS_STAY_IN_THE_CORE.check(MAIN);
    }

    @Test
    void theApiIsPureJdk() {
        THE_API_IS_PURE_JDK.check(MAIN);
    }

    /** The rules can fail: a transport class that imports the core is caught, naming the dependency. */
    @Test
    void aTransportImportingTheCoreBreaksTheRule() {
        JavaClasses offender = new ClassFileImporter().importClasses(CoreImportingTransport.class);

        assertThatThrownBy(() -> TRANSPORTS_NEVER_SEE_THE_CORE.check(offender)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("CoreImportingTransport")
                .hasMessageContaining("io.aioarango.core.ArangoClient");
        assertThatThrownBy(() -> CORE_INTERNALS_STAY_IN_THE_CORE.check(offender)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.aioarango.core.internal.Json");
        assertThatThrownBy(() -> TRANSPORTS_USE_THE_SUPPORTED_SPI.check(offender)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.aioarango.api.internal.Immutables");
        assertThatThrownBy(() -> TRANSPORTS_NEVER_TOUCH_THE_DOMAIN.check(offender)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.aioarango.api.Cluster");
    }
}
