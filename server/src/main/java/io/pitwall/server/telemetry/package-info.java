/**
 * Idempotent ingestion of what vehicles report: each (vehicle, seq) is stored once, acknowledged through
 * the highest seq below which nothing is missing, and flagged for data quality (unknown type, timestamp
 * in the future, sequence gap) instead of being dropped. Stored events are announced as
 * {@link io.pitwall.server.telemetry.VehicleEventsRecorded} for projections.
 */
package io.pitwall.server.telemetry;
