package io.pitwall.server.commands.web;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.access.Permission;
import io.pitwall.server.commands.DiagnosticCommand;
import io.pitwall.server.privacy.DataClass;
import io.pitwall.server.privacy.SignalRedaction;
import java.util.Set;

/**
 * A command's result shows location signals only to operators holding {@link Permission#LOCATION_READ}: everyone
 * else gets the result detail without its {@code Vehicle.CurrentLocation.*} signals.
 */
final class ResultVisibility {

    private static final SignalRedaction LOCATION = new SignalRedaction(Set.of(DataClass.LOCATION));

    private ResultVisibility() {}

    static DiagnosticCommand visible(DiagnosticCommand c) {
        if (c.resultDetail() == null || allowed() || !LOCATION.has(c.resultDetail())) {
            return c;
        }
        return new DiagnosticCommand(
                c.id(),
                c.vin(),
                c.type(),
                c.ecuSerial(),
                c.parameters(),
                c.reason(),
                c.status(),
                c.requestedBy(),
                c.approvedBy(),
                c.createdAt(),
                c.expiresAt(),
                c.deliveredAt(),
                c.completedAt(),
                c.resultCode(),
                LOCATION.strip(c.resultDetail()),
                c.version());
    }

    private static boolean allowed() {
        return CurrentOperator.get().map(o -> o.has(Permission.LOCATION_READ)).orElse(false);
    }
}
