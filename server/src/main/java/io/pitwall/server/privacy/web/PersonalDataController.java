package io.pitwall.server.privacy.web;

import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.privacy.PersonalDataRequests;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Export and erasure of one vehicle's personal data (data-subject requests). */
@RestController
class PersonalDataController {

    private final PersonalDataRequests requests;

    PersonalDataController(PersonalDataRequests requests) {
        this.requests = requests;
    }

    @GetMapping("/api/v1/vehicles/{vin}/personal-data")
    @RequiresPermission(Permission.PERSONAL_DATA)
    Map<String, Object> export(@PathVariable String vin) {
        return requests.export(vin);
    }

    /** Answers what was erased, by class: {@code {"vin", "erased": {"location": n, ...}}}. */
    @DeleteMapping("/api/v1/vehicles/{vin}/personal-data")
    @RequiresPermission(Permission.PERSONAL_DATA)
    Map<String, Object> erase(@PathVariable String vin) {
        return Map.of("vin", vin, "erased", requests.erase(vin));
    }
}
