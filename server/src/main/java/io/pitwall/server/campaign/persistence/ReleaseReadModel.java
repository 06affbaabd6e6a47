package io.pitwall.server.campaign.persistence;

import io.pitwall.server.campaign.delivery.ReleaseImage;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads releases and their images from the catalog, read-only: to snapshot them into a campaign and to
 * check a campaign's readiness.
 */
@Repository
public class ReleaseReadModel {

    private final JdbcClient jdbc;

    public ReleaseReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The images of a published release, or empty when the release is unknown or not published. */
    public Optional<List<ReleaseImage>> publishedImages(long releaseId) {
        boolean published = jdbc.sql("SELECT COUNT(*) FROM software_release WHERE id = :id AND status = 'PUBLISHED'")
                        .param("id", releaseId)
                        .query(Long.class)
                        .single()
                > 0;
        if (!published) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("""
                SELECT i.id, i.hardware_id, i.ecu_type, i.target_path, i.sw_version, i.release_counter, i.size_bytes,
                    i.sha256, i.sha512, i.install_type, i.signed_target
                FROM software_release_image ri JOIN image i ON i.id = ri.image_id
                WHERE ri.release_id = :id ORDER BY i.hardware_id""")
                .param("id", releaseId)
                .query((rs, n) -> new ReleaseImage(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getString(11)))
                .list());
    }

    /** The release's status ({@code DRAFT}, {@code PUBLISHED}, ...), or empty when there is no such release. */
    public Optional<String> status(long releaseId) {
        return jdbc.sql("SELECT status FROM software_release WHERE id = :id")
                .param("id", releaseId)
                .query(String.class)
                .optional();
    }

    /** The hardware ids the release has an image for. */
    public Set<String> hardwareIds(long releaseId) {
        return new TreeSet<>(
                jdbc.sql("""
                SELECT DISTINCT i.hardware_id FROM software_release_image ri JOIN image i ON i.id = ri.image_id
                WHERE ri.release_id = :id""").param("id", releaseId).query(String.class).list());
    }

    /** The hardware ids the campaign sends an image to. */
    public Set<String> campaignHardwareIds(long campaignId) {
        return new TreeSet<>(jdbc.sql("SELECT hardware_id FROM campaign_image WHERE campaign_id = :id")
                .param("id", campaignId)
                .query(String.class)
                .list());
    }

    /** Whether the campaign sends an image to an ECU of these types, or one rated HIGH risk in the catalog. */
    public boolean sendsHighRiskImage(long campaignId, Set<String> ecuTypes) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM campaign_image ci JOIN image i ON i.id = ci.image_id
                WHERE ci.campaign_id = :id AND (ci.ecu_type IN (:types) OR i.risk_class = 'HIGH')""")
                        .param("id", campaignId)
                        .param("types", ecuTypes)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
