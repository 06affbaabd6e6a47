package io.pitwall.server.device.web;

import io.pitwall.protocol.device.CheckinRequest;
import io.pitwall.protocol.device.CheckinResponse;
import io.pitwall.protocol.device.EcuVersion;
import io.pitwall.server.access.AuthenticatedVehicle;
import io.pitwall.server.campaign.AssignmentDelivery;
import io.pitwall.server.commands.RemoteCommands;
import io.pitwall.server.device.internal.PollPacing;
import io.pitwall.server.inventory.VehicleReporting;
import io.pitwall.server.shared.ApiException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /device/v1/vehicles/{vin}/checkin}: records what the vehicle reports and answers when to
 * come back, its active assignment and its pending commands, and a nonce when the server wants fresh
 * ECU-signed version reports. A forged or replayed ECU report does not fail the check-in (one bad ECU must
 * not cut the vehicle off): it is not used and is recorded as an attack indicator; a malformed one is a 400.
 * A signal outside its VSS range (latitude 999, a state of charge of -50) is a 400 {@value #SIGNAL_OUT_OF_RANGE}:
 * an agent leaves a reading it cannot trust out rather than sending it.
 */
@RestController
class CheckinController {

    static final int MAX_ECUS = 200;
    static final String CODE = "invalid-checkin";
    static final String SIGNAL_OUT_OF_RANGE = "signal-out-of-range";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private final VehicleReporting reporting;
    private final AssignmentDelivery delivery;
    private final PollPacing pacing;
    private final RemoteCommands commands;

    CheckinController(
            VehicleReporting reporting, AssignmentDelivery delivery, PollPacing pacing, RemoteCommands commands) {
        this.reporting = reporting;
        this.delivery = delivery;
        this.pacing = pacing;
        this.commands = commands;
    }

    @PostMapping(
            path = "/device/v1/vehicles/{vin}/checkin",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    CheckinResponse checkin(AuthenticatedVehicle vehicle, @RequestBody byte[] body) {
        String vin = vehicle.vin();
        CheckinRequest request = DeviceInput.read(body, CheckinRequest.class, CODE);
        validate(request.ecus());
        if (request.signals() != null) {
            request.signals().outOfRange().ifPresent(problem -> {
                throw ApiException.badRequest(SIGNAL_OUT_OF_RANGE, problem);
            });
        }
        String reportNonce = reporting.record(vin, request).orElse(null);
        var offer = delivery.offer(vin);
        var pending = commands.deliver(vin);
        int pollAfter = pacing.pollAfterSeconds(offer.assignment().isPresent() || !pending.isEmpty());
        if (offer.waitSeconds().isPresent()) {
            // A deferred vehicle comes back when its update could be offered, but never later than when idle.
            pollAfter = (int) Math.min(pollAfter, offer.waitSeconds().getAsLong());
        }
        return new CheckinResponse(pollAfter, offer.assignment().orElse(null), pending, reportNonce);
    }

    private static void validate(List<EcuVersion> ecus) {
        if (ecus.size() > MAX_ECUS) {
            throw ApiException.badRequest(CODE, "At most " + MAX_ECUS + " ECUs per manifest");
        }
        Set<String> serials = new HashSet<>();
        for (EcuVersion ecu : ecus) {
            DeviceInput.text(ecu.serial(), 64, false, "ECU serial", CODE);
            DeviceInput.text(ecu.hardwareId(), 64, false, "ECU hardwareId", CODE);
            DeviceInput.text(ecu.installedVersion(), 64, false, "ECU installedVersion", CODE);
            if (!serials.add(ecu.serial())) {
                throw ApiException.badRequest(
                        "duplicate-ecu-serial", "ECU serial '" + ecu.serial() + "' appears twice in the manifest");
            }
            if (ecu.installedSha256() != null
                    && !SHA256_HEX.matcher(ecu.installedSha256()).matches()) {
                throw ApiException.badRequest(CODE, "installedSha256 is 64 lower-case hex characters");
            }
        }
    }
}
