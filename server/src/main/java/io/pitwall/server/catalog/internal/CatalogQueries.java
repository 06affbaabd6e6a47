package io.pitwall.server.catalog.internal;

import io.pitwall.server.catalog.Image;
import io.pitwall.server.catalog.ImageStatus;
import io.pitwall.server.catalog.Release;
import io.pitwall.server.catalog.ReleaseStatus;
import io.pitwall.server.catalog.persistence.Images;
import io.pitwall.server.catalog.persistence.Releases;
import io.pitwall.server.shared.Page;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads of the catalog, for the web layer and for other modules (campaigns, the device API). */
@Service
@Transactional(readOnly = true)
public class CatalogQueries {

    private final Images images;
    private final Releases releases;

    CatalogQueries(Images images, Releases releases) {
        this.images = images;
        this.releases = releases;
    }

    /** @throws io.pitwall.server.shared.ApiException 404 {@code image-not-found} */
    public Image image(long id) {
        return images.byId(id).orElseThrow(() -> Refusals.imageNotFound(id));
    }

    /** The images with these ids that exist. */
    public List<Image> images(Collection<Long> ids) {
        return images.byIds(ids);
    }

    /** Images, newest first; {@code null} filters match anything. */
    public Page<Image> images(String hardwareId, ImageStatus status, int page, int size) {
        Page.check(page, size);
        var filter = new Images.Filter(hardwareId, status);
        return new Page<>(images.page(filter, page, size), page, size, images.count(filter));
    }

    /** The image of a published release listed under this TUF target path ({@code <hardwareId>/<fileName>}). */
    public java.util.Optional<Image> publishedTarget(String targetPath) {
        return images.publishedAt(targetPath);
    }

    /** @throws io.pitwall.server.shared.ApiException 404 {@code release-not-found} */
    public Release release(long id) {
        return releases.byId(id).orElseThrow(() -> Refusals.releaseNotFound(id));
    }

    public Page<Release> releases(ReleaseStatus status, int page, int size) {
        Page.check(page, size);
        return new Page<>(releases.page(status, page, size), page, size, releases.count(status));
    }
}
