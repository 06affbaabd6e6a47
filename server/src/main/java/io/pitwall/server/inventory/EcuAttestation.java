package io.pitwall.server.inventory;

import io.pitwall.protocol.device.EcuVersionReport;
import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.server.inventory.persistence.EcuKeyStore;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Checks ECU-signed version reports against the ECUs' registered keys. A report that does not verify,
 * repeats an accepted counter, carries a stale nonce or names an ECU without a key is not taken as the
 * truth about that ECU: an attack indicator is recorded on the vehicle and audited instead. The check-in
 * carrying it still succeeds, so one bad ECU cannot cut a vehicle off from its updates.
 */
@Component
class EcuAttestation {

    /** A report read from its envelope. */
    record Received(Envelope envelope, EcuVersionReport report) {}

    static final String CODE = "invalid-ecu-report";
    static final int MAX_REPORTS = 200;
    private final EcuKeyStore keys;
    private final ApplicationEventPublisher events;

    EcuAttestation(EcuKeyStore keys, ApplicationEventPublisher events) {
        this.keys = keys;
        this.events = events;
    }

    /** Reads the envelopes; a malformed one or an ECU reported twice is bad input (400), nothing written. */
    static List<Received> read(List<JsonNode> envelopes) {
        if (envelopes.size() > MAX_REPORTS) {
            throw ApiException.badRequest(CODE, "At most " + MAX_REPORTS + " ECU reports per check-in");
        }
        List<Received> received = new ArrayList<>(envelopes.size());
        Set<String> serials = new HashSet<>();
        for (JsonNode node : envelopes) {
            try {
                Envelope envelope = Envelope.fromJson(node);
                EcuVersionReport report = EcuVersionReport.fromSigned(envelope.signed());
                if (report.ecuSerial().length() > 64 || report.filepath().length() > 255) {
                    throw new IllegalArgumentException("ecu_serial or filepath too long");
                }
                if (!serials.add(report.ecuSerial())) {
                    throw new IllegalArgumentException("ECU '" + report.ecuSerial() + "' reported twice");
                }
                received.add(new Received(envelope, report));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(CODE, "Malformed ECU version report: " + e.getMessage());
            }
        }
        return received;
    }

    /**
     * Verifies the reports in the caller's transaction (which holds the vehicle's report row): accepted ones
     * become the ECUs' attested state, the others indicators. Answers how many were accepted.
     */
    int verify(String vin, List<Received> received, String askedNonce, OffsetDateTime now) {
        Map<String, RegisteredEcuKey> registered =
                keys.keys(vin).stream().collect(Collectors.toMap(RegisteredEcuKey::serial, Function.identity()));
        int accepted = 0;
        for (Received r : received) {
            EcuVersionReport report = r.report();
            RegisteredEcuKey key = registered.get(report.ecuSerial());
            if (key == null) {
                flag(vin, report.ecuSerial(), AttackKind.UNKNOWN_ECU, "no key is registered for this ECU", now);
                continue;
            }
            TufKey ecuKey = new TufKey(key.publicKey());
            if (r.envelope().validSignatures(Map.of(ecuKey.keyId(), ecuKey)) == 0) {
                flag(
                        vin,
                        report.ecuSerial(),
                        AttackKind.FORGED_REPORT,
                        "signature does not verify with the ECU key " + ecuKey.keyId(),
                        now);
            } else if (key.lastCounter() != null && report.reportCounter() <= key.lastCounter()) {
                flag(
                        vin,
                        report.ecuSerial(),
                        AttackKind.REPLAYED_REPORT,
                        "report_counter " + report.reportCounter() + " is not above the last accepted "
                                + key.lastCounter(),
                        now);
            } else if (askedNonce != null && report.nonce() != null && !askedNonce.equals(report.nonce())) {
                flag(vin, report.ecuSerial(), AttackKind.REPLAYED_REPORT, "nonce is not the one asked for", now);
            } else {
                keys.accepted(vin, report, now);
                accepted++;
            }
        }
        return accepted;
    }

    private void flag(String vin, String serial, AttackKind kind, String detail, OffsetDateTime now) {
        keys.indicator(vin, serial, kind, detail, now);
        events.publishEvent(Audited.succeeded(
                "inventory.attack-indicator",
                "vehicle:" + vin,
                Map.of("principal", "vehicle:" + vin, "kind", kind.name(), "ecu", serial, "detail", detail)));
    }
}
