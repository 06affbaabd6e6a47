package io.pitwall.server.trust.web;

import io.pitwall.server.access.PublicEndpoint;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.trust.ImageRepository;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The image repository's signed metadata, public and unauthenticated (its signatures are the protection):
 * {@code /repo/N.root.json} for every root version (the first missing N answers 404), {@code /repo/timestamp.json},
 * {@code /repo/N.snapshot.json}, {@code /repo/N.targets.json}, and the unversioned names of the latest files.
 */
@RestController
class RepositoryController {

    private final ImageRepository repository;

    RepositoryController(ImageRepository repository) {
        this.repository = repository;
    }

    @PublicEndpoint("signed TUF metadata, verified by clients against the root they trust")
    @GetMapping("/repo/{name}")
    ResponseEntity<byte[]> metadata(@PathVariable String name) {
        byte[] body = repository
                .file(name)
                .orElseThrow(() -> ApiException.notFound("metadata-not-found", "No repository metadata named " + name));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-cache")
                .body(body);
    }
}
