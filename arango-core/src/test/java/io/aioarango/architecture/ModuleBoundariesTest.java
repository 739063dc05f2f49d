package io.aioarango.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.aioarango.transport.fixture.CoreImportingTransport;
import org.junit.jupiter.api.Test;

/**
 * The hexagon's walls, checked on the compiled main classes of every module: the api is pure JDK, the
 * transports are adapters of the api's port and never see the core, and the core's internals are its own.
 */
class ModuleBoundariesTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.aioarango");

    /** Transports depend on arango-api only: a transport that reached into the core could not be swapped. */
    static final ArchRule TRANSPORTS_NEVER_SEE_THE_CORE = noClasses()
            .that().resideInAPackage("io.aioarango.transport..")
            .should().dependOnClassesThat().resideInAPackage("io.aioarango.core..")
            .because("a transport is an adapter of the api's port (DESIGN: modules and the rules between them)");

    /** A transport needs the supported SPI only: what it uses is documented and kept stable. */
    static final ArchRule TRANSPORTS_USE_THE_SUPPORTED_SPI = noClasses()
            .that().resideInAPackage("io.aioarango.transport..")
            .should().dependOnClassesThat().resideInAPackage("io.aioarango.api.internal..")
            .because("io.aioarango.api.internal may change in any release; transports use io.aioarango.api.spi");

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
    }
}
