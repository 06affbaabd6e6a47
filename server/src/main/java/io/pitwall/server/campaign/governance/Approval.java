package io.pitwall.server.campaign.governance;

import java.time.OffsetDateTime;

/** One approver's decision on a campaign in an approval round (a submission, or an emergency stop's re-approval). */
public record Approval(
        long id, int round, String approver, Verdict decision, String comment, OffsetDateTime decidedAt) {

    public enum Verdict {
        APPROVE,
        REFUSE
    }
}
