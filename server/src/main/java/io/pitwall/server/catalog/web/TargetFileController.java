package io.pitwall.server.catalog.web;

import io.pitwall.server.access.PublicEndpoint;
import io.pitwall.server.catalog.ArtifactContent;
import io.pitwall.server.catalog.ArtifactStore;
import io.pitwall.server.catalog.HashCheckedStream;
import io.pitwall.server.catalog.Image;
import io.pitwall.server.catalog.internal.CatalogQueries;
import io.pitwall.server.shared.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Target files of the TUF image repository (public, like its metadata). With consistent snapshots a
 * client fetches {@code /repo/targets/<hardwareId>/<hash>.<fileName>} for the target path
 * {@code <hardwareId>/<fileName>}; every published image is served under its sha256 and its sha512 name.
 * Content is checked against its recorded length and SHA-256 while it is served; altered content is refused
 * with 500 {@code target-content-corrupted} (or, once part of it was sent, the connection is broken).
 */
@RestController
class TargetFileController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TargetFileController.class);
    private static final Pattern HASHED = Pattern.compile("([0-9a-f]{64}|[0-9a-f]{128})\\.(.+)");
    private final CatalogQueries catalog;
    private final ArtifactStore store;

    TargetFileController(CatalogQueries catalog, ArtifactStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    @PublicEndpoint("published images, served by hash; clients verify them against signed metadata")
    @GetMapping("/repo/targets/{hardwareId}/{hashedName}")
    void target(@PathVariable String hardwareId, @PathVariable String hashedName, HttpServletResponse response)
            throws IOException {
        var m = HASHED.matcher(hashedName);
        Image image = m.matches()
                ? catalog.publishedTarget(Image.targetPath(hardwareId, m.group(2)))
                        .orElse(null)
                : null;
        if (image == null
                || !(m.group(1).equals(image.content().sha256())
                        || m.group(1).equals(image.content().sha512()))) {
            throw ApiException.notFound("target-not-found", "No published target under this name");
        }
        try (ArtifactContent content = store.open(image.content().sha256())
                .orElseThrow(() -> ApiException.notFound("target-not-found", "No published target under this name"))) {
            long length = image.content().length();
            if (content.length() != length) {
                throw corrupted(image, "stored " + content.length() + " bytes, recorded " + length);
            }
            response.setContentType("application/octet-stream");
            response.setContentLengthLong(length);
            OutputStream out = response.getOutputStream();
            try {
                new HashCheckedStream(content.stream(), length, image.content().sha256()).transferTo(out);
            } catch (HashCheckedStream.Mismatch e) {
                if (response.isCommitted()) {
                    // Part of it is on the wire: breaking the connection leaves the client a short, failing body.
                    log.error(
                            "Target {} of image {}: {}; connection aborted",
                            hardwareId + "/" + m.group(2),
                            image.id(),
                            e.getMessage());
                    throw e;
                }
                response.reset();
                throw corrupted(image, e.getMessage());
            }
            out.flush();
        }
    }

    /** Content altered at rest is the server's fault, never served: 500 with a stable code, logged as an error. */
    private static ApiException corrupted(Image image, String why) {
        log.error(
                "The stored content of published image {} no longer matches its recorded length and hashes: {}",
                image.id(),
                why);
        return new ApiException(
                500,
                "target-content-corrupted",
                "The stored content of this target does not match "
                        + "its recorded length and hashes; it is not served");
    }
}
