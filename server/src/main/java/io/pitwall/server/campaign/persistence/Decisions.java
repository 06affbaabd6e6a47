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
                .param("id", campaignId).param("at", at).param("actor", actor).param("kind", kind)
                .param("detail", json.writeValueAsString(detail)).update();
    }

    public List<Decision> of(long campaignId) {
        return jdbc.sql("""
                SELECT id, occurred_at, actor, kind, detail_json FROM campaign_decision WHERE campaign_id = :id
                ORDER BY id""")
                .param("id", campaignId)
                .query((rs, i) -> new Decision(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        rs.getString(4), json.readValue(rs.getString(5), new TypeReference<Map<String, Object>>() {
                        })))
                .list();
    }
}
