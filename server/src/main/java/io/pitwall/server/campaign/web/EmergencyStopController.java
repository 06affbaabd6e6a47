package io.pitwall.server.campaign.web;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.campaign.governance.EmergencyStop;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** One call that pauses every running campaign; each then needs a fresh approval to resume. */
@RestController
class EmergencyStopController {

    record StopRequest(@Schema(maxLength = 2000) String reason) {}

    record StopResponse(List<Long> paused) {}

    private final EmergencyStop stop;

    EmergencyStopController(EmergencyStop stop) {
        this.stop = stop;
    }

    @PostMapping("/api/v1/campaigns/emergency-stop")
    @RequiresPermission(Permission.EMERGENCY_STOP)
    StopResponse stop(@RequestBody StopRequest request) {
        return new StopResponse(
                stop.stop(request.reason(), CurrentOperator.require().username()));
    }
}
