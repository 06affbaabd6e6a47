package io.pitwall.server.reporting.persistence;

import io.pitwall.server.reporting.ReleaseNote;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Stored release notes: one row per campaign and UTC day, the note as JSON. */
@Repository
public class ReleaseNotes {

    /** A stored note's day and when it was generated. */
    public record Entry(LocalDate day, OffsetDateTime generatedAt) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ReleaseNotes(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Stores the note of its day, replacing that day's earlier version; returns false when the row was not
     * there yet and was inserted (a concurrent insert of the same day is a duplicate key for the caller).
     */
    public boolean store(ReleaseNote note) {
        String body = json.writeValueAsString(note);
        int updated = jdbc.sql("""
                UPDATE campaign_release_note SET generated_at = :at, note_json = :note
                WHERE campaign_id = :id AND note_day = :day""")
                .param("at", note.generatedAt())
                .param("note", body)
                .param("id", note.campaignId())
                .param("day", note.day())
                .update();
        if (updated == 1) {
            return true;
        }
        jdbc.sql("""
                INSERT INTO campaign_release_note (campaign_id, note_day, generated_at, note_json)
                VALUES (:id, :day, :at, :note)""")
                .param("id", note.campaignId())
                .param("day", note.day())
                .param("at", note.generatedAt())
                .param("note", body)
                .update();
        return false;
    }

    public Optional<ReleaseNote> find(long campaignId, LocalDate day) {
        return jdbc.sql("SELECT note_json FROM campaign_release_note WHERE campaign_id = :id AND note_day = :day")
                .param("id", campaignId)
                .param("day", day)
                .query(String.class)
                .optional()
                .map(stored -> json.readValue(stored, ReleaseNote.class));
    }

    public List<Entry> list(long campaignId) {
        return jdbc.sql("""
                SELECT note_day, generated_at FROM campaign_release_note WHERE campaign_id = :id
                ORDER BY note_day DESC""")
                .param("id", campaignId)
                .query((rs, i) -> new Entry(rs.getObject(1, LocalDate.class), rs.getObject(2, OffsetDateTime.class)))
                .list();
    }
}
