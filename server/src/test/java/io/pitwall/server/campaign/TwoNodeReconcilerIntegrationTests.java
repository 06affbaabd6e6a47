package io.pitwall.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.server.PitwallServerApplication;
import io.pitwall.server.access.Role;
import io.pitwall.server.campaign.rollout.WaveReconciler;
import io.pitwall.server.shared.Leases;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.CampaignSteps;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.OwnDatabase;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two server nodes on one PostgreSQL schema, both running the campaign reconciler every 200 ms with a
 * 2-second lease. The lease holder is closed in the middle of a phased campaign; it releases the lease as it
 * stops, and the other node takes it over and drives the campaign to the end. Nothing is advanced or assigned twice:
 * one WAVE_STARTED per wave in the decision log, one assignment per vehicle.
 */
@PostgresTest
class TwoNodeReconcilerIntegrationTests {

    private static final AtomicInteger OPERATORS = new AtomicInteger();
    private final String schema =
            "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    private ConfigurableApplicationContext node() {
        // Arguments, so they win over application(-test).yml; a small pool each, the database is shared.
        var context = new SpringApplicationBuilder(PitwallServerApplication.class)
                .profiles("test", "postgres")
                .run(
                        "--" + OwnDatabase.NAME + "=" + schema,
                        "--server.port=0",
                        "--pitwall.campaign.reconcile-interval=200ms",
                        "--pitwall.campaign.reconciler-lease=2s",
                        "--spring.datasource.hikari.maximum-pool-size=4",
                        "--spring.datasource.hikari.minimum-idle=1");
        nodes.add(context);
        return context;
    }

    private static ApiClient admin(ConfigurableApplicationContext node) {
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        return ApiClient.at(port).as("admin", IntegrationTest.ADMIN_PASSWORD);
    }

    private static ApiClient operator(ApiClient admin, Role role) {
        String username = role.code() + "-two-node-" + OPERATORS.incrementAndGet();
        var created = admin.post(
                "/api/v1/operators",
                Map.of("username", username, "password", "password-of-" + username, "role", role.code()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return admin.anonymous().as(username, "password-of-" + username);
    }

    @AfterEach
    void stopNodesAndDropSchema() throws Exception {
        nodes.forEach(ConfigurableApplicationContext::close);
        String url =
                System.getenv().getOrDefault("PITWALL_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/pitwall_test");
        try (var connection = DriverManager.getConnection(
                        url,
                        System.getenv().getOrDefault("PITWALL_TEST_PG_USER", "pitwall"),
                        System.getenv().getOrDefault("PITWALL_TEST_PG_PASSWORD", "pitwall"));
                var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void theOtherNodeTakesOverTheLeaseAndNothingIsAdvancedOrAssignedTwice() {
        var first = node();
        var second = node();
        JdbcClient jdbc = first.getBean(JdbcClient.class);
        ApiClient admin = admin(second);
        TestFleet fleet = new TestFleet(jdbc, admin);
        String hardwareId = "TWO-NODE-" + schema;
        String model = "TwoNode-" + schema;
        List<List<String>> waves = new ArrayList<>();
        for (int wave = 0; wave < 3; wave++) {
            List<String> vins = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String vin = fleet.vehicle(model, wave == 1 ? "UK" : "EU", "1.0.0", hardwareId);
                if (wave == 0) {
                    jdbc.sql("INSERT INTO vehicle_tag (vin, tag) VALUES (?, 'pilot')")
                            .params(vin)
                            .update();
                }
                vins.add(vin);
            }
            waves.add(vins);
        }
        var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
        ApiClient manager = operator(admin, Role.RELEASE_MANAGER);
        var created = manager.post(
                "/api/v1/campaigns",
                Map.of("name", "Two nodes", "releaseId", release.releaseId(), "filter", "model==\"" + model + "\""));
        long id = created.json().get("id").asLong();
        var plan = manager.put(
                "/api/v1/campaigns/" + id + "/waves",
                Map.of(
                        "waves",
                        List.of(
                                wave("pilot", "TAG", "pilot"),
                                wave("UK", "FILTER", "region==UK"),
                                wave("rest", "REST", null))));
        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        new CampaignSteps(role -> operator(admin, role)).approvedCampaign(manager, id, release.knownGoodReleaseId());
        assertThat(operator(admin, Role.FLEET_OPERATOR)
                        .post("/api/v1/campaigns/" + id + "/start", "")
                        .status())
                .isEqualTo(200);

        finish(fleet, waves.get(0));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> waveStatus(jdbc, id, 1).equals("ACTIVE"));
        String holder = holder(jdbc);
        var survivor = holder.equals(first.getBean(Leases.class).node()) ? second : first;
        var killed = survivor == first ? second : first;
        assertThat(holder).isEqualTo(killed.getBean(Leases.class).node());
        long term = term(jdbc);
        killed.close();

        JdbcClient live = survivor.getBean(JdbcClient.class);
        assertThat(holder(live))
                .as("a clean stop releases the lease instead of leaving it to lapse")
                .isNotEqualTo(holder);
        TestFleet liveFleet = new TestFleet(live, admin(survivor));
        finish(liveFleet, waves.get(1));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> waveStatus(live, id, 2).equals("ACTIVE"));
        finish(liveFleet, waves.get(2));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> live.sql("SELECT status FROM campaign WHERE id = ?")
                        .params(id)
                        .query(String.class)
                        .single()
                        .equals("COMPLETED"));

        assertThat(holder(live)).isEqualTo(survivor.getBean(Leases.class).node());
        assertThat(term(live)).as("the holder changed once").isEqualTo(term + 1);
        assertThat(live.sql("SELECT COUNT(*) FROM campaign_decision WHERE campaign_id = ? AND kind = 'WAVE_STARTED'")
                        .params(id)
                        .query(Long.class)
                        .single())
                .as("one activation per wave")
                .isEqualTo(3);
        assertThat(live.sql(
                                "SELECT COUNT(*) FROM campaign_decision WHERE campaign_id = ? AND kind = 'WAVE_GATE_PASSED'")
                        .params(id)
                        .query(Long.class)
                        .single())
                .as("one gate decision per wave")
                .isEqualTo(3);
        assertThat(live.sql("SELECT COUNT(*) FROM (SELECT vin FROM assignment GROUP BY vin HAVING COUNT(*) > 1) x")
                        .query(Long.class)
                        .single())
                .as("no vehicle assigned twice")
                .isZero();
        assertThat(live.sql("SELECT COUNT(*) FROM assignment WHERE campaign_id = ? AND status = 'SUCCEEDED'")
                        .params(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(9);
        for (int wave = 0; wave < 3; wave++) {
            assertThat(live
                            .sql("SELECT vin FROM assignment WHERE campaign_id = ? AND wave_no = ? ORDER BY vin")
                            .params(id, wave)
                            .query(String.class)
                            .list()
                            .stream()
                            .map(String::trim)
                            .toList())
                    .as("wave " + wave)
                    .containsExactlyElementsOf(waves.get(wave).stream().sorted().toList());
        }
    }

    private static Map<String, Object> wave(String name, String kind, String selector) {
        Map<String, Object> wave = new LinkedHashMap<>();
        wave.put("name", name);
        wave.put("kind", kind);
        if (selector != null) {
            wave.put("selector", selector);
        }
        wave.put("gate", Map.of("minExecuted", 3, "maxFailureRate", 0.0));
        return wave;
    }

    private static String waveStatus(JdbcClient jdbc, long id, int wave) {
        return jdbc.sql("SELECT status FROM campaign_wave WHERE campaign_id = ? AND wave_no = ?")
                .params(id, wave)
                .query(String.class)
                .single();
    }

    /** The lease's holder; empty while nobody holds it (released). */
    private static String holder(JdbcClient jdbc) {
        return jdbc.sql("SELECT holder FROM lease WHERE name = ?")
                .params(WaveReconciler.LEASE)
                .query((row, n) -> java.util.Objects.toString(row.getString(1), ""))
                .single();
    }

    private static long term(JdbcClient jdbc) {
        return jdbc.sql("SELECT term FROM lease WHERE name = ?")
                .params(WaveReconciler.LEASE)
                .query(Long.class)
                .single();
    }

    /** Each vehicle installs its assignment to the end and reports its health. */
    private static void finish(TestFleet fleet, List<String> vins) {
        for (String vin : vins) {
            ApiClient vehicle = fleet.credentialFor(vin);
            var checkin = vehicle.post(
                    "/device/v1/vehicles/" + vin + "/checkin",
                    Map.of("connectivity", "WIFI", "ownerConsent", true, "ecus", List.of()));
            assertThat(checkin.status()).as(checkin.body()).isEqualTo(200);
            String assignment =
                    checkin.json().get("assignment").get("assignmentId").asString();
            List<Object> events = new ArrayList<>();
            String[] types = {
                "DOWNLOAD_STARTED", "DOWNLOAD_COMPLETED", "INSTALL_STARTED", "INSTALL_COMPLETED", "POST_UPDATE_HEALTH"
            };
            for (int seq = 0; seq < types.length; seq++) {
                events.add(new HashMap<String, Object>(Map.of(
                        "seq",
                        seq + 1,
                        "type",
                        types[seq],
                        "occurredAt",
                        Instant.now().toString(),
                        "assignmentId",
                        assignment)));
            }
            var answer = vehicle.post("/device/v1/vehicles/" + vin + "/events", Map.of("events", events));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        }
    }
}
