package io.pitwall.server.campaign.delivery;

import io.pitwall.server.campaign.persistence.AssignedTargets;
import io.pitwall.server.trust.spi.DirectorTarget;
import io.pitwall.server.trust.spi.DirectorTargets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The director's source: each vehicle's active assignment (campaign → trust, like catalog's targets). */
@Component
class DirectorAssignments implements DirectorTargets {

    private final AssignedTargets assigned;

    DirectorAssignments(AssignedTargets assigned) {
        this.assigned = assigned;
    }

    @Override
    public List<String> vehiclesOf(long campaignId, String afterVin, int limit) {
        return assigned.vehiclesOf(campaignId, afterVin, limit);
    }

    @Override
    public Map<String, List<DirectorTarget>> of(Collection<String> vins) {
        return assigned.of(vins);
    }
}
