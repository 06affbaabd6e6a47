package io.pitwall.server.cases.persistence;

import io.pitwall.server.cases.CaseNote;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A case's history (table case_note), append-only. */
@Repository
public class CaseNotes {

    private final JdbcClient jdbc;

    CaseNotes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void add(long caseId, Instant at, String actor, String kind, String body) {
        jdbc.sql("""
                INSERT INTO case_note (case_id, noted_at, actor, kind, body)
                VALUES (:id, :at, :actor, :kind, :body)""")
                .param("id", caseId)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("actor", actor)
                .param("kind", kind)
                .param("body", body)
                .update();
    }

    public List<CaseNote> of(long caseId) {
        return jdbc.sql("SELECT id, noted_at, actor, kind, body FROM case_note WHERE case_id = :id ORDER BY id")
                .param("id", caseId)
                .query((rs, n) -> new CaseNote(
                        rs.getLong(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5)))
                .list();
    }
}
