package io.pitwall.agent;

import io.pitwall.protocol.device.CheckinRequest;
import io.pitwall.protocol.device.CheckinResponse;
import io.pitwall.protocol.device.EventBatch;
import io.pitwall.protocol.device.EventsAck;
import java.io.IOException;

/**
 * SPI: how the agent reaches the server ({@code io.pitwall.agent.http.HttpTransport} on the JDK
 * HttpClient, or an in-process fake in a simulator). Every method may throw {@link IOException} for
 * network trouble and {@link TransportException} for an HTTP error answer; the agent retries both with
 * backoff and never loses work because of them.
 */
public interface Transport {

    CheckinResponse checkin(CheckinRequest request) throws IOException;

    EventsAck sendEvents(EventBatch batch) throws IOException;

    /** {@code HEAD} of an artifact: its length and ETag, without the bytes. */
    ArtifactHead head(String url) throws IOException;

    /**
     * {@code GET} of an artifact from byte {@code offset} ({@code Range: bytes=offset-} when above 0). The
     * answer may start at 0 if the server ignored the range; the caller must close it.
     */
    ArtifactBody download(String url, long offset) throws IOException;
}
