package io.pitwall.server.commands;

import io.pitwall.protocol.device.Command;
import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.commands.CommandLifecycle.Accepted;
import io.pitwall.server.commands.CommandLifecycle.Rejected;
import io.pitwall.server.commands.CommandLifecycle.Trigger;
import io.pitwall.server.commands.internal.OpenCommandIndex;
import io.pitwall.server.commands.persistence.DiagnosticCommands;
import io.pitwall.server.inventory.Ecu;
import io.pitwall.server.inventory.FindVehicles;
import io.pitwall.server.inventory.KnownVehicles;
import io.pitwall.server.inventory.Vin;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Remote diagnostic commands: requested by an operator with {@code diagnostics:command}, delivered at the
 * vehicle's check-ins until it answers with a {@code COMMAND_RESULT} event, expired if unanswered in time.
 * Clearing DTCs on a safety-relevant ECU (or on every ECU of a vehicle that has one) waits for a second,
 * different operator's approval before it is ever delivered. Every change is audited.
 */
@Service
public class RemoteCommands {

    /** What an operator asks for; {@code ttl} null = the configured default. */
    public record Request(String type, String ecuSerial, Map<String, String> parameters, String reason, Duration ttl) {}

    private static final int MAX_LISTED = 200;
    private static final int MAX_DETAIL = 4000;
    private final DiagnosticCommands commands;
    private final OpenCommandIndex index;
    private final KnownVehicles known;
    private final FindVehicles vehicles;
    private final CommandSettings settings;
    private final ApplicationEventPublisher events;
    private final TransactionOperations transactions;
    private final Clock clock;

    RemoteCommands(
            DiagnosticCommands commands,
            OpenCommandIndex index,
            KnownVehicles known,
            FindVehicles vehicles,
            CommandSettings settings,
            ApplicationEventPublisher events,
            TransactionOperations transactions,
            Clock clock) {
        this.transactions = transactions;
        this.commands = commands;
        this.index = index;
        this.known = known;
        this.vehicles = vehicles;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public DiagnosticCommand request(String vin, Request request) {
        CommandType type = CommandType.parse(request.type());
        Map<String, String> parameters = CommandInput.parameters(type, request.parameters());
        String reason = CommandInput.reason(request.reason());
        Duration ttl = request.ttl() == null ? settings.defaultTtl() : request.ttl();
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(settings.maxTtl()) > 0) {
            throw ApiException.badRequest(
                    "invalid-command",
                    "ttlSeconds is between 1 and " + settings.maxTtl().toSeconds());
        }
        if (!known.exists(vin)) {
            throw ApiException.notFound("vehicle-not-found", "No vehicle with VIN '" + vin + "'");
        }
        List<Ecu> ecus = vehicles.get(Vin.of(vin)).vehicle().ecus();
        List<Ecu> concerned = request.ecuSerial() == null
                ? ecus
                : ecus.stream()
                        .filter(e -> e.serial().equals(request.ecuSerial()))
                        .toList();
        if (concerned.isEmpty()) {
            throw ApiException.unprocessable(
                    "unknown-ecu", "Vehicle '" + vin + "' has no ECU '" + request.ecuSerial() + "'");
        }
        boolean secondApprover = type == CommandType.CLEAR_DTCS
                && concerned.stream().anyMatch(e -> e.type().safetyRelevant());
        Instant now = clock.instant();
        var command = new DiagnosticCommand(
                UUID.randomUUID().toString(),
                vin,
                type,
                request.ecuSerial(),
                parameters,
                reason,
                CommandLifecycle.initial(secondApprover),
                CurrentOperator.require().username(),
                null,
                now,
                now.plus(ttl),
                null,
                null,
                null,
                null,
                0);
        commands.insert(command);
        if (!secondApprover) {
            deliverableAfterCommit(vin);
        }
        events.publishEvent(
                Audited.succeeded("diagnostics.command-request", "command:" + command.id(), details(command)));
        return command;
    }

    /** A second operator releases a command that needs one; its requester cannot. */
    @Transactional
    public DiagnosticCommand approve(String id, String comment) {
        String checked = CommandInput.reason(comment);
        DiagnosticCommand command = get(id);
        String actor = CurrentOperator.require().username();
        CommandStatus next = accept(command, Trigger.APPROVE, "");
        if (command.requestedBy().equals(actor)) {
            throw new ApiException(403, "self-approval", "Whoever requested a command cannot approve it");
        }
        commands.update(command, next, actor);
        deliverableAfterCommit(command.vin());
        events.publishEvent(Audited.succeeded(
                "diagnostics.command-approve", "command:" + id, Map.of("vin", command.vin(), "comment", checked)));
        return get(id);
    }

    /** Withdraws a command not yet delivered; a delivered one may be running on the vehicle already. */
    @Transactional
    public DiagnosticCommand cancel(String id, String comment) {
        String checked = CommandInput.reason(comment);
        DiagnosticCommand command = get(id);
        CommandStatus next = accept(command, Trigger.CANCEL, "; only commands not yet delivered can be cancelled");
        commands.update(command, next, command.approvedBy());
        events.publishEvent(Audited.succeeded(
                "diagnostics.command-cancel", "command:" + id, Map.of("vin", command.vin(), "comment", checked)));
        return get(id);
    }

    @Transactional(readOnly = true)
    public DiagnosticCommand get(String id) {
        return commands.find(id)
                .orElseThrow(() -> ApiException.notFound("command-not-found", "No command '" + id + "'"));
    }

    @Transactional(readOnly = true)
    public List<DiagnosticCommand> ofVehicle(String vin) {
        if (!known.exists(vin)) {
            throw ApiException.notFound("vehicle-not-found", "No vehicle with VIN '" + vin + "'");
        }
        return commands.ofVehicle(vin, MAX_LISTED);
    }

    /**
     * The commands to hand the vehicle at this check-in, marked delivered. Costs nothing for a vehicle the
     * {@link OpenCommandIndex} knows to have none (the idle check-in stays at two reads).
     */
    public List<Command> deliver(String vin) {
        if (!index.mayHaveCommands(vin)) {
            return List.of();
        }
        return transactions.execute(status -> {
            List<DiagnosticCommand> due = commands.deliverable(vin, clock.instant());
            List<String> fresh = due.stream()
                    .filter(c ->
                            CommandLifecycle.apply(c.status(), Trigger.DELIVER) instanceof Accepted a && a.changed())
                    .map(DiagnosticCommand::id)
                    .toList();
            if (!fresh.isEmpty()) {
                commands.markDelivered(fresh, clock.instant());
            }
            return due.stream().map(RemoteCommands::wire).toList();
        });
    }

    /** Expires open commands past their time, in batches; each node's sweep skips rows another one holds. */
    @Transactional
    public int expireDue() {
        List<DiagnosticCommand> due = commands.lockExpired(clock.instant(), 500);
        if (due.isEmpty()) {
            return 0;
        }
        commands.expire(due.stream().map(DiagnosticCommand::id).toList(), clock.instant());
        for (DiagnosticCommand command : due) {
            events.publishEvent(Audited.succeeded(
                    "diagnostics.command-expire",
                    "command:" + command.id(),
                    Map.of("vin", command.vin(), "was", command.status().name())));
        }
        return due.size();
    }

    /**
     * The vehicle's answer, from its event stream (called in the ingesting transaction). Ends only an
     * undelivered or delivered command of this very vehicle; anything else changes nothing.
     */
    public void answered(String vin, String id, String code, String detail) {
        CommandLifecycle.Move answer = CommandLifecycle.move(CommandLifecycle.answer(code));
        String kept = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
        String result = code == null || code.length() <= 40 ? code : code.substring(0, 40);
        if (commands.complete(id, vin, answer, result, kept, clock.instant())) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("vin", vin);
            details.put("result", code == null ? "" : code);
            events.publishEvent(Audited.succeeded("diagnostics.command-result", "command:" + id, details));
        }
    }

    /** The status the lifecycle moves the command to; a refusal is a 409 with its code. */
    private static CommandStatus accept(DiagnosticCommand command, Trigger trigger, String why) {
        var transition = CommandLifecycle.apply(command.status(), trigger);
        if (transition instanceof Rejected rejected) {
            throw ApiException.conflict(rejected.code(), "Command " + command.id() + " is " + command.status() + why);
        }
        return ((Accepted) transition).next();
    }

    private static Command wire(DiagnosticCommand command) {
        Map<String, String> parameters = new LinkedHashMap<>(command.parameters());
        if (command.ecuSerial() != null) {
            parameters.put("ecuSerial", command.ecuSerial());
        }
        return new Command(command.id(), command.type().name(), parameters, command.expiresAt());
    }

    private void deliverableAfterCommit(String vin) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                index.added(vin);
            }
        });
    }

    private static Map<String, Object> details(DiagnosticCommand command) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("vin", command.vin());
        details.put("type", command.type().name());
        details.put("ecuSerial", command.ecuSerial() == null ? "" : command.ecuSerial());
        details.put("status", command.status().name());
        details.put("reason", command.reason());
        return details;
    }
}
