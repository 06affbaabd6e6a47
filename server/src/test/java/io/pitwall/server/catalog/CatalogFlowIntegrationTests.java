package io.pitwall.server.catalog;

import static io.pitwall.server.catalog.CatalogFixtures.content;
import static io.pitwall.server.catalog.CatalogFixtures.create;
import static io.pitwall.server.catalog.CatalogFixtures.createAndUpload;
import static io.pitwall.server.catalog.CatalogFixtures.dependency;
import static io.pitwall.server.catalog.CatalogFixtures.hardwareId;
import static io.pitwall.server.catalog.CatalogFixtures.image;
import static io.pitwall.server.catalog.CatalogFixtures.installed;
import static io.pitwall.server.catalog.CatalogFixtures.release;
import static io.pitwall.server.catalog.CatalogFixtures.sha;
import static io.pitwall.server.catalog.CatalogFixtures.upload;
import static io.pitwall.server.catalog.CatalogFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.SignedTarget;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.PostgresTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Upload → validate → sign → release → publish over real HTTP, on H2 and PostgreSQL. */
class CatalogFlowIntegrationTests {

    abstract static class Contract extends CatalogIntegrationTest {

        ApiClient manager;

        @BeforeEach
        void releaseManager() {
            manager = as(Role.RELEASE_MANAGER);
        }

        @Test
        void anUploadedImageIsHashedSignedValidatedAndPublishedInARelease() {
            String gateway = hardwareId("GW");
            String brakes = hardwareId("BRK");
            installed(jdbc, gateway, "1.0");
            installed(jdbc, brakes, "1.0");
            long gatewayImage = createAndUpload(manager, image(gateway, "2.0", 20), content(3000));
            byte[] bytes = content(70_000);
            long id = create(
                    manager, with(image(brakes, "4.1.0", 41), "dependencies", List.of(dependency(gateway, "2.0"))));
            var uploaded = upload(manager, id, bytes);

            assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
            JsonNode image = uploaded.json();
            assertThat(image.get("status").asString()).isEqualTo("VALIDATED");
            assertThat(image.get("size").asLong()).isEqualTo(70_000);
            assertThat(image.get("sha256").asString()).isEqualTo(sha("SHA-256", bytes));
            assertThat(image.get("sha512").asString()).isEqualTo(sha("SHA-512", bytes));
            assertThat(checkNames(image.get("validation")))
                    .containsExactly(
                            "hash-and-size",
                            "signature",
                            "release-counter",
                            "dependencies",
                            "compatibility",
                            "size-policy");
            assertThat(image.get("validation").get("passed").asBoolean()).isTrue();

            var keys = manager.get("/api/v1/keys").json();
            TufKey key = TufKey.fromJson(keys.get(0).get("key"));
            var entry = SignedTarget.verify(
                    Envelope.fromJson(image.get("signedTarget")), brakes + "/fw-4.1.0.bin", Map.of(key.keyId(), key));
            assertThat(entry.length()).isEqualTo(70_000);
            assertThat(entry.hashes())
                    .isEqualTo(Map.of("sha256", sha("SHA-256", bytes), "sha512", sha("SHA-512", bytes)));
            assertThat(entry.hardwareIds()).containsExactly(brakes);
            assertThat(entry.releaseCounter()).isEqualTo(41);
            assertThat(entry.ecuType()).isEqualTo("TCU");

            long releaseId = release(manager, "Brakes " + brakes, List.of(id, gatewayImage));
            var published = manager.post("/api/v1/releases/" + releaseId + "/publish", "");
            assertThat(published.status()).as(published.body()).isEqualTo(200);
            assertThat(published.json().get("status").asString()).isEqualTo("PUBLISHED");
            assertThat(published.json().get("publishedBy").asString()).isNotBlank();
            var report = published.json().get("validation");
            assertThat(report.get("passed").asBoolean()).isTrue();
            assertThat(report.get("images").size()).isEqualTo(2);
            assertThat(report.get("release").get(0).get("check").asString()).isEqualTo("release-composition");
            assertThat(report.get("images").findValues("reason").toString()).contains("in the release: 2.0");

            for (String action : new String[] {"image.create", "image.upload", "release.create", "release.publish"}) {
                assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = :a AND outcome = 'SUCCEEDED'")
                                .param("a", action)
                                .query(Long.class)
                                .single())
                        .as(action)
                        .isGreaterThanOrEqualTo(1);
            }
            assertThat(jdbc.sql("SELECT details FROM audit_record WHERE action = 'image.upload' AND target = :t")
                            .param("t", "image:" + id)
                            .query(String.class)
                            .single())
                    .contains(sha("SHA-256", bytes));
            assertThat(as(Role.VIEWER)
                            .get("/api/v1/releases/" + releaseId)
                            .json()
                            .get("imageIds")
                            .size())
                    .isEqualTo(2);
        }

        @Test
        void aCounterNotAboveThePublishedOneIsRejectedUntilAuthorizedAsRollback() {
            String hw = hardwareId("ECU");
            installed(jdbc, hw, "1.0");
            long current = createAndUpload(manager, image(hw, "5.0", 50), content(100));
            assertThat(manager.post(
                                    "/api/v1/releases/" + release(manager, "R5 " + hw, List.of(current)) + "/publish",
                                    "")
                            .status())
                    .isEqualTo(200);

            long older = create(manager, image(hw, "3.0", 30));
            var uploaded = upload(manager, older, content(100)).json();
            assertThat(uploaded.get("status").asString()).isEqualTo("REJECTED");
            assertThat(failed(uploaded.get("validation"))).containsExactly("release-counter");

            var officer = as(Role.SECURITY_OFFICER);
            var authorized = officer.post(
                    "/api/v1/images/" + older + "/rollback-authorization",
                    Map.of("reason", "5.0 bricks head units in cold weather"));
            assertThat(authorized.status()).as(authorized.body()).isEqualTo(200);
            assertThat(authorized.json().get("status").asString()).isEqualTo("VALIDATED");
            assertThat(authorized
                            .json()
                            .get("rollbackAuthorization")
                            .get("reason")
                            .asString())
                    .contains("cold");

            long rollback = release(manager, "Rollback " + hw, List.of(older));
            assertThat(manager.post("/api/v1/releases/" + rollback + "/publish", "")
                            .status())
                    .isEqualTo(200);
            long again = release(manager, "R5 again " + hw, List.of(current));
            assertThat(manager.post("/api/v1/releases/" + again + "/publish", "")
                            .status())
                    .as("re-shipping the published image is not a rollback")
                    .isEqualTo(200);
        }

        @Test
        void unknownHardwareIsRejectedUnlessDeclaredNew() {
            String hw = hardwareId("NEW");
            var unknown = upload(manager, create(manager, image(hw, "1.0", 1)), content(10))
                    .json();
            assertThat(unknown.get("status").asString()).isEqualTo("REJECTED");
            assertThat(failed(unknown.get("validation"))).containsExactly("compatibility");

            var declared = upload(manager, create(manager, with(image(hw, "1.1", 2), "newHardware", true)), content(10))
                    .json();
            assertThat(declared.get("status").asString()).isEqualTo("VALIDATED");
        }

        @Test
        void aDeclaredSizeOtherThanTheContentAndEmptyContentAreRejected() {
            String hw = hardwareId("SZ");
            installed(jdbc, hw, "1.0");
            var mismatch = upload(manager, create(manager, with(image(hw, "1.0", 1), "declaredSize", 11)), content(10));
            assertThat(failed(mismatch.json().get("validation"))).containsExactly("hash-and-size");
            var empty = upload(manager, create(manager, image(hw, "1.1", 2)), new byte[0]);
            assertThat(empty.json().get("status").asString()).isEqualTo("REJECTED");
            assertThat(failed(empty.json().get("validation"))).containsExactly("size-policy");
        }

        @Test
        void imagesAreListedByHardwareIdAndStatus() {
            String hw = hardwareId("LST");
            installed(jdbc, hw, "1.0");
            long validated = createAndUpload(manager, image(hw, "1.0", 1), content(10));
            long waiting = create(manager, image(hw, "1.1", 2));
            var viewer = as(Role.VIEWER);

            var all = viewer.get("/api/v1/images?hardwareId=" + hw).json();
            assertThat(all.get("total").asLong()).isEqualTo(2);
            assertThat(all.get("items").get(0).get("id").asLong()).isEqualTo(waiting);
            var onlyValidated = viewer.get("/api/v1/images?hardwareId=" + hw + "&status=VALIDATED")
                    .json();
            assertThat(onlyValidated.get("items").size()).isEqualTo(1);
            assertThat(onlyValidated.get("items").get(0).get("id").asLong()).isEqualTo(validated);
            assertThat(viewer.get("/api/v1/images/" + waiting)
                            .json()
                            .get("status")
                            .asString())
                    .isEqualTo("AWAITING_CONTENT");
            var bad = viewer.get("/api/v1/images?status=LOST");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.code()).isEqualTo("invalid-parameter");
        }

        @Test
        void aDependencyUploadedLaterIsPickedUpByRevalidation() {
            String base = hardwareId("BASE");
            String app = hardwareId("APP");
            installed(jdbc, app, "1.0");
            installed(jdbc, base, "1.0");
            long appImage =
                    create(manager, with(image(app, "2.0", 2), "dependencies", List.of(dependency(base, "3.0"))));
            var rejected = upload(manager, appImage, content(10)).json();
            assertThat(failed(rejected.get("validation"))).containsExactly("dependencies");

            createAndUpload(manager, image(base, "3.1", 31), content(10));
            var revalidated = manager.post("/api/v1/images/" + appImage + "/validation", "");
            assertThat(revalidated.status()).as(revalidated.body()).isEqualTo(200);
            assertThat(revalidated.json().get("status").asString()).isEqualTo("VALIDATED");
        }
    }

    static List<String> checkNames(JsonNode report) {
        List<String> names = new ArrayList<>();
        report.get("checks").forEach(c -> names.add(c.get("check").asString()));
        return names;
    }

    static List<String> failed(JsonNode report) {
        List<String> names = new ArrayList<>();
        report.get("checks").forEach(c -> {
            if (!c.get("passed").asBoolean()) {
                names.add(c.get("check").asString());
            }
        });
        return names;
    }

    @Nested
    class OnH2 extends Contract {

        @Test
        void theOpenApiDocumentDescribesTheCatalog() {
            var document = api.get("/v3/api-docs");
            assertThat(document.status()).isEqualTo(200);
            var paths = document.json().get("paths");
            assertThat(paths.has("/api/v1/images/{id}/content")).isTrue();
            assertThat(paths.get("/api/v1/images/{id}/content")
                            .get("put")
                            .get("requestBody")
                            .get("content")
                            .has("application/octet-stream"))
                    .isTrue();
            assertThat(paths.has("/api/v1/releases/{id}/publish")).isTrue();
            assertThat(paths.has("/api/v1/keys")).isTrue();
        }
    }

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
