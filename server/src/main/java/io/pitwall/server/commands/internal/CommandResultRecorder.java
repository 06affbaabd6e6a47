package io.pitwall.server.commands.internal;

import io.pitwall.protocol.device.EventType;
import io.pitwall.server.commands.RemoteCommands;
import io.pitwall.server.telemetry.RecordedEvent;
import io.pitwall.server.telemetry.VehicleEventsRecorded;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Ends commands with the vehicles' COMMAND_RESULT events, in the ingesting transaction. A result naming an
 * unknown command, another vehicle's command or one already ended changes nothing (the event itself stays
 * stored, as every event does).
 */
@Component
class CommandResultRecorder {

    private final RemoteCommands commands;

    CommandResultRecorder(RemoteCommands commands) {
        this.commands = commands;
    }

    @EventListener
    void on(VehicleEventsRecorded recorded) {
        for (RecordedEvent r : recorded.events()) {
            if (r.event().type() == EventType.COMMAND_RESULT && r.event().commandId() != null) {
                commands.answered(
                        recorded.vin(),
                        r.event().commandId(),
                        r.event().code(),
                        r.event().detail());
            }
        }
    }
}
