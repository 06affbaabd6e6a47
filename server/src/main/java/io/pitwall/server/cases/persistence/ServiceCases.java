package io.pitwall.server.cases.persistence;

import io.pitwall.server.cases.CaseStatus;
import io.pitwall.server.cases.ServiceCase;
import io.pitwall.server.diagnostics.RoutingTeam;
import io.pitwall.server.diagnostics.SeverityClass;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Service cases (table service_case). Writers lock the row first ({@link #lock}, {@link #lockOpen}). */
@Repository
public class ServiceCases {

    /** A case to insert as OPEN, claiming its open key. */
    public record NewRow(
            String vin,
            String subject,
            String origin,
            SeverityClass severityClass,
            RoutingTeam team,
            RoutingTeam escalationTeam,
            String nextAction,
            String code,
            String ecuSerial,
            Integer ruleSetVersion,
            Long campaignId,
            int priority,
            Duration sla,
            Instant now) {

        public String openKey() {
            return openKey(vin, subject);
        }

        public static String openKey(String vin, String subject) {
            return vin + "/" + subject;
        }
    }

    /** List filters; {@code null} = any. */
    public record Filter(
            CaseStatus status,
            RoutingTeam team,
            String vin,
            String owner,
            SeverityClass severityClass,
            Boolean escalated) {}

    private final JdbcClient jdbc;

    ServiceCases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(NewRow c) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO service_case (vin, subject, origin, case_class, team, escalation_team, next_action, code,
                    ecu_serial, rule_set_version, campaign_id, status, priority, sla_seconds, sla_due_at, occurrences,
                    last_seen_at, open_key, version, opened_at, updated_at)
                VALUES (:vin, :subject, :origin, :class, :team, :escalation, :action, :code, :ecu, :ruleSet,
                    :campaign, 'OPEN', :priority, :sla, :due, 1, :now, :key, 0, :now, :now)""")
                .param("vin", c.vin())
                .param("subject", c.subject())
                .param("origin", c.origin())
                .param("class", c.severityClass().code())
                .param("team", c.team().code())
                .param("escalation", c.escalationTeam().code())
                .param("action", c.nextAction())
                .param("code", c.code())
                .param("ecu", c.ecuSerial())
                .param("ruleSet", c.ruleSetVersion())
                .param("campaign", c.campaignId())
                .param("priority", c.priority())
                .param("sla", c.sla().toSeconds())
                .param("due", utc(c.now().plus(c.sla())))
                .param("now", utc(c.now()))
                .param("key", c.openKey())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Cases of the campaign opened in [from, to). */
    public long openedForCampaign(long campaignId, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM service_case
                WHERE campaign_id = :campaign AND opened_at >= :from AND opened_at < :to""")
                .param("campaign", campaignId)
                .param("from", from.atOffset(ZoneOffset.UTC))
                .param("to", to.atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .single();
    }

    public Optional<ServiceCase> lockOpen(String openKey) {
        return jdbc.sql("SELECT * FROM service_case WHERE open_key = :key FOR UPDATE")
                .param("key", openKey)
                .query((rs, n) -> row(rs))
                .optional();
    }

    public Optional<ServiceCase> lock(long id) {
        return jdbc.sql("SELECT * FROM service_case WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query((rs, n) -> row(rs))
                .optional();
    }

    public Optional<ServiceCase> find(long id) {
        return jdbc.sql("SELECT * FROM service_case WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> row(rs))
                .optional();
    }

    /** The same fault or failure seen again on a case that holds its key. */
    public void recur(long id, Instant now) {
        jdbc.sql("""
                UPDATE service_case SET occurrences = occurrences + 1, last_seen_at = :now, version = version + 1,
                    updated_at = :now WHERE id = :id""").param("now", utc(now)).param("id", id).update();
    }

    /**
     * Moves a locked case. {@code reopened} starts a fresh SLA from now (and clears the escalation); a move to
     * CLOSED releases the open key, any other status claims it (the caller first checks that no newer case
     * holds it).
     */
    public void move(ServiceCase c, CaseStatus next, boolean reopened, Instant now) {
        jdbc.sql("""
                UPDATE service_case SET status = :status, open_key = :key,
                    sla_due_at = CASE WHEN :reopened THEN :due ELSE sla_due_at END,
                    escalated_at = CASE WHEN :reopened THEN NULL ELSE escalated_at END,
                    version = version + 1, updated_at = :now WHERE id = :id""")
                .param("status", next.name())
                .param("key", next.holdsKey() ? NewRow.openKey(c.vin(), c.subject()) : null)
                .param("reopened", reopened)
                .param("due", utc(now.plus(c.sla())))
                .param("now", utc(now))
                .param("id", c.id())
                .update();
    }

    public void assign(long id, String owner, Instant now) {
        jdbc.sql("UPDATE service_case SET owner = :owner, version = version + 1, updated_at = :now WHERE id = :id")
                .param("owner", owner)
                .param("now", utc(now))
                .param("id", id)
                .update();
    }

    public void escalate(long id, int priority, Instant now) {
        jdbc.sql("""
                UPDATE service_case SET priority = :priority, escalated_at = :now, version = version + 1,
                    updated_at = :now WHERE id = :id""")
                .param("priority", priority)
                .param("now", utc(now))
                .param("id", id)
                .update();
    }

    /** Cases awaiting work past their SLA and not yet escalated, locked; those another node holds are skipped. */
    public List<ServiceCase> lockDue(Instant now, int limit) {
        return jdbc.sql("""
                SELECT * FROM service_case WHERE sla_due_at <= :now AND escalated_at IS NULL
                    AND status IN ('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS')
                ORDER BY sla_due_at, id FETCH FIRST %d ROWS ONLY FOR UPDATE SKIP LOCKED""".formatted(limit))
                .param("now", utc(now))
                .query((rs, n) -> row(rs))
                .list();
    }

    public List<ServiceCase> page(Filter filter, int page, int size) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, params);
        return jdbc.sql("SELECT * FROM service_case" + where + " ORDER BY priority, opened_at DESC, id DESC "
                        + "OFFSET %d ROWS FETCH NEXT %d ROWS ONLY".formatted((long) page * size, size))
                .params(params)
                .query((rs, n) -> row(rs))
                .list();
    }

    public long count(Filter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        return jdbc.sql("SELECT COUNT(*) FROM service_case" + where(filter, params))
                .params(params)
                .query(Long.class)
                .single();
    }

    private static String where(Filter f, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        if (f.status() != null) {
            conditions.add("status = :status");
            params.put("status", f.status().name());
        }
        if (f.team() != null) {
            conditions.add("team = :team");
            params.put("team", f.team().code());
        }
        if (f.vin() != null) {
            conditions.add("vin = :vin");
            params.put("vin", f.vin());
        }
        if (f.owner() != null) {
            conditions.add("owner = :owner");
            params.put("owner", f.owner());
        }
        if (f.severityClass() != null) {
            conditions.add("case_class = :class");
            params.put("class", f.severityClass().code());
        }
        if (f.escalated() != null) {
            conditions.add(f.escalated() ? "escalated_at IS NOT NULL" : "escalated_at IS NULL");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static ServiceCase row(ResultSet rs) throws SQLException {
        return new ServiceCase(
                rs.getLong("id"),
                rs.getString("vin").trim(),
                rs.getString("subject"),
                rs.getString("origin"),
                SeverityClass.ofCode(rs.getString("case_class")).orElseThrow(),
                RoutingTeam.ofCode(rs.getString("team")).orElseThrow(),
                RoutingTeam.ofCode(rs.getString("escalation_team")).orElseThrow(),
                rs.getString("next_action"),
                rs.getString("code"),
                rs.getString("ecu_serial"),
                rs.getObject("rule_set_version", Integer.class),
                rs.getObject("campaign_id", Long.class),
                CaseStatus.valueOf(rs.getString("status")),
                rs.getInt("priority"),
                rs.getString("owner"),
                Duration.ofSeconds(rs.getLong("sla_seconds")),
                instant(rs, "sla_due_at"),
                instant(rs, "escalated_at"),
                rs.getInt("occurrences"),
                instant(rs, "last_seen_at"),
                rs.getLong("version"),
                instant(rs, "opened_at"),
                instant(rs, "updated_at"));
    }
}
