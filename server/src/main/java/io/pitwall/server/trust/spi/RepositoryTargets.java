package io.pitwall.server.trust.spi;

import io.pitwall.protocol.tuf.TargetEntry;
import java.util.Map;

/**
 * Where the image repository's target list comes from (implemented by the catalog: every image of a
 * published release), so the trust module does not depend on the catalog.
 */
public interface RepositoryTargets {

    /** Target path to entry, for every image the repository must list now. */
    Map<String, TargetEntry> current();
}
