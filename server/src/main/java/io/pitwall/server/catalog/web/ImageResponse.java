package io.pitwall.server.catalog.web;

import io.pitwall.server.catalog.Dependency;
import io.pitwall.server.catalog.Image;
import io.pitwall.server.catalog.ValidationReport;
import java.time.OffsetDateTime;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An image as the API shows it. {@code size}, {@code sha256}, {@code sha512} describe the uploaded content;
 * {@code validation} is the gate's last report; {@code signedTarget} is the TUF envelope
 * {@code {"signed": {"_type": "pitwall-target", "path", "target"}, "signatures"}} for {@code targetPath}.
 */
record ImageResponse(
        long id,
        String hardwareId,
        String name,
        String version,
        long releaseCounter,
        String fileName,
        String targetPath,
        String installType,
        String riskClass,
        String ecuType,
        List<Dependency> dependencies,
        boolean newHardware,
        Long declaredSize,
        String status,
        Long size,
        String sha256,
        String sha512,
        OffsetDateTime uploadedAt,
        boolean rollbackAuthorized,
        Image.RollbackAuthorization rollbackAuthorization,
        ValidationReport validation,
        JsonNode signedTarget,
        long lockVersion,
        String createdBy,
        OffsetDateTime createdAt) {

    static ImageResponse of(Image i) {
        var c = i.content();
        return new ImageResponse(
                i.id(),
                i.hardwareId(),
                i.name(),
                i.version(),
                i.releaseCounter(),
                i.fileName(),
                i.targetPath(),
                i.installType().name(),
                i.riskClass().name(),
                i.ecuType(),
                i.dependencies(),
                i.newHardware(),
                i.declaredSize(),
                i.status().name(),
                c == null ? null : c.length(),
                c == null ? null : c.sha256(),
                c == null ? null : c.sha512(),
                c == null ? null : c.uploadedAt(),
                i.rollbackAuthorized(),
                i.rollback(),
                i.report(),
                i.signedTarget() == null ? null : i.signedTarget().toJson(),
                i.lockVersion(),
                i.createdBy(),
                i.createdAt());
    }
}
