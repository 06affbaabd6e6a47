package io.pitwall.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.server.campaign.persistence.Campaigns;
import io.pitwall.server.support.CampaignSteps;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A campaign completes exactly when its last assignment finishes, even when the last ones finish at once. */
class CampaignCompletionIntegrationTests {

    private static final AtomicLong HARDWARE = new AtomicLong();

    abstract static class Contract extends IntegrationTest {

        @Autowired
        PlatformTransactionManager transactionManager;

        @Autowired
        Campaigns campaigns;

        /**
         * Vehicles A and B each report the end of one of the campaign's last two assignments (two moves of the
         * assignment in one batch, as INSTALLING then SUCCEEDED); both transactions are open at once. A checks
         * for completion first and finds B's assignment still active; B checks next. Whichever way the database
         * orders them, the campaign ends COMPLETED — not RUNNING forever with nothing left to run, and without a
         * deadlock.
         */
        @Test
        void theLastTwoAssignmentsFinishingAtOnceCompleteTheCampaign() throws Exception {
            long campaign = startedCampaignOfTwoVehicles();
            List<Long> ids = jdbc.sql("SELECT id FROM assignment WHERE campaign_id = :c ORDER BY id")
                    .param("c", campaign)
                    .query(Long.class)
                    .list();
            var transactions = new TransactionTemplate(transactionManager);
            var aMoved = new CountDownLatch(1);
            var bMoved = new CountDownLatch(1);
            var aChecked = new CountDownLatch(1);
            var aMayCommit = new CountDownLatch(1);

            var a = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
                move(ids.get(0));
                aMoved.countDown();
                waitFor(bMoved);
                campaigns.completeIfDone(campaign, OffsetDateTime.now());
                aChecked.countDown();
                waitFor(aMayCommit);
            }));
            var b = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
                waitFor(aMoved);
                move(ids.get(1));
                bMoved.countDown();
                await().atMost(Duration.ofSeconds(10)).until(() -> aChecked.getCount() == 0 || someoneWaitsForALock());
                campaigns.completeIfDone(campaign, OffsetDateTime.now());
            }));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> b.isDone() || a.isDone() || (aChecked.getCount() == 0 && someoneWaitsForALock()));
            aMayCommit.countDown();
            a.get();
            b.get();

            assertThat(jdbc.sql("SELECT status FROM campaign WHERE id = :c")
                            .param("c", campaign)
                            .query(String.class)
                            .single())
                    .isEqualTo("COMPLETED");
        }

        private long startedCampaignOfTwoVehicles() {
            var fleet = new TestFleet(jdbc, admin);
            String hardwareId =
                    "DONE-HW-" + HARDWARE.incrementAndGet() + "-" + getClass().getSimpleName();
            String model = "Done-" + hardwareId;
            fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            long campaign = CampaignSteps.createdWithFilter(
                    admin, "Done " + hardwareId, release.releaseId(), Map.of("model", model), null);
            campaignSteps().approvedCampaign(admin, campaign, release.knownGoodReleaseId());
            CampaignSteps.start(admin, campaign);
            return campaign;
        }

        /** Moves an assignment twice in the current transaction, as the tracker does for a batch INSTALLING, SUCCEEDED. */
        private void move(long assignment) {
            for (String status : List.of("INSTALLING", "SUCCEEDED")) {
                jdbc.sql("UPDATE assignment SET status = :s, version = version + 1 WHERE id = :id")
                        .param("s", status)
                        .param("id", assignment)
                        .update();
            }
        }

        abstract boolean someoneWaitsForALock();

        private static void waitFor(CountDownLatch latch) {
            try {
                if (!latch.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("timed out");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Nested
    class OnH2 extends Contract {

        @Override
        boolean someoneWaitsForALock() {
            return jdbc.sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL")
                            .query(Long.class)
                            .single()
                    > 0;
        }
    }

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {

        @Override
        boolean someoneWaitsForALock() {
            return jdbc.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                            .query(Long.class)
                            .single()
                    > 0;
        }
    }
}
