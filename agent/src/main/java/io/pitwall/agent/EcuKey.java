package io.pitwall.agent;

import io.pitwall.protocol.tuf.Ed25519;
import io.pitwall.protocol.tuf.TufKey;
import java.security.KeyPair;

/**
 * SPI: an ECU's Ed25519 identity key, registered with the server at provisioning. The ECU signs its own
 * version reports; the private key never has to leave it (a secure element implements {@link #sign}).
 */
public interface EcuKey {

    /** The public key as registered with the server. */
    TufKey publicKey();

    /** The raw Ed25519 signature over {@code message} (the canonical JSON of a version report). */
    byte[] sign(byte[] message);

    /** A key held in memory, e.g. by a simulated ECU. */
    static EcuKey of(KeyPair pair) {
        TufKey key = TufKey.of(pair.getPublic());
        return new EcuKey() {
            @Override
            public TufKey publicKey() {
                return key;
            }

            @Override
            public byte[] sign(byte[] message) {
                return Ed25519.sign(pair.getPrivate(), message);
            }
        };
    }

    static EcuKey generate() {
        return of(Ed25519.generate());
    }
}
