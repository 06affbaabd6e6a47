package io.pitwall.server.campaign.persistence;

import io.pitwall.server.campaign.governance.Approval;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Approvals and refusals of campaigns, one row each, never changed. */
@Repository
public class Approvals {

    private final JdbcClient jdbc;

    public Approvals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(
            long campaignId,
            int round,
            String approver,
            Approval.Verdict decision,
            String comment,
            OffsetDateTime now) {
        jdbc.sql("""
                INSERT INTO campaign_approval (campaign_id, approval_round, approver, decision, approval_comment,
                    decided_at) VALUES (:id, :round, :approver, :decision, :comment, :now)""")
                .param("id", campaignId)
                .param("round", round)
                .param("approver", approver)
                .param("decision", decision.name())
                .param("comment", comment)
                .param("now", now)
                .update();
    }

    public List<Approval> of(long campaignId) {
        return jdbc.sql("""
                SELECT id, approval_round, approver, decision, approval_comment, decided_at FROM campaign_approval
                WHERE campaign_id = :id ORDER BY id""")
                .param("id", campaignId)
                .query((rs, i) -> new Approval(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getString(3),
                        Approval.Verdict.valueOf(rs.getString(4)),
                        rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class)))
                .list();
    }

    /** The distinct operators who approved in this round. */
    public List<String> approversInRound(long campaignId, int round) {
        return jdbc.sql("""
                SELECT DISTINCT approver FROM campaign_approval WHERE campaign_id = :id AND approval_round = :round
                AND decision = 'APPROVE' ORDER BY approver""")
                .param("id", campaignId)
                .param("round", round)
                .query(String.class)
                .list();
    }
}
