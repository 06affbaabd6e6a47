package io.pitwall.server.inventory.internal;

import io.pitwall.server.inventory.Ecu;
import io.pitwall.server.inventory.ImportLine;
import io.pitwall.server.inventory.ImportReport.RejectedLine;
import io.pitwall.server.inventory.RegisteredVehicle;
import io.pitwall.server.inventory.Vehicle;
import io.pitwall.server.inventory.Vin;
import io.pitwall.server.inventory.persistence.VehicleWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, for one chunk of an import, what happens to each vehicle given what is stored: create it,
 * update it, leave it (content equal), or reject it because one of its ECU serials belongs to another
 * vehicle. Lines are judged in input order as if applied one by one, so a serial released by an earlier
 * line of the chunk may be taken by a later one. The chunk holds each VIN at most once.
 */
public final class ChunkPlan {

    private final List<Vehicle> inserts = new ArrayList<>();
    private final List<VehicleWriter.Update> updates = new ArrayList<>();
    private final List<RejectedLine> rejections = new ArrayList<>();
    private int unchanged;

    private ChunkPlan() {}

    /**
     * @param stored the stored vehicles among the chunk's VINs
     * @param owners the current owner of every ECU serial the chunk's lines name
     */
    public static ChunkPlan of(
            List<ImportLine.Parsed> lines, Map<Vin, RegisteredVehicle> stored, Map<String, Vin> owners) {
        var plan = new ChunkPlan();
        Map<String, Vin> owner = new HashMap<>(owners);
        for (ImportLine.Parsed line : lines) {
            Vehicle vehicle = line.vehicle();
            String taken = takenSerial(vehicle, owner);
            if (taken != null) {
                plan.rejections.add(new RejectedLine(
                        line.line(),
                        vehicle.vin().value(),
                        "ecu-serial-taken",
                        "ECU serial " + taken + " belongs to vehicle " + owner.get(taken)));
                continue;
            }
            RegisteredVehicle before = stored.get(vehicle.vin());
            if (before == null) {
                plan.inserts.add(vehicle);
            } else if (before.vehicle().equals(vehicle)) {
                plan.unchanged++;
            } else {
                plan.updates.add(new VehicleWriter.Update(vehicle, before.version()));
                before.vehicle().ecus().forEach(e -> owner.remove(e.serial(), vehicle.vin()));
            }
            vehicle.ecus().forEach(e -> owner.put(e.serial(), vehicle.vin()));
        }
        return plan;
    }

    /** A chunk none of whose lines landed, each rejected with the same code and reason. */
    public static ChunkPlan rejectAll(List<ImportLine.Parsed> lines, String code, String reason) {
        var plan = new ChunkPlan();
        lines.forEach(line -> plan.rejections.add(
                new RejectedLine(line.line(), line.vehicle().vin().value(), code, reason)));
        return plan;
    }

    private static String takenSerial(Vehicle vehicle, Map<String, Vin> owner) {
        for (Ecu ecu : vehicle.ecus()) {
            Vin current = owner.get(ecu.serial());
            if (current != null && !current.equals(vehicle.vin())) {
                return ecu.serial();
            }
        }
        return null;
    }

    public List<Vehicle> inserts() {
        return inserts;
    }

    public List<VehicleWriter.Update> updates() {
        return updates;
    }

    public List<RejectedLine> rejections() {
        return rejections;
    }

    public int unchanged() {
        return unchanged;
    }
}
