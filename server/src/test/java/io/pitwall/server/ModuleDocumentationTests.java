package io.pitwall.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.DiagramOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions.DiagramStyle;

/**
 * The module diagram in {@code docs/modules/} is generated from the code. This test writes it into
 * {@code target/} and fails when the committed copy differs; {@code -Dpitwall.docs.refresh=true} writes the
 * committed copy instead.
 */
class ModuleDocumentationTests {

    static final String DIAGRAM = "components.puml";
    static final String REFRESH_PROPERTY = "pitwall.docs.refresh";
    private static final Path OUTPUT = Path.of("target", "spring-modulith-docs");
    private static final Path COMMITTED = Path.of("..", "docs", "modules");
    private static final ApplicationModules MODULES = ApplicationModules.of(PitwallServerApplication.class);

    @Test
    void committedModuleDiagramMatchesTheCode() throws IOException {
        var generated = write(OUTPUT);
        assertThat(generated.lines().filter(line -> line.startsWith("  component ")))
                .as("modules drawn")
                .hasSize((int) MODULES.stream().count())
                .anyMatch(line -> line.contains("==Campaign"))
                .anyMatch(line -> line.contains("==Trust"));
        var committed = COMMITTED.resolve(DIAGRAM);
        if (Boolean.getBoolean(REFRESH_PROPERTY)) {
            Files.createDirectories(COMMITTED);
            Files.writeString(committed, generated);
        }
        var current = Files.exists(committed) ? Files.readString(committed) : "";
        assertThat(difference(generated, current)).isEmpty();
    }

    @Test
    void writesTheSameDiagramEveryTime() throws IOException {
        assertThat(write(OUTPUT.resolve("second"))).isEqualTo(write(OUTPUT.resolve("first")));
    }

    @Test
    void modulesAndDependenciesAreListedInAFixedOrder() {
        var scanned = """
                @startuml
                rectangle "Server" {
                  component "==Trust" as S.Trust
                  component "==Access" as S.Access
                }

                S.Trust --> S.Shared : "uses"
                S.Catalog --> S.Trust : "uses"
                @enduml
                """;

        assertThat(canonical(scanned)).isEqualTo("""
                @startuml
                rectangle "Server" {
                  component "==Access" as S.Access
                  component "==Trust" as S.Trust
                }

                S.Catalog --> S.Trust : "uses"
                S.Trust --> S.Shared : "uses"
                @enduml
                """);
    }

    @Test
    void aStaleCommittedDiagramIsReportedWithHowToRefreshIt() {
        var generated = "@startuml\n[campaign] --> [trust]\n@enduml\n";

        assertThat(difference(generated, generated.replace("\n", "\r\n"))).isEmpty();
        assertThat(difference(generated, "@startuml\n@enduml\n"))
                .hasValueSatisfying(message ->
                        assertThat(message).contains("docs/modules/" + DIAGRAM, "-D" + REFRESH_PROPERTY + "=true"));
    }

    /** A message saying how to refresh the committed diagram, when it differs from the generated one. */
    static Optional<String> difference(String generated, String committed) {
        if (normalized(generated).equals(normalized(committed))) {
            return Optional.empty();
        }
        return Optional.of("docs/modules/" + DIAGRAM + " is out of date with the module structure. Refresh it with "
                + "./mvnw -pl server -am verify -Dtest=ModuleDocumentationTests -Dsurefire.failIfNoSpecifiedTests=false -D"
                + REFRESH_PROPERTY + "=true and commit the result.");
    }

    /**
     * The diagram with its modules and its dependencies each in alphabetical order: Documenter lists them in the
     * order the class path was scanned, which may differ between machines.
     */
    static String canonical(String diagram) {
        List<String> out = new ArrayList<>();
        List<String> run = new ArrayList<>();
        for (String line : diagram.replace("\r\n", "\n").split("\n", -1)) {
            if (!run.isEmpty() && sortable(line) != sortable(run.get(0))) {
                flush(run, out);
            }
            if (sortable(line) != Sortable.NO) {
                run.add(line);
            } else {
                out.add(line);
            }
        }
        flush(run, out);
        return String.join("\n", out);
    }

    private enum Sortable {
        NO,
        MODULE,
        DEPENDENCY
    }

    private static Sortable sortable(String line) {
        if (line.startsWith("  component ")) {
            return Sortable.MODULE;
        }
        return line.contains(" --> ") ? Sortable.DEPENDENCY : Sortable.NO;
    }

    private static void flush(List<String> run, List<String> out) {
        Collections.sort(run);
        out.addAll(run);
        run.clear();
    }

    private static String normalized(String diagram) {
        return diagram.replace("\r\n", "\n").strip();
    }

    /** Writes the diagram of all modules ({@value #DIAGRAM}, Documenter's name for it) into the folder. */
    private static String write(Path folder) throws IOException {
        new Documenter(
                        MODULES,
                        Documenter.Options.defaults()
                                .withOutputFolder(folder.toString())
                                .withoutClean())
                .writeModulesAsPlantUml(DiagramOptions.defaults().withStyle(DiagramStyle.UML));
        var diagram = canonical(Files.readString(folder.resolve(DIAGRAM)));
        Files.writeString(folder.resolve(DIAGRAM), diagram);
        return diagram;
    }
}
