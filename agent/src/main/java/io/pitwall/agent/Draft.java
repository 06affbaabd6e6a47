package io.pitwall.agent;

import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.protocol.device.EventType;
import java.time.Instant;

/** An event before it has a seq and a time. */
record Draft(
        EventType type,
        String assignmentId,
        String ecuSerial,
        String code,
        String detail,
        Integer progress,
        String commandId) {

    static Draft of(EventType type, String assignmentId, String ecuSerial) {
        return new Draft(type, assignmentId, ecuSerial, null, null, null, null);
    }

    Draft code(String value) {
        return new Draft(type, assignmentId, ecuSerial, value, detail, progress, commandId);
    }

    Draft detail(String value) {
        return new Draft(type, assignmentId, ecuSerial, code, value, progress, commandId);
    }

    Draft progress(int percent) {
        return new Draft(type, assignmentId, ecuSerial, code, detail, percent, commandId);
    }

    Draft command(String id) {
        return new Draft(type, assignmentId, ecuSerial, code, detail, progress, id);
    }

    DeviceEvent at(long seq, Instant occurredAt) {
        return new DeviceEvent(seq, type, occurredAt, assignmentId, ecuSerial, code, detail, progress, commandId);
    }
}
