package io.pitwall.server.campaign.persistence;

import io.pitwall.server.campaign.Wave;
import io.pitwall.server.campaign.WaveGate;
import io.pitwall.server.campaign.WaveKind;
import io.pitwall.server.campaign.WaveSpec;
import io.pitwall.server.campaign.WaveStatus;
import io.pitwall.server.campaign.rollout.AbortCriterion;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A campaign's waves ({@code campaign_wave}) and its abort criteria ({@code campaign.abort_json}). */
@Repository
public class Waves {

    private static final String COLUMNS =
            "campaign_id, wave_no, name, selector_kind, selector, soak_minutes, gate_json, "
                    + "needs_approval, status, assigned, activated_at, decided_at, decided_by, verdict_json, version";
    private final JdbcClient jdbc;
    private final JsonMapper json;

    public Waves(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Replaces the plan of a draft campaign. */
    public void replace(long campaignId, List<WaveSpec> specs, List<AbortCriterion> abort) {
        jdbc.sql("DELETE FROM campaign_wave WHERE campaign_id = :id")
                .param("id", campaignId)
                .update();
        for (int n = 0; n < specs.size(); n++) {
            WaveSpec spec = specs.get(n);
            jdbc.sql("""
                    INSERT INTO campaign_wave (campaign_id, wave_no, name, selector_kind, selector, soak_minutes,
                        gate_json, needs_approval, status, assigned, version)
                    VALUES (:id, :n, :name, :kind, :selector, :soak, :gate, :approval, 'PLANNED', 0, 0)""")
                    .param("id", campaignId)
                    .param("n", n)
                    .param("name", spec.name())
                    .param("kind", spec.kind().name())
                    .param("selector", spec.selector())
                    .param("soak", spec.soakMinutes())
                    .param("gate", json.writeValueAsString(spec.gate()))
                    .param("approval", spec.needsApproval())
                    .update();
        }
        jdbc.sql("UPDATE campaign SET abort_json = :abort WHERE id = :id")
                .param("abort", abort.isEmpty() ? null : json.writeValueAsString(abort))
                .param("id", campaignId)
                .update();
    }

    public List<Wave> of(long campaignId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign_wave WHERE campaign_id = :id ORDER BY wave_no")
                .param("id", campaignId)
                .query((rs, i) -> map(rs))
                .list();
    }

    public Optional<Wave> lock(long campaignId, int number) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign_wave WHERE campaign_id = :id AND wave_no = :n FOR UPDATE")
                .param("id", campaignId)
                .param("n", number)
                .query((rs, i) -> map(rs))
                .optional();
    }

    public List<AbortCriterion> abortCriteria(long campaignId) {
        String stored = jdbc.sql("SELECT abort_json FROM campaign WHERE id = :id")
                .param("id", campaignId)
                .query(String.class)
                .optional()
                .orElse(null);
        return stored == null ? List.of() : json.readValue(stored, new TypeReference<List<AbortCriterion>>() {});
    }

    /** Campaigns in the given status that have waves, oldest first. */
    public List<Long> campaignsWithWaves(String status) {
        return jdbc.sql("""
                SELECT c.id FROM campaign c WHERE c.status = :status
                AND EXISTS (SELECT 1 FROM campaign_wave w WHERE w.campaign_id = c.id) ORDER BY c.id""").param("status", status).query(Long.class).list();
    }

    public void activated(Wave wave, long assigned, OffsetDateTime now) {
        update(wave, """
                UPDATE campaign_wave SET status = 'ACTIVE', assigned = :assigned, activated_at = :now,
                    version = version + 1 WHERE campaign_id = :id AND wave_no = :n AND version = :version""", Map.of("assigned", assigned, "now", now));
    }

    /** Records the gate's verdict and the wave's new status (with who decided, for an approval). */
    public void decided(Wave wave, WaveStatus status, Map<String, Object> verdict, String by, OffsetDateTime now) {
        update(
                wave,
                """
                UPDATE campaign_wave SET status = :status, verdict_json = :verdict, decided_at = :now,
                    decided_by = :by, version = version + 1
                WHERE campaign_id = :id AND wave_no = :n AND version = :version""",
                Map.of("status", status.name(), "verdict", json.writeValueAsString(verdict), "now", now, "by", by));
    }

    private void update(Wave wave, String sql, Map<String, Object> params) {
        var spec = jdbc.sql(sql)
                .param("id", wave.campaignId())
                .param("n", wave.number())
                .param("version", wave.version());
        for (var p : params.entrySet()) {
            spec = spec.param(p.getKey(), p.getValue());
        }
        if (spec.update() != 1) {
            throw new OptimisticLockingFailureException(
                    "wave " + wave.number() + " of campaign " + wave.campaignId() + " changed concurrently");
        }
    }

    private Wave map(ResultSet rs) throws SQLException {
        var spec = new WaveSpec(
                rs.getString("name"),
                WaveKind.valueOf(rs.getString("selector_kind")),
                rs.getString("selector"),
                rs.getInt("soak_minutes"),
                json.readValue(rs.getString("gate_json"), WaveGate.class),
                rs.getBoolean("needs_approval"));
        String verdict = rs.getString("verdict_json");
        return new Wave(
                rs.getLong("campaign_id"),
                rs.getInt("wave_no"),
                spec,
                WaveStatus.valueOf(rs.getString("status")),
                rs.getLong("assigned"),
                rs.getObject("activated_at", OffsetDateTime.class),
                rs.getObject("decided_at", OffsetDateTime.class),
                rs.getString("decided_by"),
                verdict == null ? Map.of() : json.readValue(verdict, new TypeReference<Map<String, Object>>() {}),
                rs.getLong("version"));
    }
}
