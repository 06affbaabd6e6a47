package io.pitwall.server.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.cases.internal.CaseCommands;
import io.pitwall.server.cases.internal.SlaEscalation;
import io.pitwall.server.cases.persistence.CaseNotes;
import io.pitwall.server.cases.persistence.ServiceCases;
import io.pitwall.server.diagnostics.RoutingTeam;
import io.pitwall.server.diagnostics.SeverityClass;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.CampaignSteps;
import io.pitwall.server.support.DtcSteps;
import io.pitwall.server.support.HeldTransaction;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import io.pitwall.testsupport.MovableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

/**
 * Service cases end to end: faults classified by the active rule set open deduplicated cases, people move them
 * through the lifecycle over HTTP, concurrent openings make one case, a breached SLA escalates once under a
 * moved clock, and a failed campaign update opens a campaign-related case.
 */
class CasesIntegrationTests {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    abstract static class Contract extends IntegrationTest {

        @Autowired
        OpenCase openCase;

        @Autowired
        ServiceCases serviceCases;

        @Autowired
        CaseNotes caseNotes;

        @Autowired
        ApplicationEventPublisher publisher;

        @Autowired
        PlatformTransactionManager transactions;

        @Autowired
        DataSource dataSource;

        static NewCase newCase(String vin, String subject, Duration sla) {
            return new NewCase(
                    vin,
                    subject,
                    "FAULT_RULE",
                    SeverityClass.SERVICE_NEEDED,
                    RoutingTeam.MAINTENANCE,
                    RoutingTeam.WARRANTY,
                    "Book a workshop visit",
                    "P0A80-1B",
                    "ECU-1",
                    1,
                    null,
                    sla);
        }

        void activate(String ruleSet) {
            var answer = operatorWith(Role.DIAGNOSTICS_ENGINEER)
                    .send(
                            "POST",
                            "/api/v1/diagnostics/rule-sets",
                            "application/json",
                            ruleSet.getBytes(StandardCharsets.UTF_8));
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        }

        JsonNode casesOf(String vin) {
            var answer = operatorWith(Role.VIEWER).get("/api/v1/cases?vin=" + vin);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer.json();
        }

        ApiClient.Response move(ApiClient by, long id, String trigger, Long version) {
            Map<String, Object> body = new HashMap<>(Map.of("trigger", trigger));
            if (version != null) {
                body.put("version", version);
            }
            return by.post("/api/v1/cases/" + id + "/transitions", body);
        }

        String status(long id) {
            return serviceCases.find(id).orElseThrow().status().name();
        }

        @Test
        void aClassifiedFaultOpensOneCasePerVehicleAndRuleCarryingItsContext() {
            long n = SEQUENCE.incrementAndGet();
            var car =
                    new DtcSteps(jdbc, admin, "CASE-HW-" + n + "-" + getClass().getSimpleName());
            activate("""
                    {"name": "cases-%1$d", "rules": [
                      {"id": "hv-%1$d", "match": {"codes": ["P0A8*"], "statusBits": ["confirmedDTC"]},
                       "class": "safety-sensitive", "team": "engineering", "sla": "PT4H",
                       "nextAction": "Ask the driver to stop", "escalateTo": "release"},
                      {"id": "body-%1$d", "match": {"codes": ["B*"]}, "class": "informational", "team": "support",
                       "sla": "P7D", "nextAction": "None"}]}""".formatted(n));
            Instant now = Instant.now();
            car.uds("0A 80 1B 08", now.minusSeconds(60));
            JsonNode page = casesOf(car.vin);
            assertThat(page.get("total").asLong()).isEqualTo(1);
            JsonNode c = page.get("items").get(0);
            assertThat(c.get("status").asString()).isEqualTo("OPEN");
            assertThat(c.get("subject").asString()).isEqualTo("rule:hv-" + n);
            assertThat(c.get("severityClass").asString()).isEqualTo("safety-sensitive");
            assertThat(c.get("priority").asInt()).isEqualTo(1);
            assertThat(c.get("team").asString()).isEqualTo("engineering");
            assertThat(c.get("escalationTeam").asString()).isEqualTo("release");
            assertThat(c.get("code").asString()).isEqualTo("P0A80-1B");
            assertThat(c.get("sla").asString()).isEqualTo("PT4H");
            long id = c.get("id").asLong();

            car.uds("0A 80 1B 08", now.minusSeconds(30));
            car.uds("0A 80 1B 04", now.minusSeconds(20));
            car.j2012("B1000", now.minusSeconds(10));
            page = casesOf(car.vin);
            assertThat(page.get("total").asLong())
                    .as("deduplicated; pending and informational open none")
                    .isEqualTo(1);
            assertThat(page.get("items").get(0).get("occurrences").asInt()).isEqualTo(2);

            JsonNode detail =
                    operatorWith(Role.SUPPORT_AGENT).get("/api/v1/cases/" + id).json();
            JsonNode context = detail.get("context");
            assertThat(context.get("vehicle").get("ecus").get(0).get("type").asString())
                    .isEqualTo("BMS");
            assertThat(context.get("vehicle")
                            .get("ecus")
                            .get(0)
                            .get("softwareVersion")
                            .asString())
                    .isEqualTo("3.1.4");
            assertThat(context.get("faultHistory").findValuesAsString("displayCode"))
                    .containsExactly("P0A80-1B", "P0A80-1B", "P0A80-1B", "B1000");
            assertThat(context.get("dataQuality").get("status").asString()).isEqualTo("ok");
            assertThat(detail.get("history").get(0).get("kind").asString()).isEqualTo("OPENED");
            assertThat(DtcSteps.audited(jdbc, "case.open", "case:" + id)).isEqualTo(1);
        }

        @Test
        void peopleMoveACaseThroughItsLifecycleAndARecurrenceReopensItUntilItIsClosed() {
            String vin = TestFleet.newVin("CASELIFE");
            NewCase fault = newCase(vin, "rule:life", Duration.ofHours(8));
            long id = openCase.open(fault);
            ApiClient agent = operatorWith(Role.SUPPORT_AGENT);
            long notes = count("case_note");

            var refused = move(agent, id, "close", null);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.code()).isEqualTo("invalid-case-transition");
            var stale = move(agent, id, "acknowledge", 7L);
            assertThat(stale.status()).isEqualTo(409);
            assertThat(stale.code()).isEqualTo("version-conflict");
            var byHandOnlyTriggers = move(agent, id, "recur", null);
            assertThat(byHandOnlyTriggers.status()).isEqualTo(400);
            assertThat(byHandOnlyTriggers.code()).isEqualTo("invalid-case-trigger");
            assertThat(move(operatorWith(Role.VIEWER), id, "acknowledge", null).status())
                    .isEqualTo(403);
            assertThat(count("case_note")).as("refusals write nothing").isEqualTo(notes);
            assertThat(status(id)).isEqualTo("OPEN");

            assertThat(move(agent, id, "acknowledge", 0L).json().get("status").asString())
                    .isEqualTo("ACKNOWLEDGED");
            assertThat(move(agent, id, "start", null).json().get("status").asString())
                    .isEqualTo("IN_PROGRESS");
            assertThat(move(agent, id, "resolve", null).json().get("status").asString())
                    .isEqualTo("RESOLVED");

            assertThat(openCase.open(fault))
                    .as("a recurrence lands on the resolved case")
                    .isEqualTo(id);
            assertThat(status(id)).isEqualTo("OPEN");
            assertThat(serviceCases.find(id).orElseThrow().occurrences()).isEqualTo(2);
            assertThat(DtcSteps.audited(jdbc, "case.reopen", "case:" + id)).isEqualTo(1);

            move(agent, id, "acknowledge", null);
            move(agent, id, "resolve", null);
            assertThat(move(agent, id, "close", null).json().get("status").asString())
                    .isEqualTo("CLOSED");
            long next = openCase.open(fault);
            assertThat(next).as("a closed case takes no recurrence").isNotEqualTo(id);
            var reopen = move(agent, id, "reopen", null);
            assertThat(reopen.status()).isEqualTo(409);
            assertThat(reopen.code()).isEqualTo("case-already-open");
            move(agent, next, "acknowledge", null);
            move(agent, next, "resolve", null);
            move(agent, next, "close", null);
            assertThat(move(agent, id, "reopen", null).json().get("status").asString())
                    .isEqualTo("OPEN");
            assertThat(DtcSteps.audited(jdbc, "case.close", "case:" + id)).isEqualTo(1);
        }

        @Test
        void aTransitionKeepsACommentOfTheLongestAllowedLengthInTheHistory() {
            long id = openCase.open(newCase(TestFleet.newVin("CASELONG"), "rule:long", Duration.ofHours(8)));
            String comment = "c".repeat(CaseCommands.MAX_TEXT);

            var moved = admin.post(
                    "/api/v1/cases/" + id + "/transitions", Map.of("trigger", "acknowledge", "comment", comment));

            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            JsonNode history = admin.get("/api/v1/cases/" + id).json().get("history");
            assertThat(history.get(1).get("body").asString()).isEqualTo("OPEN -> ACKNOWLEDGED: " + comment);
            var tooLong = admin.post(
                    "/api/v1/cases/" + id + "/transitions", Map.of("trigger", "start", "comment", comment + "c"));
            assertThat(tooLong.status()).isEqualTo(400);
            assertThat(tooLong.code()).isEqualTo("invalid-comment");
        }

        @Test
        void ownersMustBeCaseWorkersAndCommentsAreKeptInTheHistory() {
            long n = SEQUENCE.incrementAndGet();
            long id = openCase.open(newCase(TestFleet.newVin("CASEOWNR"), "rule:owner", Duration.ofHours(8)));
            for (String[] operator : List.of(
                    new String[] {"case-owner-" + n, "support-agent"}, new String[] {"case-viewer-" + n, "viewer"})) {
                var created = admin.post(
                        "/api/v1/operators",
                        Map.of("username", operator[0], "password", "password-of-" + operator[0], "role", operator[1]));
                assertThat(created.status()).as(created.body()).isEqualTo(201);
            }
            ApiClient agent = operatorWith(Role.FLEET_OPERATOR);
            long notes = count("case_note");
            var viewerOwner = agent.put("/api/v1/cases/" + id + "/owner", Map.of("owner", "case-viewer-" + n));
            assertThat(viewerOwner.status()).isEqualTo(422);
            assertThat(viewerOwner.code()).isEqualTo("invalid-owner");
            var blank = agent.post("/api/v1/cases/" + id + "/comments", Map.of("comment", "  "));
            assertThat(blank.status()).isEqualTo(400);
            assertThat(blank.code()).isEqualTo("invalid-comment");
            var missing = agent.post("/api/v1/cases/999999999/comments", Map.of("comment", "hello"));
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.code()).isEqualTo("case-not-found");
            assertThat(count("case_note")).isEqualTo(notes);

            var owned = agent.put("/api/v1/cases/" + id + "/owner", Map.of("owner", "case-owner-" + n));
            assertThat(owned.status()).as(owned.body()).isEqualTo(200);
            assertThat(owned.json().get("owner").asString()).isEqualTo("case-owner-" + n);
            var comment = agent.post("/api/v1/cases/" + id + "/comments", Map.of("comment", "Called the driver"));
            assertThat(comment.status()).isEqualTo(201);
            JsonNode mine = operatorWith(Role.VIEWER)
                    .get("/api/v1/cases?owner=case-owner-" + n + "&status=open")
                    .json();
            assertThat(mine.get("items").findValues("id"))
                    .extracting(JsonNode::asLong)
                    .containsExactly(id);
            JsonNode history = admin.get("/api/v1/cases/" + id).json().get("history");
            assertThat(history.findValuesAsString("kind")).containsExactly("OPENED", "ASSIGNED", "COMMENT");
            assertThat(history.get(2).get("body").asString()).isEqualTo("Called the driver");
            assertThat(DtcSteps.audited(jdbc, "case.assign", "case:" + id)).isEqualTo(1);
            assertThat(DtcSteps.audited(jdbc, "case.comment", "case:" + id)).isEqualTo(1);
            var badFilter = admin.get("/api/v1/cases?team=sales");
            assertThat(badFilter.status()).isEqualTo(400);
            assertThat(badFilter.code()).isEqualTo("invalid-parameter");
        }

        @Test
        void twoConcurrentOpeningsOfTheSameSubjectMakeOneCase() {
            String vin = TestFleet.newVin("CASERACE");
            NewCase fault = newCase(vin, "rule:race", Duration.ofHours(8));
            try (var first = HeldTransaction.open(transactions, () -> openCase.open(fault))) {
                var second = HeldTransaction.async(() -> openCase.open(fault));
                HeldTransaction.awaitSomeoneBlocked(dataSource, jdbc);
                first.commit();
                long id = second.join();
                assertThat(jdbc.sql("SELECT id FROM service_case WHERE vin = :v")
                                .param("v", vin)
                                .query(Long.class)
                                .list())
                        .containsExactly(id);
                assertThat(serviceCases.find(id).orElseThrow().occurrences()).isEqualTo(2);
            }
        }

        @Test
        void aBreachedSlaEscalatesOnceRaisingPriorityAndTellingTheEscalationTeam() {
            var clock = new MovableClock(Instant.now());
            var escalation = new SlaEscalation(serviceCases, caseNotes, publisher, transactions, clock);
            escalation.escalateDue();
            long id = openCase.open(newCase(TestFleet.newVin("CASESLA0"), "rule:sla", Duration.ofHours(2)));
            escalation.escalateDue();
            assertThat(serviceCases.find(id).orElseThrow().escalatedAt())
                    .as("not due yet")
                    .isNull();

            clock.advance(Duration.ofHours(2).plusMinutes(1));
            assertThat(escalation.escalateDue()).isGreaterThanOrEqualTo(1);
            ServiceCase escalated = serviceCases.find(id).orElseThrow();
            assertThat(Duration.between(clock.instant(), escalated.escalatedAt())
                            .abs())
                    .isLessThan(Duration.ofMillis(1));
            assertThat(escalated.priority()).as("service-needed starts at 2").isEqualTo(1);
            assertThat(caseNotes.of(id).get(1).body()).contains("warranty notified");
            assertThat(DtcSteps.audited(jdbc, "case.escalate", "case:" + id)).isEqualTo(1);

            clock.advance(Duration.ofHours(5));
            escalation.escalateDue();
            assertThat(DtcSteps.audited(jdbc, "case.escalate", "case:" + id))
                    .as("once per breach")
                    .isEqualTo(1);
            assertThat(serviceCases.find(id).orElseThrow().priority()).isEqualTo(1);
        }

        @Test
        void aFailedCampaignUpdateOpensACampaignRelatedCase() {
            var fleet = new TestFleet(jdbc, admin);
            String hardwareId =
                    "CASE-UPD-" + SEQUENCE.incrementAndGet() + "-" + getClass().getSimpleName();
            String model = "Model-" + hardwareId;
            String vin = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            var manager = operatorWith(Role.RELEASE_MANAGER);
            long campaign = CampaignSteps.createdWithFilter(
                    manager, "Cases " + hardwareId, release.releaseId(), Map.of("model", model), null);
            campaignSteps().approvedCampaign(manager, campaign, release.knownGoodReleaseId());
            CampaignSteps.start(admin, campaign);
            ApiClient vehicle = fleet.credentialFor(vin);
            var checkin = vehicle.post(
                    "/device/v1/vehicles/" + vin + "/checkin",
                    Map.of("connectivity", "WIFI", "ownerConsent", true, "ecus", List.of()));
            String assignment =
                    checkin.json().get("assignment").get("assignmentId").asString();
            var failed = vehicle.post(
                    "/device/v1/vehicles/" + vin + "/events",
                    Map.of(
                            "events",
                            List.of(
                                    Map.of(
                                            "seq",
                                            1,
                                            "type",
                                            "INSTALL_STARTED",
                                            "occurredAt",
                                            Instant.now().toString(),
                                            "assignmentId",
                                            assignment),
                                    Map.of(
                                            "seq",
                                            2,
                                            "type",
                                            "INSTALL_FAILED",
                                            "occurredAt",
                                            Instant.now().toString(),
                                            "assignmentId",
                                            assignment,
                                            "code",
                                            "FLASH_WRITE_ERROR"))));
            assertThat(failed.status()).as(failed.body()).isEqualTo(200);

            JsonNode page = casesOf(vin);
            assertThat(page.get("total").asLong()).isEqualTo(1);
            JsonNode c = page.get("items").get(0);
            assertThat(c.get("origin").asString()).isEqualTo("UPDATE_FAILURE");
            assertThat(c.get("subject").asString()).isEqualTo("campaign:" + campaign);
            assertThat(c.get("campaignId").asLong()).isEqualTo(campaign);
            assertThat(c.get("severityClass").asString()).isEqualTo("campaign-related");
            assertThat(c.get("team").asString()).isEqualTo("release");
            assertThat(c.get("code").asString()).startsWith("FAILED ").endsWith("FLASH_WRITE_ERROR");
            JsonNode updates = admin.get("/api/v1/cases/" + c.get("id").asLong())
                    .json()
                    .get("context")
                    .get("updates");
            assertThat(updates.get(0).get("campaignId").asLong()).isEqualTo(campaign);
            assertThat(updates.get(0).get("status").asString()).isEqualTo("FAILED");
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
