package io.pitwall.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.internal.PublicRoutes;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.CampaignSteps;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.RawHttp;
import io.pitwall.server.support.TestFleet;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route the server registers, reached by every spelling of its path that request mapping could decode
 * to it (each character percent-encoded in turn, in upper- and lower-case hex; doubled slashes; dot
 * segments; matrix parameters), without a credential and with another vehicle's credential: never a 2xx,
 * and nothing stored for the vehicle whose path was used. Only the declared public routes are left out.
 */
class EncodedPathAuthenticationIntegrationTests extends IntegrationTest {

    /**
     * Answers that show the request was refused before any handler ran: by the URL firewall or the container
     * (400), for want of the right credential (401, 403), or as a path no security chain serves (404).
     */
    private static final Map<Integer, Set<String>> REFUSED = Map.of(
            400, Set.of("request-rejected", "malformed-request", "-"),
            401, Set.of("unauthenticated", "invalid-token", "device-unauthenticated", "device-credential-invalid", "-"),
            403, Set.of("vin-mismatch", "-"),
            404, Set.of("not-found"));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    String victim;
    String artifact;
    String commandId;
    ApiClient victimClient;
    String otherToken;

    record Route(String method, String path, String body) {}

    @BeforeEach
    void aVehicleWithAnAssignmentAndAPendingCommandAndAnotherVehicle() {
        var fleet = new TestFleet(jdbc, admin);
        String hardwareId = "ENC-HW-" + System.nanoTime();
        victim = fleet.vehicle("Enc-" + hardwareId, "EU", "1.0.0", hardwareId);
        String other = fleet.vehicle("EncOther-" + hardwareId, "EU", "1.0.0", "OTHER-" + hardwareId);
        var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
        artifact = release.sha256();
        var manager = operatorWith(Role.RELEASE_MANAGER);
        var created = manager.post(
                "/api/v1/campaigns",
                Map.of(
                        "name",
                        "Enc " + hardwareId,
                        "releaseId",
                        release.releaseId(),
                        "filter",
                        Map.of("model", "Enc-" + hardwareId)));
        long campaign = created.json().get("id").asLong();
        new CampaignSteps(this::operatorWith).approvedCampaign(manager, campaign, release.knownGoodReleaseId());
        assertThat(admin.post("/api/v1/campaigns/" + campaign + "/start", "")
                        .json()
                        .get("assignments")
                        .asLong())
                .isEqualTo(1);
        var command = operatorWith(Role.DIAGNOSTICS_ENGINEER)
                .post("/api/v1/vehicles/" + victim + "/commands", Map.of("type", "READ_DTCS", "reason", "route sweep"));
        assertThat(command.status()).as(command.body()).isEqualTo(201);
        commandId = command.json().get("id").asString();
        victimClient = fleet.credentialFor(victim);
        otherToken = admin.post("/api/v1/vehicles/" + other + "/credentials", "")
                .json()
                .get("token")
                .asString();
    }

    @Test
    void noSpellingOfAProtectedRouteAnswersWithoutTheRightCredential() {
        List<Route> routes = protectedRoutes();
        assertThat(routes)
                .extracting(Route::path)
                .as("device and management routes found")
                .contains(
                        "/device/v1/vehicles/" + victim + "/checkin",
                        "/device/v1/vehicles/" + victim + "/events",
                        "/device/v1/vehicles/" + victim + "/director/targets.json",
                        "/device/v1/vehicles/" + victim + "/artifacts/" + artifact)
                .hasSizeGreaterThan(100);
        var before = victimState();

        List<String> answered = new ArrayList<>();
        Map<String, String> statuses = new TreeMap<>();
        int sent;
        try (var raw = RawHttp.keepAlive(port)) {
            sent = sweep(raw, routes, answered, statuses);
        }
        assertThat(sent).isGreaterThan(routes.size() * 40);
        assertThat(answered)
                .as("answered without the right credential (statuses seen: %s)", statuses)
                .isEmpty();
        assertThat(victimState())
                .as("nothing stored or handed out for the vehicle")
                .isEqualTo(before);

        var own = victimClient.post("/device/v1/vehicles/" + victim + "/checkin", checkinBody());
        assertThat(own.status()).as("the vehicle itself still gets in").isEqualTo(200);
        assertThat(own.json().get("commands").get(0).get("id").asString()).isEqualTo(commandId);
    }

    /** Sends every spelling of every route, without a credential and as the other vehicle; lists what got in. */
    private int sweep(RawHttp.KeepAlive raw, List<Route> routes, List<String> answered, Map<String, String> statuses) {
        int sent = 0;
        for (Route route : routes) {
            for (String spelling : spellings(route.path())) {
                for (String authorization : new String[] {null, "Bearer " + otherToken}) {
                    var answer = raw.send(route.method(), spelling, authorization, route.body());
                    sent++;
                    String code = answer.code() == null ? "-" : answer.code();
                    statuses.putIfAbsent(answer.status() + " " + code, route.method() + " " + spelling);
                    if (!REFUSED.getOrDefault(answer.status(), Set.of()).contains(code)) {
                        answered.add(route.method() + " " + spelling + (authorization == null ? "" : " (other vehicle)")
                                + " -> " + answer.status() + " " + code);
                    }
                }
            }
        }
        return sent;
    }

    /** Every registered route but the declared public ones, with the victim's VIN and real ids filled in. */
    private List<Route> protectedRoutes() {
        Set<Route> routes = new LinkedHashSet<>();
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            var methods = entry.getKey().getMethodsCondition().getMethods();
            for (String pattern : entry.getKey().getPatternValues()) {
                if (PublicRoutes.isPublic(pattern)) {
                    continue;
                }
                String path = pattern.replace("{vin}", victim)
                        .replace("{sha256}", artifact)
                        .replace("/director/{name}", "/director/targets.json")
                        .replaceAll("\\{[^}]+}", "999999999");
                for (RequestMethod method : methods.isEmpty() ? List.of(RequestMethod.GET) : methods) {
                    routes.add(new Route(method.name(), path, body(method, pattern)));
                }
            }
        }
        routes.add(new Route("GET", "/actuator/prometheus", null));
        return List.copyOf(routes);
    }

    private String body(RequestMethod method, String pattern) {
        if (method == RequestMethod.GET || method == RequestMethod.HEAD || method == RequestMethod.DELETE) {
            return null;
        }
        if (pattern.endsWith("/checkin")) {
            return checkinJson();
        }
        if (pattern.endsWith("/events")) {
            return "{\"events\":[{\"seq\":1,\"type\":\"INSTALL_COMPLETED\",\"occurredAt\":\"" + Instant.now()
                    + "\",\"assignmentId\":\"1\"}]}";
        }
        return "{}";
    }

    private static String checkinJson() {
        return "{\"connectivity\":\"WIFI\",\"ownerConsent\":true,\"ecus\":[{\"serial\":\"FORGED-1\","
                + "\"hardwareId\":\"FORGED\",\"installedVersion\":\"6.6.6\"}]}";
    }

    private static Map<String, Object> checkinBody() {
        return Map.of("connectivity", "WIFI", "ownerConsent", true, "ecus", List.of());
    }

    /** The path as sent, then every other spelling that decodes or normalizes to it. */
    static List<String> spellings(String path) {
        Set<String> spellings = new LinkedHashSet<>();
        spellings.add(path);
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            String hex = String.format("%02X", bytes[i] & 0xff);
            String head = path.substring(0, i);
            String tail = path.substring(i + 1);
            spellings.add(head + "%" + hex + tail);
            spellings.add(head + "%" + hex.toLowerCase(Locale.ROOT) + tail);
        }
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            String head = path.substring(0, i);
            String tail = path.substring(i);
            spellings.add(head + "/" + tail);
            spellings.add(head + "/." + tail);
            spellings.add(head + "/x/.." + tail);
            if (i > 0) {
                spellings.add(head + ";x=1" + tail);
                spellings.add(head + ";" + tail);
            }
        }
        spellings.add(path + ";jsessionid=1");
        return List.copyOf(spellings);
    }

    /** What the sweep must leave as it was: the victim's report, events, assignment and pending command. */
    private List<Object> victimState() {
        return List.of(
                jdbc.sql("SELECT status || ':' || version FROM assignment WHERE vin = :v")
                        .param("v", victim)
                        .query(String.class)
                        .list(),
                jdbc.sql("SELECT COUNT(*) FROM vehicle_report WHERE vin = :v")
                        .param("v", victim)
                        .query(Long.class)
                        .single(),
                jdbc.sql("SELECT COUNT(*) FROM reported_ecu WHERE vin = :v")
                        .param("v", victim)
                        .query(Long.class)
                        .single(),
                jdbc.sql("SELECT COUNT(*) FROM vehicle_event WHERE vin = :v")
                        .param("v", victim)
                        .query(Long.class)
                        .single(),
                admin.get("/api/v1/commands/" + commandId).json().get("status").asString());
    }
}
