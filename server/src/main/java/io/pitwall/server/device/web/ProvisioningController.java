package io.pitwall.server.device.web;

import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.device.internal.VehicleProvisioning;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operators issue, rotate and revoke vehicle credentials, and block vehicles. */
@RestController
@RequestMapping("/api/v1/vehicles")
class ProvisioningController {

    record CredentialResponse(String vin, String token) {}

    record BulkCredentialRequest(
            @NotEmpty @ArraySchema(schema = @Schema(maxLength = 17))
            List<String> vins) {}

    record BlockRequest(@NotBlank @Schema(maxLength = 500) String reason) {}

    private final VehicleProvisioning provisioning;

    ProvisioningController(VehicleProvisioning provisioning) {
        this.provisioning = provisioning;
    }

    /** Issues a new credential (revoking the previous one); the token is shown only in this answer. */
    @PostMapping("/{vin}/credentials")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(Permission.VEHICLE_WRITE)
    CredentialResponse issue(@PathVariable String vin) {
        var issued = provisioning.issue(vin);
        return new CredentialResponse(issued.vin(), issued.token());
    }

    @PostMapping("/credentials")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(Permission.VEHICLE_WRITE)
    List<CredentialResponse> issueAll(@Valid @RequestBody BulkCredentialRequest request) {
        return provisioning.issueAll(request.vins()).stream()
                .map(i -> new CredentialResponse(i.vin(), i.token()))
                .toList();
    }

    @DeleteMapping("/{vin}/credentials")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(Permission.VEHICLE_WRITE)
    void revoke(@PathVariable String vin) {
        provisioning.revoke(vin);
    }

    @PostMapping("/{vin}/block")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(Permission.VEHICLE_WRITE)
    void block(@PathVariable String vin, @Valid @RequestBody BlockRequest request) {
        provisioning.block(vin, request.reason());
    }

    @DeleteMapping("/{vin}/block")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(Permission.VEHICLE_WRITE)
    void unblock(@PathVariable String vin) {
        provisioning.unblock(vin);
    }
}
