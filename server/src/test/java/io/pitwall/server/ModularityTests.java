package io.pitwall.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The module structure holds: no cycles, no reaching into another module's internals, SQL in persistence. */
class ModularityTests {

    private static final ApplicationModules MODULES = ApplicationModules.of(PitwallServerApplication.class);
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.pitwall.server");

    @Test
    void modulesRespectTheirBoundaries() {
        assertThat(MODULES.stream().count()).as("modules found").isGreaterThanOrEqualTo(3);
        MODULES.verify();
    }

    @Test
    void sqlStaysInPersistencePackages() {
        assertThat(CLASSES.size()).as("classes inspected").isGreaterThan(20);
        noClasses().that().resideOutsideOfPackage("..persistence..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.JdbcTemplate")
                .because("SQL lives in persistence/ classes")
                .check(CLASSES);
    }

    @Test
    void lifecyclesAreFreeOfSpring() {
        var lifecycles = CLASSES.stream().filter(c -> c.getSimpleName().endsWith("Lifecycle")).count();
        noClasses().that().haveSimpleNameEndingWith("Lifecycle")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .allowEmptyShould(lifecycles == 0)
                .check(CLASSES);
    }
}
