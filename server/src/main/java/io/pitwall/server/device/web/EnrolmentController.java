package io.pitwall.server.device.web;

import io.pitwall.protocol.device.DevicePaths;
import io.pitwall.protocol.device.EnrolmentRequest;
import io.pitwall.protocol.device.EnrolmentResponse;
import io.pitwall.server.access.PublicEndpoint;
import io.pitwall.server.device.internal.VehicleEnrolment;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /device/v1/enrolment}: a vehicle's first credential in exchange for the fleet enrolment
 * secret; the only device endpoint without a bearer credential. Off by default (404).
 */
@RestController
class EnrolmentController {

    private final VehicleEnrolment enrolment;

    EnrolmentController(VehicleEnrolment enrolment) {
        this.enrolment = enrolment;
    }

    @PublicEndpoint("a vehicle without a credential yet; the fleet enrolment secret is checked in the use case")
    @PostMapping(
            path = DevicePaths.ENROLMENT,
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<EnrolmentResponse> enrol(@RequestBody byte[] body) {
        enrolment.requireEnabled();
        EnrolmentRequest request = DeviceInput.read(body, EnrolmentRequest.class, "invalid-enrolment");
        var issued = enrolment.enrol(request.vin(), request.enrolmentSecret());
        return ResponseEntity.status(HttpStatus.CREATED)
                .cacheControl(CacheControl.noStore())
                .body(new EnrolmentResponse(issued.vin(), issued.token()));
    }
}
