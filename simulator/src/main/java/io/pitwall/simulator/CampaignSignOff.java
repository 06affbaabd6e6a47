package io.pitwall.simulator;

import io.pitwall.client.ManagementClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Takes a demo campaign from DRAFT to APPROVED the way the release process asks: the readiness sheet
 * (naming the known-good release as the rollback target) and a test-evidence record filled in, submitted
 * by the acting operator, then approved by fresh approver operators (created through the operators API,
 * so the acting client needs {@code operator:admin}) until the risk class's quorum is met: the creator or
 * submitter may not approve, and a HIGH-risk campaign needs two distinct approvers.
 */
public final class CampaignSignOff {

    /** How it went: the campaign's risk class and who approved it. */
    public record SignedOff(String risk, List<String> approvers) {

        public SignedOff {
            approvers = List.copyOf(approvers);
        }
    }

    private static final SecureRandom PASSWORDS = new SecureRandom();

    private CampaignSignOff() {}

    /** Approvers are named {@code <approverPrefix>-1} and {@code -2}; the prefix must be new on the server. */
    public static SignedOff signOff(
            ManagementClient admin, long campaignId, long knownGoodReleaseId, String approverPrefix) {
        String report = "Simulated hardware-in-the-loop run for campaign " + campaignId;
        admin.prepareCampaign(
                campaignId,
                sheet(knownGoodReleaseId),
                "Simulated HIL report",
                sha256(report),
                "https://ci.example.com/pitwall/hil/" + campaignId + ".html");
        String risk = admin.submitCampaign(campaignId);
        return new SignedOff(risk, approve(admin, campaignId, approverPrefix));
    }

    /**
     * Approves a submitted campaign (a rollback campaign, say) with fresh approver operators named
     * {@code <approverPrefix>-1} and {@code -2} until it no longer awaits approval; answers their names.
     */
    public static List<String> approve(ManagementClient admin, long campaignId, String approverPrefix) {
        List<String> approvers = new ArrayList<>();
        boolean awaiting = true;
        while (awaiting && approvers.size() < 2) {
            String username = approverPrefix + "-" + (approvers.size() + 1);
            byte[] secret = new byte[18];
            PASSWORDS.nextBytes(secret);
            String password = Base64.getUrlEncoder().encodeToString(secret);
            admin.createOperator(username, password, "approver");
            awaiting = admin.as(username, password).approveCampaign(campaignId, "Readiness and evidence reviewed");
            approvers.add(username);
        }
        if (awaiting) {
            throw new IllegalStateException("campaign " + campaignId + " still awaits approval");
        }
        return approvers;
    }

    private static Map<String, Object> sheet(long knownGoodReleaseId) {
        return Map.of(
                "rollbackReleaseId",
                knownGoodReleaseId,
                "owners",
                Map.of(
                        "approval",
                        "release-board",
                        "validation",
                        "validation-team",
                        "monitoring",
                        "fleet-operations",
                        "support",
                        "customer-support",
                        "rollback",
                        "fleet-operations",
                        "review",
                        "release-board"),
                "runbookUrl",
                "https://wiki.example.com/pitwall/runbooks/demo-rollout",
                "incidentContacts",
                List.of("oncall-fleet@example.com"),
                "customerCommunication",
                "A software update for your vehicle is available; it installs while parked.");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
