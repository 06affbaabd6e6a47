/** The trust module's SQL: signing keys, the image repository and the director. */
@OwnedTables({
    "signing_key",
    "repository_metadata",
    "repository_lock",
    "director_root",
    "director_vehicle",
    "director_change"
})
package io.pitwall.server.trust.persistence;

import io.pitwall.server.shared.OwnedTables;
