/** The access module's SQL: operators and API tokens. */
@OwnedTables({"operator", "api_token"})
package io.pitwall.server.access.persistence;

import io.pitwall.server.shared.OwnedTables;
