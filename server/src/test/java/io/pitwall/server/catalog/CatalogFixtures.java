package io.pitwall.server.catalog;

import io.pitwall.server.access.Permission;
import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Builders and helpers for catalog tests: unique hardware ids, image requests, uploads, fleet rows. */
final class CatalogFixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private CatalogFixtures() {}

    /**
     * A client for an operator with the role, authenticated by an API token carrying all the role's
     * permissions: a token is checked with one SHA-256, where Basic authentication costs a bcrypt per request.
     */
    static ApiClient tokenClient(ApiClient operator, ApiClient anonymous, Role role) {
        var issued = operator.post(
                "/api/v1/tokens",
                Map.of(
                        "name",
                        "catalog-test",
                        "permissions",
                        role.permissions().stream().map(Permission::code).toList(),
                        "expiresIn",
                        "PT1H"));
        if (issued.status() != 201) {
            throw new IllegalStateException("could not issue a token: " + issued.body());
        }
        return anonymous.withToken(issued.json().get("secret").asString());
    }

    /** A hardware id no other test uses. */
    static String hardwareId(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    }

    static Map<String, Object> image(String hardwareId, String version, long counter) {
        Map<String, Object> body = new HashMap<>();
        body.put("hardwareId", hardwareId);
        body.put("name", "Firmware " + version);
        body.put("version", version);
        body.put("releaseCounter", counter);
        body.put("fileName", "fw-" + version + ".bin");
        body.put("installType", "AB");
        body.put("riskClass", "MEDIUM");
        body.put("ecuType", "TCU");
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        var copy = new HashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    static Map<String, Object> dependency(String hardwareId, String minVersion) {
        return Map.of("hardwareId", hardwareId, "minVersion", minVersion);
    }

    /** Random content, so no two tests share an artifact. */
    static byte[] content(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    static ApiClient.Response upload(ApiClient client, long imageId, byte[] bytes) {
        return client.send("PUT", "/api/v1/images/" + imageId + "/content", "application/octet-stream", bytes);
    }

    static long create(ApiClient client, Map<String, Object> body) {
        var created = client.post("/api/v1/images", body);
        if (created.status() != 201) {
            throw new IllegalStateException("could not create image: " + created.body());
        }
        return created.json().get("id").asLong();
    }

    /** Registers and uploads an image; returns its id. */
    static long createAndUpload(ApiClient client, Map<String, Object> body, byte[] bytes) {
        long id = create(client, body);
        var uploaded = upload(client, id, bytes);
        if (uploaded.status() != 200) {
            throw new IllegalStateException("could not upload: " + uploaded.body());
        }
        return id;
    }

    static long release(ApiClient client, String name, List<Long> imageIds) {
        var created = client.post(
                "/api/v1/releases",
                Map.of("name", name, "version", "1.0", "notes", "Fixes and improvements", "imageIds", imageIds));
        if (created.status() != 201) {
            throw new IllegalStateException("could not create release: " + created.body());
        }
        return created.json().get("id").asLong();
    }

    /** Puts one vehicle with one ECU of this hardware id and installed version into the inventory. */
    static void installed(JdbcClient jdbc, String hardwareId, String version) {
        String vin = ("VIN" + Math.abs(hardwareId.hashCode()) + "000000000000").substring(0, 17);
        var now = OffsetDateTime.now();
        jdbc.sql("""
                INSERT INTO vehicle (vin, model, model_year, region, market, customer_type, connectivity, version,
                    created_at, updated_at)
                VALUES (:vin, 'Model T', 2024, 'EU', 'DE', 'private', 'LTE', 0, :now, :now)""").param("vin", vin).param("now", now).update();
        jdbc.sql("""
                INSERT INTO ecu (serial, vin, ecu_type, hardware_id, software_version, update_policy, is_primary)
                VALUES (:serial, :vin, 'TCU', :hw, :version, 'OTA', TRUE)""")
                .param("serial", "SN-" + hardwareId)
                .param("vin", vin)
                .param("hw", hardwareId)
                .param("version", version)
                .update();
    }

    static long files(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
