package io.pitwall.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Campaigns targeted by an RSQL filter: validation at creation, eligibility at start, and the dry run. */
class CampaignTargetingIntegrationTests {

    private static final AtomicLong FLEETS = new AtomicLong();

    abstract static class Contract extends IntegrationTest {

        TestFleet fleet;
        String hardwareId;
        String model;
        ApiClient manager;

        @BeforeEach
        void fleet() {
            fleet = new TestFleet(jdbc, admin);
            hardwareId = "TGT-" + FLEETS.incrementAndGet() + "-" + getClass().getSimpleName();
            model = "Model-" + hardwareId;
            manager = operatorWith(Role.RELEASE_MANAGER);
        }

        String vehicle(String region, String version, boolean consent) {
            String vin = fleet.vehicle(model, region, version, hardwareId);
            report(vin, consent);
            return vin;
        }

        void report(String vin, boolean consent) {
            jdbc.sql("""
                    INSERT INTO vehicle_report (vin, signals_json, connectivity, consent, state_hash, reported_at,
                        last_seen_at) VALUES (:vin, '{}', 'WIFI', :consent, :hash, :now, :now)""")
                    .param("vin", vin)
                    .param("consent", consent)
                    .param("hash", "0".repeat(64))
                    .param("now", OffsetDateTime.now())
                    .update();
        }

        String filter() {
            return "model==\"" + model + "\";tag!=excluded";
        }

        ApiClient.Response dryRun(Object filter, List<String> regions) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("releaseId", release);
            body.put("filter", filter);
            body.put("allowedRegions", regions);
            return manager.post("/api/v1/campaigns/dry-run", body);
        }

        long release;
        long knownGood;
        String eligible;
        String outsideRegion;

        /** One vehicle per reason (two without consent) and one the filter excludes. */
        void oneVehiclePerReason() {
            eligible = vehicle("EU", "1.0.0", true);
            var published = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            release = published.releaseId();
            knownGood = published.knownGoodReleaseId();
            var higher = fleet.publish(hardwareId, "3.0.0", 30);
            String other = fleet.vehicle(model, "EU", "1.0.0", "OTHER-" + hardwareId);
            report(other, true);
            String service = vehicle("EU", "1.0.0", true);
            jdbc.sql("UPDATE ecu SET update_policy = 'SERVICE_ONLY' WHERE vin = ?")
                    .params(service)
                    .update();
            vehicle("EU", "2.0.0", true);
            String newer = vehicle("EU", "3.0.0", true);
            jdbc.sql("UPDATE ecu SET image_hash = ? WHERE vin = ?")
                    .params(higher.sha256(), newer)
                    .update();
            outsideRegion = vehicle("US", "1.0.0", true);
            fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            vehicle("EU", "1.0.0", false);
            String excluded = vehicle("EU", "1.0.0", true);
            jdbc.sql("INSERT INTO vehicle_tag (vin, tag) VALUES (?, 'excluded')")
                    .params(excluded)
                    .update();
        }

        static void assertCounts(JsonNode run, long matched, long eligible, Map<String, Long> reasons) {
            assertThat(run.get("matched").asLong()).as(run.toString()).isEqualTo(matched);
            assertThat(run.get("eligible").asLong()).as(run.toString()).isEqualTo(eligible);
            Map<String, Long> all = new LinkedHashMap<>();
            for (String code : List.of(
                    "incompatible-hardware",
                    "service-only-ecu",
                    "already-current",
                    "downgrade",
                    "missing-dependency",
                    "region-not-allowed",
                    "no-consent",
                    "active-assignment")) {
                all.put(code, reasons.getOrDefault(code, 0L));
            }
            Map<String, Long> actual = new LinkedHashMap<>();
            run.get("ineligible")
                    .properties()
                    .forEach(e -> actual.put(e.getKey(), e.getValue().asLong()));
            assertThat(actual).containsExactlyEntriesOf(all);
        }

        @Test
        void dryRunCountsEachVehicleUnderItsFirstReasonAndWritesNothing() {
            oneVehiclePerReason();
            long campaigns = count("campaign");
            long assignments = count("assignment");
            long images = count("campaign_image");
            var run = dryRun(filter(), List.of("EU", "UK"));
            assertThat(run.status()).as(run.body()).isEqualTo(200);
            assertCounts(
                    run.json(),
                    8,
                    1,
                    Map.of(
                            "incompatible-hardware",
                            1L,
                            "service-only-ecu",
                            1L,
                            "already-current",
                            1L,
                            "downgrade",
                            1L,
                            "region-not-allowed",
                            1L,
                            "no-consent",
                            2L));
            var anyRegion = dryRun(Map.of("query", filter()), null);
            assertCounts(
                    anyRegion.json(),
                    8,
                    2,
                    Map.of(
                            "incompatible-hardware",
                            1L,
                            "service-only-ecu",
                            1L,
                            "already-current",
                            1L,
                            "downgrade",
                            1L,
                            "no-consent",
                            2L));
            assertThat(count("campaign")).isEqualTo(campaigns);
            assertThat(count("assignment")).isEqualTo(assignments);
            assertThat(count("campaign_image")).isEqualTo(images);
        }

        @Test
        void aCampaignStoresItsFilterStartsOnItAndDryRunsAsADraft() {
            oneVehiclePerReason();
            var created = manager.post(
                    "/api/v1/campaigns",
                    Map.of("name", "Targeted " + hardwareId, "releaseId", release, "filter", filter()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().get("filter").get("query").asString()).isEqualTo(filter());
            long id = created.json().get("id").asLong();

            var draft = manager.get("/api/v1/campaigns/" + id + "/dry-run?allowedRegions=EU,UK");
            assertThat(draft.status()).as(draft.body()).isEqualTo(200);
            assertCounts(
                    draft.json(),
                    8,
                    1,
                    Map.of(
                            "incompatible-hardware",
                            1L,
                            "service-only-ecu",
                            1L,
                            "already-current",
                            1L,
                            "downgrade",
                            1L,
                            "region-not-allowed",
                            1L,
                            "no-consent",
                            2L));

            // The start assigns by hardware, version and release counter; region and consent apply at delivery.
            campaignSteps().approvedCampaign(manager, id, knownGood);
            var started = operatorWith(Role.FLEET_OPERATOR).post("/api/v1/campaigns/" + id + "/start", "");
            assertThat(started.status()).as(started.body()).isEqualTo(200);
            assertThat(started.json().get("assignments").asLong()).isEqualTo(4);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM assignment a JOIN vehicle_tag t ON t.vin = a.vin "
                                    + "WHERE a.campaign_id = ? AND t.tag = 'excluded'")
                            .params(id)
                            .query(Long.class)
                            .single())
                    .isZero();

            var after = manager.get("/api/v1/campaigns/" + id + "/dry-run?allowedRegions=EU");
            assertCounts(
                    after.json(),
                    8,
                    0,
                    Map.of(
                            "incompatible-hardware",
                            1L,
                            "service-only-ecu",
                            1L,
                            "already-current",
                            1L,
                            "downgrade",
                            1L,
                            "region-not-allowed",
                            1L,
                            "no-consent",
                            2L,
                            "active-assignment",
                            1L));
        }

        @Test
        void versionRangesInTheFilterSelectBySemVerAtStart() {
            String old = vehicle("EU", "2.9.0", true);
            var published = fleet.publishWithKnownGood(hardwareId, "2.10.0", 40);
            release = published.releaseId();
            vehicle("EU", "2.10.0-rc.1", true);
            vehicle("EU", "1.0.0-beta", true);
            String rsql = "model==\"" + model + "\";ecu.BMS.version=lt=2.10.0-rc.1;ecu.BMS.version=ge=1.0.0";
            assertCounts(dryRun(rsql, null).json(), 1, 1, Map.of());
            var created = manager.post(
                    "/api/v1/campaigns", Map.of("name", "Range " + hardwareId, "releaseId", release, "filter", rsql));
            long id = created.json().get("id").asLong();
            campaignSteps().approvedCampaign(manager, id, published.knownGoodReleaseId());
            assertThat(admin.post("/api/v1/campaigns/" + id + "/start", "").status())
                    .isEqualTo(200);
            assertThat(jdbc.sql("SELECT vin FROM assignment WHERE campaign_id = ?")
                            .params(id)
                            .query(String.class)
                            .list())
                    .singleElement()
                    .satisfies(vin -> assertThat(vin.trim()).isEqualTo(old));
        }

        /** Publishes an image for the hardware id that needs {@code dependency} at {@code minVersion} or later. */
        long publishWithDependency(String dependency, String minVersion) {
            byte[] content =
                    ("image " + hardwareId + " with dependency ").repeat(1_000).getBytes();
            var image = admin.post(
                    "/api/v1/images",
                    Map.of(
                            "hardwareId",
                            hardwareId,
                            "name",
                            "Firmware " + hardwareId,
                            "version",
                            "2.0.0",
                            "releaseCounter",
                            20,
                            "fileName",
                            "fw-2.0.0.bin",
                            "installType",
                            "AB",
                            "riskClass",
                            "LOW",
                            "ecuType",
                            "BMS",
                            "dependencies",
                            List.of(Map.of("hardwareId", dependency, "minVersion", minVersion))));
            assertThat(image.status()).as(image.body()).isEqualTo(201);
            long imageId = image.json().get("id").asLong();
            assertThat(admin.send("PUT", "/api/v1/images/" + imageId + "/content", "application/octet-stream", content)
                            .status())
                    .isEqualTo(200);
            var created = admin.post(
                    "/api/v1/releases",
                    Map.of(
                            "name",
                            "Release " + hardwareId,
                            "version",
                            "2.0.0",
                            "notes",
                            "With a dependency",
                            "imageIds",
                            List.of(imageId)));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long id = created.json().get("id").asLong();
            var published = admin.post("/api/v1/releases/" + id + "/publish", "");
            assertThat(published.status()).as(published.body()).isEqualTo(200);
            return id;
        }

        @Test
        void vehiclesWithoutTheImagesDependencyAtASufficientSemVerAreCountedMissingDependency() {
            String dependency = "DEP-" + hardwareId;
            String met = fleet.vehicle(model, "EU", "1.0.0", hardwareId, dependency);
            String metByPrecedence = fleet.vehicle(model, "EU", "1.0.0", hardwareId, dependency);
            String tooOld = fleet.vehicle(model, "EU", "1.0.0", hardwareId, dependency);
            vehicle("EU", "1.0.0", true);
            for (var v : Map.of(met, "1.6.0", metByPrecedence, "1.10.0", tooOld, "1.2.0")
                    .entrySet()) {
                jdbc.sql("UPDATE ecu SET software_version = ? WHERE vin = ? AND hardware_id = ?")
                        .params(v.getValue(), v.getKey(), dependency)
                        .update();
                report(v.getKey(), true);
            }
            long rollbackTo = fleet.publish(hardwareId, "1.5.0", 15).releaseId();
            release = publishWithDependency(dependency, "1.5.0");
            String rsql = "model==\"" + model + "\"";
            assertCounts(dryRun(rsql, null).json(), 4, 2, Map.of("missing-dependency", 2L));

            var created = manager.post(
                    "/api/v1/campaigns",
                    Map.of("name", "Dependent " + hardwareId, "releaseId", release, "filter", rsql));
            long id = created.json().get("id").asLong();
            campaignSteps().approvedCampaign(manager, id, rollbackTo);
            assertThat(admin.post("/api/v1/campaigns/" + id + "/start", "").status())
                    .isEqualTo(200);
            assertThat(jdbc
                            .sql("SELECT vin FROM assignment WHERE campaign_id = ?")
                            .params(id)
                            .query(String.class)
                            .list()
                            .stream()
                            .map(String::trim))
                    .containsExactlyInAnyOrder(met, metByPrecedence);
        }

        @Test
        void badFiltersAreRefusedAndNothingIsWritten() {
            vehicle("EU", "1.0.0", true);
            release = fleet.publish(hardwareId, "2.0.0", 20).releaseId();
            long campaigns = count("campaign");
            long audit = count("campaign_image");
            Map<Object, String> bad = new LinkedHashMap<>();
            bad.put("model=lt=Aurora", "invalid-target-filter");
            bad.put("ecu.BMS.version=lt=2.4", "invalid-target-filter");
            bad.put("model==x';DROP TABLE campaign;--", "invalid-target-filter");
            bad.put(Map.of("query", "colour==red"), "invalid-target-filter");
            bad.put("model==" + "A".repeat(2001), "invalid-target-filter");
            bad.put(List.of("model==A"), "invalid-target-filter");
            bad.put(Map.of("model", 7), "invalid-target-filter");
            bad.forEach((filter, code) -> {
                var created = manager.post(
                        "/api/v1/campaigns",
                        Map.of("name", "Bad " + hardwareId, "releaseId", release, "filter", filter));
                assertThat(created.status()).as(filter + " " + created.body()).isEqualTo(400);
                assertThat(created.code()).as(filter.toString()).isEqualTo(code);
                var run = dryRun(filter, null);
                assertThat(run.status()).as(filter + " " + run.body()).isEqualTo(400);
                assertThat(run.code()).as(filter.toString()).isEqualTo(code);
            });
            Map<String, String> longAttributes = new LinkedHashMap<>();
            for (int i = 0; i < 10; i++) {
                longAttributes.put("a" + i + "x".repeat(250), "v".repeat(256));
            }
            var tooLongToStore = manager.post(
                    "/api/v1/campaigns",
                    Map.of(
                            "name",
                            "Bad " + hardwareId,
                            "releaseId",
                            release,
                            "filter",
                            Map.of("attributes", longAttributes)));
            assertThat(tooLongToStore.status()).as(tooLongToStore.body()).isEqualTo(400);
            assertThat(tooLongToStore.code()).isEqualTo("invalid-target-filter");
            assertThat(manager.post(
                                    "/api/v1/campaigns",
                                    Map.of(
                                            "name",
                                            "Bad " + hardwareId,
                                            "releaseId",
                                            release,
                                            "filter",
                                            "model=lt=Aurora"))
                            .status())
                    .isEqualTo(400);
            assertThat(dryRun("model==A", List.of("x".repeat(33))).code()).isEqualTo("invalid-parameter");
            release = 999_999_999L;
            assertThat(dryRun("model==A", null).code()).isEqualTo("release-not-published");
            assertThat(manager.get("/api/v1/campaigns/999999999/dry-run").status())
                    .isEqualTo(404);
            assertThat(count("campaign")).isEqualTo(campaigns);
            assertThat(count("campaign_image")).isEqualTo(audit);
            assertThat(count("vehicle")).isPositive();
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
