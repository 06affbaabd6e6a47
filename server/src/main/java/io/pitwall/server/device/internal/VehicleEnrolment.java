package io.pitwall.server.device.internal;

import io.pitwall.server.device.internal.VehicleProvisioning.IssuedCredential;
import io.pitwall.server.inventory.KnownVehicles;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Self-enrolment with the fleet enrolment secret ({@code pitwall.device.enrolment-secret}; empty = off,
 * the default): a vehicle the inventory knows, not blocked and without an active credential, gets its
 * first credential, issued and stored exactly as an operator's ({@link VehicleProvisioning}). The secret
 * is compared in constant time; a wrong secret and an unknown VIN are the same refusal (401
 * {@code enrolment-refused}), so the endpoint does not tell which VINs exist. Refusals are audited.
 * A revoked vehicle may enrol again while enrolment is on; blocking is what keeps a vehicle out.
 */
@Service
public class VehicleEnrolment {

    private static final Pattern VIN = Pattern.compile("[A-Z0-9]{17}");
    private final DeviceSettings settings;
    private final KnownVehicles vehicles;
    private final VehicleProvisioning provisioning;
    private final ApplicationEventPublisher events;

    VehicleEnrolment(
            DeviceSettings settings,
            KnownVehicles vehicles,
            VehicleProvisioning provisioning,
            ApplicationEventPublisher events) {
        this.settings = settings;
        this.vehicles = vehicles;
        this.provisioning = provisioning;
        this.events = events;
    }

    /** Refuses with 404 {@code enrolment-disabled} unless self-enrolment is switched on. */
    public void requireEnabled() {
        if (settings.enrolmentSecret().isEmpty()) {
            throw ApiException.notFound("enrolment-disabled", "Self-enrolment is switched off on this server");
        }
    }

    public IssuedCredential enrol(String vin, String enrolmentSecret) {
        requireEnabled();
        if (!MessageDigest.isEqual(digest(enrolmentSecret), digest(settings.enrolmentSecret()))) {
            throw refused(vin, "wrong-secret");
        }
        if (!VIN.matcher(vin).matches() || !vehicles.exists(vin)) {
            throw refused(vin, "unknown-vehicle");
        }
        return provisioning.enrol(vin);
    }

    private ApiException refused(String vin, String reason) {
        String target = VIN.matcher(vin).matches() ? "vehicle:" + vin : "vehicle:?";
        events.publishEvent(Audited.refused("device.enrol", target, Map.of("principal", target, "reason", reason)));
        return new ApiException(401, "enrolment-refused", "Enrolment refused: check the VIN and the enrolment secret");
    }

    /** Hashing first makes the comparison independent of where and whether the lengths differ. */
    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
