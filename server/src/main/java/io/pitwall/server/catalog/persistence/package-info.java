/** The catalog's SQL: images, their dependencies and releases. */
@OwnedTables({"image", "image_dependency", "software_release", "software_release_image", "catalog_publish_lock"})
package io.pitwall.server.catalog.persistence;

import io.pitwall.server.shared.OwnedTables;
