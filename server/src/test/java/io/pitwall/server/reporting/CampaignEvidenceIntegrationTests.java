package io.pitwall.server.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.campaign.rollout.WaveReconciler;
import io.pitwall.server.campaign.spi.CaseCounts;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.CampaignSteps;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Evidence and learning: the daily release note of a campaign under way, the review once it finished. */
class CampaignEvidenceIntegrationTests {

    /** What the cases module's {@link CaseCounts} bean reports as its source. */
    static final String CASES_SOURCE = "cases module: service cases opened for the campaign that UTC day";

    private static final AtomicLong FLEETS = new AtomicLong();

    abstract static class Contract extends IntegrationTest {

        @Autowired
        WaveReconciler reconciler;

        @Autowired
        CampaignReleaseNotes releaseNotes;

        TestFleet fleet;
        String hardwareId;
        String model;
        ApiClient manager;
        String owner;
        ApiClient ownerClient;

        @BeforeEach
        void fleet() {
            fleet = new TestFleet(jdbc, admin);
            hardwareId = "EVID-" + FLEETS.incrementAndGet() + "-" + getClass().getSimpleName();
            model = "Evidence-" + hardwareId;
            manager = operatorWith(Role.RELEASE_MANAGER);
            owner = "reviewer-" + hardwareId.toLowerCase();
            var created = admin.post(
                    "/api/v1/operators",
                    Map.of("username", owner, "password", "password-of-" + owner, "role", Role.VIEWER.code()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            ownerClient = api.as(owner, "password-of-" + owner);
        }

        /**
         * A reconciler pass as "test-node" (as every test class ticks), taking over the lease another test class
         * of this context may still hold.
         */
        int tick() {
            jdbc.sql("UPDATE lease SET expires_at = :past WHERE name = :name")
                    .param("past", java.time.OffsetDateTime.now().minusDays(1))
                    .param("name", WaveReconciler.LEASE)
                    .update();
            return reconciler.tick("test-node");
        }

        List<String> vehicles(int n, String tag) {
            return fleet.vehicles(n, model, hardwareId, tag);
        }

        static Map<String, Object> wave(String name, String kind, String selector, int minExecuted) {
            return CampaignSteps.wave(name, kind, selector, Map.of("minExecuted", minExecuted));
        }

        /** A started campaign whose readiness sheet names {@link #owner} as review owner. */
        long started(List<Map<String, Object>> waves) {
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            long id = CampaignSteps.created(manager, "Evidence " + hardwareId, release.releaseId(), model, null);
            if (!waves.isEmpty()) {
                CampaignSteps.planned(manager, id, waves, null);
            }
            Map<String, Object> sheet = CampaignSteps.completeSheet(release.knownGoodReleaseId(), owner);
            assertThat(manager.put(path(id, "/readiness"), sheet).status()).isEqualTo(200);
            assertThat(manager.post(path(id, "/evidence"), CampaignSteps.evidence())
                            .status())
                    .isEqualTo(201);
            assertThat(manager.post(path(id, "/submit"), "").status()).isEqualTo(200);
            campaignSteps().approved(id);
            CampaignSteps.start(operatorWith(Role.FLEET_OPERATOR), id);
            return id;
        }

        static String path(long id, String rest) {
            return "/api/v1/campaigns/" + id + rest;
        }

        long audited(String action, long id) {
            return jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = ? AND target = ?")
                    .params(action, "campaign:" + id)
                    .query(Long.class)
                    .single();
        }

        @Test
        void theDailyNoteCountsStatesFailuresWavesGateDecisionsAndIsStoredOncePerDay() {
            var pilot = vehicles(2, "pilot");
            var rest = vehicles(3, null);
            long id = started(List.of(wave("pilot", "TAG", "pilot", 2), wave("rest", "REST", null, 3)));
            fleet.finish(pilot, null);
            assertThat(tick())
                    .as("this campaign steps (others of the shared context may too)")
                    .isGreaterThanOrEqualTo(1);
            assertThat(tick()).as("the rest wave starts").isGreaterThanOrEqualTo(1);
            fleet.finish(rest.subList(0, 1), "E_FLASH_WRITE");
            String today = LocalDate.now(ZoneOffset.UTC).toString();

            var live = manager.get(path(id, "/release-notes/" + today));
            assertThat(live.status()).as(live.body()).isEqualTo(200);
            assertThat(live.json().get("stored").asBoolean()).isFalse();
            assertThat(count("campaign_release_note"))
                    .as("reading writes nothing")
                    .isZero();

            releaseNotes.store(id);
            releaseNotes.store(id);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM campaign_release_note WHERE campaign_id = ?")
                            .params(id)
                            .query(Long.class)
                            .single())
                    .as("one note per campaign and day")
                    .isEqualTo(1);
            assertThat(audited("campaign.release-note", id)).isEqualTo(1);

            JsonNode note = manager.get(path(id, "/release-notes/" + today)).json();
            assertThat(note.get("stored").asBoolean()).isTrue();
            assertThat(note.get("status").asString()).isEqualTo("RUNNING");
            assertThat(note.get("assignments").asLong()).isEqualTo(5);
            assertThat(note.get("byStatus").get("SUCCEEDED").asLong()).isEqualTo(2);
            assertThat(note.get("byStatus").get("FAILED").asLong()).isEqualTo(1);
            assertThat(note.get("failuresByCategory").properties()).hasSize(1);
            assertThat(note.get("wavesPassed").asInt()).isEqualTo(1);
            assertThat(note.get("wavesPassedThatDay").get(0).asString()).isEqualTo("pilot");
            assertThat(note.get("gateDecisions")).hasSize(1);
            assertThat(note.get("gateDecisions").get(0).get("kind").asString()).isEqualTo("WAVE_GATE_PASSED");
            assertThat(note.get("casesOpened").asLong())
                    .as("the failed update opened a campaign case")
                    .isEqualTo(1);
            assertThat(note.get("casesSource").asString()).isEqualTo(CASES_SOURCE);

            var markdown = manager.get(path(id, "/release-notes/" + today), "text/markdown");
            assertThat(markdown.status()).isEqualTo(200);
            assertThat(markdown.contentType()).startsWith("text/markdown");
            assertThat(markdown.body())
                    .contains(
                            "# Release note: Evidence " + hardwareId,
                            "| SUCCEEDED | 2 |",
                            "1 of 2 waves passed",
                            "| 0 pilot | PASSED | reconciler |",
                            "1 (" + CASES_SOURCE + ")");

            var list = manager.get(path(id, "/release-notes"));
            assertThat(list.json()).hasSize(1);
            assertThat(list.json().get(0).get("day").asString()).isEqualTo(today);
        }

        @Test
        void aDayWithoutANoteIsNotFoundAndABadDayIsRefused() {
            vehicles(1, null);
            long id = started(List.of());
            var past = manager.get(path(id, "/release-notes/2020-01-01"));
            assertThat(past.status()).isEqualTo(404);
            assertThat(past.code()).isEqualTo("release-note-not-found");
            var bad = manager.get(path(id, "/release-notes/yesterday"));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.code()).isEqualTo("invalid-parameter");
            assertThat(manager.get(path(999_999_999, "/release-notes")).code()).isEqualTo("campaign-not-found");
        }

        @Test
        void aCompletedCampaignOpensAReviewWithItsOutcomeMetricsAndOwner() {
            var pilot = vehicles(2, "pilot");
            var rest = vehicles(2, null);
            long id = started(List.of(wave("pilot", "TAG", "pilot", 2), wave("rest", "REST", null, 2)));
            assertThat(manager.get(path(id, "/review")).code()).isEqualTo("review-not-found");
            fleet.finish(pilot, null);
            tick();
            tick();
            fleet.finish(rest.subList(0, 1), null);
            fleet.finish(rest.subList(1, 2), "E_FLASH_WRITE");
            tick();
            tick();
            var review = manager.get(path(id, "/review"));
            assertThat(review.status()).as(review.body()).isEqualTo(200);
            JsonNode json = review.json();
            assertThat(json.get("outcome").asString()).isEqualTo("COMPLETED");
            assertThat(json.get("status").asString()).isEqualTo("OPEN");
            assertThat(json.get("owner").asString()).isEqualTo(owner);
            assertThat(json.get("metrics").get("successRate").asDouble()).isEqualTo(0.75);
            assertThat(json.get("metrics").get("waves").asInt()).isEqualTo(2);
            assertThat(json.get("metrics").get("wavesPassed").asInt()).isEqualTo(2);
            assertThat(json.get("metrics").get("pauses").asInt()).isZero();
            assertThat(json.get("metrics").get("durationSeconds").isNumber()).isTrue();
            assertThat(json.get("metrics").get("failuresByCategory").properties())
                    .hasSize(1);
            assertThat(audited("campaign.review.open", id)).isEqualTo(1);
        }

        @Test
        void theOwnerOrAnApproverAddsNotesAndClosesTheReviewOthersAreRefused() {
            vehicles(2, null);
            long id = started(List.of());
            var cancel = operatorWith(Role.FLEET_OPERATOR).post(path(id, "/cancel"), "");
            assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
            assertThat(manager.get(path(id, "/review")).json().get("outcome").asString())
                    .isEqualTo("CANCELLED");

            var stranger = manager.put(path(id, "/review"), Map.of("learningNotes", "Not mine to write"));
            assertThat(stranger.status()).isEqualTo(403);
            assertThat(stranger.code()).isEqualTo("not-review-owner");
            var empty = ownerClient.put(path(id, "/review"), Map.of("learningNotes", " "));
            assertThat(empty.status()).isEqualTo(422);
            assertThat(empty.code()).isEqualTo("invalid-review");
            JsonNode untouched = manager.get(path(id, "/review")).json().get("learningNotes");
            assertThat(untouched == null || untouched.isNull())
                    .as("no notes written")
                    .isTrue();

            var noted = ownerClient.put(path(id, "/review"), Map.of("learningNotes", "Pilot too small"));
            assertThat(noted.status()).as(noted.body()).isEqualTo(200);
            assertThat(noted.json().get("status").asString()).isEqualTo("OPEN");
            var closed = operatorWith(Role.APPROVER)
                    .put(path(id, "/review"), Map.of("learningNotes", "Pilot too small; use 5 %", "close", true));
            assertThat(closed.status()).as(closed.body()).isEqualTo(200);
            assertThat(closed.json().get("status").asString()).isEqualTo("CLOSED");
            assertThat(closed.json().get("closedBy").asString()).startsWith("approver");
            var late = ownerClient.put(path(id, "/review"), Map.of("learningNotes", "Too late"));
            assertThat(late.status()).isEqualTo(409);
            assertThat(late.code()).isEqualTo("review-closed");
            assertThat(manager.get(path(id, "/review"))
                            .json()
                            .get("learningNotes")
                            .asString())
                    .isEqualTo("Pilot too small; use 5 %");
            assertThat(audited("campaign.review.update", id)).isEqualTo(1);
            assertThat(audited("campaign.review.close", id)).isEqualTo(1);
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
