package io.pitwall.agent.sim;

import io.pitwall.agent.EcuInstaller;
import io.pitwall.agent.InstallOutcome;
import io.pitwall.agent.InstallRequest;
import io.pitwall.agent.InstalledImage;
import io.pitwall.protocol.device.EcuTarget;
import io.pitwall.protocol.device.InstallType;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * An ECU with two slots that behaves like an A/B updater: write the inactive slot, verify it, switch,
 * reboot, health-check with a boot counter, and switch back by itself after {@code maxBootAttempts}
 * unhealthy boots. Slots hold the image's digest, not its bytes, so thousands fit in one JVM. Faults come
 * from the {@link FaultModel} and the injected random generator, so a seeded run repeats exactly.
 */
public final class SimulatedEcuInstaller implements EcuInstaller {

    private final RandomGenerator random;
    private final FaultModel faults;
    private final boolean allowsInPlace;
    private final int maxBootAttempts;
    private final InstalledImage[] slots = new InstalledImage[2];
    private int active;
    private int bootCount;
    private int installs;
    private String lastImage;
    private InstallOutcome lastOutcome;

    private SimulatedEcuInstaller(Builder builder) {
        this.random = builder.random;
        this.faults = builder.faults;
        this.allowsInPlace = builder.allowsInPlace;
        this.maxBootAttempts = builder.maxBootAttempts;
        this.slots[0] = builder.factoryImage;
    }

    /** An ECU that left the factory running {@code factoryImage}. */
    public static Builder builder(InstalledImage factoryImage, RandomGenerator random) {
        return new Builder(factoryImage, random);
    }

    @Override
    public synchronized InstalledImage installed() {
        return slots[active];
    }

    @Override
    public boolean allowsInPlace() {
        return allowsInPlace;
    }

    @Override
    public synchronized InstallOutcome install(InstallRequest request) {
        InstallOutcome outcome = installOnce(request);
        lastImage = request.assignmentId() + "/" + request.target().hashes().sha256();
        lastOutcome = outcome;
        return outcome;
    }

    /** The bootloader's memory of the last install: survives an agent crash, as the ECU's flags do. */
    @Override
    public synchronized Optional<InstallOutcome> lastOutcome(String assignmentId, String imageSha256) {
        return (assignmentId + "/" + imageSha256).equals(lastImage)
                ? Optional.ofNullable(lastOutcome)
                : Optional.empty();
    }

    private InstallOutcome installOnce(InstallRequest request) {
        EcuTarget target = request.target();
        boolean inPlace = target.installType() == InstallType.IN_PLACE;
        if (inPlace && !allowsInPlace) {
            return new InstallOutcome.Failed("IN_PLACE_NOT_ALLOWED", "this ECU only takes A/B installs", false);
        }
        installs++;
        FaultModel.Faults odds = faults.faultsFor(target);
        int slot = inPlace ? active : 1 - active;
        String written;
        try {
            written = write(request, target.length());
        } catch (IOException e) {
            return new InstallOutcome.Failed(
                    "SLOT_WRITE_FAILED", "cannot read the staged image: " + e.getMessage(), true);
        }
        if (random.nextDouble() < odds.writeFailure()) {
            slots[slot] = inPlace ? slots[slot] : null;
            return new InstallOutcome.Failed("SLOT_WRITE_FAILED", "flash write error on slot " + name(slot), true);
        }
        if (!target.hashes().sha256().equals(written)) {
            return new InstallOutcome.Failed(
                    "SLOT_VERIFY_FAILED", "slot " + name(slot) + " does not hash to the target", false);
        }
        InstalledImage previous = slots[active];
        slots[slot] = new InstalledImage(target.version(), written, target.releaseCounter(), target.length());
        int fallback = active;
        active = slot;
        for (bootCount = 1; bootCount <= maxBootAttempts; bootCount++) {
            if (random.nextDouble() >= odds.bootFailure()) {
                return new InstallOutcome.Installed(
                        "healthy on slot " + name(slot) + " after " + bootCount + " boot(s)");
            }
        }
        if (inPlace) {
            return new InstallOutcome.Failed(
                    "HEALTH_CHECK_FAILED", "unhealthy after " + maxBootAttempts + " boots and no fallback slot", false);
        }
        active = fallback;
        return new InstallOutcome.RolledBack(
                "HEALTH_CHECK_FAILED",
                "unhealthy after " + maxBootAttempts + " boots; back on " + previous.version() + " in slot "
                        + name(fallback));
    }

    /** Streams at most {@code length + 1} bytes through SHA-256: an oversized image never verifies. */
    private static String write(InstallRequest request, long length) throws IOException {
        MessageDigest sha256 = sha256();
        try (InputStream in = request.image().open()) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            long limit = length + 1;
            while (total < limit) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
                if (n < 0) {
                    break;
                }
                sha256.update(buffer, 0, n);
                total += n;
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** How many installs were attempted (write started), for simulator statistics and tests. */
    public synchronized int installs() {
        return installs;
    }

    /** Boots of the last install, for tests. */
    public synchronized int lastBootCount() {
        return Math.min(bootCount, maxBootAttempts);
    }

    private static String name(int slot) {
        return slot == 0 ? "A" : "B";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builder; faults default to none, in-place to refused, boot attempts to 3. */
    public static final class Builder {

        private final InstalledImage factoryImage;
        private final RandomGenerator random;
        private FaultModel faults = FaultModel.none();
        private boolean allowsInPlace;
        private int maxBootAttempts = 3;

        private Builder(InstalledImage factoryImage, RandomGenerator random) {
            this.factoryImage = Objects.requireNonNull(factoryImage, "factoryImage");
            this.random = Objects.requireNonNull(random, "random");
        }

        public Builder faults(FaultModel model) {
            this.faults = Objects.requireNonNull(model);
            return this;
        }

        public Builder allowInPlace(boolean allowed) {
            this.allowsInPlace = allowed;
            return this;
        }

        public Builder maxBootAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("at least one boot");
            }
            this.maxBootAttempts = attempts;
            return this;
        }

        public SimulatedEcuInstaller build() {
            return new SimulatedEcuInstaller(this);
        }
    }
}
