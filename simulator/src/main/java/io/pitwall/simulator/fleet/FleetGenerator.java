package io.pitwall.simulator.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGenerator.SplittableGenerator;

/**
 * Draws a fleet. Each vehicle draws from its own generator split off {@code random} in order, so vehicle
 * {@code i} is the same whatever the fleet size. VINs are {@code PWS} + a 5-character tag + a 9-digit
 * number: ISO 3779 characters, unique per tag.
 */
public final class FleetGenerator {

    /** The ISO 3779 VIN alphabet: digits and letters without I, O and Q. */
    static final String VIN_ALPHABET = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";

    private static final int FIRST_MODEL_YEAR = 2021;
    private static final int MODEL_YEARS = 6;

    private FleetGenerator() {}

    public static Fleet generate(SplittableGenerator random, String vinTag, int count, FleetMix mix) {
        if (count < 0 || count > 999_999_999) {
            throw new IllegalArgumentException("between 0 and 999,999,999 vehicles");
        }
        if (vinTag.length() != 5 || !vinTag.chars().allMatch(c -> VIN_ALPHABET.indexOf(c) >= 0)) {
            throw new IllegalArgumentException("a VIN tag is 5 characters of the VIN alphabet");
        }
        List<VehicleSpec> vehicles = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            vehicles.add(vehicle(random.split(), "PWS" + vinTag + String.format("%09d", i), mix));
        }
        return new Fleet(vehicles);
    }

    /** A 5-character VIN tag drawn from {@code random}. */
    public static String vinTag(RandomGenerator random) {
        StringBuilder tag = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            tag.append(VIN_ALPHABET.charAt(random.nextInt(VIN_ALPHABET.length())));
        }
        return tag.toString();
    }

    private static VehicleSpec vehicle(RandomGenerator random, String vin, FleetMix mix) {
        VehicleModel model = Weighted.pick(mix.models(), random);
        Region region = Weighted.pick(mix.regions(), random);
        String market = region.markets().get(random.nextInt(region.markets().size()));
        int year = FIRST_MODEL_YEAR + random.nextInt(MODEL_YEARS);
        String customer =
                model.customerTypes().get(random.nextInt(model.customerTypes().size()));
        List<EcuSpec> ecus = new ArrayList<>();
        for (EcuHardware hardware : model.hardware()) {
            String variant =
                    hardware.variants().get(random.nextInt(hardware.variants().size()));
            Firmware firmware = Weighted.pick(
                    hardware.firmware().stream()
                            .map(f -> new Weighted<>(f, f.weight()))
                            .toList(),
                    random);
            // The telematics unit talks to the backend: it is the vehicle's primary ECU.
            boolean primary =
                    hardware.type().equals("TELEMATICS") && ecus.stream().noneMatch(EcuSpec::primary);
            ecus.add(new EcuSpec(
                    hardware.serialPrefix() + "-" + vin.substring(3), hardware, variant, firmware, primary));
        }
        return new VehicleSpec(vin, model, year, region, market, customer, mix.tags(), ecus);
    }
}
