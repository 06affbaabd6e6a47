package io.pitwall.protocol.device;

/**
 * The paths and headers of the native device API. Every request but {@link #ENROLMENT} carries
 * {@code Authorization: Bearer <vehicle token>}. Artifacts are addressed by their sha256, so their
 * bytes never change: {@code GET} honours {@code Range: bytes=N-} with 206 and {@code Content-Range},
 * {@code HEAD} answers the length, and both send {@code ETag} (the sha256, quoted) and
 * {@code Accept-Ranges: bytes}.
 */
public final class DevicePaths {

    public static final String PREFIX = "/device/v1";
    public static final String CHECKIN = PREFIX + "/vehicles/{vin}/checkin";
    public static final String EVENTS = PREFIX + "/vehicles/{vin}/events";
    public static final String ARTIFACT = PREFIX + "/vehicles/{vin}/artifacts/{sha256}";
    /** Self-enrolment, the one device path without a bearer credential (see {@link EnrolmentRequest}). */
    public static final String ENROLMENT = PREFIX + "/enrolment";

    private DevicePaths() {}

    public static String checkin(String vin) {
        return CHECKIN.replace("{vin}", vin);
    }

    public static String events(String vin) {
        return EVENTS.replace("{vin}", vin);
    }

    public static String artifact(String vin, String sha256) {
        return ARTIFACT.replace("{vin}", vin).replace("{sha256}", sha256);
    }
}
