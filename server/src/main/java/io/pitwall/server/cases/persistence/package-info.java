/** The cases module's SQL: service cases and their notes. */
@OwnedTables({"service_case", "case_note"})
package io.pitwall.server.cases.persistence;

import io.pitwall.server.shared.OwnedTables;
