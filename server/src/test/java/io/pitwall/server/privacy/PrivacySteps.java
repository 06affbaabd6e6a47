package io.pitwall.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.TestFleet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A vehicle with one BMS ECU that reports its position and speed through the real device API. */
final class PrivacySteps {

    static final String LATITUDE = "Vehicle.CurrentLocation.Latitude";
    static final String LONGITUDE = "Vehicle.CurrentLocation.Longitude";
    final String vin;
    final String ecu;
    private final ApiClient vehicle;
    private final JdbcClient jdbc;
    private long seq;

    PrivacySteps(JdbcClient jdbc, ApiClient admin) {
        this.jdbc = jdbc;
        var fleet = new TestFleet(jdbc, admin);
        String hardwareId = "PRIV-HW";
        vin = fleet.vehicle("Privacy", "EU", "1.0.0", hardwareId);
        ecu = hardwareId + "-" + vin;
        vehicle = fleet.credentialFor(vin);
    }

    /** An OEM JSON DTC report with a vehicle state holding position and speed. */
    void faultAt(double latitude, double longitude, double speed) {
        String detail = "{\"ecu\": \"" + ecu + "\", \"dtcs\": [{\"code\": \"P0A80-1B\", \"status\": \"0x09\"}],"
                + " \"vehicleState\": {\"" + LATITUDE + "\": " + latitude + ", \"Vehicle.Speed\": " + speed
                + ", \"" + LONGITUDE + "\": " + longitude + "}}";
        var answer = vehicle.post(
                "/device/v1/vehicles/" + vin + "/events",
                Map.of(
                        "events",
                        List.of(Map.of(
                                "seq",
                                ++seq,
                                "type",
                                "DTC_REPORT",
                                "occurredAt",
                                Instant.now().toString(),
                                "ecuSerial",
                                ecu,
                                "detail",
                                detail))));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    /** A check-in whose signals hold position and speed. */
    void checkinAt(double latitude, double longitude, double speed) {
        var answer = vehicle.post(
                "/device/v1/vehicles/" + vin + "/checkin",
                Map.of(
                        "signals",
                        Map.of(LATITUDE, latitude, LONGITUDE, longitude, "Vehicle.Speed", speed),
                        "connectivity",
                        "WIFI",
                        "ownerConsent",
                        true,
                        "ecus",
                        List.of(Map.of("serial", ecu, "hardwareId", "PRIV-HW", "installedVersion", "1.0.0"))));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    /** Every stored text of the vehicle that can hold signals: DTC vehicle states, raw events, reported state. */
    List<String> storedSignalTexts() {
        List<String> texts = new java.util.ArrayList<>();
        texts.addAll(jdbc.sql("SELECT vehicle_state FROM dtc_report WHERE vin = :v")
                .param("v", vin)
                .query(String.class)
                .list());
        texts.addAll(jdbc.sql("SELECT detail FROM vehicle_event WHERE vin = :v")
                .param("v", vin)
                .query(String.class)
                .list());
        texts.addAll(jdbc.sql("SELECT signals_json FROM vehicle_report WHERE vin = :v")
                .param("v", vin)
                .query(String.class)
                .list());
        return texts;
    }
}
