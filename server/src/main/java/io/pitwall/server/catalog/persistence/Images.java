package io.pitwall.server.catalog.persistence;

import io.pitwall.server.catalog.Dependency;
import io.pitwall.server.catalog.Image;
import io.pitwall.server.catalog.ImageStatus;
import io.pitwall.server.catalog.InstallType;
import io.pitwall.server.catalog.NewImage;
import io.pitwall.server.catalog.RiskClass;
import io.pitwall.server.catalog.ValidationReport;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Images and their dependencies. Every change is conditional on the row's version (optimistic locking). */
@Repository
public class Images {

    /** Listing filter; {@code null} means any. */
    public record Filter(String hardwareId, ImageStatus status) {}

    private static final String COLUMNS = "id, hardware_id, name, sw_version, release_counter, file_name, "
            + "install_type, risk_class, ecu_type, new_hardware, declared_size, status, size_bytes, sha256, sha512, "
            + "uploaded_at, signed_target, validation_report, rollback_reason, rollback_authorized_by, "
            + "rollback_authorized_at, created_by, created_at, version";
    private final JdbcClient jdbc;
    private final CatalogJson json;

    public Images(JdbcClient jdbc, JsonMapper mapper) {
        this.jdbc = jdbc;
        this.json = new CatalogJson(mapper);
    }

    public long insert(NewImage image, String createdBy, OffsetDateTime now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO image (hardware_id, name, sw_version, release_counter, file_name, target_path,
                    install_type, risk_class, ecu_type, new_hardware, declared_size, status, created_by, created_at,
                    version)
                VALUES (:hw, :name, :version, :counter, :file, :path, :install, :risk, :ecu, :newHw, :declared,
                    'AWAITING_CONTENT', :by, :now, 0)""")
                .param("hw", image.hardwareId())
                .param("name", image.name())
                .param("version", image.version())
                .param("counter", image.releaseCounter())
                .param("file", image.fileName())
                .param("path", Image.targetPath(image.hardwareId(), image.fileName()))
                .param("install", image.installType().name())
                .param("risk", image.riskClass().name())
                .param("ecu", image.ecuType())
                .param("newHw", image.newHardware())
                .param("declared", image.declaredSize())
                .param("by", createdBy)
                .param("now", now)
                .update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        for (Dependency dependency : image.dependencies()) {
            jdbc.sql("INSERT INTO image_dependency (image_id, hardware_id, min_version) VALUES (:id, :hw, :min)")
                    .param("id", id)
                    .param("hw", dependency.hardwareId())
                    .param("min", dependency.minVersion())
                    .update();
        }
        return id;
    }

    public Optional<Image> byId(long id) {
        return byIds(List.of(id)).stream().findFirst();
    }

    /** The images with these ids that exist, in id order. */
    public List<Image> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return withDependencies(jdbc.sql("SELECT " + COLUMNS + " FROM image WHERE id IN (:ids) ORDER BY id")
                .param("ids", ids)
                .query((rs, i) -> map(rs))
                .list());
    }

    /** Images with content that are part of a published release: the image repository's targets. */
    public List<Image> published() {
        return withDependencies(jdbc.sql("SELECT " + COLUMNS + " FROM image WHERE sha256 IS NOT NULL AND id IN ("
                        + "SELECT ri.image_id FROM software_release_image ri JOIN software_release r ON r.id = "
                        + "ri.release_id WHERE r.status = 'PUBLISHED') ORDER BY id")
                .query((rs, i) -> map(rs))
                .list());
    }

    /** The published image listed under a target path, if any. */
    public Optional<Image> publishedAt(String targetPath) {
        return withDependencies(jdbc.sql("SELECT " + COLUMNS + " FROM image WHERE target_path = :path AND sha256 IS "
                                + "NOT NULL AND id IN (SELECT ri.image_id FROM software_release_image ri JOIN software_release "
                                + "r ON r.id = ri.release_id WHERE r.status = 'PUBLISHED')")
                        .param("path", targetPath)
                        .query((rs, i) -> map(rs))
                        .list())
                .stream()
                .findFirst();
    }

    public List<Image> page(Filter filter, int page, int size) {
        var spec = jdbc.sql("SELECT " + COLUMNS + " FROM image" + where(filter)
                + " ORDER BY id DESC OFFSET :offset ROWS FETCH NEXT :size ROWS ONLY");
        for (var p : params(filter).entrySet()) {
            spec = spec.param(p.getKey(), p.getValue());
        }
        return withDependencies(spec.param("offset", (long) page * size)
                .param("size", size)
                .query((rs, i) -> map(rs))
                .list());
    }

    public long count(Filter filter) {
        var spec = jdbc.sql("SELECT COUNT(*) FROM image" + where(filter));
        for (var p : params(filter).entrySet()) {
            spec = spec.param(p.getKey(), p.getValue());
        }
        return spec.query(Long.class).single();
    }

    public boolean counterTaken(String hardwareId, long releaseCounter) {
        return exists("hardware_id = :hw AND release_counter = :v", hardwareId, releaseCounter);
    }

    public boolean versionTaken(String hardwareId, String version) {
        return exists("hardware_id = :hw AND sw_version = :v", hardwareId, version);
    }

    public boolean targetPathTaken(String targetPath) {
        return jdbc.sql("SELECT COUNT(*) FROM image WHERE target_path = :p")
                        .param("p", targetPath)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Whether any image's recorded content is this artifact. */
    public boolean referencesContent(String sha256) {
        return jdbc.sql("SELECT COUNT(*) FROM image WHERE sha256 = :s")
                        .param("s", sha256)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Versions of VALIDATED images of a hardware id. */
    public List<String> validatedVersions(String hardwareId) {
        return jdbc.sql("SELECT sw_version FROM image WHERE hardware_id = :hw AND status = 'VALIDATED'")
                .param("hw", hardwareId)
                .query(String.class)
                .list();
    }

    /** Records uploaded content, its signed entry and verdict, if the image is still awaiting content at this version. */
    public boolean recordContent(Image image, ImageStatus status, ValidationReport report) {
        var content = image.content();
        return jdbc.sql("""
                UPDATE image SET size_bytes = :length, sha256 = :sha256, sha512 = :sha512, uploaded_at = :at,
                    signed_target = :signed, validation_report = :report, status = :status, version = version + 1
                WHERE id = :id AND version = :version AND status = 'AWAITING_CONTENT'""")
                        .param("length", content.length())
                        .param("sha256", content.sha256())
                        .param("sha512", content.sha512())
                        .param("at", content.uploadedAt())
                        .param("signed", json.envelope(image.signedTarget()))
                        .param("report", json.write(report))
                        .param("status", status.name())
                        .param("id", image.id())
                        .param("version", image.lockVersion())
                        .update()
                == 1;
    }

    /** Records a new verdict, if the row is still at the version the gate saw. */
    public boolean recordValidation(long id, long lockVersion, ImageStatus status, ValidationReport report) {
        return jdbc.sql("""
                UPDATE image SET validation_report = :report, status = :status, version = version + 1
                WHERE id = :id AND version = :version""")
                        .param("report", json.write(report))
                        .param("status", status.name())
                        .param("id", id)
                        .param("version", lockVersion)
                        .update()
                == 1;
    }

    /** Records a rollback authorization (and, for an image with content, the verdict that follows from it). */
    public boolean recordRollback(Image image, ImageStatus status, ValidationReport report) {
        var rollback = image.rollback();
        return jdbc.sql("""
                UPDATE image SET rollback_reason = :reason, rollback_authorized_by = :by,
                    rollback_authorized_at = :at, status = :status, validation_report = :report, version = version + 1
                WHERE id = :id AND version = :version AND rollback_authorized_at IS NULL""")
                        .param("reason", rollback.reason())
                        .param("by", rollback.authorizedBy())
                        .param("at", rollback.authorizedAt())
                        .param("status", status.name())
                        .param("report", report == null ? null : json.write(report))
                        .param("id", image.id())
                        .param("version", image.lockVersion())
                        .update()
                == 1;
    }

    private boolean exists(String condition, String hardwareId, Object value) {
        return jdbc.sql("SELECT COUNT(*) FROM image WHERE " + condition)
                        .param("hw", hardwareId)
                        .param("v", value)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static String where(Filter f) {
        List<String> clauses = new ArrayList<>();
        if (f.hardwareId() != null) {
            clauses.add("hardware_id = :hw");
        }
        if (f.status() != null) {
            clauses.add("status = :status");
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    private static Map<String, Object> params(Filter f) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (f.hardwareId() != null) {
            params.put("hw", f.hardwareId());
        }
        if (f.status() != null) {
            params.put("status", f.status().name());
        }
        return params;
    }

    private List<Image> withDependencies(List<Image> images) {
        if (images.isEmpty()) {
            return images;
        }
        Map<Long, List<Dependency>> byImage = new HashMap<>();
        jdbc.sql("SELECT image_id, hardware_id, min_version FROM image_dependency WHERE image_id IN (:ids) "
                        + "ORDER BY image_id, hardware_id")
                .param("ids", images.stream().map(Image::id).toList())
                .query(rs -> {
                    byImage.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Dependency(rs.getString(2), rs.getString(3)));
                });
        return images.stream()
                .map(i -> new Image(
                        i.id(),
                        i.hardwareId(),
                        i.name(),
                        i.version(),
                        i.releaseCounter(),
                        i.fileName(),
                        i.installType(),
                        i.riskClass(),
                        i.ecuType(),
                        byImage.getOrDefault(i.id(), List.of()),
                        i.newHardware(),
                        i.declaredSize(),
                        i.status(),
                        i.content(),
                        i.rollback(),
                        i.report(),
                        i.signedTarget(),
                        i.lockVersion(),
                        i.createdBy(),
                        i.createdAt()))
                .toList();
    }

    private Image map(ResultSet rs) throws SQLException {
        String sha256 = rs.getString("sha256");
        var content = sha256 == null
                ? null
                : new Image.Content(
                        rs.getLong("size_bytes"),
                        sha256,
                        rs.getString("sha512"),
                        rs.getObject("uploaded_at", OffsetDateTime.class));
        var rollbackAt = rs.getObject("rollback_authorized_at", OffsetDateTime.class);
        var rollback = rollbackAt == null
                ? null
                : new Image.RollbackAuthorization(
                        rs.getString("rollback_reason"), rs.getString("rollback_authorized_by"), rollbackAt);
        long declared = rs.getLong("declared_size");
        Long declaredSize = rs.wasNull() ? null : declared;
        String report = rs.getString("validation_report");
        String signed = rs.getString("signed_target");
        return new Image(
                rs.getLong("id"),
                rs.getString("hardware_id"),
                rs.getString("name"),
                rs.getString("sw_version"),
                rs.getLong("release_counter"),
                rs.getString("file_name"),
                InstallType.valueOf(rs.getString("install_type")),
                RiskClass.valueOf(rs.getString("risk_class")),
                rs.getString("ecu_type"),
                List.of(),
                rs.getBoolean("new_hardware"),
                declaredSize,
                ImageStatus.valueOf(rs.getString("status")),
                content,
                rollback,
                report == null ? null : json.read(report, ValidationReport.class),
                signed == null ? null : json.envelope(signed),
                rs.getLong("version"),
                rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
