package io.pitwall.server.campaign;

import io.pitwall.protocol.device.Assignment;
import io.pitwall.protocol.device.DeviceJson;
import io.pitwall.protocol.device.DevicePaths;
import io.pitwall.protocol.device.EcuTarget;
import io.pitwall.protocol.device.Hashes;
import io.pitwall.protocol.device.InstallType;
import io.pitwall.protocol.device.VehiclePolicy;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.State;
import io.pitwall.server.campaign.delivery.CampaignSchedule;
import io.pitwall.server.campaign.delivery.CampaignSchedule.Deferral;
import io.pitwall.server.campaign.delivery.MaintenanceWindow;
import io.pitwall.server.campaign.delivery.ReleaseImage;
import io.pitwall.server.campaign.delivery.RolloutRate;
import io.pitwall.server.campaign.delivery.VehicleStatePolicy;
import io.pitwall.server.campaign.persistence.Assignments;
import io.pitwall.server.campaign.persistence.Campaigns;
import io.pitwall.server.campaign.persistence.DeliveryRates;
import io.pitwall.server.inventory.VehicleFacts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * What a vehicle is told at check-in: its active assignment, as the device contract's {@link Assignment}.
 * A pending assignment of a running campaign becomes DELIVERED the first time it is handed out, if the
 * campaign's {@link CampaignSchedule} allows it now (start/end time, a maintenance window open in the
 * vehicle's time zone, the rollout rate); otherwise the vehicle is deferred (reason stored) and told when
 * to come back. One of a paused campaign is held back until it resumes, unless the vehicle already has
 * it. A vehicle with nothing to do costs one read and no transaction; handing out a pending assignment
 * locks it first, so a cancel racing the check-in either withdraws it before or finds it delivered. A
 * cancelled assignment is no longer in the answer: that absence is how the agent learns of the cancel (it
 * drops an assignment it has not begun installing). A rollback campaign's assignment is marked as an
 * authorized rollback. The campaign's {@link VehicleStatePolicy} is applied in two places: allowed regions and
 * required consent here, before a pending assignment is delivered (otherwise deferred, reason stored, until a
 * later check-in meets them); the battery, ignition, parked, Wi-Fi and consent rules travel with every answer
 * as the assignment's {@code policy}, which the agent enforces at download and install.
 */
@Service
public class AssignmentDelivery {

    /** The answer for one check-in: the assignment, or how many seconds until one could be offered. */
    public record Offer(Optional<Assignment> assignment, OptionalLong waitSeconds) {

        static final Offer NONE = new Offer(Optional.empty(), OptionalLong.empty());

        static Offer of(Optional<Assignment> assignment) {
            return new Offer(assignment, OptionalLong.empty());
        }
    }

    private final Assignments assignments;
    private final DeliveryRates rates;
    private final Campaigns campaigns;
    private final VehicleFacts vehicles;
    private final TransactionOperations transactions;
    private final Clock clock;

    AssignmentDelivery(
            Assignments assignments,
            DeliveryRates rates,
            Campaigns campaigns,
            VehicleFacts vehicles,
            TransactionOperations transactions,
            Clock clock) {
        this.assignments = assignments;
        this.rates = rates;
        this.campaigns = campaigns;
        this.vehicles = vehicles;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Optional<Assignment> forVehicle(String vin) {
        return offer(vin).assignment();
    }

    /** The vehicle's assignment, delivering a pending one when its campaign's schedule allows it now. */
    public Offer offer(String vin) {
        var found = assignments.activeFor(vin);
        if (found.isEmpty()) {
            return Offer.NONE;
        }
        var active = found.get();
        CampaignSchedule schedule =
                active.scheduleJson() == null ? null : campaigns.readSchedule(active.scheduleJson());
        VehiclePolicy policy = devicePolicy(schedule);
        if (active.status() != State.PENDING) {
            return Offer.of(assignment(
                    vin,
                    active.id(),
                    active.attempt(),
                    active.campaignId(),
                    assignments.ecus(active.id()),
                    active.rollback(),
                    policy));
        }
        if (!CampaignStatus.RUNNING.name().equals(active.campaignStatus())) {
            return Offer.NONE;
        }
        Instant now = clock.instant();
        if (schedule != null) {
            ZoneId zone = schedule.maintenanceWindows().isEmpty()
                    ? null
                    : vehicles.timeZone(vin).flatMap(MaintenanceWindow::zone).orElse(null);
            Optional<Deferral> deferral =
                    schedule.deferralAt(now, zone).or(() -> vehicleDeferral(vin, schedule.vehicleState()));
            if (deferral.isPresent()) {
                return defer(active.id(), active.deferredReason(), deferral.get(), now);
            }
        }
        return transactions.execute(status -> deliver(vin, active, schedule, policy, now));
    }

    /** Allowed regions and required consent, checked by the server (not foreseeable: no time to come back). */
    private Optional<Deferral> vehicleDeferral(String vin, VehicleStatePolicy state) {
        if (state == null || (state.allowedRegions().isEmpty() && !state.requiresConsent())) {
            return Optional.empty();
        }
        var vehicle = vehicles.regionAndConsent(vin).orElse(new VehicleFacts.RegionConsent(null, false));
        if (!state.allowsRegion(vehicle.region())) {
            return Optional.of(new Deferral(Deferral.REGION_NOT_ALLOWED, null));
        }
        if (state.requiresConsent() && !vehicle.consent()) {
            return Optional.of(new Deferral(Deferral.NO_CONSENT, null));
        }
        return Optional.empty();
    }

    private static VehiclePolicy devicePolicy(CampaignSchedule schedule) {
        return schedule == null || schedule.vehicleState() == null
                ? null
                : schedule.vehicleState().toDevice();
    }

    private Offer deliver(
            String vin, Assignments.Active active, CampaignSchedule schedule, VehiclePolicy policy, Instant now) {
        long id = active.id();
        var locked = assignments.lock(id, vin);
        if (locked.isEmpty() || locked.get().status().isTerminal()) {
            return Offer.NONE;
        }
        List<Assignments.EcuPart> ecus = assignments.ecus(id);
        if (locked.get().status() != State.PENDING) {
            return Offer.of(assignment(
                    vin, id, locked.get().attempt(), locked.get().campaignId(), ecus, active.rollback(), policy));
        }
        if (schedule != null && schedule.rolloutRate() != null) {
            Optional<Deferral> limited = rateLimit(active.campaignId(), schedule.rolloutRate(), now);
            if (limited.isPresent()) {
                return defer(id, active.deferredReason(), limited.get(), now);
            }
        }
        List<Assignments.EcuPart> delivered = new ArrayList<>(ecus.size());
        for (Assignments.EcuPart ecu : ecus) {
            if (ecu.status() == State.PENDING) {
                if (!assignments.updateEcu(id, ecu.ecuSerial(), State.PENDING, State.DELIVERED, null)) {
                    throw new OptimisticLockingFailureException(
                            "ECU part " + ecu.ecuSerial() + " changed concurrently");
                }
                ecu = new Assignments.EcuPart(ecu.ecuSerial(), State.DELIVERED, ecu.failureCode(), ecu.image());
            }
            delivered.add(ecu);
        }
        assignments.delivered(id, locked.get().version(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        return Offer.of(assignment(
                vin, id, locked.get().attempt(), locked.get().campaignId(), delivered, active.rollback(), policy));
    }

    /**
     * Whether the campaign already delivered as many assignments in the last minute as its rate allows now.
     * Deliveries of the campaign are serialised from here to the commit, on every node.
     */
    private Optional<Deferral> rateLimit(long campaignId, RolloutRate rate, Instant now) {
        rates.lockCampaignDeliveries(campaignId);
        OffsetDateTime minuteAgo = OffsetDateTime.ofInstant(now.minus(Duration.ofMinutes(1)), ZoneOffset.UTC);
        var recent = rates.deliveredSince(campaignId, minuteAgo);
        long limit = rate.maximumPerMinute();
        if (rate.baseRatePerMinute() != null && recent.count() >= rate.baseRatePerMinute()) {
            long[] progress = rates.notifiedAndSucceeded(campaignId);
            limit = rate.perMinute(progress[0], progress[1]);
        } else if (rate.baseRatePerMinute() != null) {
            limit = rate.baseRatePerMinute();
        }
        if (recent.count() < limit) {
            return Optional.empty();
        }
        Instant freed = recent.earliest().toInstant().plus(Duration.ofMinutes(1));
        return Optional.of(new Deferral(Deferral.ROLLOUT_RATE, freed));
    }

    private Offer defer(long id, String storedReason, Deferral deferral, Instant now) {
        if (!Objects.equals(storedReason, deferral.reason())) {
            assignments.deferred(
                    id,
                    deferral.reason(),
                    deferral.notBefore() == null
                            ? null
                            : OffsetDateTime.ofInstant(deferral.notBefore(), ZoneOffset.UTC));
        }
        if (deferral.notBefore() == null) {
            return Offer.NONE;
        }
        long seconds = Math.max(1, Duration.between(now, deferral.notBefore()).toSeconds() + 1);
        return new Offer(Optional.empty(), OptionalLong.of(seconds));
    }

    /** Whether an assignment of this vehicle sends the image, so the vehicle may download it. */
    public boolean assigns(String vin, String sha256) {
        return assignments.assigns(vin, sha256);
    }

    /**
     * The id a vehicle sees for an attempt: the assignment id for the first, {@code id.attempt} after, so a
     * retry is a new id to the vehicle (which never restarts an id it finished) and late reports of an
     * earlier attempt can be told apart.
     */
    public static String deviceId(long id, int attempt) {
        return attempt <= 1 ? Long.toString(id) : id + "." + attempt;
    }

    /**
     * {@code rollback}: the assignment is a rollback campaign's, the one the agent lets lower a counter;
     * {@code policy}: the campaign's vehicle-state rules for the agent (null: none).
     */
    private static Optional<Assignment> assignment(
            String vin,
            long id,
            int attempt,
            long campaignId,
            List<Assignments.EcuPart> ecus,
            boolean rollback,
            VehiclePolicy policy) {
        List<EcuTarget> targets = ecus.stream()
                .filter(e -> e.status().isActive() || e.status() == State.SUCCEEDED)
                .map(e -> target(vin, e))
                .toList();
        if (targets.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Assignment(deviceId(id, attempt), Long.toString(campaignId), targets, rollback, policy));
    }

    private static EcuTarget target(String vin, Assignments.EcuPart ecu) {
        ReleaseImage image = ecu.image();
        return new EcuTarget(
                ecu.ecuSerial(),
                image.hardwareId(),
                image.targetPath(),
                image.version(),
                DevicePaths.artifact(vin, image.sha256()),
                image.length(),
                new Hashes(image.sha256(), image.sha512()),
                image.releaseCounter(),
                InstallType.valueOf(image.installType()),
                DeviceJson.mapper().readTree(image.signedTarget()));
    }
}
