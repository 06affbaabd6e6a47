package io.pitwall.agent;

import io.pitwall.protocol.device.CheckinResponse;
import io.pitwall.protocol.device.DeviceJson;
import io.pitwall.protocol.device.EcuVersionReport;
import io.pitwall.protocol.device.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The ECUs' signed version reports for the check-in. They are sent only when an ECU's installed image
 * changed since the last reports the server received, or when the server asked with a nonce, so an idle
 * check-in costs no signatures on either side. The report counter grows with every report and is made
 * durable before a report leaves ({@link MetadataStore} document {@code ecu-reports.json}), so a restart
 * never reuses one (the server refuses a counter that is not above the last it accepted).
 */
final class EcuReports {

    static final String DOCUMENT = "ecu-reports.json";

    /** Persistent state: the last counter used, the manifest the server last received reports for, the nonce asked. */
    record State(long counter, String reported, String nonce) {}

    private final Map<String, EcuKey> keys;
    private final List<Ecu> ecus;
    private final MetadataStore store;
    private final Clock clock;
    private State state;
    private String sentManifest;
    private String sentNonce;

    EcuReports(Map<String, EcuKey> keys, List<Ecu> ecus, MetadataStore store, Clock clock) {
        this.keys = Map.copyOf(keys);
        this.ecus = ecus.stream().filter(e -> keys.containsKey(e.serial())).toList();
        this.store = store;
        this.clock = clock;
        this.state = store.read(DOCUMENT)
                .map(bytes -> DeviceJson.read(bytes, State.class))
                .orElse(new State(0, null, null));
    }

    /** The signed reports this check-in must carry (none when nothing changed and nobody asked). */
    List<JsonNode> forCheckin() {
        sentManifest = null;
        if (ecus.isEmpty()) {
            return List.of();
        }
        List<InstalledImage> images =
                ecus.stream().map(e -> e.installer().installed()).toList();
        String manifest = fingerprint(images);
        if (state.nonce() == null && manifest.equals(state.reported())) {
            return List.of();
        }
        long counter = state.counter();
        List<EcuVersionReport> reports = new ArrayList<>();
        for (int i = 0; i < ecus.size(); i++) {
            InstalledImage image = images.get(i);
            if (image.sha256() == null) {
                continue;
            }
            reports.add(new EcuVersionReport(
                    ecus.get(i).serial(),
                    image.version(),
                    image.length(),
                    new Hashes(image.sha256(), null),
                    ++counter,
                    state.nonce(),
                    clock.instant()));
        }
        save(new State(counter, state.reported(), state.nonce()));
        sentManifest = manifest;
        sentNonce = state.nonce();
        return reports.stream()
                .map(r -> (JsonNode) r.sign(keys.get(r.ecuSerial()).publicKey(), keys.get(r.ecuSerial())::sign)
                        .toJson())
                .toList();
    }

    /** Takes in the server's answer; true when it asks for fresh reports (check in again soon). */
    boolean answered(CheckinResponse response) {
        State next = sentManifest == null ? state : new State(state.counter(), sentManifest, null);
        String asked = response.reportNonce();
        boolean wanted = asked != null && !asked.equals(sentNonce);
        if (wanted) {
            next = new State(next.counter(), next.reported(), asked);
        }
        sentManifest = null;
        sentNonce = null;
        if (!next.equals(state)) {
            save(next);
        }
        return wanted;
    }

    private void save(State next) {
        store.write(DOCUMENT, DeviceJson.write(next));
        state = next;
    }

    private String fingerprint(List<InstalledImage> images) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < ecus.size(); i++) {
            text.append(ecus.get(i).serial())
                    .append('|')
                    .append(images.get(i).sha256())
                    .append('|')
                    .append(images.get(i).version())
                    .append('\n');
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
