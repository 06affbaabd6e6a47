package io.pitwall.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.client.ImageRequest;
import io.pitwall.client.ManagementClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Builds test fleets and published releases: vehicles straight into the inventory, software through the API. */
public final class TestFleet {

    /** A published release with one image; {@code knownGoodReleaseId} is 0 unless one was published with it. */
    public record PublishedRelease(
            long releaseId,
            long imageId,
            String hardwareId,
            String version,
            String sha256,
            byte[] content,
            long knownGoodReleaseId) {}

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private final JdbcClient jdbc;
    private final ApiClient admin;

    public TestFleet(JdbcClient jdbc, ApiClient admin) {
        this.jdbc = jdbc;
        this.admin = admin;
    }

    /** A fresh VIN of the ISO 3779 alphabet, unique in this JVM. */
    public static String newVin(String prefix8) {
        return String.format("%-8s", prefix8).replace(' ', 'X').substring(0, 8)
                + String.format("%09d", SEQUENCE.incrementAndGet());
    }

    /** A vehicle with one remotely updatable ECU per given hardware id, each running {@code version}. */
    public String vehicle(String model, String region, String version, String... hardwareIds) {
        String vin = newVin("WPWFLEET");
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.sql("""
                INSERT INTO vehicle (vin, model, model_year, region, market, customer_type, connectivity, version,
                    created_at, updated_at) VALUES (:vin, :model, 2026, :region, 'DE', 'PRIVATE', 'CELLULAR', 0, :now, :now)""")
                .param("vin", vin)
                .param("model", model)
                .param("region", region)
                .param("now", now)
                .update();
        for (String hardwareId : hardwareIds) {
            jdbc.sql("""
                    INSERT INTO ecu (serial, vin, ecu_type, hardware_id, software_version, update_policy, is_primary)
                    VALUES (:serial, :vin, 'BMS', :hw, :version, 'REMOTE', FALSE)""")
                    .param("serial", hardwareId + "-" + vin)
                    .param("vin", vin)
                    .param("hw", hardwareId)
                    .param("version", version)
                    .update();
        }
        return vin;
    }

    /** Uploads a BMS image for the hardware id, puts it in a release and publishes it. */
    /** {@code n} vehicles of one model and hardware id (EU, 1.0.0), each tagged {@code tag} unless it is null. */
    public List<String> vehicles(int n, String model, String hardwareId, String tag) {
        List<String> vins = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String vin = vehicle(model, "EU", "1.0.0", hardwareId);
            if (tag != null) {
                jdbc.sql("INSERT INTO vehicle_tag (vin, tag) VALUES (?, ?)")
                        .params(vin, tag)
                        .update();
            }
            vins.add(vin);
        }
        return vins;
    }

    public PublishedRelease publish(String hardwareId, String version, long releaseCounter) {
        return publish(hardwareId, version, releaseCounter, "BMS");
    }

    /** Uploads an image of the ECU type for the hardware id, puts it in a release and publishes it. */
    public PublishedRelease publish(String hardwareId, String version, long releaseCounter, String ecuType) {
        byte[] content =
                ("image " + hardwareId + " " + version + " ").repeat(2_000).getBytes();
        ManagementClient client = admin.typed();
        long imageId = client.uploadImage(
                new ImageRequest(
                        hardwareId,
                        "Firmware " + hardwareId,
                        version,
                        releaseCounter,
                        "fw-" + version + ".bin",
                        "AB",
                        "LOW",
                        ecuType),
                content);
        long releaseId = client.publishRelease(
                "Release " + hardwareId + " " + version, version, "Test release", List.of(imageId));
        return new PublishedRelease(releaseId, imageId, hardwareId, version, sha256(content), content, 0);
    }

    /**
     * Publishes a known-good release for the hardware id first (version {@code 1.5.0}, counter {@code counter - 5},
     * so the anti-rollback check lets both through), then the release proper; the campaign's rollback release.
     */
    public PublishedRelease publishWithKnownGood(String hardwareId, String version, long releaseCounter) {
        long knownGood = publish(hardwareId, "1.5.0", releaseCounter - 5).releaseId();
        var release = publish(hardwareId, version, releaseCounter);
        return new PublishedRelease(
                release.releaseId(),
                release.imageId(),
                hardwareId,
                version,
                release.sha256(),
                release.content(),
                knownGood);
    }

    /**
     * Publishes one release named {@code releaseName} with a BMS image (version, counter) per hardware id, uploaded
     * over the API; answers its id.
     */
    public long publishBundle(String releaseName, List<String> hardwareIds, String version, long counter) {
        List<Long> images = new ArrayList<>();
        for (String hw : hardwareIds) {
            var image = admin.post(
                    "/api/v1/images",
                    Map.of(
                            "hardwareId",
                            hw,
                            "name",
                            "Bundle " + hw,
                            "version",
                            version,
                            "releaseCounter",
                            counter,
                            "fileName",
                            "fw-" + version + ".bin",
                            "installType",
                            "AB",
                            "riskClass",
                            "LOW",
                            "ecuType",
                            "BMS"));
            assertThat(image.status()).as(image.body()).isEqualTo(201);
            long id = image.json().get("id").asLong();
            assertThat(admin.send(
                                    "PUT",
                                    "/api/v1/images/" + id + "/content",
                                    "application/octet-stream",
                                    ("bundle " + hw + version).repeat(100).getBytes(StandardCharsets.UTF_8))
                            .status())
                    .isEqualTo(200);
            images.add(id);
        }
        var release = admin.post(
                "/api/v1/releases", Map.of("name", releaseName, "version", version, "notes", "n", "imageIds", images));
        assertThat(release.status()).as(release.body()).isEqualTo(201);
        long releaseId = release.json().get("id").asLong();
        assertThat(admin.post("/api/v1/releases/" + releaseId + "/publish", "").status())
                .isEqualTo(200);
        return releaseId;
    }

    /** Issues a vehicle credential and returns a client acting as that vehicle. */
    public ApiClient credentialFor(String vin) {
        var issued = admin.post("/api/v1/vehicles/" + vin + "/credentials", "");
        require(issued, 201);
        return admin.anonymous().withToken(issued.json().get("token").asString());
    }

    /** The events of an assignment installed to the end, with the health report. */
    public static final String[] INSTALLED = {
        "DOWNLOAD_STARTED", "DOWNLOAD_COMPLETED", "INSTALL_STARTED", "INSTALL_COMPLETED", "POST_UPDATE_HEALTH"
    };

    /** The events of an assignment that failed installing. */
    public static final String[] INSTALL_FAILED = {
        "DOWNLOAD_STARTED", "DOWNLOAD_COMPLETED", "INSTALL_STARTED", "INSTALL_FAILED"
    };

    /**
     * The vehicle reports events of its assignment, numbered after {@code lastSeq} and stamped {@code at}; a
     * {@code *_FAILED} event carries {@code failureCode}. Returns the last seq used.
     */
    public long report(String vin, String assignment, long lastSeq, Instant at, String failureCode, String... types) {
        return report(credentialFor(vin), vin, assignment, lastSeq, at, failureCode, types);
    }

    private static long report(
            ApiClient vehicle,
            String vin,
            String assignment,
            long lastSeq,
            Instant at,
            String failureCode,
            String... types) {
        List<Object> events = new ArrayList<>();
        long seq = lastSeq;
        for (String type : types) {
            var event = new HashMap<String, Object>(
                    Map.of("seq", ++seq, "type", type, "occurredAt", at.toString(), "assignmentId", assignment));
            if (type.endsWith("_FAILED")) {
                event.put("code", failureCode);
            }
            events.add(event);
        }
        require(vehicle.post("/device/v1/vehicles/" + vin + "/events", Map.of("events", events)), 200);
        return seq;
    }

    /**
     * Each vehicle checks in and reports its assignment to the end: installed, or failed with {@code failureCode}
     * (null: installed).
     */
    public void finish(List<String> vins, String failureCode) {
        for (String vin : vins) {
            ApiClient vehicle = credentialFor(vin);
            var checkin = vehicle.post(
                    "/device/v1/vehicles/" + vin + "/checkin",
                    Map.of("connectivity", "WIFI", "ownerConsent", true, "ecus", List.of()));
            require(checkin, 200);
            String assignment =
                    checkin.json().get("assignment").get("assignmentId").asString();
            report(
                    vehicle,
                    vin,
                    assignment,
                    0,
                    Instant.now(),
                    failureCode,
                    failureCode == null ? INSTALLED : INSTALL_FAILED);
        }
    }

    static void require(ApiClient.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException(
                    "expected " + status + " but got " + response.status() + ": " + response.body());
        }
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
