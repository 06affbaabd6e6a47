package io.pitwall.agent;

import io.pitwall.protocol.device.DevicePaths;
import io.pitwall.protocol.device.EcuTarget;
import io.pitwall.protocol.device.Hashes;
import io.pitwall.protocol.device.InstallType;
import io.pitwall.protocol.tuf.Ed25519;
import io.pitwall.protocol.tuf.SignedTarget;
import io.pitwall.protocol.tuf.TargetEntry;
import io.pitwall.protocol.tuf.TufKey;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Deterministic images and correctly signed targets for them, plus a knob for every way to get one wrong. */
final class TestImages {

    static final String VIN = "WVWZZZ1JZXW000001";
    final KeyPair keys = Ed25519.generate();
    final TufKey key = TufKey.of(keys.getPublic());

    Map<String, TufKey> trusted() {
        return Map.of(key.keyId(), key);
    }

    static byte[] bytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        return hex("SHA-256", bytes);
    }

    static String sha512(byte[] bytes) {
        return hex("SHA-512", bytes);
    }

    /** A target for {@code image} on ECU {@code serial}, signed by this fixture's key. */
    EcuTarget target(String serial, String hardwareId, String version, byte[] image, long releaseCounter) {
        return target(serial, hardwareId, version, image, releaseCounter, InstallType.AB);
    }

    EcuTarget target(
            String serial,
            String hardwareId,
            String version,
            byte[] image,
            long releaseCounter,
            InstallType installType) {
        Hashes hashes = new Hashes(sha256(image), sha512(image));
        String path = hardwareId.toLowerCase() + "-" + version + ".bin";
        var entry = new TargetEntry(image.length, hashes.asMap(), List.of(hardwareId), releaseCounter, null);
        var envelope = SignedTarget.sign(path, entry, key, keys.getPrivate());
        return new EcuTarget(
                serial,
                hardwareId,
                path,
                version,
                DevicePaths.artifact(VIN, hashes.sha256()),
                image.length,
                hashes,
                releaseCounter,
                installType,
                envelope.toJson());
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
