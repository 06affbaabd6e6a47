package io.pitwall.simulator;

import io.pitwall.agent.ArtifactBody;
import io.pitwall.agent.http.HttpTransport;
import io.pitwall.protocol.device.DevicePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

/**
 * The trust anchors the simulated vehicles are "manufactured" with when they verify as Uptane primaries: the newest
 * root of the director repository (one root chain for every vehicle) and of the image repository, never root 1,
 * whose keys a hand-over to offline keys or a rotation has since replaced. Fetched once at provisioning, like the
 * image keys; vehicles then follow the root chain themselves.
 */
public record UptaneRoots(byte[] director, byte[] image) {

    public UptaneRoots {
        director = director.clone();
        image = image.clone();
    }

    /** Fetches both roots in force from {@code server}, the director's with one provisioned vehicle's credential. */
    public static UptaneRoots fetch(URI server, Map<String, String> tokens) {
        var any = tokens.entrySet().stream()
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no vehicle to fetch the director root with"));
        HttpTransport transport =
                HttpTransport.builder(server, any.getKey(), any.getValue()).build();
        return new UptaneRoots(
                get(transport, DevicePaths.PREFIX + "/vehicles/" + any.getKey() + "/director/root.json"),
                get(transport, "/repo/root.json"));
    }

    private static byte[] get(HttpTransport transport, String path) {
        try (ArtifactBody body = transport.download(path, 0)) {
            return body.body().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch " + path, e);
        }
    }
}
