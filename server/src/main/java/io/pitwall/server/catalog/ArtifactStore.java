package io.pitwall.server.catalog;

import java.io.InputStream;
import java.util.Optional;

/**
 * Content-addressed storage of image bytes, keyed by lower-case hex SHA-256. Content is streamed in,
 * never held in memory whole, and appears under its hash only once completely written (temp file, then an
 * atomic move), so a reader never sees a partial artifact. Identical content is stored once.
 */
public interface ArtifactStore {

    /**
     * Streams the content into the store, computing SHA-256 and SHA-512 on the way.
     *
     * @throws ArtifactTooLarge when the content runs past {@code maxBytes}; nothing is kept
     * @throws io.pitwall.server.shared.ApiException {@code upload-interrupted} (400) when reading the content fails
     */
    StoredArtifact put(InputStream content, long maxBytes);

    /**
     * Opens stored content positioned at {@code offset} (0 for the whole artifact); empty when no artifact has
     * this hash. The caller closes the answer.
     *
     * @throws IllegalArgumentException when the offset lies beyond the end or the hash is malformed
     */
    Optional<ArtifactContent> open(String sha256, long offset);

    default Optional<ArtifactContent> open(String sha256) {
        return open(sha256, 0);
    }

    boolean exists(String sha256);

    /** Removes an artifact, e.g. to undo a {@link #put} whose recording failed; absent artifacts are ignored. */
    void delete(String sha256);
}
