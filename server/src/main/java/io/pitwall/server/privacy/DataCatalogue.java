package io.pitwall.server.privacy;

import static io.pitwall.server.privacy.DataClass.ACCOUNT;
import static io.pitwall.server.privacy.DataClass.DIAGNOSTIC;
import static io.pitwall.server.privacy.DataClass.SERVICE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data class of every column of every table that holds vehicle data (docs/privacy.md is its prose form).
 * A table is listed with how its rows belong to a vehicle: a {@code vin} column, or a parent row's id.
 * Columns holding VSS signal JSON carry the classes of {@link #SIGNALS} inside them, whatever their own class.
 * {@code DataCatalogueIntegrationTests} compares this with the live schema, so a migration adding a column to
 * such a table (or a new table with a {@code vin}) fails the build until the column is classified here.
 */
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

        /** The SQL condition selecting one vehicle's rows ({@code :vin}). */
        public String vehicleCondition() {
            return owner == null ? "vin = :vin" : parentKey + " IN (" + owner + ")";
        }
    }

    /**
     * A column holding VSS signals as JSON text, with the column that dates a row (server time) and its key.
     */
    public record SignalColumn(String table, String column, String time, List<String> key) {
    }

    /** VSS branches and signals whose values are personal data of their own class, wherever they are stored. */
    public static final Map<String, DataClass> SIGNALS = Map.of(
            "Vehicle.CurrentLocation.", DataClass.LOCATION,
            "Vehicle.Speed", DataClass.DRIVER_BEHAVIOUR);

    public static final List<SignalColumn> SIGNAL_COLUMNS = List.of(
            new SignalColumn("dtc_report", "vehicle_state", "received_at", List.of("id")),
            new SignalColumn("vehicle_report", "signals_json", "reported_at", List.of("vin")),
            new SignalColumn("vehicle_event", "detail", "received_at", List.of("vin", "seq")),
            new SignalColumn("diagnostic_command", "result_detail", "completed_at", List.of("id")));

    /** Secrets (even hashed) never leave in an export. */
    public static final List<String> WITHHELD = List.of("vehicle_credential.token_hash");

    private static final Map<String, Table> TABLES = new LinkedHashMap<>();

    static {
        table("vehicle", SERVICE, Map.of("customer_type", ACCOUNT), "vin", "model", "model_year", "region", "market",
                "customer_type", "connectivity", "version", "created_at", "updated_at");
        table("vehicle_attribute", SERVICE, Map.of("attr_value", ACCOUNT), "vin", "name", "attr_value");
        table("vehicle_tag", SERVICE, Map.of(), "vin", "tag");
        table("ecu", SERVICE, Map.of(), "serial", "vin", "ecu_type", "hardware_id", "hardware_variant",
                "software_version", "image_hash", "update_policy", "is_primary");
        table("vehicle_report", SERVICE, Map.of("signals_json", DIAGNOSTIC), "vin", "signals_json", "connectivity",
                "consent", "state_hash", "reported_at", "last_seen_at", "ecus_hash", "report_nonce", "reports_due_at");
        table("reported_ecu", SERVICE, Map.of(), "vin", "serial", "hardware_id", "sw_version", "image_hash");
        table("vehicle_credential", SERVICE, Map.of(), "id", "vin", "token_hash", "created_at", "revoked_at",
                "active_vin");
        table("vehicle_certificate", SERVICE, Map.of(), "id", "vin", "fingerprint", "serial_number", "not_after",
                "created_at", "revoked_at", "active_vin");
        table("ecu_key", SERVICE, Map.of(), "vin", "serial", "key_id", "public_hex", "last_counter", "attested_path",
                "attested_length", "attested_sha256", "attested_at", "registered_at");
        table("attack_indicator", SERVICE, Map.of(), "id", "vin", "ecu_serial", "kind", "detail", "observed_at");
        table("device_access", SERVICE, Map.of(), "vin", "blocked", "reason", "version", "changed_at");
        table("vehicle_event", DIAGNOSTIC, Map.of(), "vin", "seq", "type", "occurred_at", "received_at",
                "assignment_id", "ecu_serial", "code", "detail", "progress", "command_id", "quality");
        table("event_cursor", SERVICE, Map.of(), "vin", "acked_through", "max_seq", "last_seen_at",
                "max_seq_occurred_at");
        table("event_refusal", DIAGNOSTIC, Map.of(), "vin", "seq", "code", "detail", "refused_at");
        table("dtc_report", DIAGNOSTIC, Map.of(), "id", "vin", "seq", "ecu_serial", "ecu_type", "firmware_version",
                "source_format", "decoded", "occurred_at", "received_at", "vehicle_state", "quality", "problem",
                "fault_digest");
        child("fault_observation", DIAGNOSTIC, "report_id", "SELECT id FROM dtc_report WHERE vin = :vin",
                "report_id", "position", "code", "display_code", "dtc_hex", "status_mask", "severity",
                "functional_unit");
        table("fault_pattern_day", DIAGNOSTIC, Map.of(), "epoch_day", "code", "model", "ecu_type",
                "firmware_version", "vin", "observations");
        table("diagnostic_command", DIAGNOSTIC, Map.of(), "id", "vin", "command_type", "ecu_serial", "parameters",
                "reason", "status", "requested_by", "approved_by", "created_at", "expires_at", "delivered_at",
                "completed_at", "result_code", "result_detail", "version");
        table("service_case", SERVICE, Map.of(), "id", "vin", "subject", "origin", "case_class", "team",
                "escalation_team", "next_action", "code", "ecu_serial", "rule_set_version", "campaign_id", "status",
                "priority", "owner", "sla_seconds", "sla_due_at", "escalated_at", "occurrences", "last_seen_at",
                "open_key", "version", "opened_at", "updated_at");
        child("case_note", SERVICE, "case_id", "SELECT id FROM service_case WHERE vin = :vin", "id", "case_id",
                "noted_at", "actor", "kind", "body");
        table("assignment", SERVICE, Map.of(), "id", "campaign_id", "vin", "status", "failure_category",
                "failure_code", "version", "created_at", "updated_at", "wave_no", "attempt", "delivered_at",
                "retry_at", "deferred_reason", "deferred_until", "excluded_by", "exception_comment");
        child("assignment_ecu", SERVICE, "assignment_id", "SELECT id FROM assignment WHERE vin = :vin",
                "assignment_id", "ecu_serial", "hardware_id", "status", "failure_code", "install_started");
        table("director_vehicle", SERVICE, Map.of(), "vin", "meta_version", "content_sha256", "targets_body",
                "snapshot_body", "timestamp_body", "expires_at", "updated_at");
        table("director_change", SERVICE, Map.of(), "id", "campaign_id", "vin", "created_at");
    }

    private DataCatalogue() {
    }

    /** Every catalogued table, in a fixed order (parents before children). */
    public static List<Table> tables() {
        return List.copyOf(TABLES.values());
    }

    public static Optional<Table> table(String name) {
        return Optional.ofNullable(TABLES.get(name));
    }

    /** The class of a stored column, if catalogued. */
    public static Optional<DataClass> classOf(String table, String column) {
        return table(table).map(t -> t.columns().get(column));
    }

    /**
     * How the live schema (table → columns, lower case) differs from the catalogue: {@code unclassified t.c} for
     * a column of a catalogued table, or of any table with a {@code vin} column, that has no class;
     * {@code missing t.c} for a catalogued column the schema lacks. Empty when they agree.
     */
    public static List<String> differences(Map<String, java.util.Set<String>> schema) {
        List<String> found = new java.util.ArrayList<>();
        schema.forEach((table, columns) -> {
            if (TABLES.containsKey(table) || columns.contains("vin")) {
                columns.stream().filter(c -> classOf(table, c).isEmpty()).sorted()
                        .forEach(c -> found.add("unclassified " + table + "." + c));
            }
        });
        TABLES.values().forEach(t -> t.columns().keySet().stream()
                .filter(c -> !schema.getOrDefault(t.name(), java.util.Set.of()).contains(c))
                .forEach(c -> found.add("missing " + t.name() + "." + c)));
        return found;
    }

    private static void table(String name, DataClass usual, Map<String, DataClass> except, String... columns) {
        TABLES.put(name, new Table(name, classify(usual, except, columns), null, null));
    }

    private static void child(String name, DataClass usual, String parentKey, String owner, String... columns) {
        TABLES.put(name, new Table(name, classify(usual, Map.of(), columns), parentKey, owner));
    }

    private static Map<String, DataClass> classify(DataClass usual, Map<String, DataClass> except, String... columns) {
        Map<String, DataClass> classes = new LinkedHashMap<>();
        for (String column : columns) {
            classes.put(column, except.getOrDefault(column, usual));
        }
        return classes;
    }
}
