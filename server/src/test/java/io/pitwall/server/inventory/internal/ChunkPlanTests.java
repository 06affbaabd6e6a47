package io.pitwall.server.inventory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.inventory.ImportLine;
import io.pitwall.server.inventory.RegisteredVehicle;
import io.pitwall.server.inventory.TestFleet;
import io.pitwall.server.inventory.Vehicle;
import io.pitwall.server.inventory.Vin;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChunkPlanTests {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2025-01-01T00:00:00Z");

    @Test
    void createsNewUpdatesChangedAndLeavesEqualVehicles() {
        Vehicle fresh = TestFleet.record(TestFleet.vin(), "A", 2);
        Vehicle same = TestFleet.record(TestFleet.vin(), "A", 2);
        Vehicle changed = TestFleet.record(TestFleet.vin(), "A", 2);
        var stored = Map.of(
                same.vin(),
                stored(same, 4),
                changed.vin(),
                stored(TestFleet.record(changed.vin().value(), "B", 2), 7));
        var plan = ChunkPlan.of(
                lines(fresh, same, changed),
                stored,
                Map.of(same.vin().value() + "-0", same.vin(), changed.vin().value() + "-0", changed.vin()));

        assertThat(plan.inserts()).containsExactly(fresh);
        assertThat(plan.unchanged()).isEqualTo(1);
        assertThat(plan.updates()).singleElement().satisfies(u -> {
            assertThat(u.vehicle()).isEqualTo(changed);
            assertThat(u.expectedVersion()).isEqualTo(7);
        });
        assertThat(plan.rejections()).isEmpty();
    }

    @Test
    void rejectsAVehicleClaimingAnotherVehiclesSerial() {
        Vehicle owner = TestFleet.record(TestFleet.vin(), "A", 1);
        Vehicle thief = TestFleet.record(TestFleet.vin(), "A", 1);
        String serial = owner.ecus().get(0).serial();
        var claim = new Vehicle(
                thief.vin(),
                "A",
                2024,
                "EU",
                "DE",
                "RETAIL",
                "LTE",
                null,
                null,
                List.of(owner.ecus().get(0)));
        var plan = ChunkPlan.of(lines(claim), Map.of(), Map.of(serial, owner.vin()));

        assertThat(plan.inserts()).isEmpty();
        assertThat(plan.rejections()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("ecu-serial-taken");
            assertThat(r.line()).isEqualTo(1);
            assertThat(r.reason()).contains(serial, owner.vin().value());
        });
    }

    @Test
    void aSerialReleasedByAnEarlierLineMayBeTakenByALaterOne() {
        Vehicle before = TestFleet.record(TestFleet.vin(), "A", 1);
        String serial = before.ecus().get(0).serial();
        var released = new Vehicle(before.vin(), "A", 2024, "EU", "DE", "RETAIL", "LTE", null, null, List.of());
        Vin other = new Vin(TestFleet.vin());
        var taker = new Vehicle(other, "A", 2024, "EU", "DE", "RETAIL", "LTE", null, null, before.ecus());
        var plan = ChunkPlan.of(
                lines(released, taker), Map.of(before.vin(), stored(before, 0)), Map.of(serial, before.vin()));

        assertThat(plan.updates()).hasSize(1);
        assertThat(plan.inserts()).containsExactly(taker);
        assertThat(plan.rejections()).isEmpty();

        var reversed = ChunkPlan.of(
                lines(taker, released), Map.of(before.vin(), stored(before, 0)), Map.of(serial, before.vin()));
        assertThat(reversed.rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.vin()).isEqualTo(other.value()));
    }

    private static List<ImportLine.Parsed> lines(Vehicle... vehicles) {
        var lines = new java.util.ArrayList<ImportLine.Parsed>();
        for (int i = 0; i < vehicles.length; i++) {
            lines.add(new ImportLine.Parsed(i + 1, vehicles[i]));
        }
        return lines;
    }

    private static RegisteredVehicle stored(Vehicle vehicle, long version) {
        return new RegisteredVehicle(vehicle, version, T0, T0);
    }
}
