package io.pitwall.simulator;

import io.pitwall.simulator.api.ImportResult;
import io.pitwall.simulator.api.ManagementClient;
import io.pitwall.simulator.fleet.Fleet;
import java.util.Map;

/**
 * Puts a generated fleet on a server the way an operator would: import it (JSON Lines; vehicles that
 * exist are updated back to their factory state) and issue every vehicle a fresh credential.
 */
public final class Provisioning {

    private Provisioning() {
    }

    /** Imports the fleet and answers its tokens by VIN; a rejected vehicle fails the whole provisioning. */
    public static Map<String, String> provision(ManagementClient client, Fleet fleet) {
        ImportResult imported = client.importVehicles(fleet.importLines());
        if (imported.rejected() > 0) {
            throw new IllegalStateException("the server rejected " + imported.rejected() + " of " + fleet.size()
                    + " vehicles, e.g. " + imported.firstRejection());
        }
        Map<String, String> tokens = client.issueCredentials(fleet.vins());
        if (tokens.size() != fleet.size()) {
            throw new IllegalStateException("the server issued " + tokens.size() + " credentials for " + fleet.size()
                    + " vehicles");
        }
        return tokens;
    }
}
