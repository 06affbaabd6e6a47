package io.pitwall.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.server.campaign.delivery.MaintenanceWindow;
import io.pitwall.server.campaign.delivery.RolloutRate;
import io.pitwall.server.campaign.rollout.AbortCriterion;
import io.pitwall.server.shared.ApiException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutPolicyTests {

    @Test
    void anAbortCriterionTripsOnlyAfterItsMinimumAndAtItsThreshold() {
        var install = new AbortCriterion("INSTALL", 10, 20);
        assertThat(install.trippedBy(evidence(19, 5, 0))).isEmpty();
        assertThat(install.trippedBy(evidence(20, 1, 0))).isEmpty();
        assertThat(install.trippedBy(evidence(20, 2, 0)))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .contains("INSTALL")
                        .contains("10.0 %")
                        .contains("20 executed"));
        var all = new AbortCriterion(AbortCriterion.ALL, 25, 4);
        assertThat(all.trippedBy(evidence(4, 0, 1))).isPresent();
        assertThat(new AbortCriterion(AbortCriterion.TIMED_OUT, 50, 2).trippedBy(evidence(4, 3, 1)))
                .isEmpty();
        assertThatThrownBy(() -> new AbortCriterion("REJECTED", 10, 1)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> new AbortCriterion("ALL", 0, 1)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> new AbortCriterion("ALL", 10, 0)).isInstanceOf(ApiException.class);
    }

    @Test
    void anExponentialRateGrowsByItsFactorPerStepUpToTheMaximum() {
        var rate = new RolloutRate(500, 10, 2.0, 100, false);
        assertThat(List.of(
                        rate.perMinute(0, 0),
                        rate.perMinute(99, 0),
                        rate.perMinute(100, 0),
                        rate.perMinute(350, 0),
                        rate.perMinute(10_000, 0)))
                .containsExactly(10, 10, 20, 80, 500);
        var bySuccess = new RolloutRate(1_000, 5, 1.5, 10, true);
        assertThat(bySuccess.perMinute(1_000, 9)).isEqualTo(5);
        assertThat(bySuccess.perMinute(1_000, 20)).isEqualTo(11);
        assertThat(RolloutRate.constant(42).perMinute(1_000_000, 0)).isEqualTo(42);
        assertThatThrownBy(() -> new RolloutRate(100, 10, 1.0, 5, false)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> new RolloutRate(100, 200, 2.0, 5, false)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> new RolloutRate(100, 10, null, 5, false)).isInstanceOf(ApiException.class);
    }

    @Test
    void aMaintenanceWindowIsReadInTheVehiclesTimeZone() {
        var nightly = new MaintenanceWindow("0 2 * * *", 120);
        Instant utcMidnightThirty = Instant.parse("2026-03-10T00:30:00Z");
        assertThat(nightly.isOpen(utcMidnightThirty, ZoneId.of("Europe/Berlin")))
                .as("01:30 in Berlin")
                .isFalse();
        assertThat(nightly.isOpen(utcMidnightThirty, ZoneId.of("Europe/Helsinki")))
                .as("02:30 in Helsinki")
                .isTrue();
        assertThat(nightly.isOpen(Instant.parse("2026-03-10T04:00:00Z"), ZoneId.of("Europe/Helsinki")))
                .as("06:00 in Helsinki, closed at 04:00")
                .isFalse();
        assertThat(nightly.nextOpening(utcMidnightThirty, ZoneId.of("Europe/Berlin")))
                .hasValue(Instant.parse("2026-03-10T01:00:00Z"));
        assertThat(nightly.nextOpening(utcMidnightThirty, ZoneId.of("Europe/Helsinki")))
                .hasValue(utcMidnightThirty);
    }

    @Test
    void aMaintenanceWindowFollowsDaylightSavingTime() {
        var nightly = new MaintenanceWindow("0 0 3 * * *", 60);
        // 29 March 2026: Berlin moves from UTC+1 to UTC+2
        assertThat(nightly.isOpen(Instant.parse("2026-03-28T02:30:00Z"), ZoneId.of("Europe/Berlin")))
                .isTrue();
        assertThat(nightly.isOpen(Instant.parse("2026-03-30T01:30:00Z"), ZoneId.of("Europe/Berlin")))
                .isTrue();
        assertThat(nightly.isOpen(Instant.parse("2026-03-30T02:30:00Z"), ZoneId.of("Europe/Berlin")))
                .isFalse();
    }

    @Test
    void refusesBadWindows() {
        assertThatThrownBy(() -> new MaintenanceWindow("not a cron", 60))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("cron");
        assertThatThrownBy(() -> new MaintenanceWindow("0 2 * * *", 0)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> new MaintenanceWindow("0 2 * * *", 1_431)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> new MaintenanceWindow(null, 60)).isInstanceOf(ApiException.class);
    }

    private static WaveEvidence evidence(long executed, long installFailures, long timedOut) {
        return new WaveEvidence(
                100,
                executed,
                executed - installFailures - timedOut,
                timedOut,
                Map.of(FailureCategory.INSTALL, installFailures),
                0);
    }
}
