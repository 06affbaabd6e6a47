package io.pitwall.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The module structure holds: the modules we expect, each declaring the modules it may use; no cycles, no reaching
 * into another module's internals, SQL in persistence, lifecycles free of Spring. Every rule asserts that it
 * inspected something, and the {@code io.pitwall.modularityfixture} tests show that each rule can fail.
 */
class ModularityTests {

    private static final List<String> MODULE_NAMES = List.of(
            "access",
            "audit",
            "campaign",
            "cases",
            "catalog",
            "commands",
            "device",
            "diagnostics",
            "inventory",
            "privacy",
            "reporting",
            "shared",
            "telemetry",
            "trust");
    /** The campaign, assignment, case and command lifecycles; fewer means the rule lost sight of some. */
    private static final int MIN_LIFECYCLES = 4;

    private static final ApplicationModules MODULES = ApplicationModules.of(PitwallServerApplication.class);
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.pitwall.server");
    private static final JavaClasses FIXTURES =
            new ClassFileImporter().importPackages("io.pitwall.modularityfixture.rules");

    @Test
    void modulesRespectTheirBoundaries() {
        assertThat(MODULES.stream()
                        .map(m -> m.getIdentifier().toString())
                        .sorted()
                        .toList())
                .as("modules found")
                .isEqualTo(MODULE_NAMES);
        MODULES.verify();
    }

    @Test
    void everyModuleDeclaresItsAllowedDependencies() {
        assertThat(MODULES.stream().map(ModularityTests::allowedDependencies))
                .as("allowed dependencies of every module")
                .hasSize(MODULE_NAMES.size())
                .allSatisfy(allowed -> assertThat(allowed).doesNotContain(ApplicationModule.OPEN_TOKEN));
    }

    @Test
    void sqlStaysInPersistencePackages() {
        assertThat(CLASSES.size()).as("classes inspected").isGreaterThan(20);
        SQL_IN_PERSISTENCE.check(CLASSES);
    }

    @Test
    void lifecyclesAreFreeOfSpring() {
        checkLifecycles(CLASSES, MIN_LIFECYCLES);
    }

    @Test
    void anUndeclaredDependencyFailsVerification() {
        var fixture = ApplicationModules.of("io.pitwall.modularityfixture.crossing", location -> true);

        assertThat(fixture.stream().count()).as("fixture modules").isEqualTo(2);
        assertThatThrownBy(fixture::verify)
                .hasMessageContaining("UsesRoot")
                .hasMessageContaining("Beta")
                .hasMessageNotContaining("UsesHook");
    }

    @Test
    void aModuleWithoutDeclaredDependenciesIsFound() {
        var beta = ApplicationModules.of("io.pitwall.modularityfixture.crossing", location -> true)
                .getModuleByName("beta")
                .orElseThrow();

        assertThat(allowedDependencies(beta)).contains(ApplicationModule.OPEN_TOKEN);
    }

    @Test
    void sqlOutsidePersistenceFailsTheRule() {
        assertThatThrownBy(() -> SQL_IN_PERSISTENCE.check(FIXTURES)).hasMessageContaining("SqlOutsidePersistence");
    }

    @Test
    void aLifecycleUsingSpringFailsTheRule() {
        assertThatThrownBy(() -> checkLifecycles(FIXTURES, 1)).hasMessageContaining("SpringLifecycle");
    }

    @Test
    void theLifecycleRuleFailsWhenItFindsNoLifecycle() {
        var noLifecycles = new ClassFileImporter().importClasses(ModularityTests.class);

        assertThatThrownBy(() -> checkLifecycles(noLifecycles, 1)).hasMessageContaining("lifecycles inspected");
    }

    private static final ArchRule SQL_IN_PERSISTENCE = noClasses()
            .that()
            .resideOutsideOfPackage("..persistence..")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.springframework.jdbc.core.JdbcTemplate")
            .because("SQL lives in persistence/ classes");

    private static void checkLifecycles(JavaClasses classes, int atLeast) {
        var lifecycles = classes.stream()
                .filter(c -> c.getSimpleName().endsWith("Lifecycle"))
                .count();
        assertThat(lifecycles).as("lifecycles inspected").isGreaterThanOrEqualTo(atLeast);
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Lifecycle")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .check(classes);
    }

    /** The module's declared allowed dependencies; {@link ApplicationModule#OPEN_TOKEN} when it declares none. */
    private static List<String> allowedDependencies(org.springframework.modulith.core.ApplicationModule module) {
        var basePackage = module.getBasePackage().getName();
        try {
            var annotation =
                    Class.forName(basePackage + ".package-info").getPackage().getAnnotation(ApplicationModule.class);
            return annotation == null
                    ? List.of(ApplicationModule.OPEN_TOKEN)
                    : Arrays.asList(annotation.allowedDependencies());
        } catch (ClassNotFoundException e) {
            return List.of(ApplicationModule.OPEN_TOKEN);
        }
    }
}
