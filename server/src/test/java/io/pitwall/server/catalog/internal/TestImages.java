package io.pitwall.server.catalog.internal;

import io.pitwall.protocol.tuf.Ed25519;
import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.SignedTarget;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.server.catalog.Dependency;
import io.pitwall.server.catalog.Image;
import io.pitwall.server.catalog.ImageStatus;
import io.pitwall.server.catalog.InstallType;
import io.pitwall.server.catalog.RiskClass;
import io.pitwall.server.inventory.FleetHardware;
import io.pitwall.server.trust.SigningKey;
import io.pitwall.server.trust.TrustedKeys;
import java.security.KeyPair;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Images, keys and a fleet for unit tests of the validation checks. */
final class TestImages {

    static final KeyPair KEY = Ed25519.generate();
    static final TufKey PUBLIC = TufKey.of(KEY.getPublic());
    static final TrustedKeys TRUSTED = new TrustedKeys() {
        @Override
        public List<TufKey> current() {
            return List.of(PUBLIC);
        }

        @Override
        public List<SigningKey> all() {
            return List.of();
        }
    };

    private TestImages() {}

    /** An image without content. */
    static Image image(long id, String hardwareId, String version, long counter, Dependency... dependencies) {
        return new Image(
                id,
                hardwareId,
                "Firmware",
                version,
                counter,
                "fw-" + version + ".bin",
                InstallType.AB,
                RiskClass.LOW,
                "TCU",
                List.of(dependencies),
                false,
                null,
                ImageStatus.AWAITING_CONTENT,
                null,
                null,
                null,
                null,
                0,
                "tester",
                OffsetDateTime.now());
    }

    /** The image with this content, signed by {@link #KEY}. */
    static Image withContent(Image image, long length, String sha256, String sha512) {
        var content = new Image.Content(length, sha256, sha512, OffsetDateTime.now());
        Image unsigned = image.withContent(content, null);
        return unsigned.withContent(content, sign(unsigned, unsigned.targetPath()));
    }

    static Image withContent(Image image, long length) {
        return withContent(image, length, "a".repeat(64), "b".repeat(128));
    }

    static Envelope sign(Image image, String path) {
        return SignedTarget.sign(path, image.targetEntry(), PUBLIC, KEY.getPrivate());
    }

    static Image copy(Image i, boolean newHardware, Long declaredSize, long counter) {
        return new Image(
                i.id(),
                i.hardwareId(),
                i.name(),
                i.version(),
                counter,
                i.fileName(),
                i.installType(),
                i.riskClass(),
                i.ecuType(),
                i.dependencies(),
                newHardware,
                declaredSize,
                i.status(),
                i.content(),
                i.rollback(),
                i.report(),
                i.signedTarget(),
                i.lockVersion(),
                i.createdBy(),
                i.createdAt());
    }

    /** A fleet: hardware id → installed versions. */
    static FleetHardware fleet(Map<String, Set<String>> installed) {
        return new FleetHardware() {
            @Override
            public boolean isKnown(String hardwareId) {
                return installed.containsKey(hardwareId);
            }

            @Override
            public Set<String> installedVersions(String hardwareId) {
                return installed.getOrDefault(hardwareId, Set.of());
            }
        };
    }
}
