package io.pitwall.server.inventory;

import io.pitwall.protocol.device.CheckinRequest;
import io.pitwall.protocol.device.DeviceJson;
import io.pitwall.server.inventory.internal.InventorySettings;
import io.pitwall.server.inventory.persistence.EcuKeyStore;
import io.pitwall.server.inventory.persistence.VehicleReports;
import io.pitwall.server.shared.Secrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Records what a vehicle reports at check-in beside the expected inventory (never over it). An unchanged
 * report costs one read and no transaction; the last-seen time is refreshed at most once a minute, in a
 * transaction that does not wait for the disk (a lost refresh is written again by the next check-in); a
 * changed report is replaced in one transaction.
 *
 * <p>ECU-signed version reports ({@link EcuAttestation}) are verified only when the ECU manifest changed or
 * the server asked for them with a nonce; otherwise they are ignored, so an idle check-in never pays for
 * signature checks. The server asks (answers a nonce) when a vehicle with ECU keys first reports, changes
 * its manifest without signed reports, or its last verification round is older than the report interval.
 */
@Service
public class VehicleReporting {

    private static final long TOUCH_MIN_SECONDS = 60;
    private final VehicleReports reports;
    private final EcuKeyStore keys;
    private final EcuAttestation attestation;
    private final TransactionOperations transactions;
    private final Duration reportInterval;
    private final Clock clock;

    VehicleReporting(
            VehicleReports reports,
            EcuKeyStore keys,
            EcuAttestation attestation,
            TransactionOperations transactions,
            InventorySettings settings,
            Clock clock) {
        this.reports = reports;
        this.keys = keys;
        this.attestation = attestation;
        this.transactions = transactions;
        this.reportInterval = settings.ecuReportInterval();
        this.clock = clock;
    }

    /**
     * Records a check-in; answers the nonce the vehicle should sign fresh ECU reports with, if the server
     * wants them. Malformed ECU reports are refused (400 {@code invalid-ecu-report}) before anything is written.
     */
    public Optional<String> record(String vin, CheckinRequest checkin) {
        List<EcuAttestation.Received> received = EcuAttestation.read(checkin.ecuReports());
        String signals = new String(
                DeviceJson.write(checkin.signals() == null ? "{}" : checkin.signals()), StandardCharsets.UTF_8);
        String ecus = new String(DeviceJson.write(checkin.ecus()), StandardCharsets.UTF_8);
        String hash =
                Secrets.sha256Hex(signals + "|" + checkin.connectivity() + "|" + checkin.ownerConsent() + "|" + ecus);
        OffsetDateTime now = OffsetDateTime.now(clock);
        var seen = reports.seen(vin);
        String asked = seen.map(VehicleReports.Seen::reportNonce).orElse(null);
        boolean unchanged = seen.isPresent() && seen.get().stateHash().equals(hash);
        String ecusHash = Secrets.sha256Hex(ecus);
        boolean ecusChanged = seen.isEmpty() || !ecusHash.equals(seen.get().ecusHash());
        boolean verify = !received.isEmpty() && (ecusChanged || asked != null);
        if (unchanged && !verify) {
            return idle(vin, seen.get(), now);
        }
        return Optional.ofNullable(transactions.execute(status -> {
            if (!unchanged) {
                reports.replace(
                        vin,
                        signals,
                        checkin.connectivity().name(),
                        checkin.ownerConsent(),
                        hash,
                        ecusHash,
                        checkin.ecus(),
                        now);
            }
            boolean keyed = seen.isPresent() ? seen.get().reportsDueAt() != null : keys.anyKey(vin);
            if (!keyed) {
                return null;
            }
            if (verify) {
                // This update also locks the report row: two check-ins of one vehicle verify one after the other.
                reports.reportRequest(vin, null, now.plus(reportInterval));
                attestation.verify(vin, received, asked, now);
                return null;
            }
            if (asked == null && (ecusChanged || !seen.get().reportsDueAt().isAfter(now))) {
                return askForReports(
                        vin, seen.map(VehicleReports.Seen::reportsDueAt).orElse(now));
            }
            return asked;
        }));
    }

    /** An unchanged report: at most a last-seen refresh, and a nonce once fresh ECU reports are due. */
    private Optional<String> idle(String vin, VehicleReports.Seen seen, OffsetDateTime now) {
        if (seen.lastSeenAt().plus(touchEvery(vin)).isBefore(now)) {
            transactions.executeWithoutResult(status -> reports.touch(vin, now));
        }
        if (seen.reportNonce() == null
                && seen.reportsDueAt() != null
                && !seen.reportsDueAt().isAfter(now)) {
            return Optional.ofNullable(transactions.execute(status -> askForReports(vin, seen.reportsDueAt())));
        }
        return Optional.ofNullable(seen.reportNonce());
    }

    /** A new nonce, unless a concurrent check-in of the vehicle just set one: then that one (one outstanding at a time). */
    private String askForReports(String vin, OffsetDateTime dueAt) {
        String nonce = Secrets.newToken("n-");
        return reports.askForReports(vin, nonce, dueAt)
                ? nonce
                : reports.reportNonce(vin).orElse(null);
    }

    /** How long a vehicle's last-seen time may lag: 60 to 119 seconds, the same for a VIN every time. */
    public static Duration touchEvery(String vin) {
        return Duration.ofSeconds(TOUCH_MIN_SECONDS + Math.floorMod(vin.hashCode(), TOUCH_MIN_SECONDS));
    }

    @Transactional(readOnly = true)
    public List<EcuDrift> drift(String vin) {
        return reports.drift(vin);
    }
}
