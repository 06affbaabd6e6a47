package io.pitwall.server.campaign.delivery;

import io.pitwall.server.campaign.delivery.AssignmentLifecycle.Accepted;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.State;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.Trigger;
import io.pitwall.server.campaign.persistence.Assignments;
import java.util.List;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Closes the ECU parts an assignment that just ended left in progress ({@link Trigger#ASSIGNMENT_ENDED}), in the
 * caller's transaction, which holds the assignment's lock: when one part rolls back, fails or times out, the
 * vehicle's other parts do not stay DOWNLOADED inside a finished assignment. The parts' failure code says why
 * ({@code ASSIGNMENT_<state>}); the assignment's derived state does not change (the deciding part stays).
 */
final class OpenParts {

    private OpenParts() {}

    /** Closes the open parts when {@code derived} is terminal; {@code states} (per part, in order) is updated. */
    static void closeIfEnded(
            Assignments assignments,
            long assignmentId,
            List<Assignments.EcuPart> ecus,
            List<State> states,
            State derived) {
        if (!derived.isTerminal()) {
            return;
        }
        for (int i = 0; i < ecus.size(); i++) {
            State current = states.get(i);
            if (AssignmentLifecycle.apply(current, Trigger.ASSIGNMENT_ENDED) instanceof Accepted closed
                    && closed.changed()) {
                String serial = ecus.get(i).ecuSerial();
                if (!assignments.updateEcu(
                        assignmentId, serial, current, closed.next(), "ASSIGNMENT_" + derived.name())) {
                    throw new OptimisticLockingFailureException(
                            "ECU part " + serial + " of assignment " + assignmentId + " changed concurrently");
                }
                states.set(i, closed.next());
            }
        }
    }
}
