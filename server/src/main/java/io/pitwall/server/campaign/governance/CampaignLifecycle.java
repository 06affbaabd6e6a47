package io.pitwall.server.campaign.governance;

import io.pitwall.server.campaign.CampaignStatus;

/**
 * The life of a campaign, as a pure function {@code (status, held, trigger) → Accepted(next, held) |
 * Rejected(code)}. {@code held} is the emergency hold: a campaign the emergency stop paused ("PAUSED*"
 * below) resumes only after a fresh approval round, with as many approvers as its risk class needs.
 *
 * <pre>
 * state \ trigger | SUBMIT    | APPROVE¹  | REFUSE | START   | PAUSE  | RESUME  | COMPLETE  | CANCEL    | E_STOP  | RB_START     | RB_DONE     | RB_ABANDON
 * DRAFT           | SUBMITTED | ✗ await   | ✗ await| ✗ start | ✗ run  | ✗ pause | ✗ run     | CANCELLED | =       | ✗ rb         | ✗ rbing     | ✗ rbing
 * SUBMITTED       | ✗ draft   | APPROVED  | DRAFT  | ✗ start | ✗ run  | ✗ pause | ✗ run     | CANCELLED | =       | ✗ rb         | ✗ rbing     | ✗ rbing
 * APPROVED        | ✗ draft   | ✗ await   | ✗ await| RUNNING | ✗ run  | ✗ pause | ✗ run     | CANCELLED | =       | ✗ rb         | ✗ rbing     | ✗ rbing
 * RUNNING         | ✗ draft   | ✗ await   | ✗ await| ✗ start | PAUSED | ✗ pause | COMPLETED | CANCELLED | PAUSED* | ✗ rb         | ✗ rbing     | ✗ rbing
 * PAUSED          | ✗ draft   | ✗ await   | ✗ await| ✗ start | ✗ run  | RUNNING | ✗ run     | CANCELLED | =       | ROLLING_BACK | ✗ rbing     | ✗ rbing
 * PAUSED*         | ✗ draft   | PAUSED    | =      | ✗ start | ✗ run  | ✗ held  | ✗ run     | CANCELLED | =       | ROLLING_BACK | ✗ rbing     | ✗ rbing
 * COMPLETED       | ✗ draft   | ✗ await   | ✗ await| ✗ start | ✗ run  | ✗ pause | ✗ run     | ✗ fin     | =       | ROLLING_BACK | ✗ rbing     | ✗ rbing
 * CANCELLED       | ✗ draft   | ✗ await   | ✗ await| ✗ start | ✗ run  | ✗ pause | ✗ run     | ✗ fin     | =       | ROLLING_BACK | ✗ rbing     | ✗ rbing
 * ROLLING_BACK    | ✗ draft   | ✗ await   | ✗ await| ✗ start | ✗ run  | ✗ pause | ✗ run     | ✗ rbing²  | =       | ✗ rb         | ROLLED_BACK | PAUSED*
 * ROLLED_BACK     | ✗ draft   | ✗ await   | ✗ await| ✗ start | ✗ run  | ✗ pause | ✗ run     | ✗ fin     | =       | ✗ rb         | ✗ rbing     | ✗ rbing
 * </pre>
 *
 * {@code =} is "accepted, unchanged"; ✗ is a rejection, its code abbreviated
 * (draft = {@code campaign-not-draft}, await = {@code campaign-not-awaiting-approval}, start =
 * {@code campaign-not-startable}, run = {@code campaign-not-running}, pause = {@code campaign-not-paused},
 * held = {@code resume-needs-approval}, fin = {@code campaign-finished}, rb = {@code campaign-not-rollbackable},
 * rbing = {@code campaign-not-rolling-back}; ² {@code rollback-in-progress}).
 * ¹ APPROVE is the quorum being reached (one approver, two distinct ones for a HIGH-risk campaign); single
 * approvals short of it are recorded without a transition. A refusal sends a submitted campaign back to DRAFT
 * (it is edited and submitted again, which opens a new approval round); refusing a held campaign's
 * re-approval leaves it held. The emergency stop holds running campaigns only: a campaign paused by hand is
 * already stopped and keeps its ordinary resume. RB_START is the request of a rollback campaign: from a
 * stopped campaign only (paused, cancelled, or completed and found bad later); a running one is paused first,
 * so no wave is assigned while the vehicles to undo are counted. RB_DONE is its rollback campaign completing.
 * RB_ABANDON is its rollback campaign refused or cancelled: the campaign returns to PAUSED under the hold,
 * whatever it was before the request, so it can be rolled back again or cancelled, and resumes only after a
 * fresh approval round (a cancelled or completed campaign is not brought back to life by a refusal alone).
 */
public final class CampaignLifecycle {

    public enum Trigger {
        SUBMIT,
        APPROVE,
        REFUSE,
        START,
        PAUSE,
        RESUME,
        COMPLETE,
        CANCEL,
        EMERGENCY_STOP,
        ROLLBACK_START,
        ROLLBACK_DONE,
        ROLLBACK_ABANDONED
    }

    public sealed interface Transition permits Accepted, Rejected {}

    /** The next status and hold; {@code changed} is false when the trigger was absorbed. */
    public record Accepted(CampaignStatus next, boolean held, boolean changed) implements Transition {}

    public record Rejected(String code) implements Transition {}

    private CampaignLifecycle() {}

    public static Transition apply(CampaignStatus status, boolean held, Trigger trigger) {
        boolean pausedHeld = status == CampaignStatus.PAUSED && held;
        return switch (trigger) {
            case SUBMIT ->
                status == CampaignStatus.DRAFT ? move(CampaignStatus.SUBMITTED) : new Rejected("campaign-not-draft");
            case APPROVE ->
                status == CampaignStatus.SUBMITTED
                        ? move(CampaignStatus.APPROVED)
                        : pausedHeld
                                ? new Accepted(CampaignStatus.PAUSED, false, true)
                                : new Rejected("campaign-not-awaiting-approval");
            case REFUSE ->
                status == CampaignStatus.SUBMITTED
                        ? move(CampaignStatus.DRAFT)
                        : pausedHeld ? stay(status, true) : new Rejected("campaign-not-awaiting-approval");
            case START ->
                status == CampaignStatus.APPROVED
                        ? move(CampaignStatus.RUNNING)
                        : new Rejected("campaign-not-startable");
            case PAUSE ->
                status == CampaignStatus.RUNNING ? move(CampaignStatus.PAUSED) : new Rejected("campaign-not-running");
            case RESUME ->
                pausedHeld
                        ? new Rejected("resume-needs-approval")
                        : status == CampaignStatus.PAUSED
                                ? move(CampaignStatus.RUNNING)
                                : new Rejected("campaign-not-paused");
            case COMPLETE ->
                status == CampaignStatus.RUNNING
                        ? move(CampaignStatus.COMPLETED)
                        : new Rejected("campaign-not-running");
            case CANCEL -> cancel(status);
            case EMERGENCY_STOP ->
                status == CampaignStatus.RUNNING ? new Accepted(CampaignStatus.PAUSED, true, true) : stay(status, held);
            case ROLLBACK_START ->
                status == CampaignStatus.PAUSED
                                || status == CampaignStatus.CANCELLED
                                || status == CampaignStatus.COMPLETED
                        ? move(CampaignStatus.ROLLING_BACK)
                        : new Rejected("campaign-not-rollbackable");
            case ROLLBACK_DONE ->
                status == CampaignStatus.ROLLING_BACK
                        ? move(CampaignStatus.ROLLED_BACK)
                        : new Rejected("campaign-not-rolling-back");
            case ROLLBACK_ABANDONED ->
                status == CampaignStatus.ROLLING_BACK
                        ? new Accepted(CampaignStatus.PAUSED, true, true)
                        : new Rejected("campaign-not-rolling-back");
        };
    }

    private static Transition cancel(CampaignStatus status) {
        if (status == CampaignStatus.ROLLING_BACK) {
            return new Rejected("rollback-in-progress");
        }
        return status.isFinished() ? new Rejected("campaign-finished") : move(CampaignStatus.CANCELLED);
    }

    /** Every move clears the hold: it exists only on a campaign the emergency stop paused. */
    private static Accepted move(CampaignStatus next) {
        return new Accepted(next, false, true);
    }

    private static Accepted stay(CampaignStatus status, boolean held) {
        return new Accepted(status, held, false);
    }
}
