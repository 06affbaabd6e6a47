package io.pitwall.server.inventory.web;

import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.inventory.AttackIndicator;
import io.pitwall.server.inventory.EcuKeys;
import io.pitwall.server.inventory.RegisteredEcuKey;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * ECU identity keys registered at provisioning (TUF key objects), what the ECUs' signed version reports
 * attested, and the attack indicators recorded on a vehicle.
 */
@RestController
@RequestMapping("/api/v1/vehicles")
class EcuKeyController {

    record BulkKey(
            @Schema(maxLength = 17) String vin,
            @Schema(maxLength = 64) String serial,
            JsonNode key) {}

    record BulkRequest(@NotEmpty List<BulkKey> keys) {}

    record BulkResponse(int registered) {}

    record KeysResponse(String vin, List<RegisteredEcuKey> ecus) {}

    record IndicatorsResponse(String vin, List<AttackIndicator> indicators) {}

    private final EcuKeys keys;

    EcuKeyController(EcuKeys keys) {
        this.keys = keys;
    }

    /** Registers (or replaces) one ECU's key: {@code {"keytype":"ed25519","scheme":"ed25519","keyval":{"public":HEX}}}. */
    @PutMapping(path = "/{vin}/ecus/{serial}/key", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresPermission(Permission.VEHICLE_WRITE)
    RegisteredEcuKey register(@PathVariable String vin, @PathVariable String serial, @RequestBody JsonNode key) {
        return keys.register(vin, serial, key);
    }

    /** Registers many keys in one transaction (at most 10,000); one bad entry registers none. */
    @PostMapping(path = "/ecu-keys", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresPermission(Permission.VEHICLE_WRITE)
    BulkResponse registerAll(@Valid @RequestBody BulkRequest request) {
        return new BulkResponse(keys.registerAll(request.keys().stream()
                .map(k -> new EcuKeys.Registration(k.vin(), k.serial(), k.key()))
                .toList()));
    }

    @GetMapping("/{vin}/ecu-keys")
    @RequiresPermission(Permission.VEHICLE_READ)
    KeysResponse list(@PathVariable String vin) {
        return new KeysResponse(vin, keys.keys(vin));
    }

    /** Forged, replayed and unattributable ECU reports seen on the vehicle, newest first. */
    @GetMapping("/{vin}/attack-indicators")
    @RequiresPermission(Permission.VEHICLE_READ)
    IndicatorsResponse indicators(@PathVariable String vin) {
        return new IndicatorsResponse(vin, keys.indicators(vin));
    }
}
