package io.pitwall.server.device.internal;

import io.pitwall.server.device.persistence.VehicleCertificates;
import io.pitwall.server.device.persistence.VehicleCredentials;
import io.pitwall.server.device.persistence.VehicleCredentials.Resolved;
import io.pitwall.server.inventory.KnownVehicles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Remembers what a credential hash or client certificate fingerprint resolved to (vehicle, revoked, blocked) for a short time
 * ({@code pitwall.device.credential-cache-ttl}, default 5 s; 0 = off), so an idle check-in does not look
 * its credential up every time. Issuing, revoking, blocking and unblocking on this node take effect at
 * once: they invalidate the vehicle's entries when their transaction commits, and a lookup that raced
 * them is not kept. Other nodes see such changes within the TTL. Unknown credentials are never cached.
 * Certificate pinning and revocation invalidate the same way.
 */
@Component
public class CredentialCache {

    static final int MAX_ENTRIES = 200_000;

    private record Entry(Resolved resolved, Instant expires) {}

    private final VehicleCredentials credentials;
    private final VehicleCertificates certificates;
    private final KnownVehicles vehicles;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong invalidations = new AtomicLong();

    CredentialCache(
            VehicleCredentials credentials,
            VehicleCertificates certificates,
            KnownVehicles vehicles,
            DeviceSettings settings,
            Clock clock) {
        this.credentials = credentials;
        this.certificates = certificates;
        this.vehicles = vehicles;
        this.ttl = settings.credentialCacheTtl();
        this.clock = clock;
    }

    public Optional<Resolved> resolve(String tokenHash) {
        return resolve(tokenHash, () -> credentials.resolve(tokenHash));
    }

    /**
     * What a verified client certificate stands for: revoked (by fingerprint or serial) or superseded by another
     * pinned certificate counts as revoked; empty when the vehicle is unknown. Cached like tokens, by fingerprint.
     */
    public Optional<Resolved> resolve(FleetCertificates.Verified certificate) {
        return resolve("x509:" + certificate.fingerprint(), () -> {
            if (!vehicles.exists(certificate.vin())) {
                return Optional.empty();
            }
            var standing =
                    certificates.standing(certificate.vin(), certificate.fingerprint(), certificate.serialNumber());
            boolean superseded = standing.pinnedFingerprint() != null
                    && !standing.pinnedFingerprint().equals(certificate.fingerprint());
            return Optional.of(new Resolved(certificate.vin(), standing.revoked() || superseded, standing.blocked()));
        });
    }

    private Optional<Resolved> resolve(String key, Supplier<Optional<Resolved>> lookup) {
        Instant now = clock.instant();
        Entry cached = entries.get(key);
        if (cached != null && now.isBefore(cached.expires())) {
            return Optional.of(cached.resolved());
        }
        long generation = invalidations.get();
        Optional<Resolved> resolved = lookup.get();
        if (resolved.isPresent() && !ttl.isZero()) {
            keep(key, new Entry(resolved.get(), now.plus(ttl)), now, generation);
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
