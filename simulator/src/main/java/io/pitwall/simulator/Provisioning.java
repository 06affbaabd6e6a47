package io.pitwall.simulator;

import io.pitwall.agent.EcuKey;
import io.pitwall.client.ImportResult;
import io.pitwall.client.ManagementClient;
import io.pitwall.simulator.fleet.EcuSpec;
import io.pitwall.simulator.fleet.Fleet;
import io.pitwall.simulator.fleet.VehicleSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a generated fleet on a server the way an operator would: import it (JSON Lines; vehicles that
 * exist are updated back to their factory state) and issue every vehicle a fresh credential; optionally
 * register ECU identity keys.
 */
public final class Provisioning {

    private Provisioning() {}

    /** Imports the fleet and answers its tokens by VIN; a rejected vehicle fails the whole provisioning. */
    public static Map<String, String> provision(ManagementClient client, Fleet fleet) {
        ImportResult imported = client.importVehicles(fleet.importLines());
        if (imported.rejected() > 0) {
            throw new IllegalStateException("the server rejected " + imported.rejected() + " of " + fleet.size()
                    + " vehicles, e.g. " + imported.firstRejection());
        }
        Map<String, String> tokens = client.issueCredentials(fleet.vins());
        if (tokens.size() != fleet.size()) {
            throw new IllegalStateException(
                    "the server issued " + tokens.size() + " credentials for " + fleet.size() + " vehicles");
        }
        return tokens;
    }

    /**
     * Gives every ECU of the fleet a new Ed25519 identity key and registers the public halves with the server
     * ({@code POST /api/v1/vehicles/ecu-keys}, as a factory would at end of line); answers the keys by ECU serial
     * for {@link Simulation.Builder#ecuKeys}.
     */
    public static Map<String, EcuKey> registerEcuKeys(ManagementClient client, Fleet fleet) {
        Map<String, EcuKey> keys = new LinkedHashMap<>();
        List<ManagementClient.EcuKeyRegistration> registrations = new ArrayList<>();
        for (VehicleSpec vehicle : fleet.vehicles()) {
            for (EcuSpec ecu : vehicle.ecus()) {
                EcuKey key = EcuKey.generate();
                keys.put(ecu.serial(), key);
                registrations.add(
                        new ManagementClient.EcuKeyRegistration(vehicle.vin(), ecu.serial(), key.publicKey()));
            }
        }
        client.registerEcuKeys(registrations);
        return keys;
    }
}
