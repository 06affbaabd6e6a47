package io.pitwall.agent.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.agent.InstallOutcome;
import io.pitwall.agent.InstallRequest;
import io.pitwall.agent.InstalledImage;
import io.pitwall.protocol.device.EcuTarget;
import io.pitwall.protocol.device.Hashes;
import io.pitwall.protocol.device.InstallType;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SimulatedEcuInstallerTests {

    private static final InstalledImage FACTORY = new InstalledImage("1.0.0", "f".repeat(64), 1);

    @Test
    void writesTheInactiveSlotSwitchesAndAlternatesSlots() {
        var ecu =
                SimulatedEcuInstaller.builder(FACTORY, new SplittableRandom(1)).build();
        byte[] v2 = "image 2".getBytes();
        byte[] v3 = "image 3".getBytes();

        assertThat(ecu.install(request(v2, "2.0.0", InstallType.AB)))
                .isEqualTo(new InstallOutcome.Installed("healthy on slot B after 1 boot(s)"));
        assertThat(ecu.installed()).isEqualTo(new InstalledImage("2.0.0", sha256(v2), 2, v2.length));
        assertThat(ecu.install(request(v3, "3.0.0", InstallType.AB)))
                .isEqualTo(new InstallOutcome.Installed("healthy on slot A after 1 boot(s)"));
        assertThat(ecu.installed().version()).isEqualTo("3.0.0");
    }

    @Test
    void rollsBackByItselfWhenEveryBootIsUnhealthy() {
        var ecu = SimulatedEcuInstaller.builder(FACTORY, new SplittableRandom(1))
                .faults(FaultModel.always(new FaultModel.Faults(0, 1)))
                .build();

        var outcome = ecu.install(request("image 2".getBytes(), "2.0.0", InstallType.AB));

        assertThat(outcome)
                .isEqualTo(new InstallOutcome.RolledBack(
                        "HEALTH_CHECK_FAILED", "unhealthy after 3 boots; back on 1.0.0 in slot A"));
        assertThat(ecu.installed()).isEqualTo(FACTORY);
        assertThat(ecu.lastBootCount()).isEqualTo(3);
    }

    @Test
    void aSecondBootCanStillComeUpHealthy() {
        // draws: write ok (0.9), boot 1 unhealthy (0.1), boot 2 healthy (0.9)
        var ecu = SimulatedEcuInstaller.builder(FACTORY, sequence(0.9, 0.1, 0.9))
                .faults(FaultModel.always(new FaultModel.Faults(0.5, 0.5)))
                .build();

        assertThat(ecu.install(request("image 2".getBytes(), "2.0.0", InstallType.AB)))
                .isEqualTo(new InstallOutcome.Installed("healthy on slot B after 2 boot(s)"));
    }

    @Test
    void aFlashWriteErrorIsRetryableAndChangesNothing() {
        var ecu = SimulatedEcuInstaller.builder(FACTORY, new SplittableRandom(1))
                .faults(FaultModel.always(new FaultModel.Faults(1, 0)))
                .build();

        var outcome = ecu.install(request("image 2".getBytes(), "2.0.0", InstallType.AB));

        assertThat(outcome).isInstanceOf(InstallOutcome.Failed.class);
        assertThat(((InstallOutcome.Failed) outcome).code()).isEqualTo("SLOT_WRITE_FAILED");
        assertThat(((InstallOutcome.Failed) outcome).retryable()).isTrue();
        assertThat(ecu.installed()).isEqualTo(FACTORY);
    }

    @Test
    void bytesThatDoNotHashToTheTargetAreNeverSwitchedTo() {
        var ecu =
                SimulatedEcuInstaller.builder(FACTORY, new SplittableRandom(1)).build();
        EcuTarget target = target("image 2".getBytes(), "2.0.0", InstallType.AB);
        var request = new InstallRequest("asg-1", target, () -> new ByteArrayInputStream("image X".getBytes()), 1);

        var outcome = ecu.install(request);

        assertThat(outcome)
                .isEqualTo(
                        new InstallOutcome.Failed("SLOT_VERIFY_FAILED", "slot B does not hash to the target", false));
        assertThat(ecu.installed()).isEqualTo(FACTORY);
    }

    @Test
    void inPlaceInstallsOnlyWhereAllowedAndWithoutFallback() {
        var abOnly =
                SimulatedEcuInstaller.builder(FACTORY, new SplittableRandom(1)).build();
        assertThat(abOnly.install(request("i2".getBytes(), "2.0.0", InstallType.IN_PLACE)))
                .isEqualTo(
                        new InstallOutcome.Failed("IN_PLACE_NOT_ALLOWED", "this ECU only takes A/B installs", false));
        assertThat(abOnly.installs()).isZero();

        var inPlace = SimulatedEcuInstaller.builder(FACTORY, new SplittableRandom(1))
                .allowInPlace(true)
                .build();
        assertThat(inPlace.install(request("i2".getBytes(), "2.0.0", InstallType.IN_PLACE)))
                .isEqualTo(new InstallOutcome.Installed("healthy on slot A after 1 boot(s)"));

        var broken = SimulatedEcuInstaller.builder(FACTORY, new SplittableRandom(1))
                .allowInPlace(true)
                .faults(FaultModel.always(new FaultModel.Faults(0, 1)))
                .build();
        var outcome = broken.install(request("i2".getBytes(), "2.0.0", InstallType.IN_PLACE));
        assertThat(((InstallOutcome.Failed) outcome).code()).isEqualTo("HEALTH_CHECK_FAILED");
    }

    @Test
    void faultsFollowHardwareAndVersionAndRepeatWithTheSameSeed() {
        FaultModel badRelease =
                t -> t.version().equals("2.0.0") ? new FaultModel.Faults(0.2, 0.7) : new FaultModel.Faults(0, 0);
        assertThat(outcomes(badRelease, "2.0.0", 11))
                .isEqualTo(outcomes(badRelease, "2.0.0", 11))
                .contains("Installed", "RolledBack", "Failed");
        assertThat(outcomes(badRelease, "2.0.1", 11)).containsOnly("Installed");
    }

    private static List<String> outcomes(FaultModel model, String version, long seed) {
        var random = new SplittableRandom(seed);
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            var ecu =
                    SimulatedEcuInstaller.builder(FACTORY, random).faults(model).build();
            outcomes.add(ecu.install(request(("img " + i).getBytes(), version, InstallType.AB))
                    .getClass()
                    .getSimpleName());
        }
        return outcomes;
    }

    private static InstallRequest request(byte[] image, String version, InstallType type) {
        return new InstallRequest("asg-1", target(image, version, type), () -> new ByteArrayInputStream(image), 1);
    }

    private static EcuTarget target(byte[] image, String version, InstallType type) {
        return new EcuTarget(
                "BMS-1",
                "BMS-HW-7",
                "bms.bin",
                version,
                "/x",
                image.length,
                new Hashes(sha256(image), null),
                2,
                type,
                null);
    }

    private static RandomGenerator sequence(double... draws) {
        return new RandomGenerator() {
            private int next;

            @Override
            public double nextDouble() {
                return draws[next++];
            }

            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
