package io.pitwall.server.shared;

import java.time.OffsetDateTime;

/**
 * A node's hold on a named lease: valid until {@code expiresAt} unless renewed, and only for
 * {@code term}; a later holder always has a higher term.
 */
public record LeaseGrant(String name, String holder, long term, OffsetDateTime expiresAt) {}
