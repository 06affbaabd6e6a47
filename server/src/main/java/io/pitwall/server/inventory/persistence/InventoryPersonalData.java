package io.pitwall.server.inventory.persistence;

import static io.pitwall.server.privacy.DataClass.ACCOUNT;
import static io.pitwall.server.privacy.DataClass.DIAGNOSTIC;
import static io.pitwall.server.privacy.DataClass.SERVICE;

import io.pitwall.server.privacy.DataCatalogue.SignalColumn;
import io.pitwall.server.privacy.DataCatalogue.Table;
import io.pitwall.server.privacy.DataSubjects;
import io.pitwall.server.privacy.PersonalDataContribution;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The inventory's vehicle data for the privacy catalogue, and the register of data subjects. Account data: the
 * customer type and the free-form attributes; erasure deletes the attributes and replaces the customer type.
 */
@Component
class InventoryPersonalData implements PersonalDataContribution, DataSubjects {

    private final JdbcClient jdbc;

    InventoryPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Table> tables() {
        return List.of(
                Table.of(
                        "vehicle",
                        SERVICE,
                        Map.of("customer_type", ACCOUNT),
                        "vin model model_year region market customer_type connectivity version "
                                + "created_at updated_at"),
                Table.of("vehicle_attribute", SERVICE, Map.of("attr_value", ACCOUNT), "vin name attr_value"),
                Table.of("vehicle_tag", SERVICE, Map.of(), "vin tag"),
                Table.of(
                        "ecu",
                        SERVICE,
                        Map.of(),
                        "serial vin ecu_type hardware_id hardware_variant software_version image_hash "
                                + "update_policy is_primary"),
                Table.of(
                        "vehicle_report",
                        SERVICE,
                        Map.of("signals_json", DIAGNOSTIC),
                        "vin signals_json connectivity consent state_hash reported_at last_seen_at "
                                + "ecus_hash report_nonce reports_due_at"),
                Table.of("reported_ecu", SERVICE, Map.of(), "vin serial hardware_id sw_version image_hash"),
                Table.of(
                        "ecu_key",
                        SERVICE,
                        Map.of(),
                        "vin serial key_id public_hex last_counter attested_path attested_length "
                                + "attested_sha256 attested_at registered_at"),
                Table.of("attack_indicator", SERVICE, Map.of(), "id vin ecu_serial kind detail observed_at"));
    }

    @Override
    public List<SignalColumn> signalColumns() {
        return List.of(new SignalColumn("vehicle_report", "signals_json", "reported_at", List.of("vin")));
    }

    @Override
    public boolean exists(String vin) {
        return jdbc.sql("SELECT COUNT(*) FROM vehicle WHERE vin = :vin")
                        .param("vin", vin)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Deletes the vehicle's free-form attributes and replaces its customer type, as a change of the vehicle row. */
    @Override
    public int eraseAccountData(String vin, String marker, Instant now) {
        int attributes = jdbc.sql("DELETE FROM vehicle_attribute WHERE vin = :vin")
                .param("vin", vin)
                .update();
        return attributes
                + jdbc.sql("""
                UPDATE vehicle SET customer_type = :marker, version = version + 1, updated_at = :now
                WHERE vin = :vin AND customer_type <> :marker""")
                        .param("marker", marker)
                        .param("now", now.atOffset(ZoneOffset.UTC))
                        .param("vin", vin)
                        .update();
    }
}
