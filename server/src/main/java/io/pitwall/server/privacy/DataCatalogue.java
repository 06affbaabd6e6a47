package io.pitwall.server.privacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The data class of every column of every table that holds vehicle data (docs/privacy.md is its prose form),
 * collected from the modules that own those tables ({@link PersonalDataContribution}). A table is listed with how
 * its rows belong to a vehicle: a {@code vin} column, or a parent row's id. Columns holding VSS signal JSON carry
 * the classes of {@link #SIGNALS} inside them, whatever their own class. {@code DataCatalogueIntegrationTests}
 * compares this with the live schema, so a migration adding a column to such a table (or a new table with a
 * {@code vin}) fails the build until the owning module classifies the column.
 */
@Component
public final class DataCatalogue {

    /**
     * A catalogued table.
     *
     * @param owner    for a child table without a VIN, the SQL selecting its rows' parent ids for {@code :vin},
     *                 with {@code parentKey} its column naming the parent; {@code null} when the table has a vin
     */
    public record Table(String name, Map<String, DataClass> columns, String parentKey, String owner) {

        public Table {
            columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        }

        /**
         * A table with a {@code vin} column: its columns (names separated by spaces) of class {@code usual}, except
         * those in {@code except}.
         */
        public static Table of(String name, DataClass usual, Map<String, DataClass> except, String columns) {
            return new Table(name, classify(usual, except, columns.split(" ")), null, null);
        }

        /**
         * A child table whose rows belong to the vehicle through {@code parentKey}, all its columns (names separated by
         * spaces) of one class.
         */
        public static Table child(String name, DataClass usual, String parentKey, String owner, String columns) {
            return new Table(name, classify(usual, Map.of(), columns.split(" ")), parentKey, owner);
        }

        /** The SQL condition selecting one vehicle's rows ({@code :vin}). */
        public String vehicleCondition() {
            return owner == null ? "vin = :vin" : parentKey + " IN (" + owner + ")";
        }
    }

    /**
     * A column holding VSS signals as JSON text, with the column that dates a row (server time) and its key.
     */
    public record SignalColumn(String table, String column, String time, List<String> key) {}

    /** VSS branches and signals whose values are personal data of their own class, wherever they are stored. */
    public static final Map<String, DataClass> SIGNALS = Map.of(
            "Vehicle.CurrentLocation.", DataClass.LOCATION,
            "Vehicle.Speed", DataClass.DRIVER_BEHAVIOUR);

    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final List<SignalColumn> signalColumns = new ArrayList<>();
    private final List<String> withheld = new ArrayList<>();
    private final List<PersonalDataContribution> contributions;

    /** The catalogue of the contributions, in the order of their modules' package names. */
    public DataCatalogue(List<PersonalDataContribution> contributions) {
        this.contributions = contributions.stream()
                .sorted(Comparator.comparing(c -> c.getClass().getName()))
                .toList();
        this.contributions.forEach(c -> {
            c.tables().forEach(t -> {
                if (tables.putIfAbsent(t.name(), t) != null) {
                    throw new IllegalStateException("Table " + t.name() + " is contributed twice");
                }
            });
            signalColumns.addAll(c.signalColumns());
            withheld.addAll(c.withheld());
        });
    }

    /** The modules' contributions, in the order of their package names (their own erasure and retention steps). */
    public List<PersonalDataContribution> contributions() {
        return contributions;
    }

    /** Every catalogued table, in a fixed order (parents before children). */
    public List<Table> tables() {
        return List.copyOf(tables.values());
    }

    public Optional<Table> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    /** The columns holding VSS signals as JSON text. */
    public List<SignalColumn> signalColumns() {
        return List.copyOf(signalColumns);
    }

    /** Secrets (even hashed) never leave in an export: {@code table.column}. */
    public List<String> withheld() {
        return List.copyOf(withheld);
    }

    /** The class of a stored column, if catalogued. */
    public Optional<DataClass> classOf(String table, String column) {
        return table(table).map(t -> t.columns().get(column));
    }

    /**
     * How the live schema (table → columns, lower case) differs from the catalogue: {@code unclassified t.c} for
     * a column of a catalogued table, or of any table with a {@code vin} column, that has no class;
     * {@code missing t.c} for a catalogued column the schema lacks. Empty when they agree.
     */
    public List<String> differences(Map<String, java.util.Set<String>> schema) {
        List<String> found = new java.util.ArrayList<>();
        schema.forEach((table, columns) -> {
            if (tables.containsKey(table) || columns.contains("vin")) {
                columns.stream()
                        .filter(c -> classOf(table, c).isEmpty())
                        .sorted()
                        .forEach(c -> found.add("unclassified " + table + "." + c));
            }
        });
        tables.values()
                .forEach(t -> t.columns().keySet().stream()
                        .filter(c -> !schema.getOrDefault(t.name(), java.util.Set.of())
                                .contains(c))
                        .forEach(c -> found.add("missing " + t.name() + "." + c)));
        return found;
    }

    private static Map<String, DataClass> classify(DataClass usual, Map<String, DataClass> except, String... columns) {
        Map<String, DataClass> classes = new LinkedHashMap<>();
        for (String column : columns) {
            classes.put(column, except.getOrDefault(column, usual));
        }
        return classes;
    }
}
