package io.pitwall.agent;

import io.pitwall.agent.uptane.Fetcher;
import io.pitwall.agent.uptane.UptaneRejected;
import io.pitwall.agent.uptane.UptaneRejected.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Fetches repository files through the agent's {@link Transport} (so with the vehicle's credential, and through
 * whatever decorates it), below a path of the server. At most {@code maxLength} bytes are read; a longer body is
 * refused as {@link Reason#TOO_LARGE} without reading the rest. Stalls are bounded by the transport's read timeout.
 */
final class TransportFetcher implements Fetcher {

    private final Transport transport;
    private final String base;

    /** @param base path of the repository's directory, e.g. {@code /repo/} */
    TransportFetcher(Transport transport, String base) {
        this.transport = transport;
        this.base = base.endsWith("/") ? base : base + "/";
    }

    @Override
    public Optional<byte[]> fetch(String name, long maxLength) {
        try (ArtifactBody body = transport.download(base + name, 0)) {
            InputStream in = body.body();
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxLength + 1));
            if (bytes.length > maxLength) {
                throw new UptaneRejected(Reason.TOO_LARGE, name + " is longer than " + maxLength + " bytes");
            }
            return Optional.of(bytes);
        } catch (TransportException e) {
            if (e.status() == 404 || e.status() == 403) {
                return Optional.empty();
            }
            throw new UptaneRejected(Reason.UNREACHABLE, name + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UptaneRejected(Reason.UNREACHABLE, name + ": " + e.getMessage());
        }
    }
}
