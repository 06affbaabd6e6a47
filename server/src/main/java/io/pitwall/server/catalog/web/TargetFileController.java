package io.pitwall.server.catalog.web;

import io.pitwall.server.catalog.ArtifactContent;
import io.pitwall.server.catalog.ArtifactStore;
import io.pitwall.server.catalog.CatalogQueries;
import io.pitwall.server.catalog.Image;
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
 */
@RestController
class TargetFileController {

    private static final Pattern HASHED = Pattern.compile("([0-9a-f]{64}|[0-9a-f]{128})\\.(.+)");
    private final CatalogQueries catalog;
    private final ArtifactStore store;

    TargetFileController(CatalogQueries catalog, ArtifactStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    @GetMapping("/repo/targets/{hardwareId}/{hashedName}")
    void target(@PathVariable String hardwareId, @PathVariable String hashedName, HttpServletResponse response)
            throws IOException {
        var m = HASHED.matcher(hashedName);
        Image image = m.matches() ? catalog.publishedTarget(Image.targetPath(hardwareId, m.group(2))).orElse(null)
                : null;
        if (image == null || !(m.group(1).equals(image.content().sha256())
                || m.group(1).equals(image.content().sha512()))) {
            throw ApiException.notFound("target-not-found", "No published target under this name");
        }
        try (ArtifactContent content = store.open(image.content().sha256()).orElseThrow(() ->
                ApiException.notFound("target-not-found", "No published target under this name"));
                OutputStream out = response.getOutputStream()) {
            response.setContentType("application/octet-stream");
            response.setContentLengthLong(content.length());
            content.stream().transferTo(out);
        }
    }
}
