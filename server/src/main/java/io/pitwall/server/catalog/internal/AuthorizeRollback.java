package io.pitwall.server.catalog.internal;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.catalog.Image;
import io.pitwall.server.catalog.ImageStatus;
import io.pitwall.server.catalog.ValidationReport;
import io.pitwall.server.catalog.persistence.Images;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Marks an image as an authorized rollback target, with a reason: its release counter may then be at or
 * below the newest published one. Once only. An image with content is re-validated at once, so an image
 * rejected only for its counter becomes VALIDATED.
 */
@Service
public class AuthorizeRollback {

    public static final int MAX_REASON = 1000;
    private final Images images;
    private final ValidationGate gate;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    AuthorizeRollback(
            Images images,
            ValidationGate gate,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.images = images;
        this.gate = gate;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    public Image authorize(long imageId, String reason, CurrentOperator who) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            throw ApiException.unprocessable(
                    "reason-required", "A rollback authorization needs a reason of 1 to " + MAX_REASON + " characters");
        }
        Image image = images.byId(imageId).orElseThrow(() -> Refusals.imageNotFound(imageId));
        requireNotAuthorized(image);
        Image authorized = image.withRollback(
                new Image.RollbackAuthorization(reason.strip(), who.username(), Refusals.now(clock)));
        ValidationReport report =
                authorized.content() == null ? null : gate.validate(authorized, ValidationScope.AT_UPLOAD);
        ImageStatus status = report == null ? image.status() : ImageStatus.after(report);
        transaction.executeWithoutResult(tx -> {
            if (!images.recordRollback(authorized, status, report)) {
                requireNotAuthorized(images.byId(imageId).orElseThrow(() -> Refusals.imageNotFound(imageId)));
                throw new OptimisticLockingFailureException("image " + imageId + " changed meanwhile");
            }
            events.publishEvent(Audited.succeeded(
                    "image.authorize-rollback",
                    "image:" + imageId,
                    Map.of(
                            "reason",
                            authorized.rollback().reason(),
                            "hardwareId",
                            image.hardwareId(),
                            "releaseCounter",
                            image.releaseCounter(),
                            "status",
                            status.name())));
        });
        return images.byId(imageId).orElseThrow();
    }

    private static void requireNotAuthorized(Image image) {
        if (image.rollbackAuthorized()) {
            throw ApiException.conflict(
                    "rollback-already-authorized", "Image " + image.id() + " is already an authorized rollback target");
        }
    }
}
