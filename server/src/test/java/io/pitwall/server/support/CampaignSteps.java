package io.pitwall.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Takes a test campaign through readiness, submission and approval, the way operators do over the API. */
public final class CampaignSteps {

    public static final String EVIDENCE_SHA256 = "ab".repeat(32);
    private final Function<Role, ApiClient> operators;

    public CampaignSteps(Function<Role, ApiClient> operators) {
        this.operators = operators;
    }

    /** A readiness sheet with every item filled in. */
    /** A wave of a plan: name, kind ({@code TAG}, {@code FILTER}, {@code REST}, ...), selector or null, gate. */
    public static Map<String, Object> wave(String name, String kind, String selector, Map<String, Object> gate) {
        Map<String, Object> wave = new java.util.LinkedHashMap<>();
        wave.put("name", name);
        wave.put("kind", kind);
        if (selector != null) {
            wave.put("selector", selector);
        }
        wave.put("gate", gate);
        return wave;
    }

    public static Map<String, Object> completeSheet(long rollbackReleaseId) {
        return completeSheet(rollbackReleaseId, "Fay");
    }

    /** A complete readiness sheet naming {@code reviewOwner} as the post-release review's owner. */
    public static Map<String, Object> completeSheet(long rollbackReleaseId, String reviewOwner) {
        return Map.of(
                "rollbackReleaseId",
                rollbackReleaseId,
                "owners",
                Map.of(
                        "approval",
                        "Ada",
                        "validation",
                        "Ben",
                        "monitoring",
                        "Cy",
                        "support",
                        "Dee",
                        "rollback",
                        "Eve",
                        "review",
                        reviewOwner),
                "runbookUrl",
                "https://wiki.example.com/runbooks/rollout",
                "incidentContacts",
                List.of("oncall@example.com", "+49 30 1234567"),
                "customerCommunication",
                "Your vehicle receives an improvement to battery management.");
    }

    public static Map<String, Object> evidence() {
        return Map.of("name", "HIL report", "sha256", EVIDENCE_SHA256, "url", "https://ci.example.com/hil/1.pdf");
    }

    /** Fills in the readiness sheet and evidence as {@code by} and submits the campaign. */
    public void readyAndSubmitted(ApiClient by, long id, long rollbackReleaseId) {
        require(by.put("/api/v1/campaigns/" + id + "/readiness", completeSheet(rollbackReleaseId)), 200);
        require(by.post("/api/v1/campaigns/" + id + "/evidence", evidence()), 201);
        require(by.post("/api/v1/campaigns/" + id + "/submit", ""), 200);
    }

    /**
     * Approves with fresh approvers until the campaign no longer awaits approval (two for HIGH risk): a
     * submitted one is then APPROVED, one the emergency stop held is released. Answers the approvers.
     */
    public List<ApiClient> approved(long id) {
        List<ApiClient> approvers = new ArrayList<>();
        boolean awaiting = true;
        while (awaiting && approvers.size() < 2) {
            ApiClient approver = operators.apply(Role.APPROVER);
            approvers.add(approver);
            var answer = approver.post("/api/v1/campaigns/" + id + "/approvals", Map.of("decision", "APPROVE"));
            require(answer, 200);
            awaiting = "SUBMITTED".equals(answer.json().get("status").asString())
                    || answer.json().get("emergencyHold").asBoolean();
        }
        if (awaiting) {
            throw new IllegalStateException("campaign " + id + " still awaits approval after two approvals");
        }
        return approvers;
    }

    /**
     * Creates a campaign of the release for every vehicle of the model as {@code by}, with the schedule unless it is
     * null; answers its id.
     */
    public static long created(ApiClient by, String name, long releaseId, String model, Map<String, Object> schedule) {
        return createdWithFilter(by, name, releaseId, "model==\"" + model + "\"", schedule);
    }

    /**
     * Creates a campaign of the release for the vehicles the filter (RSQL text or a map of fields) selects, as
     * {@code by}, with the schedule unless it is null; answers its id.
     */
    public static long createdWithFilter(
            ApiClient by, String name, long releaseId, Object filter, Map<String, Object> schedule) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("releaseId", releaseId);
        body.put("filter", filter);
        if (schedule != null) {
            body.put("schedule", schedule);
        }
        var created = by.post("/api/v1/campaigns", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    /** Plans the campaign's waves as {@code by}, with the abort criteria unless they are null. */
    public static void planned(
            ApiClient by, long id, List<Map<String, Object>> waves, List<Map<String, Object>> abortCriteria) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("waves", waves);
        if (abortCriteria != null) {
            plan.put("abortCriteria", abortCriteria);
        }
        var answer = by.put("/api/v1/campaigns/" + id + "/waves", plan);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    /** Starts an approved campaign as {@code by}. */
    public static void start(ApiClient by, long id) {
        var start = by.post("/api/v1/campaigns/" + id + "/start", "");
        assertThat(start.status()).as(start.body()).isEqualTo(200);
    }

    /** Readiness, submission and approval as {@code by}, then the start by a fresh fleet operator. */
    public void approvedAndStarted(ApiClient by, long id, long rollbackReleaseId) {
        approvedCampaign(by, id, rollbackReleaseId);
        start(operators.apply(Role.FLEET_OPERATOR), id);
    }

    /** Readiness, submission and approval in one step. */
    public void approvedCampaign(ApiClient by, long id, long rollbackReleaseId) {
        readyAndSubmitted(by, id, rollbackReleaseId);
        approved(id);
    }

    static void require(ApiClient.Response response, int status) {
        TestFleet.require(response, status);
    }
}
