package io.pitwall.server.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.campaign.spi.CaseCounts;
import io.pitwall.server.diagnostics.RoutingTeam;
import io.pitwall.server.diagnostics.SeverityClass;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The cases module fills the campaign module's {@link CaseCounts} slot that release notes count cases through. */
class CampaignCaseCountsIntegrationTests {

    private static final AtomicLong CAMPAIGNS = new AtomicLong(900_000);

    abstract static class Contract extends IntegrationTest {

        @Autowired
        CaseCounts counts;

        @Autowired
        OpenCase openCase;

        @Autowired
        Clock clock;

        long openFor(long campaignId) {
            String vin = TestFleet.newVin("WCASECNT");
            return openCase.open(new NewCase(
                    vin,
                    "campaign:" + campaignId,
                    "UPDATE_FAILURE",
                    SeverityClass.CAMPAIGN_RELATED,
                    RoutingTeam.RELEASE,
                    RoutingTeam.ENGINEERING,
                    "look at it",
                    null,
                    null,
                    null,
                    campaignId,
                    Duration.ofHours(4)));
        }

        @Test
        void countsTheCasesOpenedForTheCampaignOnThatDayOnly() {
            long campaign = CAMPAIGNS.incrementAndGet();
            long other = CAMPAIGNS.incrementAndGet();
            openFor(campaign);
            openFor(campaign);
            openFor(other);
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);

            assertThat(counts.source()).isNotEqualTo(CaseCounts.NOT_PRESENT);
            assertThat(counts.openedOn(campaign, today)).isEqualTo(2);
            assertThat(counts.openedOn(other, today)).isEqualTo(1);
            assertThat(counts.openedOn(campaign, today.minusDays(1))).isZero();
            assertThat(counts.openedOn(CAMPAIGNS.incrementAndGet(), today)).isZero();
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
