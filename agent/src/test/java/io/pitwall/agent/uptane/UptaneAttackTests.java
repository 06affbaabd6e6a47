package io.pitwall.agent.uptane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pitwall.protocol.tuf.Ed25519;
import io.pitwall.protocol.tuf.Root;
import io.pitwall.protocol.tuf.TufKey;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The agent side of the attack table (shared/reference/uptane-tuf.md §2), one test per row: the repositories
 * are hostile test doubles serving real signed metadata over HTTP; the client under test is the real one.
 * Row 12 (eavesdropping) needs image encryption, which Pitwall does not have yet.
 */
class UptaneAttackTests {

    static String code(ThrowingCallable call) {
        UptaneRejected rejected = catchThrowableOfType(UptaneRejected.class, call);
        assertThat(rejected).as("expected a refusal").isNotNull();
        return rejected.code();
    }

    @Test
    void row01ArbitrarySoftwareNotReleasedByTheImageRepositoryOrSignedByAnUntrustedKeyIsRefused() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            byte[] evil = "evil".getBytes(StandardCharsets.UTF_8);
            f.assign("fw/evil.bin", evil, "ecu-1", "HW-A", 9, null);
            f.director.targets.remove("fw/a-6.bin");
            f.director.publish();
            assertThat(code(f::verify)).isEqualTo("not-in-image-repository");

            f.image.keys.put("targets", List.of(Ed25519.generate()));
            f.release("fw/evil.bin", evil, "HW-A", 9);
            f.image.publish();
            assertThat(code(f::verify)).isEqualTo("bad-signature");
        }
    }

    @Test
    void row02ATamperedImageOrTamperedMetadataIsRefused() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            TargetFile target = f.verify().get(0).image();
            byte[] tampered = UptaneFixture.IMAGE.clone();
            tampered[0] ^= 1;
            f.image.files.put("targets/fw/a-6.bin", tampered);
            byte[] served = f.image
                    .fetcher(f.deadline)
                    .fetch("targets/fw/a-6.bin", target.length())
                    .orElseThrow();
            assertThat(code(() -> target.verify(served))).isEqualTo("hash-mismatch");
        }
        try (UptaneFixture f = new UptaneFixture().standard()) {
            ObjectNode targets = f.image.tree("1.targets.json");
            ((ObjectNode) targets.path("signed").path("targets").path("fw/a-6.bin")).put("length", 99);
            f.image.files.put("1.targets.json", HostileRepository.JSON.writeValueAsBytes(targets));
            assertThat(code(f::verify)).isEqualTo("bad-signature");
        }
    }

    @Test
    void row03RollbackToOlderMetadataOrALowerReleaseCounterIsRefused() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            f.verify();
            byte[] old = f.director.files.get("timestamp.json");
            f.director.publish();
            f.verify();
            f.director.files.put("timestamp.json", old);
            assertThat(code(f::verify)).isEqualTo("rollback");
        }
        try (UptaneFixture f = new UptaneFixture()) {
            f.release("fw/a-4.bin", UptaneFixture.IMAGE, "HW-A", 4);
            f.assign("fw/a-4.bin", UptaneFixture.IMAGE, "ecu-1", "HW-A", 4, null);
            f.image.publish();
            f.director.publish();
            assertThat(code(f::verify)).isEqualTo("release-counter-lower");
        }
    }

    @Test
    void row04AFastForwardedTimestampIsRecoveredFromByRotatingItsKey() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            f.verify();
            long honest = f.image.timestampVersion;
            f.image.timestampVersion = 1_000_000;
            f.image.publishTimestamp();
            f.verify();
            f.image.timestampVersion = honest;
            f.image.publishTimestamp();
            assertThat(code(f::verify)).isEqualTo("rollback");

            f.image.keys.put("timestamp", List.of(Ed25519.generate()));
            f.image.publishRoot();
            f.image.publishTimestamp();
            f.verify();
            assertThat(HostileRepository.readVersion(
                            f.storage.metadata().read("image.timestamp.json").orElseThrow()))
                    .isEqualTo(honest + 2);
        }
    }

    @Test
    void row05AFrozenRepositoryIsNoticedWhenItsMetadataExpires() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            f.verify();
            f.clock.advance(Duration.ofDays(8));
            assertThat(code(f::verify)).isEqualTo("freeze");
        }
    }

    @Test
    void row06DirectorMetadataForAnotherVehicleOrForNoVehicleIsRefused() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            f.director.extraTargetsFields.putObject("custom").put("vin", "WVWZZZ1JZXW999999");
            f.director.publish();
            assertThat(code(f::verify)).isEqualTo("wrong-vehicle");
            f.director.extraTargetsFields.remove("custom");
            f.director.publish();
            assertThat(code(f::verify)).isEqualTo("wrong-vehicle");
        }
    }

    @Test
    void row06AnotherVehiclesDirectorMetadataIsRefusedAndThisVehiclesOwnLowerVersionsAreStillAccepted()
            throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            f.verify();
            long trusted = storedVersion(f, "director.timestamp.json");
            // Vehicle A: the same director keys, its own VIN and ECU, and many more regenerations than this vehicle.
            f.director.extraTargetsFields.putObject("custom").put("vin", "WVWZZZ1JZXW999999");
            f.director.targets.clear();
            f.assign("fw/a-6.bin", UptaneFixture.IMAGE, "ecu-of-a", "HW-A", 6, null);
            publishDirectorAt(f, 40);

            assertThat(code(f::verify)).isEqualTo("wrong-vehicle");
            assertThat(storedVersion(f, "director.timestamp.json")).isEqualTo(trusted);
            f.restart();
            assertThat(code(f::verify)).as("after a restart too").isEqualTo("wrong-vehicle");

            // This vehicle's own next metadata, at versions far below A's.
            f.director.extraTargetsFields.putObject("custom").put("vin", UptaneFixture.VIN);
            f.director.targets.clear();
            f.assign("fw/a-6.bin", UptaneFixture.IMAGE, "ecu-1", "HW-A", 6, null);
            publishDirectorAt(f, trusted + 1);

            assertThat(f.verify())
                    .singleElement()
                    .extracting(UptanePrimary.VerifiedImage::ecuSerial)
                    .isEqualTo("ecu-1");
            assertThat(storedVersion(f, "director.timestamp.json")).isEqualTo(trusted + 1);
        }
    }

    @Test
    void metadataRefusedByAnyUptaneCheckIsNeitherPersistedNorComparedAgainstLater() throws Exception {
        Map<String, java.util.function.Consumer<UptaneFixture>> refusals = new java.util.LinkedHashMap<>();
        refusals.put("ecu-mismatch", f -> f.assign("fw/a-6.bin", UptaneFixture.IMAGE, "ecu-9", "HW-A", 6, null));
        refusals.put("hardware-mismatch", f -> f.assign("fw/a-6.bin", UptaneFixture.IMAGE, "ecu-1", "HW-Z", 6, null));
        refusals.put(
                "release-counter-mismatch", f -> f.assign("fw/a-6.bin", UptaneFixture.IMAGE, "ecu-1", "HW-A", 7, null));
        refusals.put("not-in-image-repository", f -> {
            f.assign("fw/x.bin", UptaneFixture.IMAGE, "ecu-1", "HW-A", 6, null);
            f.image.timestampVersion = 40;
            f.image.publish();
        });
        for (var refusal : refusals.entrySet()) {
            try (UptaneFixture f = new UptaneFixture().standard()) {
                f.verify();
                long director = storedVersion(f, "director.timestamp.json");
                long image = storedVersion(f, "image.timestamp.json");
                f.director.targets.clear();
                refusal.getValue().accept(f);
                publishDirectorAt(f, 40);

                assertThat(code(f::verify)).isEqualTo(refusal.getKey());

                assertThat(storedVersion(f, "director.timestamp.json"))
                        .as(refusal.getKey())
                        .isEqualTo(director);
                assertThat(storedVersion(f, "image.timestamp.json"))
                        .as(refusal.getKey())
                        .isEqualTo(image);
                f.director.targets.clear();
                f.assign("fw/a-6.bin", UptaneFixture.IMAGE, "ecu-1", "HW-A", 6, null);
                publishDirectorAt(f, director + 1);
                assertThat(f.verify()).as(refusal.getKey()).hasSize(1);
            }
        }
    }

    /** Publishes the director's current targets with timestamp, snapshot and targets all at {@code version}. */
    private static void publishDirectorAt(UptaneFixture f, long version) {
        f.director.targetsVersion = version - 1;
        f.director.snapshotVersion = version - 1;
        f.director.timestampVersion = version - 1;
        f.director.publish();
    }

    private static long storedVersion(UptaneFixture f, String name) {
        return HostileRepository.readVersion(f.storage.metadata().read(name).orElseThrow());
    }

    @Test
    void row07MixAndMatchOfVersionsOrASnapshotWithAnotherHashIsRefused() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            f.verify();
            f.release("fw/a-7.bin", "seven".getBytes(StandardCharsets.UTF_8), "HW-A", 7);
            f.image.publish();
            byte[] snapshot = f.image.files.get("2.snapshot.json");
            ObjectNode other = (ObjectNode) f.image.tree("2.snapshot.json").path("signed");
            other.put("expires", other.path("expires").asString().replace(":00Z", ":01Z"));
            f.image.files.put("2.snapshot.json", HostileRepository.sign(other, f.image.keys.get("snapshot")));
            assertThat(code(f::verify)).isEqualTo("hash-mismatch");

            f.image.files.put("2.snapshot.json", snapshot);
            f.image.files.put("2.targets.json", f.image.files.get("1.targets.json"));
            assertThat(code(f::verify)).isEqualTo("mix-and-match");
        }
    }

    @Test
    void row08EndlessDataStopsAtTheLimitForMetadataAndAtTheSignedLengthForImages() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            TargetFile target = f.verify().get(0).image();
            f.image.files.put(
                    "targets/fw/a-6.bin", Arrays.copyOf(UptaneFixture.IMAGE, UptaneFixture.IMAGE.length + 100));
            assertThat(code(() -> f.image.fetcher(f.deadline).fetch("targets/fw/a-6.bin", target.length())))
                    .isEqualTo("too-large");

            ObjectNode padded = f.image.common("timestamp", 99);
            padded.put("padding", "x".repeat(20_000));
            f.image.files.put("timestamp.json", HostileRepository.sign(padded, f.image.keys.get("timestamp")));
            assertThat(code(f::verify)).isEqualTo("too-large");
        }
    }

    @Test
    void row09ASlowRetrievalIsAbortedAtTheDeadline() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            f.deadline = Duration.ofMillis(400);
            byte[] timestamp = f.director.files.get("timestamp.json");
            f.director.handlers.put("timestamp.json", exchange -> trickle(exchange, timestamp));
            long start = System.nanoTime();
            assertThat(code(f::verify)).isEqualTo("slow-retrieval");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void row10DroppedRequestsAreAFailureThenAFreezeNeverASilentUpToDate() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            f.verify();
            f.director.handlers.put("timestamp.json", exchange -> respond(exchange, 503));
            assertThat(code(f::verify)).isEqualTo("unreachable");
            f.director.handlers.clear();
            f.director.files.remove("timestamp.json");
            assertThat(code(f::verify)).isEqualTo("missing");
            f.director.close();
            assertThat(code(f::verify)).isEqualTo("unreachable");
        }
    }

    @Test
    void row11APartialBundleIsRefusedWholeAndAnEcuListedTwiceOrUnknownIsRefused() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            f.ecus.add(new UptanePrimary.EcuState("ecu-2", "HW-B", 1));
            byte[] b = "firmware for HW-B".getBytes(StandardCharsets.UTF_8);
            f.assign("fw/b-2.bin", b, "ecu-2", "HW-B", 2, null);
            f.director.publish();
            assertThat(code(f::verify)).isEqualTo("not-in-image-repository");

            f.release("fw/b-2.bin", b, "HW-B", 2);
            f.image.publish();
            assertThat(f.verify()).hasSize(2);

            f.assign("fw/b-3.bin", b, "ecu-2", "HW-B", 2, null);
            f.director.publish();
            assertThat(code(f::verify)).isEqualTo("ecu-mismatch");
            f.director.targets.remove("fw/b-3.bin");
            f.assign("fw/c.bin", b, "ecu-9", "HW-B", 2, null);
            f.director.publish();
            assertThat(code(f::verify)).isEqualTo("ecu-mismatch");
        }
    }

    @Test
    void aDirectorTargetNamingNoEcuIsRefusedAndOneTargetMayServeTwoEcus() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            f.ecus.add(new UptanePrimary.EcuState("ecu-2", "HW-A", 1));
            ObjectNode second = HostileRepository.JSON.createObjectNode();
            ObjectNode ids = second.putObject("ecuIdentifiers");
            ids.putObject("ecu-1").put("hardwareId", "HW-A");
            ids.putObject("ecu-2").put("hardwareId", "HW-A");
            f.director.target("fw/a-6.bin", UptaneFixture.IMAGE, "HW-A", 6, second);
            f.director.publish();
            assertThat(f.verify())
                    .extracting(UptanePrimary.VerifiedImage::ecuSerial)
                    .containsExactlyInAnyOrder("ecu-1", "ecu-2");

            f.director.target("fw/a-6.bin", UptaneFixture.IMAGE, "HW-A", 6, null);
            f.director.publish();
            assertThat(code(f::verify)).isEqualTo("ecu-mismatch");
        }
    }

    @Test
    void row13DuplicateSignaturesAndDuplicateKeysDoNotReachAThreshold() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            KeyPair second = Ed25519.generate();
            f.image.keys.get("targets").add(second);
            f.image.thresholds.put("targets", 2);
            f.image.publishRoot();
            f.image.keys.get("targets").remove(second);
            f.image.publish();
            ObjectNode targets = f.image.tree(f.image.targetsVersion + ".targets.json");
            ArrayNode sigs = (ArrayNode) targets.path("signatures");
            sigs.add(sigs.get(0).deepCopy());
            f.image.files.put(
                    f.image.targetsVersion + ".targets.json", HostileRepository.JSON.writeValueAsBytes(targets));
            assertThat(code(f::verify)).isEqualTo("threshold");
        }
        try (UptaneFixture f = new UptaneFixture().standard()) {
            Root root = f.image.root();
            ObjectNode signed = root.toSigned();
            signed.put("version", 2);
            String keyId = root.roles().get("targets").keyIds().get(0);
            ObjectNode alias = ((ObjectNode) signed.path("keys").path(keyId)).deepCopy();
            String aliasId = "ab".repeat(32);
            ((ObjectNode) signed.path("keys")).set(aliasId, alias);
            ((ArrayNode) signed.path("roles").path("targets").path("keyids")).add(aliasId);
            f.image.files.put("2.root.json", HostileRepository.sign(signed, f.image.keys.get("root")));
            assertThat(code(f::verify)).isEqualTo("keyid-mismatch");
        }
    }

    @Test
    void row14RootRotationNeedsTheOldAndTheNewThresholdAndExactlyTheNextVersion() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            List<KeyPair> old = List.copyOf(f.image.keys.get("root"));
            f.image.keys.put("root", new ArrayList<>(List.of(Ed25519.generate())));
            f.image.publishRoot(f.image.keys.get("root"));
            assertThat(code(f::verify)).isEqualTo("bad-signature");

            f.image.rootVersion = 1;
            f.image.files.remove("2.root.json");
            List<KeyPair> both = new ArrayList<>(old);
            both.addAll(f.image.keys.get("root"));
            f.image.rootVersion = 2;
            f.image.files.put(
                    "2.root.json",
                    HostileRepository.sign(f.image.root().toSigned().put("version", 3), both));
            assertThat(code(f::verify)).isEqualTo("root-version");

            f.image.rootVersion = 1;
            f.image.publishRoot(both);
            f.verify();
            assertThat(f.imageClient.rootVersion()).isEqualTo(2);
        }
    }

    @Test
    void row15ACompromisedDirectorCannotChangeHardwareCounterLengthOrHashOfAReleasedImage() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            f.assign("fw/a-6.bin", UptaneFixture.IMAGE, "ecu-1", "HW-A", 7, null);
            f.director.publish();
            assertThat(code(f::verify)).isEqualTo("release-counter-mismatch");

            f.ecus.set(0, new UptanePrimary.EcuState("ecu-1", "HW-Z", 5));
            f.assign("fw/a-6.bin", UptaneFixture.IMAGE, "ecu-1", "HW-Z", 6, null);
            f.director.publish();
            assertThat(code(f::verify)).isEqualTo("hardware-mismatch");

            f.ecus.set(0, new UptanePrimary.EcuState("ecu-1", "HW-A", 5));
            f.assign(
                    "fw/a-6.bin",
                    "other bytes of any length".getBytes(StandardCharsets.UTF_8),
                    "ecu-1",
                    "HW-A",
                    6,
                    null);
            f.director.publish();
            assertThat(code(f::verify)).isEqualTo("length-mismatch");

            byte[] sameLength = UptaneFixture.IMAGE.clone();
            sameLength[3] ^= 1;
            f.assign("fw/a-6.bin", sameLength, "ecu-1", "HW-A", 6, null);
            f.director.publish();
            assertThat(code(f::verify)).isEqualTo("hash-mismatch");
        }
    }

    @Test
    void row16AReplayedEarlierDirectorResponseIsRefusedEvenWhenValidlySignedAndUnexpired() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            f.verify();
            Map<String, byte[]> earlier = Map.copyOf(f.director.files);
            f.director.targets.clear();
            f.director.publish();
            assertThat(f.verify()).isEmpty();
            f.director.files.clear();
            f.director.files.putAll(earlier);
            assertThat(code(f::verify)).isEqualTo("rollback");
        }
    }

    @Test
    void row17SettingTheClockBackDoesNotRenewExpiredMetadataEvenAfterARestart() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            f.verify();
            f.clock.advance(Duration.ofDays(8));
            assertThat(code(f::verify)).isEqualTo("freeze");
            f.clock.advance(Duration.ofDays(-8));
            f.restart();
            assertThat(code(f::verify)).isEqualTo("freeze");
            assertThat(new TrustedTime(f.clock, f.storage.metadata()).now()).isAfter(f.clock.instant());
        }
    }

    @Test
    void row18PathTraversalInTargetOrRoleNamesIsRefused() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            f.assign("../../etc/passwd", UptaneFixture.IMAGE, "ecu-1", "HW-A", 6, null);
            f.director.targets.remove("fw/a-6.bin");
            f.director.publish();
            assertThat(code(f::verify)).isEqualTo("bad-path");
        }
        try (UptaneFixture f = new UptaneFixture()) {
            f.assign("fw/x.bin", UptaneFixture.IMAGE, "ecu-1", "HW-A", 6, null);
            f.director.publish();
            delegate(f, "../../escape", "fw/*", List.of("fw/x.bin"), false);
            assertThat(code(f::verify)).isEqualTo("bad-path");
        }
    }

    @Test
    void row19ATargetOutsideADelegatesPathsIsIgnoredAndOneInsideIsFound() throws Exception {
        try (UptaneFixture f = new UptaneFixture()) {
            f.assign("fw/a-6.bin", UptaneFixture.IMAGE, "ecu-1", "HW-A", 6, null);
            f.director.publish();
            delegate(f, "supplier-b", "hw-b/*", List.of("fw/a-6.bin"), false);
            assertThat(code(f::verify)).isEqualTo("not-in-image-repository");

            delegate(f, "supplier-a", "fw/*", List.of("fw/a-6.bin"), false);
            assertThat(f.verify())
                    .singleElement()
                    .satisfies(image -> assertThat(image.image().role()).isEqualTo("supplier-a"));
        }
    }

    @Test
    void row19ATerminatingDelegationEndsTheSearchAndAForeignKeyCannotSignADelegatedRole() throws Exception {
        try (UptaneFixture f = new UptaneFixture()) {
            f.assign("fw/a-6.bin", UptaneFixture.IMAGE, "ecu-1", "HW-A", 6, null);
            f.director.publish();
            delegate(
                    f,
                    List.of(
                            new Delegate("owner", "fw/*", List.of(), true),
                            new Delegate("intruder", "fw/*", List.of("fw/a-6.bin"), false)),
                    null);
            assertThat(code(f::verify)).isEqualTo("not-in-image-repository");

            delegate(f, List.of(new Delegate("supplier-a", "fw/*", List.of("fw/a-6.bin"), false)), Ed25519.generate());
            assertThat(code(f::verify)).isEqualTo("bad-signature");
        }
    }

    /** A delegated role: its name, one path pattern, the paths it lists, whether it is terminating. */
    private record Delegate(String role, String pattern, List<String> paths, boolean terminating, KeyPair key) {
        Delegate(String role, String pattern, List<String> paths, boolean terminating) {
            this(role, pattern, paths, terminating, Ed25519.generate());
        }
    }

    /** Top-level targets delegate {@code pattern} to {@code role} (one fresh key), which lists {@code paths}. */
    private static void delegate(
            UptaneFixture f, String role, String pattern, List<String> paths, boolean terminating) {
        delegate(f, List.of(new Delegate(role, pattern, paths, terminating)), null);
    }

    /** Top-level targets delegate to each role in order; {@code signer} (when set) signs every role file instead. */
    private static void delegate(UptaneFixture f, List<Delegate> roles, KeyPair signer) {
        HostileRepository repo = f.image;
        ObjectNode top = repo.targetsSigned(++repo.targetsVersion);
        ObjectNode delegations = top.putObject("delegations");
        ObjectNode keys = delegations.putObject("keys");
        ArrayNode roleList = delegations.putArray("roles");
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        for (Delegate d : roles) {
            TufKey tufKey = TufKey.of(d.key().getPublic());
            keys.set(tufKey.keyId(), tufKey.toJson());
            ObjectNode r = roleList.addObject();
            r.put("name", d.role()).put("threshold", 1).put("terminating", d.terminating());
            r.putArray("keyids").add(tufKey.keyId());
            r.putArray("paths").add(d.pattern());
            ObjectNode delegated = repo.common("targets", repo.targetsVersion);
            ObjectNode list = delegated.putObject("targets");
            for (String path : d.paths()) {
                ObjectNode entry = list.putObject(path);
                entry.put("length", UptaneFixture.IMAGE.length);
                entry.putObject("hashes")
                        .put("sha256", io.pitwall.protocol.tuf.RoleMetadata.digest("sha256", UptaneFixture.IMAGE));
                entry.putObject("custom")
                        .put("releaseCounter", 6)
                        .putArray("hardwareIds")
                        .add("HW-A");
            }
            files.put(d.role(), HostileRepository.sign(delegated, List.of(signer == null ? d.key() : signer)));
        }
        repo.publishTargets(top, files);
    }

    private static void trickle(com.sun.net.httpserver.HttpExchange exchange, byte[] body) {
        try (exchange;
                OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(200, body.length);
            for (byte b : body) {
                out.write(b);
                out.flush();
                new java.util.concurrent.CountDownLatch(1).await(50, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (IOException | InterruptedException e) {
            // the client hung up, which is what the test wants
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status) {
        try (exchange) {
            exchange.sendResponseHeaders(status, -1);
        } catch (IOException e) {
            // nothing to do for a test double
        }
    }
}
