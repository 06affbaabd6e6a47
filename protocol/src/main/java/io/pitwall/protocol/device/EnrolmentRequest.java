package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Body of {@code POST /device/v1/enrolment}: a vehicle without a credential asks for one, proving it
 * belongs to the fleet with the fleet's enrolment secret. Only offered when the server has self-enrolment
 * switched on (otherwise 404 {@code enrolment-disabled}); a wrong secret or a VIN the server does not know
 * are both 401 {@code enrolment-refused}; a vehicle that already has an active credential is 409
 * {@code already-enrolled}. The answer is {@link EnrolmentResponse}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EnrolmentRequest(String vin, String enrolmentSecret) {

    public EnrolmentRequest {
        Require.text(vin, "vin");
        Require.text(enrolmentSecret, "enrolmentSecret");
    }

    /** Keeps the secret out of logs. */
    @Override
    public String toString() {
        return "EnrolmentRequest[vin=" + vin + ", enrolmentSecret=***]";
    }
}
