package io.pitwall.server.campaign.persistence;

import io.pitwall.server.campaign.delivery.AssignmentLifecycle.State;
import java.util.Set;
import java.util.stream.Collectors;

/** A set of assignment states as an SQL list, {@code ('PENDING', 'DELIVERED')}, in the states' order. */
final class StatusList {

    private StatusList() {}

    static String of(Set<State> states) {
        if (states.isEmpty()) {
            throw new IllegalArgumentException("An SQL status list needs at least one state");
        }
        return states.stream().sorted().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    }
}
