package io.pitwall.server.catalog;

import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.TargetEntry;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The software for ECUs of one hardware id.
 *
 * @param version        the software version (text, e.g. {@code 4.2.0}); unique per hardware id
 * @param releaseCounter the anti-rollback number: unique per hardware id; a vehicle never installs a lower one
 *                       unless the image is an authorized rollback target
 * @param fileName       the image's file name; its TUF target path is {@code <hardwareId>/<fileName>}
 * @param newHardware    declared for hardware the inventory does not know yet (compatibility check)
 * @param declaredSize   the size the uploader announced, checked against the content; may be {@code null}
 * @param content        length and hashes of the uploaded bytes; {@code null} while awaiting content
 * @param rollback       set once the image is authorized as a rollback target
 * @param report         the last validation gate verdict; {@code null} before the content upload
 * @param signedTarget   the image's targets entry signed by the trust module; {@code null} before upload
 * @param lockVersion    optimistic-lock version of the stored row
 */
public record Image(
        long id,
        String hardwareId,
        String name,
        String version,
        long releaseCounter,
        String fileName,
        InstallType installType,
        RiskClass riskClass,
        String ecuType,
        List<Dependency> dependencies,
        boolean newHardware,
        Long declaredSize,
        ImageStatus status,
        Content content,
        RollbackAuthorization rollback,
        ValidationReport report,
        Envelope signedTarget,
        long lockVersion,
        String createdBy,
        OffsetDateTime createdAt) {

    /** What was uploaded: length, lower-case hex SHA-256 and SHA-512, when. */
    public record Content(long length, String sha256, String sha512, OffsetDateTime uploadedAt) {}

    /** Who allowed this image to be installed below the newest published release counter, and why. */
    public record RollbackAuthorization(String reason, String authorizedBy, OffsetDateTime authorizedAt) {}

    public Image {
        dependencies = List.copyOf(dependencies);
    }

    /** The TUF target path: {@code <hardwareId>/<fileName>}, unique in the catalog. */
    public static String targetPath(String hardwareId, String fileName) {
        return hardwareId + "/" + fileName;
    }

    public String targetPath() {
        return targetPath(hardwareId, fileName);
    }

    public boolean rollbackAuthorized() {
        return rollback != null;
    }

    /** The targets entry this image must be signed with; {@code null} while there is no content. */
    public TargetEntry targetEntry() {
        if (content == null) {
            return null;
        }
        return new TargetEntry(
                content.length(),
                Map.of("sha256", content.sha256(), "sha512", content.sha512()),
                List.of(hardwareId),
                releaseCounter,
                ecuType);
    }

    public Image withContent(Content newContent, Envelope signed) {
        return new Image(
                id,
                hardwareId,
                name,
                version,
                releaseCounter,
                fileName,
                installType,
                riskClass,
                ecuType,
                dependencies,
                newHardware,
                declaredSize,
                status,
                newContent,
                rollback,
                report,
                signed,
                lockVersion,
                createdBy,
                createdAt);
    }

    public Image withRollback(RollbackAuthorization authorization) {
        return new Image(
                id,
                hardwareId,
                name,
                version,
                releaseCounter,
                fileName,
                installType,
                riskClass,
                ecuType,
                dependencies,
                newHardware,
                declaredSize,
                status,
                content,
                authorization,
                report,
                signedTarget,
                lockVersion,
                createdBy,
                createdAt);
    }
}
