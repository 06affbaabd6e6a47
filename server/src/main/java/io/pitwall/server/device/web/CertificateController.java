package io.pitwall.server.device.web;

import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.device.internal.VehicleCertificateRegistration;
import io.pitwall.server.device.internal.VehicleCertificateRegistration.RegisteredCertificate;
import io.pitwall.server.shared.ApiException;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operators pin (register or rotate) a vehicle's mTLS client certificate and revoke certificates. */
@RestController
@RequestMapping("/api/v1/vehicles/{vin}")
class CertificateController {

    record CertificateRequest(@Schema(maxLength = 65_536) String certificate) {}

    record RevocationRequest(
            @Schema(maxLength = 64) String fingerprint,
            @Schema(maxLength = 64) String serialNumber) {}

    private final VehicleCertificateRegistration registration;

    CertificateController(VehicleCertificateRegistration registration) {
        this.registration = registration;
    }

    @GetMapping("/certificate")
    @RequiresPermission(Permission.VEHICLE_READ)
    RegisteredCertificate pinned(@PathVariable String vin) {
        return registration
                .pinned(vin)
                .orElseThrow(
                        () -> ApiException.notFound("certificate-not-found", "This vehicle has no pinned certificate"));
    }

    /** Pins the PEM certificate; a previously pinned one is revoked (rotation). */
    @PutMapping("/certificate")
    @RequiresPermission(Permission.VEHICLE_WRITE)
    RegisteredCertificate register(@PathVariable String vin, @RequestBody CertificateRequest request) {
        return registration.register(vin, request.certificate());
    }

    @DeleteMapping("/certificate")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(Permission.VEHICLE_WRITE)
    void revokePinned(@PathVariable String vin) {
        registration.revokePinned(vin);
    }

    @PostMapping("/certificate-revocations")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(Permission.VEHICLE_WRITE)
    void revoke(@PathVariable String vin, @RequestBody RevocationRequest request) {
        registration.revoke(vin, request.fingerprint(), request.serialNumber());
    }
}
