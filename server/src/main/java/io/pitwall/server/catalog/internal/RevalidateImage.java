package io.pitwall.server.catalog.internal;

import io.pitwall.server.catalog.Image;
import io.pitwall.server.catalog.ImageStatus;
import io.pitwall.server.catalog.ValidationReport;
import io.pitwall.server.catalog.persistence.Images;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the validation gate again on an image with content and records the verdict, e.g. after the
 * dependency it needed was uploaded or its hardware appeared in the inventory.
 */
@Service
public class RevalidateImage {

    private final Images images;
    private final ValidationGate gate;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    RevalidateImage(
            Images images,
            ValidationGate gate,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions) {
        this.images = images;
        this.gate = gate;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
    }

    public Image revalidate(long imageId) {
        Image image = images.byId(imageId).orElseThrow(() -> Refusals.imageNotFound(imageId));
        if (image.content() == null) {
            throw ApiException.conflict("content-missing", "Image " + imageId + " has no content to validate yet");
        }
        ValidationReport report = gate.validate(image, ValidationScope.AT_UPLOAD);
        ImageStatus status = ImageStatus.after(report);
        transaction.executeWithoutResult(tx -> {
            if (!images.recordValidation(imageId, image.lockVersion(), status, report)) {
                throw new OptimisticLockingFailureException("image " + imageId + " changed meanwhile");
            }
            events.publishEvent(Audited.succeeded(
                    "image.revalidate",
                    "image:" + imageId,
                    Map.of(
                            "status",
                            status.name(),
                            "previousStatus",
                            image.status().name())));
        });
        return images.byId(imageId).orElseThrow();
    }
}
