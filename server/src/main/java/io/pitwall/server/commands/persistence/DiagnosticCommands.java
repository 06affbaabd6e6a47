package io.pitwall.server.commands.persistence;

import io.pitwall.protocol.device.DeviceJson;
import io.pitwall.server.commands.CommandLifecycle;
import io.pitwall.server.commands.CommandLifecycle.Move;
import io.pitwall.server.commands.CommandLifecycle.Trigger;
import io.pitwall.server.commands.CommandStatus;
import io.pitwall.server.commands.CommandType;
import io.pitwall.server.commands.DiagnosticCommand;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stored diagnostic commands (table diagnostic_command). Every change bumps {@code version}. */
@Repository
public class DiagnosticCommands {

    /** The statuses a check-in hands to the vehicle: those {@link CommandLifecycle} lets it deliver. */
    private static final List<String> DELIVERABLE = CommandLifecycle.accepting(Trigger.DELIVER).stream()
            .map(CommandStatus::name)
            .toList();

    private static final Move DELIVER = CommandLifecycle.move(Trigger.DELIVER);
    private static final Move EXPIRE = CommandLifecycle.move(Trigger.EXPIRE);
    private final JdbcClient jdbc;

    DiagnosticCommands(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(DiagnosticCommand c) {
        jdbc.sql("""
                INSERT INTO diagnostic_command (id, vin, command_type, ecu_serial, parameters, reason, status,
                    requested_by, created_at, expires_at, version)
                VALUES (:id, :vin, :type, :ecu, :parameters, :reason, :status, :by, :created, :expires, 0)""")
                .param("id", c.id())
                .param("vin", c.vin())
                .param("type", c.type().name())
                .param("ecu", c.ecuSerial())
                .param("parameters", new String(DeviceJson.write(c.parameters()), StandardCharsets.UTF_8))
                .param("reason", c.reason())
                .param("status", c.status().name())
                .param("by", c.requestedBy())
                .param("created", utc(c.createdAt()))
                .param("expires", utc(c.expiresAt()))
                .update();
    }

    public Optional<DiagnosticCommand> find(String id) {
        return jdbc.sql("SELECT * FROM diagnostic_command WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> command(rs))
                .optional();
    }

    /** A vehicle's commands, newest first. */
    public List<DiagnosticCommand> ofVehicle(String vin, int limit) {
        return jdbc.sql("""
                SELECT * FROM diagnostic_command WHERE vin = :vin ORDER BY created_at DESC, id
                FETCH FIRST %d ROWS ONLY""".formatted(limit))
                .param("vin", vin)
                .query((rs, n) -> command(rs))
                .list();
    }

    /** What the vehicle is to receive now: approved, unanswered, unexpired; oldest first. */
    public List<DiagnosticCommand> deliverable(String vin, Instant now) {
        return jdbc.sql("""
                SELECT * FROM diagnostic_command WHERE vin = :vin AND status IN (:statuses) AND expires_at > :now
                ORDER BY created_at, id""")
                .param("vin", vin)
                .param("statuses", DELIVERABLE)
                .param("now", utc(now))
                .query((rs, n) -> command(rs))
                .list();
    }

    public void markDelivered(List<String> ids, Instant now) {
        jdbc.sql("""
                UPDATE diagnostic_command SET status = :to, delivered_at = :now, version = version + 1
                WHERE id IN (:ids) AND status IN (:from)""")
                .param("to", DELIVER.to().name())
                .param("ids", ids)
                .param("now", utc(now))
                .param("from", DELIVER.fromNames())
                .update();
    }

    /** Moves a command from the state it was read in; a concurrent change is a version conflict. */
    public void update(DiagnosticCommand c, CommandStatus status, String approvedBy) {
        int rows = jdbc.sql("""
                UPDATE diagnostic_command SET status = :status, approved_by = :approvedBy, version = version + 1
                WHERE id = :id AND version = :version""")
                .param("status", status.name())
                .param("approvedBy", approvedBy)
                .param("id", c.id())
                .param("version", c.version())
                .update();
        if (rows == 0) {
            throw new OptimisticLockingFailureException("diagnostic command " + c.id() + " changed meanwhile");
        }
    }

    /**
     * Ends a command of this vehicle with its answer, as {@code answer} moves it (from delivered or pending);
     * false when the id is unknown, belongs to another vehicle, or the command has already ended (a late duplicate).
     */
    public boolean complete(String id, String vin, Move answer, String code, String detail, Instant now) {
        return jdbc.sql("""
                UPDATE diagnostic_command SET status = :status, result_code = :code, result_detail = :detail,
                    completed_at = :now, version = version + 1
                WHERE id = :id AND vin = :vin AND status IN (:statuses)""")
                        .param("status", answer.to().name())
                        .param("code", code)
                        .param("detail", detail)
                        .param("now", utc(now))
                        .param("id", id)
                        .param("vin", vin)
                        .param("statuses", answer.fromNames())
                        .update()
                == 1;
    }

    /** Locks and returns open commands past their expiry (another node's sweep skips them). */
    public List<DiagnosticCommand> lockExpired(Instant now, int limit) {
        return jdbc.sql("""
                SELECT * FROM diagnostic_command WHERE status IN (:statuses) AND expires_at <= :now
                ORDER BY expires_at FETCH FIRST %d ROWS ONLY FOR UPDATE SKIP LOCKED""".formatted(limit))
                .param("statuses", EXPIRE.fromNames())
                .param("now", utc(now))
                .query((rs, n) -> command(rs))
                .list();
    }

    public void expire(List<String> ids, Instant now) {
        jdbc.sql("""
                UPDATE diagnostic_command SET status = :to, completed_at = :now, version = version + 1
                WHERE id IN (:ids) AND status IN (:from)""")
                .param("to", EXPIRE.to().name())
                .param("ids", ids)
                .param("now", utc(now))
                .param("from", EXPIRE.fromNames())
                .update();
    }

    /** Vehicles with a command to deliver; at most {@code limit} + 1, so the caller can tell "more". */
    public Set<String> vehiclesWithDeliverable(int limit) {
        return Set.copyOf(jdbc.sql("""
                SELECT DISTINCT vin FROM diagnostic_command WHERE status IN (:statuses)
                FETCH FIRST %d ROWS ONLY""".formatted(limit + 1))
                .param("statuses", DELIVERABLE)
                .query(String.class)
                .list());
    }

    @SuppressWarnings("unchecked")
    private static DiagnosticCommand command(ResultSet rs) throws SQLException {
        return new DiagnosticCommand(
                rs.getString("id"),
                rs.getString("vin").trim(),
                CommandType.valueOf(rs.getString("command_type")),
                rs.getString("ecu_serial"),
                DeviceJson.read(rs.getString("parameters"), Map.class),
                rs.getString("reason"),
                CommandStatus.valueOf(rs.getString("status")),
                rs.getString("requested_by"),
                rs.getString("approved_by"),
                instant(rs, "created_at"),
                instant(rs, "expires_at"),
                instant(rs, "delivered_at"),
                instant(rs, "completed_at"),
                rs.getString("result_code"),
                rs.getString("result_detail"),
                rs.getInt("version"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
