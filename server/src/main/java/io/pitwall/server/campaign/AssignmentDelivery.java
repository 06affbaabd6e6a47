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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * What a vehicle is told at check-in: its active assignment, as the device contract's {@link Assignment}.
 * A pending assignment of a running campaign becomes DELIVERED the first time it is handed out; one of a
 * paused campaign is held back until it resumes, unless the vehicle already has it. A vehicle with nothing
 * to do costs one read and no transaction; handing out a pending assignment locks it first, so a cancel
 * racing the check-in either withdraws it before or finds it delivered. A cancelled assignment is no longer
 * in the answer: that absence is how the agent learns of the cancel (it drops an assignment it has not begun
 * installing). A rollback campaign's assignment is marked as an authorized rollback.
 */
@Service
public class AssignmentDelivery {

    private final Assignments assignments;
    private final TransactionOperations transactions;
    private final Clock clock;

    AssignmentDelivery(Assignments assignments, TransactionOperations transactions, Clock clock) {
        this.assignments = assignments;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Optional<Assignment> forVehicle(String vin) {
        var found = assignments.activeFor(vin);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        var active = found.get();
        if (active.status() != State.PENDING) {
            return assignment(vin, active.id(), active.campaignId(), assignments.ecus(active.id()), active.rollback());
        }
        if (!CampaignStatus.RUNNING.name().equals(active.campaignStatus())) {
            return Optional.empty();
        }
        return transactions.execute(status -> deliver(vin, active.id(), active.rollback()));
    }

    private Optional<Assignment> deliver(String vin, long id, boolean rollback) {
        var locked = assignments.lock(id, vin);
        if (locked.isEmpty() || locked.get().status().isTerminal()) {
            return Optional.empty();
        }
        List<Assignments.EcuPart> ecus = assignments.ecus(id);
        if (locked.get().status() != State.PENDING) {
            return assignment(vin, id, locked.get().campaignId(), ecus, rollback);
        }
        List<Assignments.EcuPart> delivered = new ArrayList<>(ecus.size());
        for (Assignments.EcuPart ecu : ecus) {
            if (ecu.status() == State.PENDING) {
                if (!assignments.updateEcu(id, ecu.ecuSerial(), State.PENDING, State.DELIVERED, null)) {
                    throw new OptimisticLockingFailureException("ECU part " + ecu.ecuSerial()
                            + " changed concurrently");
                }
                ecu = new Assignments.EcuPart(ecu.ecuSerial(), State.DELIVERED, ecu.failureCode(), ecu.image());
            }
            delivered.add(ecu);
        }
        assignments.update(id, locked.get().version(), State.DELIVERED, null, null, OffsetDateTime.now(clock));
        return assignment(vin, id, locked.get().campaignId(), delivered, rollback);
    }

    /** Whether an assignment of this vehicle sends the image, so the vehicle may download it. */
    public boolean assigns(String vin, String sha256) {
        return assignments.assigns(vin, sha256);
    }

    /** {@code rollback}: the assignment is a rollback campaign's, the one the agent lets lower a counter. */
    private static Optional<Assignment> assignment(String vin, long id, long campaignId,
            List<Assignments.EcuPart> ecus, boolean rollback) {
        List<EcuTarget> targets = ecus.stream().filter(e -> e.status().isActive() || e.status() == State.SUCCEEDED)
                .map(e -> target(vin, e)).toList();
        if (targets.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Assignment(Long.toString(id), Long.toString(campaignId), targets, rollback));
    }

    private static EcuTarget target(String vin, Assignments.EcuPart ecu) {
        ReleaseImage image = ecu.image();
        return new EcuTarget(ecu.ecuSerial(), image.hardwareId(), image.targetPath(), image.version(),
                DevicePaths.artifact(vin, image.sha256()), image.length(), new Hashes(image.sha256(), image.sha512()),
                image.releaseCounter(), InstallType.valueOf(image.installType()),
                DeviceJson.mapper().readTree(image.signedTarget()));
    }
}
