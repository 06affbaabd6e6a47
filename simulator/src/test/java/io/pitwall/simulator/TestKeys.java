package io.pitwall.simulator;

import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.simulator.fleet.Fleet;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.LinkedHashMap;
import java.util.Map;

/** A trusted key and credentials for simulations that never verify a real server's signatures. */
final class TestKeys {

    private TestKeys() {}

    static TufKey imageKey() {
        try {
            return TufKey.of(
                    KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token per vehicle, as long as the server's ({@code pwv_} and 43 characters). */
    static Map<String, String> tokens(Fleet fleet) {
        Map<String, String> tokens = new LinkedHashMap<>();
        fleet.vins().forEach(vin -> tokens.put(vin, "pwv_" + (vin + vin + vin).substring(0, 43)));
        return tokens;
    }
}
