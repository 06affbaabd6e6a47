package io.pitwall.server.commands.web;

import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.commands.DiagnosticCommand;
import io.pitwall.server.commands.RemoteCommands;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Remote diagnostic commands: request, second approval, cancel, and what became of them (a result's location
 * signals only with {@code location:read}).
 */
@RestController
class CommandController {

    record CommandBody(
            @Schema(maxLength = 20) String type,
            @Schema(maxLength = 64) String ecuSerial,

            @Schema(
                    description = "at most 20, names of 1-64 characters, 2000 characters as JSON",
                    additionalPropertiesSchema = ParameterValue.class)
            Map<String, String> parameters,

            @Schema(maxLength = 500) String reason,
            Long ttlSeconds) {}

    /** A parameter's value in the API document (checked by {@link RemoteCommands}). */
    @Schema(type = "string", maxLength = 500)
    interface ParameterValue {}

    record CommentBody(@Schema(maxLength = 500) String comment) {}

    record CommandList(List<DiagnosticCommand> items) {}

    private final RemoteCommands commands;

    CommandController(RemoteCommands commands) {
        this.commands = commands;
    }

    @PostMapping("/api/v1/vehicles/{vin}/commands")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(Permission.DIAGNOSTICS_COMMAND)
    DiagnosticCommand request(@PathVariable String vin, @RequestBody CommandBody body) {
        return commands.request(
                vin,
                new RemoteCommands.Request(
                        body.type(),
                        body.ecuSerial(),
                        body.parameters(),
                        body.reason(),
                        body.ttlSeconds() == null ? null : Duration.ofSeconds(body.ttlSeconds())));
    }

    @GetMapping("/api/v1/vehicles/{vin}/commands")
    @RequiresPermission(Permission.DIAGNOSTICS_READ)
    CommandList ofVehicle(@PathVariable String vin) {
        return new CommandList(
                commands.ofVehicle(vin).stream().map(ResultVisibility::visible).toList());
    }

    @GetMapping("/api/v1/commands/{id}")
    @RequiresPermission(Permission.DIAGNOSTICS_READ)
    DiagnosticCommand get(@PathVariable String id) {
        return ResultVisibility.visible(commands.get(id));
    }

    @PostMapping("/api/v1/commands/{id}/approve")
    @RequiresPermission(Permission.DIAGNOSTICS_COMMAND)
    DiagnosticCommand approve(@PathVariable String id, @RequestBody CommentBody body) {
        return ResultVisibility.visible(commands.approve(id, body.comment()));
    }

    @PostMapping("/api/v1/commands/{id}/cancel")
    @RequiresPermission(Permission.DIAGNOSTICS_COMMAND)
    DiagnosticCommand cancel(@PathVariable String id, @RequestBody CommentBody body) {
        return ResultVisibility.visible(commands.cancel(id, body.comment()));
    }
}
