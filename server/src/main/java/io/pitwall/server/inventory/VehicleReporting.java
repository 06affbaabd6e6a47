package io.pitwall.server.inventory;

import io.pitwall.protocol.device.CheckinRequest;
import io.pitwall.protocol.device.DeviceJson;
import io.pitwall.server.inventory.persistence.VehicleReports;
import io.pitwall.server.shared.Secrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Records what a vehicle reports at check-in beside the expected inventory (never over it). An unchanged
 * report costs one read and no transaction; the last-seen time is refreshed at most once a minute, in a
 * transaction that does not wait for the disk (a lost refresh is written again by the next check-in); a
 * changed report is replaced in one transaction.
 */
@Service
public class VehicleReporting {

    private static final long TOUCH_MIN_SECONDS = 60;
    private final VehicleReports reports;
    private final TransactionOperations transactions;
    private final Clock clock;

    VehicleReporting(VehicleReports reports, TransactionOperations transactions, Clock clock) {
        this.reports = reports;
        this.transactions = transactions;
        this.clock = clock;
    }

    public void record(String vin, CheckinRequest checkin) {
        String signals = new String(DeviceJson.write(checkin.signals() == null ? "{}" : checkin.signals()),
                StandardCharsets.UTF_8);
        String ecus = new String(DeviceJson.write(checkin.ecus()), StandardCharsets.UTF_8);
        String hash = Secrets.sha256Hex(signals + "|" + checkin.connectivity() + "|" + checkin.ownerConsent() + "|"
                + ecus);
        OffsetDateTime now = OffsetDateTime.now(clock);
        var seen = reports.seen(vin);
        if (seen.isPresent() && seen.get().stateHash().equals(hash)) {
            if (seen.get().lastSeenAt().plus(touchEvery(vin)).isBefore(now)) {
                transactions.executeWithoutResult(status -> reports.touch(vin, now));
            }
            return;
        }
        transactions.executeWithoutResult(status -> reports.replace(vin, signals, checkin.connectivity().name(),
                checkin.ownerConsent(), hash, checkin.ecus(), now));
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
