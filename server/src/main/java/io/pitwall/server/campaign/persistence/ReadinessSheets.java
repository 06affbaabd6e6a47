package io.pitwall.server.campaign.persistence;

import io.pitwall.server.campaign.ReadinessSheet;
import io.pitwall.server.campaign.ReadinessSheet.Owners;
import io.pitwall.server.campaign.governance.Evidence;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A campaign's readiness sheet (one row) and its evidence attachments. Callers hold the campaign lock. */
@Repository
public class ReadinessSheets {

    private static final String CONTACT_SEPARATOR = "\n";
    private final JdbcClient jdbc;

    public ReadinessSheets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ReadinessSheet> find(long campaignId) {
        return jdbc.sql("""
                SELECT rollback_release_id, owner_approval, owner_validation, owner_monitoring, owner_support,
                    owner_rollback, owner_review, runbook_url, incident_contacts, customer_communication
                FROM campaign_readiness WHERE campaign_id = :id""")
                .param("id", campaignId)
                .query((rs, i) -> new ReadinessSheet(
                        rs.getObject(1) == null ? null : rs.getLong(1),
                        new Owners(
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7)),
                        rs.getString(8),
                        contacts(rs.getString(9)),
                        rs.getString(10)))
                .optional();
    }

    /** Replaces the sheet (inserting it the first time). */
    public void save(long campaignId, ReadinessSheet sheet, String by, OffsetDateTime now) {
        var owners = sheet.owners();
        String sql = find(campaignId).isPresent() ? """
                UPDATE campaign_readiness SET rollback_release_id = :rollback, owner_approval = :approval,
                    owner_validation = :validation, owner_monitoring = :monitoring, owner_support = :support,
                    owner_rollback = :rollbackOwner, owner_review = :review, runbook_url = :runbook,
                    incident_contacts = :contacts, customer_communication = :communication, updated_by = :by,
                    updated_at = :now, version = version + 1 WHERE campaign_id = :id""" : """
                INSERT INTO campaign_readiness (campaign_id, rollback_release_id, owner_approval, owner_validation,
                    owner_monitoring, owner_support, owner_rollback, owner_review, runbook_url, incident_contacts,
                    customer_communication, updated_by, updated_at, version)
                VALUES (:id, :rollback, :approval, :validation, :monitoring, :support, :rollbackOwner, :review,
                    :runbook, :contacts, :communication, :by, :now, 0)""";
        jdbc.sql(sql)
                .param("id", campaignId)
                .param("rollback", sheet.rollbackReleaseId())
                .param("approval", owners.approval())
                .param("validation", owners.validation())
                .param("monitoring", owners.monitoring())
                .param("support", owners.support())
                .param("rollbackOwner", owners.rollback())
                .param("review", owners.review())
                .param("runbook", sheet.runbookUrl())
                .param(
                        "contacts",
                        sheet.incidentContacts().isEmpty()
                                ? null
                                : String.join(CONTACT_SEPARATOR, sheet.incidentContacts()))
                .param("communication", sheet.customerCommunication())
                .param("by", by)
                .param("now", now)
                .update();
    }

    public void addEvidence(long campaignId, String name, String sha256, String url, String by, OffsetDateTime now) {
        jdbc.sql("""
                INSERT INTO campaign_evidence (campaign_id, name, sha256, url, added_by, added_at)
                VALUES (:id, :name, :sha, :url, :by, :now)""")
                .param("id", campaignId)
                .param("name", name)
                .param("sha", sha256)
                .param("url", url)
                .param("by", by)
                .param("now", now)
                .update();
    }

    public List<Evidence> evidence(long campaignId) {
        return jdbc.sql("""
                SELECT id, name, sha256, url, added_by, added_at FROM campaign_evidence WHERE campaign_id = :id
                ORDER BY id""")
                .param("id", campaignId)
                .query((rs, i) -> new Evidence(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class)))
                .list();
    }

    private static List<String> contacts(String stored) {
        return stored == null ? List.of() : Arrays.asList(stored.split(CONTACT_SEPARATOR));
    }
}
