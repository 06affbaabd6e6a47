package io.pitwall.server.campaign.persistence;

import io.pitwall.server.campaign.Decision;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The decision log: append-only entries per campaign, each with the numbers of its moment as JSON. */
@Repository
public class Decisions {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public Decisions(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void append(long campaignId, OffsetDateTime at, String actor, String kind, Map<String, Object> detail) {
        jdbc.sql("""
                INSERT INTO campaign_decision (campaign_id, occurred_at, actor, kind, detail_json)
                VALUES (:id, :at, :actor, :kind, :detail)""")
                .param("id", campaignId)
                .param("at", at)
                .param("actor", actor)
                .param("kind", kind)
                .param("detail", json.writeValueAsString(detail))
                .update();
    }

    /** The entries of {@code [from, to)}, oldest first. */
    public List<Decision> between(long campaignId, OffsetDateTime from, OffsetDateTime to) {
        return jdbc.sql("""
                SELECT id, occurred_at, actor, kind, detail_json FROM campaign_decision WHERE campaign_id = :id
                AND occurred_at >= :from AND occurred_at < :to ORDER BY id""")
                .param("id", campaignId)
                .param("from", from)
                .param("to", to)
                .query((rs, i) -> new Decision(
                        rs.getLong(1),
                        rs.getObject(2, OffsetDateTime.class),
                        rs.getString(3),
                        rs.getString(4),
                        json.readValue(rs.getString(5), new TypeReference<Map<String, Object>>() {})))
                .list();
    }

    /** How many entries of these kinds the campaign's log has. */
    public long count(long campaignId, List<String> kinds) {
        return jdbc.sql("SELECT COUNT(*) FROM campaign_decision WHERE campaign_id = :id AND kind IN (:kinds)")
                .param("id", campaignId)
                .param("kinds", kinds)
                .query(Long.class)
                .single();
    }

    public List<Decision> of(long campaignId) {
        return jdbc.sql("""
                SELECT id, occurred_at, actor, kind, detail_json FROM campaign_decision WHERE campaign_id = :id
                ORDER BY id""")
                .param("id", campaignId)
                .query((rs, i) -> new Decision(
                        rs.getLong(1),
                        rs.getObject(2, OffsetDateTime.class),
                        rs.getString(3),
                        rs.getString(4),
                        json.readValue(rs.getString(5), new TypeReference<Map<String, Object>>() {})))
                .list();
    }
}
