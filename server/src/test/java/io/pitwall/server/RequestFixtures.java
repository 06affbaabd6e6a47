package io.pitwall.server;

import io.pitwall.server.access.Role;
import io.pitwall.server.cases.NewCase;
import io.pitwall.server.cases.OpenCase;
import io.pitwall.server.diagnostics.RoutingTeam;
import io.pitwall.server.diagnostics.SeverityClass;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.CampaignSteps;
import io.pitwall.server.support.TestFleet;
import io.pitwall.server.support.TestPki;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One valid request for every management operation whose body has text fields, as {@link
 * RequestFieldLimitsIntegrationTests} sweeps them. Each {@link Fixture#call()} prepares what the request needs
 * afresh (a vehicle, a draft campaign, an operator) and builds a new, mutable body, so a request that succeeds
 * leaves the next one its own state. A fixture whose request is refused on purpose names the refusal: the sweep
 * then proves that an over-long field is refused for its length, before that state is looked at.
 */
final class RequestFixtures {

    /** What to send: who sends it, where, and an otherwise valid body. */
    record Call(ApiClient client, String path, Map<String, Object> body) {}

    /** How to make a call, and the code its unaltered request is refused with ({@code null}: it succeeds). */
    record Fixture(Supplier<Call> calls, String refusedWith) {

        Call call() {
            return calls.get();
        }
    }

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private final ApiClient admin;
    private final Function<Role, ApiClient> operators;
    private final TestFleet fleet;
    private final OpenCase cases;
    private final Map<String, Fixture> fixtures = new LinkedHashMap<>();
    private TestFleet.PublishedRelease release;

    RequestFixtures(ApiClient admin, Function<Role, ApiClient> operators, TestFleet fleet, OpenCase cases) {
        this.admin = admin;
        this.operators = operators;
        this.fleet = fleet;
        this.cases = cases;
        access();
        inventory();
        catalog();
        campaigns();
        campaignExceptions();
        serviceCases();
        diagnostics();
    }

    Optional<Fixture> of(String operation) {
        return Optional.ofNullable(fixtures.get(operation));
    }

    private void access() {
        add(
                "POST /api/v1/operators",
                () -> new Call(
                        admin,
                        "/api/v1/operators",
                        obj(
                                "username",
                                "sweep-" + next(),
                                "displayName",
                                "Sweep operator",
                                "password",
                                "a-long-password",
                                "role",
                                "viewer")));
        add(
                "PUT /api/v1/operators/{id}",
                () -> new Call(
                        admin,
                        "/api/v1/operators/" + newOperator().id(),
                        obj("role", "auditor", "enabled", true, "version", 0)));
        add("PUT /api/v1/me/password", () -> {
            var operator = newOperator();
            return new Call(
                    admin.as(operator.username(), operator.password()),
                    "/api/v1/me/password",
                    obj("currentPassword", operator.password(), "newPassword", "another-long-password"));
        });
        add(
                "POST /api/v1/tokens",
                () -> new Call(
                        admin,
                        "/api/v1/tokens",
                        obj("name", "sweep", "permissions", list("vehicle:read"), "expiresIn", "PT1H")));
    }

    private void inventory() {
        add("POST /api/v1/vehicles", () -> new Call(admin, "/api/v1/vehicles", vehicle(TestFleet.newVin("WPWSWEEP"))));
        add("PUT /api/v1/vehicles/{vin}", () -> {
            String vin = TestFleet.newVin("WPWSWEEP");
            require(admin.post("/api/v1/vehicles", vehicle(vin)), 201);
            var body = vehicle(vin);
            body.put("version", 0);
            return new Call(admin, "/api/v1/vehicles/" + vin, body);
        });
        add("POST /api/v1/vehicles/ecu-keys", () -> {
            String vin = fleet.vehicle("Aurora", "EU", "1.0", "SWEEP-HW");
            return new Call(
                    admin,
                    "/api/v1/vehicles/ecu-keys",
                    obj(
                            "keys",
                            list(obj(
                                    "vin",
                                    vin,
                                    "serial",
                                    "SWEEP-HW-" + vin,
                                    "key",
                                    obj(
                                            "keytype",
                                            "ed25519",
                                            "scheme",
                                            "ed25519",
                                            "keyval",
                                            obj("public", ed25519PublicHex()))))));
        });
        // Client certificates are off in this application, so a good certificate is refused for that.
        add("PUT /api/v1/vehicles/{vin}/certificate", "client-certificates-off", () -> {
            String vin = fleet.vehicle("Aurora", "EU", "1.0");
            String pem = TestPki.client(TestPki.ca("CN=Sweep fleet CA,O=Pitwall"), vin)
                    .certificatePem();
            return new Call(admin, "/api/v1/vehicles/" + vin + "/certificate", obj("certificate", pem));
        });
        add(
                "POST /api/v1/vehicles/{vin}/certificate-revocations",
                () -> new Call(
                        admin,
                        "/api/v1/vehicles/" + fleet.vehicle("Aurora", "EU", "1.0") + "/certificate-revocations",
                        obj("fingerprint", "ab".repeat(32), "serialNumber", "0a")));
        add(
                "POST /api/v1/vehicles/credentials",
                () -> new Call(
                        admin,
                        "/api/v1/vehicles/credentials",
                        obj("vins", list(fleet.vehicle("Aurora", "EU", "1.0")))));
        add(
                "POST /api/v1/vehicles/{vin}/block",
                () -> new Call(
                        admin,
                        "/api/v1/vehicles/" + fleet.vehicle("Aurora", "EU", "1.0") + "/block",
                        obj("reason", "Reported stolen")));
    }

    private void catalog() {
        add("POST /api/v1/images", () -> new Call(admin, "/api/v1/images", image("SWEEP-" + next())));
        add(
                "POST /api/v1/images/{id}/rollback-authorization",
                () -> new Call(
                        admin,
                        "/api/v1/images/" + newImage() + "/rollback-authorization",
                        obj("reason", "The known-good version")));
        add("POST /api/v1/releases", () -> {
            var body = image("SWEEP-" + next());
            body.remove("dependencies");
            var created = admin.post("/api/v1/images", body);
            require(created, 201);
            long image = created.json().get("id").asLong();
            require(
                    admin.send(
                            "PUT",
                            "/api/v1/images/" + image + "/content",
                            "application/octet-stream",
                            "sweep image content".repeat(100).getBytes()),
                    200);
            return new Call(
                    admin,
                    "/api/v1/releases",
                    obj(
                            "name",
                            "Sweep release",
                            "version",
                            "1.0." + next(),
                            "notes",
                            "What changed",
                            "imageIds",
                            list(image)));
        });
    }

    private void campaigns() {
        add(
                "POST /api/v1/campaigns",
                () -> new Call(
                        admin,
                        "/api/v1/campaigns",
                        obj(
                                "name",
                                "Sweep campaign",
                                "releaseId",
                                release().releaseId(),
                                "filter",
                                "model==Aurora",
                                "schedule",
                                schedule())));
        add(
                "POST /api/v1/campaigns/dry-run",
                () -> new Call(
                        admin,
                        "/api/v1/campaigns/dry-run",
                        obj(
                                "releaseId",
                                release().releaseId(),
                                "filter",
                                "model==Aurora",
                                "allowedRegions",
                                list("EU"),
                                "waves",
                                list(wave()))));
        add("PUT /api/v1/campaigns/{id}/waves", () -> new Call(admin, campaign(newCampaign(), "/waves"), plan()));
        add(
                "PUT /api/v1/campaigns/{id}/schedule",
                () -> new Call(admin, campaign(newCampaign(), "/schedule"), schedule()));
        for (String method : List.of("PUT", "PATCH")) {
            add(
                    method + " /api/v1/campaigns/{id}/readiness",
                    () -> new Call(
                            admin,
                            campaign(newCampaign(), "/readiness"),
                            mutable(CampaignSteps.completeSheet(release().knownGoodReleaseId()))));
        }
        add(
                "POST /api/v1/campaigns/{id}/evidence",
                () -> new Call(admin, campaign(newCampaign(), "/evidence"), mutable(CampaignSteps.evidence())));
        add("POST /api/v1/campaigns/{id}/approvals", () -> {
            long id = newCampaign();
            new CampaignSteps(operators).readyAndSubmitted(admin, id, release().knownGoodReleaseId());
            return new Call(
                    operators.apply(Role.APPROVER),
                    campaign(id, "/approvals"),
                    obj("decision", "APPROVE", "comment", "Evidence reviewed"));
        });
        add(
                "POST /api/v1/campaigns/emergency-stop",
                () -> new Call(
                        admin, "/api/v1/campaigns/emergency-stop", obj("reason", "Field reports of bricked gateways")));
        // Refused on purpose: a draft campaign has no review, no wave awaiting approval, nothing to roll back.
        add(
                "PUT /api/v1/campaigns/{id}/review",
                "review-not-found",
                () -> new Call(
                        admin,
                        campaign(newCampaign(), "/review"),
                        obj("learningNotes", "Pilot gate was too loose", "close", false)));
        add("POST /api/v1/campaigns/{id}/waves/{number}/approval", "wave-not-awaiting-approval", () -> {
            long id = newCampaign();
            require(admin.put(campaign(id, "/waves"), plan()), 200);
            return new Call(
                    operators.apply(Role.APPROVER),
                    campaign(id, "/waves/0/approval"),
                    obj("comment", "Pilot looks healthy"));
        });
        add(
                "POST /api/v1/campaigns/{id}/rollback",
                "campaign-not-rollbackable",
                () -> new Call(admin, campaign(newCampaign(), "/rollback"), obj("comment", "Bricked gateways")));
    }

    private void campaignExceptions() {
        // A draft campaign has no exceptions: a retry is refused for the campaign's state, the others find none.
        Map<String, String> refusals = Map.of(
                "retry", "campaign-not-running", "exclude", "assignment-not-found", "case", "assignment-not-found");
        for (String action : List.of("retry", "exclude", "case")) {
            add(
                    "POST /api/v1/campaigns/{id}/exceptions/{vin}/" + action,
                    refusals.get(action),
                    () -> new Call(
                            admin,
                            campaign(
                                    newCampaign(),
                                    "/exceptions/" + fleet.vehicle("Aurora", "EU", "1.0") + "/" + action),
                            obj("comment", "Customer asked to wait")));
        }
    }

    private void serviceCases() {
        add(
                "POST /api/v1/cases/{id}/transitions",
                () -> new Call(
                        admin,
                        "/api/v1/cases/" + newCase() + "/transitions",
                        obj("trigger", "acknowledge", "version", 0, "comment", "Looking into it")));
        add(
                "PUT /api/v1/cases/{id}/owner",
                () -> new Call(admin, "/api/v1/cases/" + newCase() + "/owner", obj("owner", "admin", "version", 0)));
        add(
                "POST /api/v1/cases/{id}/comments",
                () -> new Call(
                        admin, "/api/v1/cases/" + newCase() + "/comments", obj("comment", "Customer called back")));
    }

    private void diagnostics() {
        add("POST /api/v1/vehicles/{vin}/commands", () -> {
            String vin = fleet.vehicle("Aurora", "EU", "1.0", "SWEEP-HW");
            return new Call(admin, "/api/v1/vehicles/" + vin + "/commands", command("SWEEP-HW-" + vin));
        });
        add(
                "POST /api/v1/commands/{id}/cancel",
                () -> new Call(
                        admin, "/api/v1/commands/" + newCommand() + "/cancel", obj("comment", "Not needed any more")));
        // A READ_DATA command needs no second approval, so approving it is refused.
        add(
                "POST /api/v1/commands/{id}/approve",
                "command-not-awaiting-approval",
                () -> new Call(admin, "/api/v1/commands/" + newCommand() + "/approve", obj("comment", "Approved")));
        add(
                "POST /api/v1/faults/decode",
                () -> new Call(admin, "/api/v1/faults/decode", obj("format", "J2012", "input", "P0A80")));
    }

    private void add(String operation, Supplier<Call> calls) {
        add(operation, null, calls);
    }

    private void add(String operation, String refusedWith, Supplier<Call> calls) {
        fixtures.put(operation, new Fixture(calls, refusedWith));
    }

    // What the fixtures are made of.

    private record Operator(long id, String username, String password) {}

    private Operator newOperator() {
        String username = "sweep-" + next();
        String password = "password-of-" + username;
        var created =
                admin.post("/api/v1/operators", Map.of("username", username, "password", password, "role", "viewer"));
        require(created, 201);
        return new Operator(created.json().get("id").asLong(), username, password);
    }

    private static Map<String, Object> vehicle(String vin) {
        return obj(
                "vin",
                vin,
                "model",
                "Aurora",
                "modelYear",
                2026,
                "region",
                "EU",
                "market",
                "DE",
                "customerType",
                "PRIVATE",
                "connectivity",
                "CELLULAR",
                "attributes",
                obj("trim", "base"),
                "tags",
                list("pilot"),
                "ecus",
                list(obj(
                        "serial",
                        "BMS-" + vin,
                        "type",
                        "BMS",
                        "hardwareId",
                        "BMS-HW",
                        "hardwareVariant",
                        "B",
                        "softwareVersion",
                        "1.0",
                        "imageHash",
                        "cd".repeat(32),
                        "updatePolicy",
                        "REMOTE",
                        "primary",
                        true)));
    }

    private static Map<String, Object> image(String hardwareId) {
        return obj(
                "hardwareId",
                hardwareId,
                "name",
                "Sweep firmware",
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
                list(obj("hardwareId", "SWEEP-GW", "minVersion", "1.0")),
                "newHardware",
                true);
    }

    private long newImage() {
        var created = admin.post("/api/v1/images", image("SWEEP-" + next()));
        require(created, 201);
        return created.json().get("id").asLong();
    }

    private TestFleet.PublishedRelease release() {
        if (release == null) {
            String hardwareId = "SWEEP-REL-" + next();
            fleet.vehicle("Aurora", "EU", "2.0.0", hardwareId);
            release = fleet.publishWithKnownGood(hardwareId, "3.0.0", 30);
        }
        return release;
    }

    private long newCampaign() {
        var created = admin.post(
                "/api/v1/campaigns",
                obj("name", "Sweep campaign " + next(), "releaseId", release().releaseId(), "filter", "model==Aurora"));
        require(created, 201);
        return created.json().get("id").asLong();
    }

    private static String campaign(long id, String tail) {
        return "/api/v1/campaigns/" + id + tail;
    }

    private static Map<String, Object> schedule() {
        return obj(
                "maintenanceWindows",
                list(obj("cron", "0 2 * * *", "durationMinutes", 120, "timeZone", "UTC")),
                "vehicleState",
                obj("allowedRegions", list("EU")));
    }

    private static Map<String, Object> wave() {
        return obj(
                "name", "pilot", "kind", "TAG", "selector", "pilot", "soakMinutes", 0, "gate", obj("minExecuted", 1));
    }

    private static Map<String, Object> plan() {
        return obj(
                "waves",
                list(wave()),
                "abortCriteria",
                list(obj("failureType", "ALL", "thresholdPercent", 10, "minExecuted", 1)));
    }

    private long newCase() {
        return cases.open(new NewCase(
                TestFleet.newVin("WPWCASES"),
                "rule:sweep-" + next(),
                "rule",
                SeverityClass.SERVICE_NEEDED,
                RoutingTeam.SUPPORT,
                RoutingTeam.ENGINEERING,
                "Call the customer",
                "P0A80",
                null,
                null,
                null,
                Duration.ofHours(8)));
    }

    private static Map<String, Object> command(String ecuSerial) {
        return obj(
                "type",
                "READ_DATA",
                "ecuSerial",
                ecuSerial,
                "parameters",
                obj("signals", "Vehicle.Speed"),
                "reason",
                "Customer reports a noise",
                "ttlSeconds",
                600);
    }

    private String newCommand() {
        String vin = fleet.vehicle("Aurora", "EU", "1.0", "SWEEP-HW");
        var created = admin.post("/api/v1/vehicles/" + vin + "/commands", command("SWEEP-HW-" + vin));
        require(created, 201);
        return created.json().get("id").asString();
    }

    private static String ed25519PublicHex() {
        try {
            byte[] encoded = KeyPairGenerator.getInstance("Ed25519")
                    .generateKeyPair()
                    .getPublic()
                    .getEncoded();
            return HexFormat.of().formatHex(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int next() {
        return SEQUENCE.incrementAndGet();
    }

    /** A mutable JSON object of alternating names and values. */
    static Map<String, Object> obj(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    /** A mutable deep copy of an immutable JSON object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mutable(Map<String, Object> object) {
        Map<String, Object> copy = new LinkedHashMap<>();
        object.forEach((name, value) -> copy.put(name, mutableValue(value)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object mutableValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return mutable((Map<String, Object>) map);
        }
        if (value instanceof List<?> items) {
            return new ArrayList<>(
                    items.stream().map(RequestFixtures::mutableValue).toList());
        }
        return value;
    }

    private static void require(ApiClient.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException(
                    "expected " + status + " but got " + response.status() + ": " + response.body());
        }
    }
}
