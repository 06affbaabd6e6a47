package io.pitwall.server.support;

import io.pitwall.server.access.Role;
import java.util.ArrayList;
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

    /** Readiness, submission and approval in one step. */
    public void approvedCampaign(ApiClient by, long id, long rollbackReleaseId) {
        readyAndSubmitted(by, id, rollbackReleaseId);
        approved(id);
    }

    static void require(ApiClient.Response response, int status) {
        TestFleet.require(response, status);
    }
}
