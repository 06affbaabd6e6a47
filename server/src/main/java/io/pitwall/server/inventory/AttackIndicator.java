package io.pitwall.server.inventory;

import java.time.OffsetDateTime;

/** Evidence of an attack seen on a vehicle: which kind, which ECU, when, and what exactly was wrong. */
public record AttackIndicator(long id, AttackKind kind, String ecuSerial, String detail, OffsetDateTime observedAt) {}
