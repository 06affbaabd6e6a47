package io.pitwall.server.device.web;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Lets a freshly provisioned vehicle confirm that its credential works before its first check-in. */
@RestController
class CredentialCheckController {

    @GetMapping("/device/v1/vehicles/{vin}/credential")
    Map<String, String> check(@PathVariable String vin) {
        return Map.of("vin", vin, "status", "ACTIVE");
    }
}
