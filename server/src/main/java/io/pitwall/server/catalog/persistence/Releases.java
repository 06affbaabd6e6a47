package io.pitwall.server.catalog.persistence;

import io.pitwall.server.catalog.Image;
import io.pitwall.server.catalog.NewRelease;
import io.pitwall.server.catalog.Release;
import io.pitwall.server.catalog.ReleaseReport;
import io.pitwall.server.catalog.ReleaseStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Releases, their images, and the published release counters derived from them. */
@Repository
public class Releases {

    private static final String COLUMNS = "id, name, release_version, notes, status, validation_report, created_by, "
            + "created_at, published_by, published_at, version";
    private final JdbcClient jdbc;
    private final CatalogJson json;

    public Releases(JdbcClient jdbc, JsonMapper mapper) {
        this.jdbc = jdbc;
        this.json = new CatalogJson(mapper);
    }

    public long insert(NewRelease release, List<Image> images, String createdBy, OffsetDateTime now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO software_release (name, release_version, notes, status, created_by, created_at, version)
                VALUES (:name, :version, :notes, 'DRAFT', :by, :now, 0)""")
                .param("name", release.name())
                .param("version", release.version())
                .param("notes", release.notes())
                .param("by", createdBy)
                .param("now", now)
                .update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        for (Image image : images) {
            jdbc.sql("INSERT INTO software_release_image (release_id, image_id, hardware_id) VALUES (:r, :i, :hw)")
                    .param("r", id)
                    .param("i", image.id())
                    .param("hw", image.hardwareId())
                    .update();
        }
        return id;
    }

    public boolean exists(String name, String version) {
        return jdbc.sql("SELECT COUNT(*) FROM software_release WHERE name = :n AND release_version = :v")
                        .param("n", name)
                        .param("v", version)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public Optional<Release> byId(long id) {
        return withImages(jdbc.sql("SELECT " + COLUMNS + " FROM software_release WHERE id = :id")
                        .param("id", id)
                        .query((rs, i) -> map(rs))
                        .list())
                .stream()
                .findFirst();
    }

    public List<Release> page(ReleaseStatus status, int page, int size) {
        var spec = jdbc.sql("SELECT " + COLUMNS + " FROM software_release"
                + (status == null ? "" : " WHERE status = :status")
                + " ORDER BY id DESC OFFSET :offset ROWS FETCH NEXT :size ROWS ONLY");
        if (status != null) {
            spec = spec.param("status", status.name());
        }
        return withImages(spec.param("offset", (long) page * size)
                .param("size", size)
                .query((rs, i) -> map(rs))
                .list());
    }

    public long count(ReleaseStatus status) {
        var spec =
                jdbc.sql("SELECT COUNT(*) FROM software_release" + (status == null ? "" : " WHERE status = :status"));
        if (status != null) {
            spec = spec.param("status", status.name());
        }
        return spec.query(Long.class).single();
    }

    /**
     * The newest release counter of a hardware id that a PUBLISHED release carries, leaving out one image
     * (the one being checked: re-shipping an already published image is not a rollback).
     */
    public OptionalLong newestPublishedCounter(String hardwareId, long excludingImageId) {
        Long newest = jdbc.sql("""
                SELECT MAX(i.release_counter) FROM image i
                JOIN software_release_image ri ON ri.image_id = i.id
                JOIN software_release r ON r.id = ri.release_id
                WHERE r.status = 'PUBLISHED' AND i.hardware_id = :hw AND i.id <> :id""")
                .param("hw", hardwareId)
                .param("id", excludingImageId)
                .query((rs, i) -> rs.getObject(1) == null ? null : rs.getLong(1))
                .list()
                .get(0);
        return newest == null ? OptionalLong.empty() : OptionalLong.of(newest);
    }

    /** Serialises publications until the end of the transaction. */
    public void lockPublishing() {
        jdbc.sql("SELECT id FROM catalog_publish_lock WHERE id = 1 FOR UPDATE")
                .query(Integer.class)
                .single();
    }

    /** Marks a draft published with its report, if it is still a draft at this version. */
    public boolean publish(long id, long lockVersion, ReleaseReport report, String by, OffsetDateTime now) {
        return jdbc.sql("""
                UPDATE software_release SET status = 'PUBLISHED', validation_report = :report, published_by = :by,
                    published_at = :now, version = version + 1
                WHERE id = :id AND version = :version AND status = 'DRAFT'""")
                        .param("report", json.write(report))
                        .param("by", by)
                        .param("now", now)
                        .param("id", id)
                        .param("version", lockVersion)
                        .update()
                == 1;
    }

    private List<Release> withImages(List<Release> releases) {
        if (releases.isEmpty()) {
            return releases;
        }
        Map<Long, List<Long>> images = new HashMap<>();
        jdbc.sql("SELECT release_id, image_id FROM software_release_image WHERE release_id IN (:ids) "
                        + "ORDER BY release_id, hardware_id")
                .param("ids", releases.stream().map(Release::id).toList())
                .query(rs -> {
                    images.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(rs.getLong(2));
                });
        return releases.stream()
                .map(r -> new Release(
                        r.id(),
                        r.name(),
                        r.version(),
                        r.notes(),
                        r.status(),
                        images.getOrDefault(r.id(), List.of()),
                        r.report(),
                        r.createdBy(),
                        r.createdAt(),
                        r.publishedBy(),
                        r.publishedAt(),
                        r.lockVersion()))
                .toList();
    }

    private Release map(ResultSet rs) throws SQLException {
        String report = rs.getString("validation_report");
        return new Release(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("release_version"),
                rs.getString("notes"),
                ReleaseStatus.valueOf(rs.getString("status")),
                List.of(),
                report == null ? null : json.read(report, ReleaseReport.class),
                rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getString("published_by"),
                rs.getObject("published_at", OffsetDateTime.class),
                rs.getLong("version"));
    }
}
