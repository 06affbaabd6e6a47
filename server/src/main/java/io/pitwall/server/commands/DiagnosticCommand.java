package io.pitwall.server.commands;

import java.time.Instant;
import java.util.Map;

/**
 * A remote diagnostic command as stored. {@code approvedBy} is set only for commands that needed a second
 * approver; {@code resultCode}/{@code resultDetail} are the vehicle's answer, verbatim.
 */
public record DiagnosticCommand(
        String id,
        String vin,
        CommandType type,
        String ecuSerial,
        Map<String, String> parameters,
        String reason,
        CommandStatus status,
        String requestedBy,
        String approvedBy,
        Instant createdAt,
        Instant expiresAt,
        Instant deliveredAt,
        Instant completedAt,
        String resultCode,
        String resultDetail,
        int version) {

    public DiagnosticCommand {
        parameters = Map.copyOf(parameters);
    }
}
