package io.pitwall.server.catalog;

import static io.pitwall.server.catalog.CatalogFixtures.content;
import static io.pitwall.server.catalog.CatalogFixtures.create;
import static io.pitwall.server.catalog.CatalogFixtures.createAndUpload;
import static io.pitwall.server.catalog.CatalogFixtures.dependency;
import static io.pitwall.server.catalog.CatalogFixtures.files;
import static io.pitwall.server.catalog.CatalogFixtures.hardwareId;
import static io.pitwall.server.catalog.CatalogFixtures.image;
import static io.pitwall.server.catalog.CatalogFixtures.installed;
import static io.pitwall.server.catalog.CatalogFixtures.release;
import static io.pitwall.server.catalog.CatalogFixtures.upload;
import static io.pitwall.server.catalog.CatalogFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every refused catalog request answers problem+json with a stable code and writes nothing: no rows, no
 * successful audit record, no artifact file.
 * Runs on H2 only: refusals are validation and state checks in Java; CatalogFlowIntegrationTests runs its SQL on both.
 */
class CatalogBadInputIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Case(String what, String contentType, String body, int status, String code) {}

    static void assertRefused(ApiClient.Response answer, String what, int status, String code) {
        assertThat(answer.status()).as(what + ": " + answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
        assertThat(answer.code()).as(what).isEqualTo(code);
        assertThat(answer.body()).as(what).doesNotContain("at io.pitwall", "Exception");
    }

    abstract static class Contract extends CatalogIntegrationTest {

        ApiClient manager;
        String hw;

        @BeforeEach
        void setUp() {
            manager = as(Role.RELEASE_MANAGER);
            hw = hardwareId("BAD");
            installed(jdbc, hw, "1.0");
        }

        @Test
        void refusesBadImageMetadata() {
            create(manager, image(hw, "1.0", 7));
            Map<String, Object> good = image(hw, "2.0", 8);
            List<Case> cases = new ArrayList<>(List.of(
                    new Case("malformed JSON", "application/json", "{\"hardwareId\": ", 400, "malformed-body"),
                    new Case("not JSON", "text/plain", "hardwareId=x", 415, "unsupported-media-type"),
                    new Case(
                            "counter not a number",
                            "application/json",
                            json(good, "releaseCounter", "ten"),
                            400,
                            "malformed-body"),
                    new Case(
                            "unknown install type",
                            "application/json",
                            json(good, "installType", "ZIP"),
                            422,
                            "unknown-install-type"),
                    new Case(
                            "unknown risk class",
                            "application/json",
                            json(good, "riskClass", "EXTREME"),
                            422,
                            "unknown-risk-class"),
                    new Case(
                            "negative counter",
                            "application/json",
                            json(good, "releaseCounter", -1),
                            422,
                            "invalid-release-counter"),
                    new Case(
                            "duplicate counter",
                            "application/json",
                            json(good, "releaseCounter", 7),
                            409,
                            "duplicate-release-counter"),
                    new Case(
                            "duplicate version",
                            "application/json",
                            json(good, "version", "1.0"),
                            409,
                            "duplicate-image-version"),
                    new Case(
                            "hardware id with a slash",
                            "application/json",
                            json(good, "hardwareId", "a/b"),
                            422,
                            "invalid-hardware-id"),
                    new Case(
                            "dependency on itself",
                            "application/json",
                            json(good, "dependencies", List.of(dependency(hw, "1.0"))),
                            422,
                            "invalid-dependency"),
                    new Case(
                            "declared size zero",
                            "application/json",
                            json(good, "declaredSize", 0),
                            422,
                            "invalid-size"),
                    // Signed into the targets metadata: JavaScript TUF clients round anything above 2^53 - 1.
                    new Case(
                            "counter above 2^53 - 1",
                            "application/json",
                            json(good, "releaseCounter", 9_007_199_254_740_993L),
                            422,
                            "integer-out-of-range"),
                    new Case(
                            "declared size above 2^53 - 1",
                            "application/json",
                            json(good, "declaredSize", 9_007_199_254_740_992L),
                            422,
                            "integer-out-of-range")));
            for (String name : new String[] {
                "../../etc/passwd",
                "..",
                "dir/fw.bin",
                "dir\\fw.bin",
                ".hidden",
                "f".repeat(129),
                "fw bin.bin",
                "fw\u0000.bin",
                "fw\r\n.bin",
                "fw\u001b[31m.bin",
                "fw\u007f.bin"
            }) {
                cases.add(new Case(
                        "file name " + name.replaceAll("\\p{Cntrl}", "?"),
                        "application/json",
                        json(good, "fileName", name),
                        422,
                        "invalid-file-name"));
            }
            for (Case c : cases) {
                var before = state();
                var answer = manager.send(
                        "POST", "/api/v1/images", c.contentType(), c.body().getBytes());
                assertRefused(answer, c.what(), c.status(), c.code());
                assertThat(state()).as(c.what() + " wrote nothing").isEqualTo(before);
            }
        }

        @Test
        void refusesBadUploadsAndKeepsNoFile() {
            long id = create(manager, image(hw, "1.0", 1));
            Supplier<Long> uploaded = () -> jdbc.sql("SELECT COUNT(*) FROM image WHERE id = :id AND "
                            + "status = 'AWAITING_CONTENT' AND sha256 IS NULL")
                    .param("id", id)
                    .query(Long.class)
                    .single();
            for (String type : new String[] {
                "application/json", "text/plain", "multipart/form-data; boundary=x", "not a type", null
            }) {
                var before = state(uploaded);
                var answer = manager.send("PUT", "/api/v1/images/" + id + "/content", type, content(2000));
                assertRefused(answer, "content type " + type, 415, "unsupported-media-type");
                assertThat(state(uploaded)).as(type + " wrote nothing").isEqualTo(before);
            }
            var before = state();
            assertRefused(upload(manager, 999_999_999, content(10)), "unknown image", 404, "image-not-found");
            assertThat(state()).isEqualTo(before);

            assertThat(upload(manager, id, content(100)).status()).isEqualTo(200);
            Supplier<Long> hash = () -> (long) jdbc.sql("SELECT sha256 FROM image WHERE id = :id")
                    .param("id", id)
                    .query(String.class)
                    .single()
                    .hashCode();
            var afterFirst = state(hash);
            assertRefused(upload(manager, id, content(100)), "second upload", 409, "content-already-uploaded");
            assertThat(state(hash)).as("second upload wrote nothing").isEqualTo(afterFirst);
        }

        @Test
        void refusesBadReleases() {
            long first = createAndUpload(manager, image(hw, "1.0", 1), content(10));
            long second = createAndUpload(manager, image(hw, "1.1", 2), content(10));
            long waiting = create(manager, image(hw, "1.2", 3));
            release(manager, "Existing " + hw, List.of(first));
            Map<String, Object> good =
                    Map.of("name", "Release " + hw, "version", "1.0", "notes", "Notes", "imageIds", List.of(first));
            var cases = List.of(
                    new Case(
                            "two images of one hardware id",
                            "application/json",
                            json(good, "imageIds", List.of(first, second)),
                            422,
                            "duplicate-hardware-in-release"),
                    new Case(
                            "unknown image",
                            "application/json",
                            json(good, "imageIds", List.of(first, 999_999_999)),
                            422,
                            "unknown-image"),
                    new Case(
                            "image without content",
                            "application/json",
                            json(good, "imageIds", List.of(waiting)),
                            422,
                            "image-not-validated"),
                    new Case(
                            "no images",
                            "application/json",
                            json(good, "imageIds", List.of()),
                            422,
                            "invalid-release-images"),
                    new Case(
                            "same image twice",
                            "application/json",
                            json(good, "imageIds", List.of(first, first)),
                            422,
                            "invalid-release-images"),
                    new Case("no notes", "application/json", json(good, "notes", " "), 422, "invalid-release-notes"),
                    new Case(
                            "existing name and version",
                            "application/json",
                            json(good, "name", "Existing " + hw),
                            409,
                            "release-exists"),
                    new Case("malformed JSON", "application/json", "[1, 2", 400, "malformed-body"));
            for (Case c : cases) {
                var before = state();
                var answer = manager.send(
                        "POST", "/api/v1/releases", c.contentType(), c.body().getBytes());
                assertRefused(answer, c.what(), c.status(), c.code());
                assertThat(state()).as(c.what() + " wrote nothing").isEqualTo(before);
            }
        }

        @Test
        void publishingAReleaseWhoseImageFailsValidationIsRefusedWithTheReport() throws Exception {
            String base = hardwareId("BASE");
            createAndUpload(manager, with(image(base, "3.0", 3), "newHardware", true), content(10));
            long app = createAndUpload(
                    manager, with(image(hw, "2.0", 2), "dependencies", List.of(dependency(base, "3.0"))), content(10));
            long withoutBase = release(manager, "Without base " + hw, List.of(app));
            Supplier<Long> draft =
                    () -> jdbc.sql("SELECT version FROM software_release WHERE id = :id AND status = 'DRAFT'")
                            .param("id", withoutBase)
                            .query(Long.class)
                            .single();

            var before = state(draft);
            var refused = manager.post("/api/v1/releases/" + withoutBase + "/publish", "");
            assertRefused(refused, "dependency outside the release", 422, "release-validation-failed");
            var report = refused.json().get("report");
            assertThat(report.get("passed").asBoolean()).isFalse();
            var dependencies = report.get("images").get(0).get("checks").get(3);
            assertThat(dependencies.get("check").asString()).isEqualTo("dependencies");
            assertThat(dependencies.get("passed").asBoolean()).isFalse();
            assertThat(dependencies.get("reason").asString()).contains(base + " >= 3.0");
            assertThat(state(draft)).as("nothing written").isEqualTo(before);

            String other = hardwareId("CORRUPT");
            installed(jdbc, other, "1.0");
            long image = createAndUpload(manager, image(other, "1.0", 1), content(64));
            long corrupt = release(manager, "Corrupt " + other, List.of(image));
            String sha256 = jdbc.sql("SELECT sha256 FROM image WHERE id = :id")
                    .param("id", image)
                    .query(String.class)
                    .single();
            Files.write(settings.artifactDir().resolve(sha256.substring(0, 2)).resolve(sha256), content(64));
            var tampered = manager.post("/api/v1/releases/" + corrupt + "/publish", "");
            assertRefused(tampered, "altered artifact", 422, "release-validation-failed");
            assertThat(tampered.json()
                            .get("report")
                            .get("images")
                            .get(0)
                            .get("checks")
                            .get(0)
                            .get("reason")
                            .asString())
                    .contains("no longer matches");
            assertThat(jdbc.sql("SELECT status FROM software_release WHERE id = :id")
                            .param("id", corrupt)
                            .query(String.class)
                            .single())
                    .isEqualTo("DRAFT");
        }

        @Test
        void aReleaseIsPublishedOnceAndARollbackAuthorizedOnceWithAReason() {
            long id = createAndUpload(manager, image(hw, "1.0", 1), content(10));
            long releaseId = release(manager, "Once " + hw, List.of(id));
            var officer = as(Role.SECURITY_OFFICER);
            assertThat(manager.post("/api/v1/releases/" + releaseId + "/publish", "")
                            .status())
                    .isEqualTo(200);
            var before = state();
            assertRefused(
                    manager.post("/api/v1/releases/" + releaseId + "/publish", ""),
                    "published twice",
                    409,
                    "release-already-published");
            assertRefused(
                    manager.post("/api/v1/releases/999999999/publish", ""),
                    "unknown release",
                    404,
                    "release-not-found");

            assertRefused(
                    officer.post("/api/v1/images/" + id + "/rollback-authorization", Map.of("reason", " ")),
                    "blank reason",
                    422,
                    "reason-required");
            assertRefused(
                    officer.post("/api/v1/images/" + id + "/rollback-authorization", "{}"),
                    "no reason",
                    422,
                    "reason-required");
            assertRefused(
                    manager.post("/api/v1/images/" + id + "/rollback-authorization", Map.of("reason", "x")),
                    "without the permission",
                    403,
                    "permission-denied");
            assertThat(state()).isEqualTo(before);

            assertThat(officer.post("/api/v1/images/" + id + "/rollback-authorization", Map.of("reason", "recall"))
                            .status())
                    .isEqualTo(200);
            var afterAuthorization = state();
            assertRefused(
                    officer.post("/api/v1/images/" + id + "/rollback-authorization", Map.of("reason", "again")),
                    "authorized twice",
                    409,
                    "rollback-already-authorized");
            assertThat(state()).isEqualTo(afterAuthorization);
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @TestPropertySource(properties = "pitwall.catalog.max-image-bytes=1KB")
    class WithATinySizeLimit extends CatalogIntegrationTest {

        @Test
        void anOversizedUploadIsRefusedWith413AndLeavesNothingBehind() {
            var manager = as(Role.RELEASE_MANAGER);
            String hw = hardwareId("BIG");
            long id = create(manager, with(image(hw, "1.0", 1), "newHardware", true));
            Supplier<Long> awaiting = () -> jdbc.sql("SELECT COUNT(*) FROM image WHERE id = :id AND "
                            + "status = 'AWAITING_CONTENT' AND sha256 IS NULL")
                    .param("id", id)
                    .query(Long.class)
                    .single();
            var before = state(awaiting);

            assertRefused(upload(manager, id, content(4096)), "declared length", 413, "payload-too-large");
            assertRefused(
                    manager.sendChunked(
                            "PUT", "/api/v1/images/" + id + "/content", "application/octet-stream", content(4096)),
                    "chunked",
                    413,
                    "payload-too-large");
            assertThat(state(awaiting)).as("nothing recorded, no file left").isEqualTo(before);
            assertThat(files(settings.artifactDir().resolve(".tmp")))
                    .as("temp files deleted")
                    .isZero();

            assertRefused(
                    manager.post("/api/v1/images", with(image(hw, "1.1", 2), "declaredSize", 1025)),
                    "declared size above the limit",
                    422,
                    "invalid-size");
            var exactly = upload(manager, id, content(1024));
            assertThat(exactly.status()).as(exactly.body()).isEqualTo(200);
            assertThat(exactly.json().get("status").asString()).isEqualTo("VALIDATED");
        }
    }

    static String json(Map<String, Object> base, String key, Object value) {
        return JSON.writeValueAsString(with(base, key, value));
    }
}
