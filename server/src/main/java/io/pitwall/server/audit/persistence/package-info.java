/** The audit module's SQL: the hash-chained trail, its head and the intake of events to chain. */
@OwnedTables({"audit_record", "audit_head", "audit_intake"})
package io.pitwall.server.audit.persistence;

import io.pitwall.server.shared.OwnedTables;
