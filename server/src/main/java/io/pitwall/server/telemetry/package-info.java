/**
 * Idempotent ingestion of what vehicles report: each (vehicle, seq) is stored once, acknowledged through
 * the highest seq below which nothing is missing (an event refused for good is not missing), and flagged for
 * data quality (timestamp in the future, sequence gap until the gap fills, clock gone back) instead of being
 * dropped. Stored events are announced as {@link io.pitwall.server.telemetry.VehicleEventsRecorded} for
 * projections, filled gaps as {@link io.pitwall.server.telemetry.SequenceGapsFilled}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"privacy", "shared"})
package io.pitwall.server.telemetry;
