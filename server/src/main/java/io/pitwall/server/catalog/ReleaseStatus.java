package io.pitwall.server.catalog;

/**
 * {@code DRAFT} → {@code PUBLISHED} (once, after the gate passed). Publishing makes the release counters
 * of its images "published" for the anti-rollback rule. Names are the stored and wire codes.
 */
public enum ReleaseStatus {
    DRAFT,
    PUBLISHED
}
