package io.pitwall.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.CampaignSteps;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.TestFleet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The fleet-size half of the risk class: more matched vehicles than the setting makes a campaign HIGH.
 * Runs on H2 only: a setting against the matched count, which CampaignTargetingIntegrationTests runs on both.
 */
class CampaignRiskIntegrationTests {

    private static final AtomicLong HARDWARE = new AtomicLong();

    @TestPropertySource(properties = "pitwall.campaign.high-risk-vehicles=2")
    abstract static class Contract extends IntegrationTest {

        /** Submits a campaign of a low-risk (telematics) image to this many matching vehicles; answers its risk. */
        String riskWith(int vehicles) {
            var fleet = new TestFleet(jdbc, admin);
            String hardwareId =
                    "RISK-HW-" + HARDWARE.incrementAndGet() + "-" + getClass().getSimpleName();
            for (int i = 0; i < vehicles; i++) {
                fleet.vehicle("Risk-" + hardwareId, "EU", "1.0.0", hardwareId);
            }
            fleet.vehicle("Elsewhere-" + hardwareId, "EU", "1.0.0", hardwareId);
            var knownGood = fleet.publish(hardwareId, "1.5.0", 15, "TELEMATICS");
            var release = fleet.publish(hardwareId, "2.0.0", 20, "TELEMATICS");
            var manager = operatorWith(Role.RELEASE_MANAGER);
            long id = CampaignSteps.createdWithFilter(
                    manager, "Risk " + hardwareId, release.releaseId(), Map.of("model", "Risk-" + hardwareId), null);
            campaignSteps().readyAndSubmitted(manager, id, knownGood.releaseId());
            return manager.get("/api/v1/campaigns/" + id)
                    .json()
                    .get("campaign")
                    .get("risk")
                    .asString();
        }

        @Test
        void moreMatchedVehiclesThanTheSettingMakeACampaignHighRisk() {
            assertThat(riskWith(2)).as("two vehicles, at the limit").isEqualTo("STANDARD");
            assertThat(riskWith(3)).as("three vehicles, above it").isEqualTo("HIGH");
        }
    }

    @Nested
    class OnH2 extends Contract {}
}
