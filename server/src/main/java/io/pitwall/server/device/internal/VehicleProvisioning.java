package io.pitwall.server.device.internal;

import io.pitwall.server.device.persistence.VehicleCredentials;
import io.pitwall.server.inventory.KnownVehicles;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import io.pitwall.server.shared.Secrets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues vehicle credentials (a new one revokes the vehicle's previous ones: rotation), revokes them,
 * and blocks or unblocks vehicles on the device API. Each change takes effect on this node when it
 * commits, and on other nodes within the {@link CredentialCache} time to live.
 */
@Service
public class VehicleProvisioning {

    /** A credential just issued; the secret exists only in this answer. */
    public record IssuedCredential(String vin, String token) {}

    public static final int MAX_BULK = 10_000;
    private final VehicleCredentials credentials;
    private final KnownVehicles vehicles;
    private final ApplicationEventPublisher events;
    private final CredentialCache cache;
    private final Clock clock;

    VehicleProvisioning(
            VehicleCredentials credentials,
            KnownVehicles vehicles,
            ApplicationEventPublisher events,
            CredentialCache cache,
            Clock clock) {
        this.credentials = credentials;
        this.cache = cache;
        this.vehicles = vehicles;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public IssuedCredential issue(String vin) {
        requireVehicle(vin);
        IssuedCredential issued = issueUnchecked(vin);
        cache.invalidate(Set.of(vin));
        events.publishEvent(Audited.succeeded("device.credential.issue", "vehicle:" + vin, Map.of()));
        return issued;
    }

    /** Issues credentials for many vehicles at once; all VINs must exist, or none is issued. */
    @Transactional
    public List<IssuedCredential> issueAll(List<String> vins) {
        if (vins == null || vins.isEmpty() || vins.size() > MAX_BULK) {
            throw ApiException.unprocessable("invalid-vin-list", "Give between 1 and " + MAX_BULK + " VINs");
        }
        var unique = new LinkedHashSet<>(vins);
        for (String vin : unique) {
            requireVehicle(vin);
        }
        List<IssuedCredential> issued = new ArrayList<>(unique.size());
        for (String vin : unique) {
            issued.add(issueUnchecked(vin));
        }
        cache.invalidate(unique);
        events.publishEvent(
                Audited.succeeded("device.credential.issue-bulk", "vehicles", Map.of("count", issued.size())));
        return issued;
    }

    @Transactional
    public void revoke(String vin) {
        requireVehicle(vin);
        int revoked = credentials.revokeAll(vin, OffsetDateTime.now(clock));
        cache.invalidate(Set.of(vin));
        events.publishEvent(
                Audited.succeeded("device.credential.revoke", "vehicle:" + vin, Map.of("revoked", revoked)));
    }

    @Transactional
    public void block(String vin, String reason) {
        requireVehicle(vin);
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw ApiException.unprocessable("reason-required", "Blocking a vehicle needs a reason (1-500 characters)");
        }
        credentials.setBlocked(vin, true, reason, OffsetDateTime.now(clock));
        cache.invalidate(Set.of(vin));
        events.publishEvent(Audited.succeeded("device.block", "vehicle:" + vin, Map.of("reason", reason)));
    }

    @Transactional
    public void unblock(String vin) {
        requireVehicle(vin);
        credentials.setBlocked(vin, false, null, OffsetDateTime.now(clock));
        cache.invalidate(Set.of(vin));
        events.publishEvent(Audited.succeeded("device.unblock", "vehicle:" + vin, Map.of()));
    }

    /**
     * The first credential of a vehicle that enrolled itself ({@link VehicleEnrolment}): refused when the
     * vehicle is blocked or already has an active credential, also one issued at this very moment.
     */
    @Transactional
    IssuedCredential enrol(String vin) {
        if (credentials.isBlocked(vin)) {
            throw new ApiException(401, "vehicle-blocked", "This vehicle is blocked");
        }
        if (credentials.activeCount(vin) > 0) {
            throw alreadyEnrolled();
        }
        IssuedCredential issued = issueUnchecked(vin, VehicleProvisioning::alreadyEnrolled);
        events.publishEvent(Audited.succeeded("device.enrol", "vehicle:" + vin, Map.of("principal", "vehicle:" + vin)));
        return issued;
    }

    private IssuedCredential issueUnchecked(String vin) {
        return issueUnchecked(
                vin,
                () -> ApiException.conflict(
                        "credential-conflict",
                        "Another credential for this vehicle was issued at the same moment; retry"));
    }

    /** Revokes the active credential and issues a new one; the database refuses a second active one. */
    private IssuedCredential issueUnchecked(String vin, Supplier<ApiException> concurrentlyIssued) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        credentials.revokeAll(vin, now);
        String token = Secrets.newToken("pwv_");
        try {
            credentials.insert(vin, Secrets.sha256Hex(token), now);
        } catch (DuplicateKeyException e) {
            throw concurrentlyIssued.get();
        }
        return new IssuedCredential(vin, token);
    }

    private static ApiException alreadyEnrolled() {
        return ApiException.conflict("already-enrolled", "This vehicle already has an active credential");
    }

    private void requireVehicle(String vin) {
        if (!vehicles.exists(vin)) {
            throw ApiException.notFound("vehicle-not-found", "No vehicle with VIN '" + vin + "'");
        }
    }
}
