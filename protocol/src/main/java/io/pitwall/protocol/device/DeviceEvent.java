package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * One reported event. {@code seq} is assigned by the vehicle, strictly increasing and never reused, so
 * the server stores each (vehicle, seq) once however often it is resent. Optional fields are
 * {@code null} when they do not apply.
 *
 * @param progress percent 0–100, for DOWNLOAD_PROGRESS
 * @param commandId the answered command, for COMMAND_RESULT
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceEvent(
        long seq,
        EventType type,
        Instant occurredAt,
        String assignmentId,
        String ecuSerial,
        String code,
        String detail,
        Integer progress,
        String commandId) {

    public DeviceEvent {
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1");
        }
        if (type == null || occurredAt == null) {
            throw new IllegalArgumentException("type and occurredAt are required");
        }
        if (progress != null && (progress < 0 || progress > 100)) {
            throw new IllegalArgumentException("progress is a percentage");
        }
    }

    /** This event under another sequence number. */
    public DeviceEvent withSeq(long newSeq) {
        return new DeviceEvent(newSeq, type, occurredAt, assignmentId, ecuSerial, code, detail, progress, commandId);
    }
}
