package io.pitwall.server.campaign;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * An entry of a campaign's decision log: what was decided ({@code kind} is the lifecycle trigger's name,
 * e.g. {@code SUBMIT}, {@code APPROVE}, {@code EMERGENCY_STOP}), by whom ({@code system} for automatic
 * completion) and the numbers at that moment (status before and after, assignments by state and failure category).
 */
public record Decision(long id, OffsetDateTime at, String actor, String kind, Map<String, Object> detail) {}
