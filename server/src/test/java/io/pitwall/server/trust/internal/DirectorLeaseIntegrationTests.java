package io.pitwall.server.trust.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.campaign.CampaignSettings;
import io.pitwall.server.shared.Leases;
import io.pitwall.server.shared.PeriodicTask;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import io.pitwall.server.trust.persistence.DirectorFiles;
import io.pitwall.testsupport.MovableClock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * The director regeneration when the node holding its lease dies: the pending changes it left are taken up by
 * another node's pending round once the lease lapsed, within the campaign reconciler's takeover bound, on a clock
 * the test moves.
 */
class DirectorLeaseIntegrationTests {

    private static final AtomicLong MODELS = new AtomicLong();

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfiguration {

        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    @Import(ClockConfiguration.class)
    abstract static class Contract extends IntegrationTest {

        @Autowired
        MovableClock clock;

        @Autowired
        DirectorPublisher director;

        @Autowired
        DirectorFiles files;

        @Autowired
        DirectorSettings settings;

        @Autowired
        CampaignSettings campaign;

        @Autowired
        Leases leases;

        @Autowired
        ApplicationContext context;

        @Test
        void aDeadHoldersPendingChangesAreRegeneratedByAnotherNodeWithinTheCampaignLeasesBound() {
            String vin =
                    new TestFleet(jdbc, admin).vehicle("Lease-" + MODELS.incrementAndGet(), "EU", "1.0.0", "LEASE-HW");
            clock.advance(settings.lease().plusSeconds(1));
            assertThat(leases.acquire(DirectorPublisher.LEASE, "node-that-dies", settings.lease()))
                    .isPresent();
            files.recordVehicleChange(vin, OffsetDateTime.now(clock));
            assertThat(director.regeneratePending())
                    .as("the holder is alive as far as anyone can tell")
                    .isEqualTo(-1);
            assertThat(pending(vin)).isOne();

            clock.advance(campaign.reconcilerLease());
            director.pendingRound();

            assertThat(pending(vin)).isZero();
            assertThat(jdbc.sql("SELECT meta_version FROM director_vehicle WHERE vin = :vin")
                            .param("vin", vin)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
            assertThat(jdbc.sql("SELECT holder FROM lease WHERE name = :n")
                            .param("n", DirectorPublisher.LEASE)
                            .query(String.class)
                            .single())
                    .isEqualTo(leases.node());
            assertThat(context.getBean("directorPendingChanges"))
                    .as("the round every node runs")
                    .isInstanceOf(PeriodicTask.class);
        }

        long pending(String vin) {
            return jdbc.sql("SELECT COUNT(*) FROM director_change WHERE vin = :vin")
                    .param("vin", vin)
                    .query(Long.class)
                    .single();
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
