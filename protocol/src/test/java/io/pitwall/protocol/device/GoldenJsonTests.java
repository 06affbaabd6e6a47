package io.pitwall.protocol.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.TufKey;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The device contract as it appears on the wire: each golden file round-trips, and unknown fields are ignored. */
class GoldenJsonTests {

    @Test
    void checkinRequestRoundTripsWithVssSignalNames() {
        CheckinRequest request = roundTrip("checkin-request.json", CheckinRequest.class);
        assertThat(request.signals().stateOfChargePercent()).isEqualTo(81.5);
        assertThat(request.signals().lowVoltageBatteryVolts()).isEqualTo(12.6);
        assertThat(request.signals().lowVoltageSystemState()).isEqualTo(LowVoltageSystemState.OFF);
        assertThat(request.signals().parkLockEngaged()).isTrue();
        assertThat(request.signals().speedKmh()).isZero();
        assertThat(request.connectivity()).isEqualTo(Connectivity.WIFI);
        assertThat(request.ownerConsent()).isTrue();
        assertThat(request.ecus()).extracting(EcuVersion::serial).containsExactly("BMS-0001", "IVI-0001");
        assertThat(request.ecus().get(0).installedVersion()).isEqualTo("2.3.1");
    }

    @Test
    void checkinRequestIgnoresUnknownFields() {
        assertThat(read("checkin-request-unknown-fields.json", CheckinRequest.class))
                .isEqualTo(read("checkin-request.json", CheckinRequest.class));
    }

    @Test
    void checkinRequestCarriesEcuSignedVersionReportsThatStillVerifyAfterTheRoundTrip() {
        CheckinRequest request = roundTrip("checkin-request-ecu-reports.json", CheckinRequest.class);
        assertThat(request.ecuReports()).hasSize(1);
        Envelope envelope = Envelope.fromJson(request.ecuReports().get(0));
        EcuVersionReport report = EcuVersionReport.fromSigned(envelope.signed());
        assertThat(report.ecuSerial()).isEqualTo("BMS-0001");
        assertThat(report.filepath()).isEqualTo("bms-2.3.1.bin");
        assertThat(report.length()).isEqualTo(1048576);
        assertThat(report.reportCounter()).isEqualTo(7);
        assertThat(report.nonce()).isEqualTo("n-0123456789abcdef");
        assertThat(report.time()).isEqualTo(Instant.parse("2026-11-27T05:00:00Z"));
        TufKey ecuKey = new TufKey(GOLDEN_ECU_PUBLIC_KEY);
        assertThat(envelope.validSignatures(Map.of(ecuKey.keyId(), ecuKey))).isEqualTo(1);
    }

    @Test
    void checkinRequestWithEcuReportsIgnoresUnknownFields() {
        assertThat(read("checkin-request-ecu-reports-unknown-fields.json", CheckinRequest.class))
                .isEqualTo(read("checkin-request-ecu-reports.json", CheckinRequest.class));
    }

    @Test
    void aCheckinWithoutEcuReportsWritesNone() {
        CheckinRequest request = read("checkin-request.json", CheckinRequest.class);
        assertThat(request.ecuReports()).isEmpty();
        assertThat(DeviceJson.mapper().valueToTree(request).has("ecuReports")).isFalse();
    }

    @Test
    void checkinResponseAsksForFreshEcuReportsWithANonceAndIgnoresUnknownFields() {
        CheckinResponse response = roundTrip("checkin-response-report-nonce.json", CheckinResponse.class);
        assertThat(response.reportNonce()).isEqualTo("n-0123456789abcdef");
        assertThat(read("checkin-response-report-nonce-unknown-fields.json", CheckinResponse.class))
                .isEqualTo(response);
        assertThat(read("checkin-response-idle.json", CheckinResponse.class).reportNonce())
                .isNull();
    }

    @Test
    void checkinResponseRoundTripsWithTheSignedTargetUntouched() {
        CheckinResponse response = roundTrip("checkin-response.json", CheckinResponse.class);
        assertThat(response.pollAfterSeconds()).isEqualTo(317);
        EcuTarget target = response.assignment().ecus().get(0);
        assertThat(target.installType()).isEqualTo(InstallType.AB);
        assertThat(target.length()).isEqualTo(1048576);
        assertThat(target.hashes().sha512()).hasSize(128);
        assertThat(target.releaseCounter()).isEqualTo(42);
        assertThat(target.envelope().signed().get("path").asString()).isEqualTo("bms-2.4.0.bin");
        assertThat(response.commands().get(0).expiresAt()).isEqualTo(Instant.parse("2030-01-02T03:04:05Z"));
        assertThat(response.commands().get(0).parameters()).containsEntry("ecuSerial", "BMS-0001");
    }

    @Test
    void checkinResponseIgnoresUnknownFields() {
        assertThat(read("checkin-response-unknown-fields.json", CheckinResponse.class))
                .isEqualTo(read("checkin-response.json", CheckinResponse.class));
    }

    @Test
    void anAssignmentWithoutAPolicyWritesNone() {
        CheckinResponse response = read("checkin-response.json", CheckinResponse.class);
        assertThat(response.assignment().policy()).isNull();
        assertThat(DeviceJson.mapper().valueToTree(response.assignment()).has("policy"))
                .isFalse();
    }

    @Test
    void aCampaignPolicyRoundTripsInTheAssignment() {
        CheckinResponse response = roundTrip("checkin-response-policy.json", CheckinResponse.class);
        assertThat(response.assignment().policy())
                .isEqualTo(new VehiclePolicy(40.0, 12.2, true, true, 1_000_000L, true));
        assertThat(response.assignment().ecus())
                .isEqualTo(read("checkin-response.json", CheckinResponse.class)
                        .assignment()
                        .ecus());
    }

    @Test
    void aCampaignPolicyIgnoresUnknownFields() {
        assertThat(read("checkin-response-policy-unknown-fields.json", CheckinResponse.class))
                .isEqualTo(read("checkin-response-policy.json", CheckinResponse.class));
    }

    @Test
    void aPartialPolicyWritesOnlyWhatItSetsAndAnEmptyOneIsDropped() {
        VehiclePolicy partial = new VehiclePolicy(null, null, null, true, null, null);
        assertThat(DeviceJson.mapper().valueToTree(partial).propertyNames()).containsExactly("parked");
        Assignment assignment =
                read("checkin-response.json", CheckinResponse.class).assignment();
        Assignment empty = new Assignment(
                "a", "c", assignment.ecus(), false, new VehiclePolicy(null, null, null, null, null, null));
        assertThat(empty.policy()).isNull();
        assertThat(DeviceJson.mapper().valueToTree(empty).has("policy")).isFalse();
    }

    @Test
    void idleCheckinResponseHasNoAssignmentAndWritesNone() {
        CheckinResponse idle = roundTrip("checkin-response-idle.json", CheckinResponse.class);
        assertThat(idle.assignment()).isNull();
        assertThat(DeviceJson.mapper().valueToTree(idle).has("assignment")).isFalse();
    }

    @Test
    void eventBatchRoundTrips() {
        EventBatch batch = roundTrip("event-batch.json", EventBatch.class);
        assertThat(batch.events())
                .extracting(DeviceEvent::type)
                .containsExactly(
                        EventType.DOWNLOAD_PROGRESS,
                        EventType.INSTALL_DEFERRED,
                        EventType.INSTALL_FAILED,
                        EventType.COMMAND_RESULT);
        assertThat(batch.events().get(0).progress()).isEqualTo(50);
        assertThat(batch.events().get(3).commandId()).isEqualTo("cmd-1");
    }

    @Test
    void eventBatchIgnoresUnknownFields() {
        assertThat(read("event-batch-unknown-fields.json", EventBatch.class))
                .isEqualTo(read("event-batch.json", EventBatch.class));
    }

    @Test
    void unknownEventTypeReadsAsUnknownInsteadOfFailing() {
        DeviceEvent event =
                read("event-batch-unknown-type.json", EventBatch.class).events().get(0);
        assertThat(event.type()).isEqualTo(EventType.UNKNOWN);
        assertThat(event.seq()).isEqualTo(21);
        assertThat(event.detail()).isEqualTo("pack 2");
    }

    @Test
    void eventsAckRoundTripsAndIgnoresUnknownFields() {
        assertThat(roundTrip("events-ack.json", EventsAck.class).ackedThroughSeq())
                .isEqualTo(20);
        assertThat(read("events-ack-unknown-fields.json", EventsAck.class)).isEqualTo(new EventsAck(20));
    }

    @Test
    void eventsAckWithRefusedEventsRoundTripsAndIgnoresUnknownFields() {
        EventsAck ack = roundTrip("events-ack-refused.json", EventsAck.class);
        assertThat(ack.ackedThroughSeq()).isEqualTo(20);
        assertThat(ack.refused())
                .extracting(EventRefusal::seq, EventRefusal::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(18L, EventRefusal.UNKNOWN_TYPE),
                        org.assertj.core.groups.Tuple.tuple(19L, EventRefusal.INVALID));
        assertThat(read("events-ack-refused-unknown-fields.json", EventsAck.class))
                .isEqualTo(ack);
    }

    @Test
    void anAckThatRefusesNothingWritesNoRefusedListAndAnOlderAgentReadsOneThatDoes() {
        assertThat(DeviceJson.mapper().valueToTree(new EventsAck(20)).has("refused"))
                .isFalse();
        assertThat(read("events-ack.json", EventsAck.class).refused()).isEmpty();
        // What an agent built before refusals existed reads: only the acknowledgement, which passes the refused seqs.
        assertThat(read("events-ack-refused.json", AckBeforeRefusals.class)).isEqualTo(new AckBeforeRefusals(20));
    }

    @Test
    void enrolmentRequestRoundTripsIgnoresUnknownFieldsAndNeverPrintsTheSecret() {
        EnrolmentRequest request = roundTrip("enrolment-request.json", EnrolmentRequest.class);
        assertThat(request.vin()).isEqualTo("WP0ZZZ99ZTS392124");
        assertThat(read("enrolment-request-unknown-fields.json", EnrolmentRequest.class))
                .isEqualTo(request);
        assertThat(request.toString()).doesNotContain(request.enrolmentSecret());
    }

    @Test
    void enrolmentResponseRoundTripsIgnoresUnknownFieldsAndNeverPrintsTheToken() {
        EnrolmentResponse response = roundTrip("enrolment-response.json", EnrolmentResponse.class);
        assertThat(response.token()).startsWith("pwv_");
        assertThat(read("enrolment-response-unknown-fields.json", EnrolmentResponse.class))
                .isEqualTo(response);
        assertThat(response.toString()).doesNotContain(response.token());
    }

    @Test
    void unknownEnumCodesReadAsTheConservativeValue() {
        String json = """
                {"signals": {"Vehicle.LowVoltageSystemState": "HYPERDRIVE"}, "connectivity": "SATELLITE",
                 "ownerConsent": false}""";
        CheckinRequest request = DeviceJson.read(json, CheckinRequest.class);
        assertThat(request.signals().lowVoltageSystemState()).isEqualTo(LowVoltageSystemState.UNDEFINED);
        assertThat(request.connectivity()).isEqualTo(Connectivity.NONE);
        assertThat(request.signals().speedKmh()).isNull();
        assertThat(DeviceJson.read("{\"installType\":\"DELTA\"}", Probe.class).installType())
                .isEqualTo(InstallType.IN_PLACE);
    }

    /** The public half of the fixed test key (seed 01..20) that signed the golden ECU report. */
    static final String GOLDEN_ECU_PUBLIC_KEY = "79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664";

    record Probe(InstallType installType) {}

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record AckBeforeRefusals(long ackedThroughSeq) {}

    private static <T> T roundTrip(String file, Class<T> type) {
        byte[] golden = golden(file);
        T value = DeviceJson.read(golden, type);
        JsonNode written = DeviceJson.mapper().readTree(DeviceJson.write(value));
        assertThat(written).isEqualTo(DeviceJson.mapper().readTree(golden));
        return value;
    }

    private static <T> T read(String file, Class<T> type) {
        return DeviceJson.read(golden(file), type);
    }

    private static byte[] golden(String file) {
        try (InputStream in = GoldenJsonTests.class.getResourceAsStream("/golden/" + file)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("golden file missing: " + file, e);
        }
    }
}
