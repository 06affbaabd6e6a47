package io.pitwall.server.campaign;

import io.pitwall.protocol.device.Assignment;
import io.pitwall.protocol.device.DevicePaths;
import io.pitwall.protocol.device.DeviceJson;
import io.pitwall.protocol.device.EcuTarget;
import io.pitwall.protocol.device.Hashes;
import io.pitwall.protocol.device.InstallType;
import io.pitwall.server.campaign.AssignmentLifecycle.State;
import io.pitwall.server.campaign.persistence.Assignments;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a vehicle is told at check-in: its active assignment, as the device contract's {@link Assignment}.
 * A pending assignment of a running campaign becomes DELIVERED the first time it is handed out; one of a
 * paused campaign is held back until it resumes, unless the vehicle already has it.
 */
@Service
public class AssignmentDelivery {

    private final Assignments assignments;
    private final Clock clock;

    AssignmentDelivery(Assignments assignments, Clock clock) {
        this.assignments = assignments;
        this.clock = clock;
    }

    @Transactional
    public Optional<Assignment> forVehicle(String vin) {
        var found = assignments.activeFor(vin);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        var active = found.get();
        boolean running = CampaignStatus.RUNNING.name().equals(active.campaignStatus());
        if (active.status() == State.PENDING && !running) {
            return Optional.empty();
        }
        List<Assignments.EcuPart> ecus = assignments.ecus(active.id());
        if (active.status() == State.PENDING) {
            for (Assignments.EcuPart ecu : ecus) {
                if (ecu.status() == State.PENDING) {
                    assignments.updateEcu(active.id(), ecu.ecuSerial(), State.DELIVERED, null);
                }
            }
            assignments.update(active.id(), active.version(), State.DELIVERED, null, null, OffsetDateTime.now(clock));
        }
        List<EcuTarget> targets = ecus.stream().filter(e -> e.status().isActive() || e.status() == State.SUCCEEDED)
                .map(e -> target(vin, e)).toList();
        if (targets.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Assignment(Long.toString(active.id()), Long.toString(active.campaignId()), targets));
    }

    /** Whether an assignment of this vehicle sends the image, so the vehicle may download it. */
    @Transactional(readOnly = true)
    public boolean assigns(String vin, String sha256) {
        return assignments.assigns(vin, sha256);
    }

    private static EcuTarget target(String vin, Assignments.EcuPart ecu) {
        ReleaseImage image = ecu.image();
        return new EcuTarget(ecu.ecuSerial(), image.hardwareId(), image.targetPath(), image.version(),
                DevicePaths.artifact(vin, image.sha256()), image.length(), new Hashes(image.sha256(), image.sha512()),
                image.releaseCounter(), InstallType.valueOf(image.installType()),
                DeviceJson.mapper().readTree(image.signedTarget()));
    }
}
