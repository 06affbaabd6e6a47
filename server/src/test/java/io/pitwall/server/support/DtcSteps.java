package io.pitwall.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A vehicle with one BMS ECU that reports DTCs through the real device API, and audit lookups. */
public final class DtcSteps {

    public final String vin;
    public final String ecu;
    private final ApiClient vehicle;
    private long seq;

    public DtcSteps(JdbcClient jdbc, ApiClient admin, String hardwareId) {
        var fleet = new TestFleet(jdbc, admin);
        vin = fleet.vehicle("Dtc-" + hardwareId, "EU", "3.1.4", hardwareId);
        ecu = hardwareId + "-" + vin;
        vehicle = fleet.credentialFor(vin);
    }

    /** Reports the ECU's fault memory as UDS bytes ({@code "0A 80 1B 08"}: P0A80-1B, confirmed). */
    public void uds(String records, Instant at) {
        report("uds:59 02 FF " + records, null, at);
    }

    /** Reports one J2012 text code (no status). */
    public void j2012(String code, Instant at) {
        report(null, code, at);
    }

    private void report(String detail, String code, Instant at) {
        Map<String, Object> event = new HashMap<>(
                Map.of("seq", ++seq, "type", "DTC_REPORT", "occurredAt", at.toString(), "ecuSerial", ecu));
        if (detail != null) {
            event.put("detail", detail);
        }
        if (code != null) {
            event.put("code", code);
        }
        var answer = vehicle.post("/device/v1/vehicles/" + vin + "/events", Map.of("events", List.of(event)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    /** Audit entries with the action and target, chained or still in the intake. */
    public static long audited(JdbcClient jdbc, String action, String target) {
        return jdbc.sql("SELECT (SELECT COUNT(*) FROM audit_record WHERE action = :a AND target = :t)"
                        + " + (SELECT COUNT(*) FROM audit_intake WHERE action = :a AND target = :t)")
                .param("a", action)
                .param("t", target)
                .query(Long.class)
                .single();
    }
}
