package io.pitwall.server.device.internal;

import io.pitwall.server.device.DeviceSettings;
import io.pitwall.server.device.persistence.VehicleCredentials;
import io.pitwall.server.device.persistence.VehicleCredentials.Resolved;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Remembers what a credential hash resolved to (vehicle, revoked, blocked) for a short time
 * ({@code pitwall.device.credential-cache-ttl}, default 5 s; 0 = off), so an idle check-in does not look
 * its credential up every time. Issuing, revoking, blocking and unblocking on this node take effect at
 * once: they invalidate the vehicle's entries when their transaction commits, and a lookup that raced
 * them is not kept. Other nodes see such changes within the TTL. Unknown credentials are never cached.
 */
@Component
public class CredentialCache {

    static final int MAX_ENTRIES = 200_000;
    private record Entry(Resolved resolved, Instant expires) {
    }

    private final VehicleCredentials credentials;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong invalidations = new AtomicLong();

    CredentialCache(VehicleCredentials credentials, DeviceSettings settings, Clock clock) {
        this.credentials = credentials;
        this.ttl = settings.credentialCacheTtl();
        this.clock = clock;
    }

    public Optional<Resolved> resolve(String tokenHash) {
        Instant now = clock.instant();
        Entry cached = entries.get(tokenHash);
        if (cached != null && now.isBefore(cached.expires())) {
            return Optional.of(cached.resolved());
        }
        long generation = invalidations.get();
        Optional<Resolved> resolved = credentials.resolve(tokenHash);
        if (resolved.isPresent() && !ttl.isZero()) {
            keep(tokenHash, new Entry(resolved.get(), now.plus(ttl)), now, generation);
        }
        return resolved;
    }

    /** Forgets the vehicles' credentials now and again after the current transaction commits. */
    public void invalidate(Set<String> vins) {
        forget(vins);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget(vins);
                }
            });
        }
    }

    private void keep(String tokenHash, Entry entry, Instant now, long generation) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !now.isBefore(e.expires()));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(tokenHash, entry);
        // A change that committed while we read may have been invalidated before our put: drop what we read.
        if (invalidations.get() != generation) {
            entries.remove(tokenHash, entry);
        }
    }

    private void forget(Set<String> vins) {
        invalidations.incrementAndGet();
        entries.values().removeIf(e -> vins.contains(e.resolved().vin()));
    }
}
