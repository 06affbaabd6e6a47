package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The vehicle's new credential (201). The server keeps only its hash, so this answer is the one and only
 * time the token exists outside the vehicle: store it before anything else, then send it as
 * {@code Authorization: Bearer <token>} on every device request.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EnrolmentResponse(String vin, String token) {

    public EnrolmentResponse {
        Require.text(vin, "vin");
        Require.text(token, "token");
    }

    /** Keeps the token out of logs. */
    @Override
    public String toString() {
        return "EnrolmentResponse[vin=" + vin + ", token=***]";
    }
}
