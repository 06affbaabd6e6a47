/** Shared SQL: database leases and per-transaction settings. */
@OwnedTables({"lease"})
package io.pitwall.server.shared.persistence;

import io.pitwall.server.shared.OwnedTables;
