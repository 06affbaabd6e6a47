package io.pitwall.server.device.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.device.persistence.VehicleCredentials;
import io.pitwall.server.device.persistence.VehicleCredentials.Resolved;
import io.pitwall.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class CredentialCacheTests {

    /** The database: hash → resolution, counting lookups; {@code during} runs inside a lookup. */
    static final class Table extends VehicleCredentials {
        final Map<String, Resolved> rows = new HashMap<>();
        int lookups;
        Runnable during = () -> {};

        Table() {
            super(null);
        }

        @Override
        public Optional<Resolved> resolve(String tokenHash) {
            lookups++;
            Optional<Resolved> found = Optional.ofNullable(rows.get(tokenHash));
            during.run();
            return found;
        }
    }

    final Table table = new Table();
    final MovableClock clock = new MovableClock(Instant.parse("2030-01-01T00:00:00Z"));

    CredentialCache cache(Duration ttl) {
        table.rows.put("h-a", new Resolved("VIN-A", false, false));
        table.rows.put("h-b", new Resolved("VIN-B", false, false));
        return new CredentialCache(table, null, null, new DeviceSettings(null, null, null, null, ttl), clock);
    }

    @AfterEach
    void noSynchronizationLeftBehind() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void aResolutionIsRememberedForTheTimeToLive() {
        var cache = cache(Duration.ofSeconds(5));
        assertThat(cache.resolve("h-a")).contains(new Resolved("VIN-A", false, false));
        clock.advance(Duration.ofMillis(4_999));
        assertThat(cache.resolve("h-a")).isPresent();
        assertThat(table.lookups).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        cache.resolve("h-a");
        assertThat(table.lookups).isEqualTo(2);
    }

    @Test
    void unknownCredentialsAndAZeroTimeToLiveAreNeverRemembered() {
        var cache = cache(Duration.ofSeconds(5));
        assertThat(cache.resolve("garbage")).isEmpty();
        assertThat(cache.resolve("garbage")).isEmpty();
        assertThat(table.lookups).isEqualTo(2);
        var off = cache(Duration.ZERO);
        off.resolve("h-a");
        off.resolve("h-a");
        assertThat(table.lookups).isEqualTo(4);
    }

    @Test
    void invalidationForgetsOnlyThatVehicleAtOnce() {
        var cache = cache(Duration.ofSeconds(5));
        cache.resolve("h-a");
        cache.resolve("h-b");
        table.rows.put("h-a", new Resolved("VIN-A", true, false));
        cache.invalidate(Set.of("VIN-A"));
        assertThat(cache.resolve("h-a")).contains(new Resolved("VIN-A", true, false));
        cache.resolve("h-b");
        assertThat(table.lookups).isEqualTo(3);
    }

    @Test
    void aLookupThatRacedARevocationIsNotRemembered() {
        var cache = cache(Duration.ofSeconds(5));
        table.during = () -> {
            table.rows.put("h-a", new Resolved("VIN-A", true, false));
            cache.invalidate(Set.of("VIN-A"));
            table.during = () -> {};
        };
        assertThat(cache.resolve("h-a"))
                .as("read before the revocation committed")
                .contains(new Resolved("VIN-A", false, false));
        assertThat(cache.resolve("h-a")).contains(new Resolved("VIN-A", true, false));
        assertThat(table.lookups).isEqualTo(2);
    }

    @Test
    void invalidationInsideATransactionIsRepeatedWhenItCompletes() {
        var cache = cache(Duration.ofSeconds(5));
        TransactionSynchronizationManager.initSynchronization();
        cache.invalidate(Set.of("VIN-A"));
        cache.resolve("h-a");
        table.rows.put("h-a", new Resolved("VIN-A", false, true));
        TransactionSynchronizationManager.getSynchronizations()
                .forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
        assertThat(cache.resolve("h-a")).contains(new Resolved("VIN-A", false, true));
    }
}
