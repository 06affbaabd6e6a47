package io.pitwall.protocol.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class RootTests {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final KeyPair a = Ed25519.generate();
    private final KeyPair b = Ed25519.generate();
    private final KeyPair c = Ed25519.generate();
    private final KeyPair online = Ed25519.generate();

    @Test
    void rootRoundTripsThroughItsSignedFormWithKeyidsAsHashesOfTheCanonicalKey() {
        Root root = root(1, 2, a, b, c);
        ObjectNode signed = root.toSigned();

        assertThat(Root.fromSigned(signed)).isEqualTo(root);
        assertThat(signed.get("_type").asString()).isEqualTo("root");
        assertThat(signed.get("expires").asString()).isEqualTo("2026-12-01T00:00:00Z");
        signed.get("keys")
                .properties()
                .forEach(e -> assertThat(e.getKey())
                        .isEqualTo(RoleMetadata.digest("sha256", CanonicalJson.bytes(e.getValue()))));
    }

    @Test
    void theNextRootNeedsThresholdsOfTheOldAndTheNewRootKeys() {
        Root one = root(1, 1, a);
        ObjectNode two = root(2, 2, b, c).toSigned();

        assertThat(one.verifyNext(Envelope.sign(two, signers(a, b, c)), NOW).version())
                .isEqualTo(2);
        assertRejected(() -> one.verifyNext(Envelope.sign(two, signers(b, c)), NOW), "root-signature-threshold");
        assertRejected(() -> one.verifyNext(Envelope.sign(two, signers(a, b)), NOW), "root-signature-threshold");
    }

    @Test
    void aSignatureListedTwiceCountsOnce() {
        Root one = root(1, 1, a);
        ObjectNode two = root(2, 2, b, c).toSigned();
        ObjectNode json = Envelope.sign(two, signers(a, b)).toJson();
        json.withArray("signatures").add(json.get("signatures").get(1).deepCopy());

        assertRejected(() -> one.verifyNext(Envelope.fromJson(json), NOW), "root-signature-threshold");
    }

    @Test
    void aKeyUnderAKeyidThatIsNotItsHashIsRefused() {
        ObjectNode signed = root(1, 1, a).toSigned();
        TufKey key = TufKey.of(b.getPublic());
        signed.withObject("keys").set("f".repeat(64), key.toJson());
        ObjectNode withExtra = root(1, 1, a).toSigned();
        ((ObjectNode) withExtra.get("keys").properties().iterator().next().getValue()).put("x", 1);

        assertRejected(() -> Root.fromSigned(signed), "root-keyid-mismatch");
        assertRejected(() -> Root.fromSigned(withExtra), "root-keyid-mismatch");
    }

    @Test
    void versionMustBeExactlyNextAndTheNewRootUnexpired() {
        Root one = root(1, 1, a);

        assertRejected(
                () -> one.verifyNext(Envelope.sign(root(3, 1, a).toSigned(), signers(a)), NOW),
                "root-version-not-next");
        assertRejected(
                () -> one.verifyNext(
                        Envelope.sign(root(2, 1, a).toSigned(), signers(a)), Instant.parse("2027-01-01T00:00:00Z")),
                "root-expired");
        assertRejected(
                () -> Root.fromSigned(root(1, 1, a).toSigned().put("expires", "2026-01-01T00:00:00.5Z")),
                "root-invalid");
        assertRejected(() -> new Root.RoleKeys(List.of("x", "x"), 2), "root-invalid");
    }

    @Test
    void expiryIsWholeSecondsUtc() {
        assertThat(TufTime.format(Instant.parse("2026-03-04T05:06:07.891Z"))).isEqualTo("2026-03-04T05:06:07Z");
        assertThat(TufTime.parse("2026-03-04T05:06:07Z")).isEqualTo(Instant.parse("2026-03-04T05:06:07Z"));
        assertThatThrownBy(() -> TufTime.parse("2026-03-04 05:06:07")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void snapshotAndTimestampDescribeTheExactBytesTheyVouchFor() {
        byte[] targets = "{\"signed\":{}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ObjectNode snapshot = RoleMetadata.snapshot(4, NOW, 9, targets);
        ObjectNode timestamp = RoleMetadata.timestamp(5, NOW, 4, targets);

        assertThat(snapshot.at("/meta/targets.json/version").asLong()).isEqualTo(9);
        assertThat(snapshot.at("/meta/targets.json/length").asInt()).isEqualTo(targets.length);
        assertThat(snapshot.at("/meta/targets.json/hashes/sha256").asString())
                .isEqualTo(RoleMetadata.digest("sha256", targets));
        assertThat(timestamp.get("_type").asString()).isEqualTo("timestamp");
        assertThat(timestamp.get("spec_version").asString()).isEqualTo("1.0.31");
        assertThat(timestamp.at("/meta/snapshot.json/version").asLong()).isEqualTo(4);
    }

    private Root root(long version, int threshold, KeyPair... rootKeys) {
        Map<String, TufKey> keys = new HashMap<>();
        List<String> ids = new java.util.ArrayList<>();
        for (KeyPair pair : rootKeys) {
            TufKey key = TufKey.of(pair.getPublic());
            keys.put(key.keyId(), key);
            ids.add(key.keyId());
        }
        TufKey o = TufKey.of(online.getPublic());
        keys.put(o.keyId(), o);
        var onlineRole = new Root.RoleKeys(List.of(o.keyId()), 1);
        return new Root(
                version,
                NOW.plus(Duration.ofDays(334)),
                true,
                keys,
                Map.of(
                        "root",
                        new Root.RoleKeys(ids, threshold),
                        "targets",
                        onlineRole,
                        "snapshot",
                        onlineRole,
                        "timestamp",
                        onlineRole));
    }

    private static Map<TufKey, PrivateKey> signers(KeyPair... pairs) {
        Map<TufKey, PrivateKey> signers = new LinkedHashMap<>();
        for (KeyPair pair : pairs) {
            signers.put(TufKey.of(pair.getPublic()), pair.getPrivate());
        }
        return signers;
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        RootRejected.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
