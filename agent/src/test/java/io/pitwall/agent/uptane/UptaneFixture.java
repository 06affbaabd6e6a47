package io.pitwall.agent.uptane;

import io.pitwall.agent.storage.InMemoryStorage;
import io.pitwall.agent.uptane.UptanePrimary.EcuState;
import io.pitwall.agent.uptane.UptanePrimary.VerifiedImage;
import io.pitwall.testsupport.MovableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One vehicle ({@link #VIN}, ECU {@code ecu-1} of hardware {@code HW-A} at release counter 5) provisioned with
 * the roots of a director and an image repository, both hostile test doubles, and the real client under test.
 */
final class UptaneFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-27T00:00:00Z");
    static final String VIN = "WVWZZZ1JZXW000001";
    static final byte[] IMAGE = "firmware 6 for HW-A".getBytes(StandardCharsets.UTF_8);
    final MovableClock clock = new MovableClock(START);
    final HostileRepository director;
    final HostileRepository image;
    final InMemoryStorage storage = new InMemoryStorage();
    final List<EcuState> ecus = new ArrayList<>(List.of(new EcuState("ecu-1", "HW-A", 5)));
    Duration deadline = Duration.ofSeconds(5);
    boolean allowAuthorizedRollback;
    private UptanePrimary primary;
    TufClient directorClient;
    TufClient imageClient;

    UptaneFixture() throws IOException {
        director = new HostileRepository(START);
        image = new HostileRepository(START);
        director.publishRoot();
        image.publishRoot();
        director.extraTargetsFields.putObject("custom").put("vin", VIN);
    }

    /** The standard case: image repository releases fw/a-6.bin, the director assigns it to ecu-1; both publish. */
    UptaneFixture standard() {
        release("fw/a-6.bin", IMAGE, "HW-A", 6);
        assign("fw/a-6.bin", IMAGE, "ecu-1", "HW-A", 6, null);
        image.publish();
        director.publish();
        return this;
    }

    void release(String path, byte[] bytes, String hardwareId, long counter) {
        image.target(path, bytes, hardwareId, counter, null);
    }

    void assign(String path, byte[] bytes, String ecu, String hardwareId, long counter, ObjectNode extra) {
        // The server's shape: the image repository's entry plus ecuIdentifiers {serial: {hardwareId}}.
        ObjectNode custom = HostileRepository.JSON.createObjectNode();
        custom.putObject("ecuIdentifiers").putObject(ecu).put("hardwareId", hardwareId);
        if (extra != null) {
            custom.setAll(extra);
        }
        director.target(path, bytes, hardwareId, counter, custom);
    }

    /** The primary as built at boot; {@link #restart()} forgets it (the stored metadata stays). */
    UptanePrimary primary() {
        if (primary == null) {
            TrustedTime time = new TrustedTime(clock, storage.metadata());
            directorClient =
                    new TufClient("director", director.fetcher(deadline), storage.metadata(), time, Limits.defaults());
            imageClient = new TufClient("image", image.fetcher(deadline), storage.metadata(), time, Limits.defaults());
            directorClient.provision(director.files.get("1.root.json"));
            imageClient.provision(image.files.get("1.root.json"));
            primary = new UptanePrimary(VIN, directorClient, imageClient, allowAuthorizedRollback);
        }
        return primary;
    }

    List<VerifiedImage> verify() {
        return primary().verify(ecus);
    }

    void restart() {
        primary = null;
    }

    @Override
    public void close() {
        director.close();
        image.close();
    }
}
