package io.pitwall.server.trust.spi;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where the director learns what each vehicle's ECUs should install (implemented by the campaign module from
 * its active assignments), so the trust module does not depend on campaigns. Both calls are set-based: the
 * director regenerates vehicles in batches.
 */
public interface DirectorTargets {

    /** The VINs of the campaign's assignments (any state) above {@code afterVin}, ascending, at most {@code limit}. */
    List<String> vehiclesOf(long campaignId, String afterVin, int limit);

    /** For each of these vehicles with something to install now, its ECUs' targets; others are absent. */
    Map<String, List<DirectorTarget>> of(Collection<String> vins);
}
