package io.pitwall.server.catalog.internal;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.catalog.ArtifactStore;
import io.pitwall.server.catalog.ArtifactTooLarge;
import io.pitwall.server.catalog.Image;
import io.pitwall.server.catalog.ImageStatus;
import io.pitwall.server.catalog.StoredArtifact;
import io.pitwall.server.catalog.ValidationReport;
import io.pitwall.server.catalog.persistence.Images;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import io.pitwall.server.trust.TargetSigning;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes an image's content once: streams it into the {@link ArtifactStore} (hashing on the way, bounded by
 * {@code pitwall.catalog.max-image-bytes}), has the trust module sign its targets entry, runs the validation
 * gate and records hashes, signed entry, report and the resulting status (VALIDATED or REJECTED).
 * Streaming, signing and the gate run outside any transaction; only the recording is transactional.
 */
@Service
public class UploadImageContent {

    private final Images images;
    private final ArtifactStore store;
    private final TargetSigning signing;
    private final ValidationGate gate;
    private final CatalogSettings settings;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    UploadImageContent(
            Images images,
            ArtifactStore store,
            TargetSigning signing,
            ValidationGate gate,
            CatalogSettings settings,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.images = images;
        this.store = store;
        this.signing = signing;
        this.gate = gate;
        this.settings = settings;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * @param declaredLength the request's Content-Length, or -1 when unknown (then the limit is enforced while
     *                       streaming)
     */
    public Image upload(long imageId, InputStream content, long declaredLength, CurrentOperator who) {
        Image image = images.byId(imageId).orElseThrow(() -> Refusals.imageNotFound(imageId));
        requireAwaitingContent(image);
        long max = settings.maxBytes();
        if (declaredLength > max) {
            throw new ArtifactTooLarge(max);
        }
        StoredArtifact stored = store.put(content, max);
        try {
            var uploaded = new Image.Content(stored.length(), stored.sha256(), stored.sha512(), Refusals.now(clock));
            Image unsigned = image.withContent(uploaded, null);
            Image candidate =
                    unsigned.withContent(uploaded, signing.sign(unsigned.targetPath(), unsigned.targetEntry()));
            ValidationReport report = gate.validate(candidate, ValidationScope.AT_UPLOAD);
            ImageStatus status = ImageStatus.after(report);
            transaction.executeWithoutResult(tx -> {
                if (!images.recordContent(candidate, status, report)) {
                    requireAwaitingContent(images.byId(imageId).orElseThrow(() -> Refusals.imageNotFound(imageId)));
                    throw new OptimisticLockingFailureException("image " + imageId + " changed during the upload");
                }
                events.publishEvent(Audited.succeeded(
                        "image.upload",
                        "image:" + imageId,
                        Map.of(
                                "length",
                                stored.length(),
                                "sha256",
                                stored.sha256(),
                                "sha512",
                                stored.sha512(),
                                "status",
                                status.name(),
                                "keyId",
                                candidate.signedTarget().signatures().get(0).keyId())));
            });
            return images.byId(imageId).orElseThrow();
        } catch (RuntimeException e) {
            if (stored.created() && !images.referencesContent(stored.sha256())) {
                store.delete(stored.sha256());
            }
            throw e;
        }
    }

    private static void requireAwaitingContent(Image image) {
        if (image.status() != ImageStatus.AWAITING_CONTENT) {
            throw ApiException.conflict(
                    "content-already-uploaded",
                    "Image " + image.id() + " already has its content; register a new image for new content");
        }
    }
}
