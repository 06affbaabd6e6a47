package io.pitwall.agent.uptane;

import io.pitwall.agent.MetadataStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * The time expiry is judged against: the later of the local clock and the last attested time, which is
 * persisted and only ever moves forward. Setting the vehicle's clock back therefore cannot make expired
 * metadata fresh again (a time attack), not even across restarts. Attest a signed time (e.g. from a time
 * server) with {@link #attest}; the clients attest the start time of every refresh, successful or not. A local clock that
 * jumped forward is therefore held until real time catches up; a signed time source is the remedy.
 */
public final class TrustedTime {

    static final String DOCUMENT = "time.json";
    // Persisting every reading would cost a durable write per check-in; a minute of slack is harmless for expiry.
    private static final java.time.Duration PERSIST_STEP = java.time.Duration.ofMinutes(1);
    private final Clock clock;
    private final MetadataStore store;
    private Instant attested;
    private Instant persisted;

    public TrustedTime(Clock clock, MetadataStore store) {
        this.clock = clock;
        this.store = store;
        this.attested = store.read(DOCUMENT).map(TrustedTime::parse).orElse(Instant.EPOCH);
        this.persisted = attested;
    }

    /** The later of the local clock and the last attested time. */
    public synchronized Instant now() {
        Instant local = clock.instant();
        return local.isAfter(attested) ? local : attested;
    }

    /**
     * Records {@code time} as attested if it is later than what is attested. It is persisted before returning once
     * it is a minute or more past the persisted time, so after a restart time resumes at most a minute back.
     */
    public synchronized void attest(Instant time) {
        if (time.isAfter(attested)) {
            attested = time;
            if (!time.isBefore(persisted.plus(PERSIST_STEP))) {
                store.write(DOCUMENT, ("{\"attested\":\"" + time + "\"}").getBytes(StandardCharsets.UTF_8));
                persisted = time;
            }
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
