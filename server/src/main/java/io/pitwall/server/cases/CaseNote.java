package io.pitwall.server.cases;

import java.time.Instant;

/**
 * One entry of a case's history.
 *
 * @param kind {@code OPENED}, {@code TRANSITION}, {@code REOPENED}, {@code ASSIGNED}, {@code COMMENT} or
 *             {@code ESCALATED}
 */
public record CaseNote(long id, Instant at, String actor, String kind, String body) {}
