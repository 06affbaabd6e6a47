/** The commands module's SQL: remote diagnostic commands. */
@OwnedTables("diagnostic_command")
package io.pitwall.server.commands.persistence;

import io.pitwall.server.shared.OwnedTables;
