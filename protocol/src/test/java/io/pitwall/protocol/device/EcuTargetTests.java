package io.pitwall.protocol.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.protocol.tuf.Ed25519;
import io.pitwall.protocol.tuf.SignedTarget;
import io.pitwall.protocol.tuf.TargetEntry;
import io.pitwall.protocol.tuf.TufKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EcuTargetTests {

    private final Hashes hashes = new Hashes("ab".repeat(32), null);

    @Test
    void signedTargetStillVerifiesAfterACheckinResponseRoundTrip() {
        var pair = Ed25519.generate();
        var key = TufKey.of(pair.getPublic());
        var entry = new TargetEntry(10, hashes.asMap(), List.of("HW-1"), 3, null);
        var envelope = SignedTarget.sign("img.bin", entry, key, pair.getPrivate());
        var target = new EcuTarget(
                "ECU-1", "HW-1", "img.bin", "1.0", "/a", 10, hashes, 3, InstallType.AB, envelope.toJson());
        var response = new CheckinResponse(60, new Assignment("asg-1", "cmp-1", List.of(target)), List.of());

        var reread = DeviceJson.read(DeviceJson.write(response), CheckinResponse.class);

        var verified =
                SignedTarget.verify(reread.assignment().ecus().get(0).envelope(), "img.bin", Map.of(key.keyId(), key));
        assertThat(verified).isEqualTo(entry);
    }

    @Test
    void theAuthorizedRollbackFlagRoundTripsAndIsWrittenOnlyWhenSet() {
        var target = new EcuTarget("ECU-1", "HW-1", "img.bin", "1.0", "/a", 10, hashes, 3, InstallType.AB, null);
        var rollback = new Assignment("asg-1", "cmp-1", List.of(target), true);

        var reread = DeviceJson.read(DeviceJson.write(rollback), Assignment.class);
        String ordinary = new String(
                DeviceJson.write(new Assignment("asg-2", "cmp-1", List.of(target))),
                java.nio.charset.StandardCharsets.UTF_8);

        assertThat(reread.authorizedRollback()).isTrue();
        assertThat(ordinary)
                .as("ordinary assignments are unchanged on the wire")
                .doesNotContain("authorizedRollback");
        assertThat(DeviceJson.read(ordinary, Assignment.class).authorizedRollback())
                .isFalse();
    }

    @Test
    void refusesMalformedHashesAndEmptyAssignments() {
        assertThatThrownBy(() -> new Hashes("AB".repeat(32), null)).hasMessageContaining("lower-case hex");
        assertThatThrownBy(() -> new Hashes("ab".repeat(32), "ab")).hasMessageContaining("128");
        assertThatThrownBy(() -> new Assignment("asg-1", "cmp-1", List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new EventBatch(java.util.Collections.nCopies(
                        EventBatch.MAX_EVENTS + 1,
                        new DeviceEvent(
                                1,
                                EventType.CONNECTIVITY,
                                java.time.Instant.EPOCH,
                                null,
                                null,
                                null,
                                "WIFI",
                                null,
                                null))))
                .hasMessageContaining("at most 500");
    }
}
