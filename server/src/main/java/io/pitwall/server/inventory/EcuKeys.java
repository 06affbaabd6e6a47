package io.pitwall.server.inventory;

import io.pitwall.protocol.tuf.Ed25519;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.server.inventory.persistence.EcuKeyStore;
import io.pitwall.server.inventory.persistence.VehicleReports;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Registers ECU identity keys (TUF key objects, Ed25519 only) at provisioning, one per ECU serial of a
 * vehicle, and reads them with what their reports attested and the vehicle's attack indicators. A new key
 * for an ECU starts its report counter afresh; the vehicle's next check-in is asked for fresh reports.
 */
@Service
public class EcuKeys {

    /** One key to register: the ECU (by vehicle and serial) and its TUF key object. */
    public record Registration(String vin, String serial, JsonNode key) {}

    public static final int MAX_BULK = 10_000;
    public static final int MAX_INDICATORS = 200;
    private final EcuKeyStore store;
    private final VehicleReports reports;
    private final KnownVehicles vehicles;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EcuKeys(
            EcuKeyStore store,
            VehicleReports reports,
            KnownVehicles vehicles,
            ApplicationEventPublisher events,
            Clock clock) {
        this.store = store;
        this.reports = reports;
        this.vehicles = vehicles;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public RegisteredEcuKey register(String vin, String serial, JsonNode keyObject) {
        TufKey key = checked(new Registration(vin, serial, keyObject));
        write(vin, serial, key, OffsetDateTime.now(clock));
        events.publishEvent(Audited.succeeded(
                "inventory.ecu-key.register", "ecu:" + vin + "/" + serial, Map.of("keyid", key.keyId())));
        return store.key(vin, serial).orElseThrow();
    }

    /** Registers many keys at once: all are checked first, and one bad entry registers none. */
    @Transactional
    public int registerAll(List<Registration> registrations) {
        if (registrations == null || registrations.isEmpty() || registrations.size() > MAX_BULK) {
            throw ApiException.unprocessable("invalid-ecu-key-list", "Give between 1 and " + MAX_BULK + " keys");
        }
        Set<String> ecus = new HashSet<>();
        List<TufKey> keys = registrations.stream()
                .map(r -> {
                    if (!ecus.add(r.vin() + "/" + r.serial())) {
                        throw ApiException.unprocessable(
                                "invalid-ecu-key-list", "ECU " + r.vin() + "/" + r.serial() + " is listed twice");
                    }
                    return checked(r);
                })
                .toList();
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (int i = 0; i < registrations.size(); i++) {
            write(registrations.get(i).vin(), registrations.get(i).serial(), keys.get(i), now);
        }
        events.publishEvent(
                Audited.succeeded("inventory.ecu-key.register-bulk", "ecus", Map.of("count", registrations.size())));
        return registrations.size();
    }

    @Transactional(readOnly = true)
    public List<RegisteredEcuKey> keys(String vin) {
        requireVehicle(vin);
        return store.keys(vin);
    }

    /** The vehicle's attack indicators, newest first (at most {@link #MAX_INDICATORS}). */
    @Transactional(readOnly = true)
    public List<AttackIndicator> indicators(String vin) {
        requireVehicle(vin);
        return store.indicators(vin, MAX_INDICATORS);
    }

    private void write(String vin, String serial, TufKey key, OffsetDateTime now) {
        try {
            store.register(vin, serial, key.keyId(), key.publicHex(), now);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict(
                    "ecu-key-conflict", "A key for this ECU was registered at the same moment; retry");
        }
        reports.reportsDueNow(vin, now);
    }

    private TufKey checked(Registration r) {
        requireVehicle(r.vin());
        if (r.serial() == null || !store.ecuExists(r.vin(), r.serial())) {
            throw ApiException.notFound("ecu-not-found", "Vehicle '" + r.vin() + "' has no ECU '" + r.serial() + "'");
        }
        try {
            TufKey key = TufKey.fromJson(r.key());
            // The JDK accepts any 32 bytes as a key; refuse what is certainly not one.
            if (key.publicHex().equals("0".repeat(64))) {
                throw new IllegalArgumentException("the all-zero key");
            }
            Ed25519.publicKey(HexFormat.of().parseHex(key.publicHex()));
            return key;
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable(
                    "invalid-ecu-key",
                    "Not an Ed25519 TUF key object (" + e.getMessage()
                            + "): {\"keytype\":\"ed25519\",\"scheme\":\"ed25519\",\"keyval\":{\"public\":HEX64}}");
        }
    }

    private void requireVehicle(String vin) {
        if (vin == null || !vehicles.exists(vin)) {
            throw ApiException.notFound("vehicle-not-found", "No vehicle with VIN '" + vin + "'");
        }
    }
}
