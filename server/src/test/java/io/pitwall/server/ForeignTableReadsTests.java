package io.pitwall.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.shared.OwnedTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Modules never name each other's tables in SQL, except in declared read models. Each module declares the tables
 * it owns with {@link OwnedTables} on its {@code persistence} package; every table of the migrated schema must have
 * exactly one owner. The string literals of every main source file are then searched for table names in SQL
 * positions (after {@code FROM}, {@code JOIN}, {@code INTO}, {@code UPDATE}) and, in {@code persistence} packages,
 * for literals that are a table name (pieces of dynamic SQL; not bind-parameter names): a table of another module
 * may appear only in a class whose name ends with {@code ReadModel}, in the reading module's {@code persistence}.
 */
class ForeignTableReadsTests {

    private static final Path SOURCES = Path.of("src/main/java/io/pitwall/server");

    private static final Pattern SQL_TABLE = Pattern.compile("(?i)\\b(?:from|join|into|update)\\s+([a-z_][a-z0-9_]*)");
    private static final Pattern BIND_NAME = Pattern.compile("\\b(?:param|put|addValue)\\(\\s*$");

    /** A source file: its path below the server's root package and its text. */
    record Source(String path, String text) {

        String module() {
            return path.substring(0, path.indexOf('/') < 0 ? 0 : path.indexOf('/'));
        }

        boolean inPersistence() {
            return path.contains("/persistence/");
        }

        boolean readModel() {
            return inPersistence() && path.endsWith("ReadModel.java");
        }
    }

    @Test
    void everyTableOfTheSchemaHasExactlyOneOwner() throws SQLException {
        Set<String> schema = migratedTables();
        Map<String, List<String>> owners = declaredOwners();
        assertThat(schema).as("tables of the migrated schema").contains("vehicle", "campaign", "lease");
        assertThat(unowned(schema, owners)).isEmpty();
    }

    @Test
    void aTableWithoutOwnerOrWithTwoOwnersIsReported() throws SQLException {
        Set<String> schema = new TreeSet<>(migratedTables());
        schema.add("driver_score");
        Map<String, List<String>> owners = new TreeMap<>(declaredOwners());
        owners.put("ecu", List.of("inventory", "campaign"));
        owners.put("gone", List.of("diagnostics"));
        assertThat(unowned(schema, owners))
                .containsExactly(
                        "driver_score has no owner",
                        "ecu has 2 owners: [inventory, campaign]",
                        "gone is owned by diagnostics but not in the schema");
    }

    @Test
    void modulesNameOtherModulesTablesOnlyInReadModels() {
        List<Source> sources = sources();
        Map<String, String> owner = owners(declaredOwners());
        assertThat(sources).as("source files inspected").hasSizeGreaterThan(100);
        assertThat(sources.stream().filter(s -> !references(s).isEmpty()))
                .as("files naming tables")
                .hasSizeGreaterThan(30);
        List<String> found = foreignReads(sources, owner);
        assertThat(found).isEmpty();
        assertThat(sources.stream().filter(s -> s.path().endsWith("ReadModel.java") && !s.readModel()))
                .as("read models outside persistence")
                .isEmpty();
    }

    @Test
    void aForeignTableInSqlOutsideAReadModelIsFound() {
        Map<String, String> owner =
                Map.of("vehicle", "inventory", "vehicle_attribute", "inventory", "assignment", "campaign");
        String planted = """
                class Planted {
                    // SELECT * FROM vehicle in a comment is no SQL
                    String ok = "UPDATE assignment SET status = :vehicle WHERE vin = :vin";
                    String sql = \"""
                            SELECT v.region FROM assignment a
                            JOIN vehicle v ON v.vin = a.vin\""";
                    Object spec = new Spec("vehicle_attribute", 'x');
                    Object bound = jdbc.sql(ok).param("vehicle", 1);
                }""";
        List<Source> sources = List.of(
                new Source("campaign/persistence/Planted.java", planted),
                new Source("campaign/persistence/PlantedReadModel.java", planted),
                new Source("campaign/internal/Planted.java", planted),
                new Source("inventory/persistence/Planted.java", planted));
        assertThat(foreignReads(sources, owner))
                .containsExactly(
                        "campaign/persistence/Planted.java reads inventory's vehicle",
                        "campaign/persistence/Planted.java reads inventory's vehicle_attribute",
                        "campaign/internal/Planted.java reads inventory's vehicle",
                        "inventory/persistence/Planted.java reads campaign's assignment");
    }

    /** "path reads module's table" for every foreign table named outside a read model. */
    static List<String> foreignReads(List<Source> sources, Map<String, String> owner) {
        List<String> found = new ArrayList<>();
        for (Source source : sources) {
            for (String table : references(source)) {
                String module = owner.get(table);
                if (module != null && !module.equals(source.module()) && !source.readModel()) {
                    found.add(source.path() + " reads " + module + "'s " + table);
                }
            }
        }
        return found;
    }

    /** The table names the file's string literals use in SQL positions (and, in persistence, as whole literals). */
    static Set<String> references(Source source) {
        Set<String> tables = new TreeSet<>();
        String text = source.text();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("//", i)) {
                i = endOf(text, "\n", i + 2);
            } else if (text.startsWith("/*", i)) {
                i = endOf(text, "*/", i + 2);
            } else if (c == '\'') {
                i = text.charAt(i + 1) == '\\' ? text.indexOf('\'', i + 3) + 1 : i + 3;
            } else if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                literal(
                        text.substring(i + 3, end),
                        text.substring(Math.max(0, i - 40), i),
                        source.inPersistence(),
                        tables);
                i = end + 3;
            } else if (c == '"') {
                int end = i + 1;
                while (text.charAt(end) != '"') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                literal(
                        text.substring(i + 1, end),
                        text.substring(Math.max(0, i - 40), i),
                        source.inPersistence(),
                        tables);
                i = end + 1;
            } else {
                i++;
            }
        }
        return tables;
    }

    private static void literal(String literal, String before, boolean whole, Set<String> tables) {
        Matcher m = SQL_TABLE.matcher(literal);
        while (m.find()) {
            tables.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        if (whole
                && literal.matches("[a-z_][a-z0-9_]*")
                && !BIND_NAME.matcher(before).find()) {
            tables.add(literal);
        }
    }

    private static int endOf(String text, String end, int from) {
        int at = text.indexOf(end, from);
        return at < 0 ? text.length() : at + end.length();
    }

    static List<String> unowned(Set<String> schema, Map<String, List<String>> owners) {
        List<String> found = new ArrayList<>();
        schema.stream().filter(t -> !owners.containsKey(t)).forEach(t -> found.add(t + " has no owner"));
        owners.forEach((table, by) -> {
            if (by.size() > 1) {
                found.add(table + " has " + by.size() + " owners: " + by);
            }
            if (!schema.contains(table)) {
                found.add(table + " is owned by " + String.join(", ", by) + " but not in the schema");
            }
        });
        return found;
    }

    private static Map<String, String> owners(Map<String, List<String>> declared) {
        Map<String, String> owner = new TreeMap<>();
        declared.forEach((table, by) -> owner.put(table, by.get(0)));
        return owner;
    }

    /** Table → the modules whose persistence package declares it with {@link OwnedTables}. */
    static Map<String, List<String>> declaredOwners() {
        Map<String, List<String>> owners = new TreeMap<>();
        try (Stream<Path> modules = Files.list(SOURCES)) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                String name = module.getFileName().toString();
                OwnedTables declared = ownedTables("io.pitwall.server." + name + ".persistence");
                for (String table : declared == null ? new String[0] : declared.value()) {
                    owners.computeIfAbsent(table, t -> new ArrayList<>()).add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(owners).as("declared owners").isNotEmpty();
        return owners;
    }

    private static OwnedTables ownedTables(String persistencePackage) {
        try {
            return Class.forName(persistencePackage + ".package-info").getAnnotation(OwnedTables.class);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** The tables the migrations create (H2, in memory), without Flyway's own history. */
    private static Set<String> migratedTables() throws SQLException {
        String url = "jdbc:h2:mem:owned-tables;DB_CLOSE_DELAY=-1";
        Flyway.configure()
                .dataSource(url, "sa", "")
                .locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load()
                .migrate();
        Set<String> tables = new TreeSet<>();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                ResultSet rs = connection.getMetaData().getTables(null, "PUBLIC", null, new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        tables.remove("flyway_schema_history");
        return tables;
    }

    private static List<Source> sources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<Source> sources = new ArrayList<>();
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                sources.add(new Source(SOURCES.relativize(file).toString().replace('\\', '/'), Files.readString(file)));
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
