package io.pitwall.server.inventory;

import io.pitwall.server.inventory.persistence.VehicleWriter;
import io.pitwall.server.inventory.persistence.Vehicles;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers, replaces and removes single vehicles. A replace names the version it saw (optimistic
 * locking) and rewrites the whole vehicle including its ECUs; a replace with identical content
 * changes nothing. An ECU serial belongs to one vehicle at a time across the fleet.
 */
@Service
public class RegisterVehicles {

    private final Vehicles vehicles;
    private final VehicleWriter writer;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RegisterVehicles(Vehicles vehicles, VehicleWriter writer, ApplicationEventPublisher events, Clock clock) {
        this.vehicles = vehicles;
        this.writer = writer;
        this.events = events;
        this.clock = clock;
    }

    /** Refused with {@code vehicle-exists} or {@code ecu-serial-taken} (409). */
    @Transactional
    public RegisteredVehicle create(Vehicle vehicle) {
        if (vehicles.exists(vehicle.vin())) {
            throw ApiException.conflict("vehicle-exists", "Vehicle " + vehicle.vin() + " is already registered");
        }
        checkSerialsFree(vehicle);
        try {
            writer.apply(List.of(vehicle), List.of(), Timestamps.now(clock));
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict(
                    "concurrent-change",
                    "Another request registered this VIN or one of its ECU serials at the same moment; retry");
        }
        events.publishEvent(Audited.succeeded(
                "vehicle.create",
                target(vehicle.vin()),
                Map.of("ecus", vehicle.ecus().size())));
        return vehicles.find(vehicle.vin()).orElseThrow();
    }

    /** Refused with {@code vehicle-not-found} (404), {@code version-conflict} or {@code ecu-serial-taken} (409). */
    @Transactional
    public RegisteredVehicle replace(Vehicle vehicle, long expectedVersion) {
        var stored = vehicles.find(vehicle.vin()).orElseThrow(() -> notFound(vehicle.vin()));
        if (stored.version() != expectedVersion) {
            throw new OptimisticLockingFailureException(
                    "vehicle " + vehicle.vin() + " is at version " + stored.version());
        }
        if (stored.vehicle().equals(vehicle)) {
            return stored;
        }
        checkSerialsFree(vehicle);
        writer.apply(List.of(), List.of(new VehicleWriter.Update(vehicle, expectedVersion)), Timestamps.now(clock));
        events.publishEvent(Audited.succeeded(
                "vehicle.replace",
                target(vehicle.vin()),
                Map.of("version", expectedVersion + 1, "ecus", vehicle.ecus().size())));
        return vehicles.find(vehicle.vin()).orElseThrow();
    }

    /** Removes the vehicle with its ECUs, attributes and tags; {@code vehicle-not-found} (404) if absent. */
    @Transactional
    public void delete(Vin vin) {
        if (!writer.delete(vin.value())) {
            throw notFound(vin);
        }
        events.publishEvent(Audited.succeeded("vehicle.delete", target(vin), Map.of()));
    }

    private void checkSerialsFree(Vehicle vehicle) {
        var owners = vehicles.ownersOf(vehicle.ecus().stream().map(Ecu::serial).toList());
        for (var owner : owners.entrySet()) {
            if (!owner.getValue().equals(vehicle.vin())) {
                throw new ApiException(
                        409,
                        "ecu-serial-taken",
                        "ECU serial " + owner.getKey() + " belongs to vehicle " + owner.getValue(),
                        Map.of("serial", owner.getKey()));
            }
        }
    }

    static ApiException notFound(Vin vin) {
        return ApiException.notFound("vehicle-not-found", "No vehicle " + vin + " is registered");
    }

    private static String target(Vin vin) {
        return "vehicle:" + vin;
    }
}
