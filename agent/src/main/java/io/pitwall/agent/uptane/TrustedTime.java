package io.pitwall.agent.uptane;

import io.pitwall.agent.MetadataStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * The time expiry is judged against: the later of the local clock and the last attested time, which is
 * persisted and only ever moves forward. Setting the vehicle's clock back therefore cannot make expired
 * metadata fresh again (a time attack), not even across restarts. Attest a signed time (e.g. from a time
 * server) with {@link #attest}; the clients attest the time of each successful refresh.
 */
public final class TrustedTime {

    static final String DOCUMENT = "time.json";
    private final Clock clock;
    private final MetadataStore store;
    private Instant attested;

    public TrustedTime(Clock clock, MetadataStore store) {
        this.clock = clock;
        this.store = store;
        this.attested = store.read(DOCUMENT).map(TrustedTime::parse).orElse(Instant.EPOCH);
    }

    /** The later of the local clock and the last attested time. */
    public synchronized Instant now() {
        Instant local = clock.instant();
        return local.isAfter(attested) ? local : attested;
    }

    /** Records {@code time} as attested if it is later than what is attested; persisted before returning. */
    public synchronized void attest(Instant time) {
        if (time.isAfter(attested)) {
            store.write(DOCUMENT, ("{\"attested\":\"" + time + "\"}").getBytes(StandardCharsets.UTF_8));
            attested = time;
        }
    }

    public synchronized Instant lastAttested() {
        return attested;
    }

    private static Instant parse(byte[] document) {
        String text = new String(document, StandardCharsets.UTF_8);
        int start = text.indexOf(":\"") + 2;
        return Instant.parse(text.substring(start, text.indexOf('"', start)));
    }
}
