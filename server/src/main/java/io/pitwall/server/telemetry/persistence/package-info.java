/** The telemetry module's SQL: vehicle events, their cursors and refusals. */
@OwnedTables({"vehicle_event", "event_cursor", "event_refusal"})
package io.pitwall.server.telemetry.persistence;

import io.pitwall.server.shared.OwnedTables;
