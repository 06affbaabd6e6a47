/** The reporting module's SQL: release notes and post-release reviews, and its read model of campaigns. */
@OwnedTables({"campaign_release_note", "campaign_review"})
package io.pitwall.server.reporting.persistence;

import io.pitwall.server.shared.OwnedTables;
