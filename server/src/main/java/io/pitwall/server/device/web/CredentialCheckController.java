package io.pitwall.server.device.web;

import io.pitwall.server.access.AuthenticatedVehicle;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lets a freshly provisioned vehicle confirm that its credential works before its first check-in. */
@RestController
class CredentialCheckController {

    @GetMapping("/device/v1/vehicles/{vin}/credential")
    Map<String, String> check(AuthenticatedVehicle vehicle) {
        return Map.of("vin", vehicle.vin(), "status", "ACTIVE");
    }
}
