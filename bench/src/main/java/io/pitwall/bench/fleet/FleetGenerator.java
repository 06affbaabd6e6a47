package io.pitwall.bench.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic fleet: vehicle {@code n} (its VIN, attributes and ECUs with installed firmware) depends
 * only on the seed and {@code n}, so every run and every machine loads the same data.
 */
public final class FleetGenerator {

    /** One ECU as the inventory stores it. */
    public record Ecu(
            String serial,
            String ecuType,
            String hardwareId,
            String hardwareVariant,
            String softwareVersion,
            String imageHash,
            String updatePolicy,
            boolean primary) {}

    /** One vehicle with its ECUs. */
    public record Vehicle(
            String vin,
            String model,
            int modelYear,
            String region,
            String market,
            String customerType,
            String connectivity,
            Map<String, String> attributes,
            List<String> tags,
            List<Ecu> ecus) {}

    private static final String VIN_CHARS = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";
    private static final String[] MODELS = {"Aurora", "Bolt-X", "Cirrus", "Delta", "Ember"};
    private static final String[] REGIONS = {"EU", "NA", "APAC", "LATAM"};
    private static final String[] MARKETS = {"DE", "FR", "US", "CA", "JP", "BR", "GB"};
    private static final String[] CUSTOMERS = {"private", "fleet", "rental", "internal"};
    private static final String[] CONNECTIVITY = {"lte", "5g", "wifi-only"};
    /** Names of the inventory's ECU types; the first is the primary. */
    private static final String[] ECU_TYPES = {
        "GATEWAY", "TELEMATICS", "BMS", "ADAS", "INFOTAINMENT", "BODY", "POWERTRAIN"
    };

    private static final String[] VERSIONS = {"1.0.0", "1.1.0", "1.2.3", "2.0.0", "2.0.1", "2.1.0"};

    private final long seed;
    private final int ecusPerVehicle;

    public FleetGenerator(long seed, int ecusPerVehicle) {
        if (ecusPerVehicle < 1 || ecusPerVehicle > ECU_TYPES.length) {
            throw new IllegalArgumentException("1 to " + ECU_TYPES.length + " ECUs per vehicle");
        }
        this.seed = seed;
        this.ecusPerVehicle = ecusPerVehicle;
    }

    public Vehicle vehicle(long n) {
        var random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + n);
        String model = MODELS[random.nextInt(MODELS.length)];
        int year = 2019 + random.nextInt(7);
        String vin = vin(n, year);
        List<Ecu> ecus = new ArrayList<>(ecusPerVehicle);
        for (int k = 0; k < ecusPerVehicle; k++) {
            String type = ECU_TYPES[k];
            int variant = random.nextInt(3);
            String hardwareId =
                    type.substring(0, 3) + "-" + model.substring(0, 2).toUpperCase() + "-" + (100 + variant);
            String version = VERSIONS[random.nextInt(VERSIONS.length)];
            String imageHash = String.format(
                    "%016x%016x%016x%016x", random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
            ecus.add(new Ecu(
                    vin + "-" + type,
                    type,
                    hardwareId,
                    "rev-" + (char) ('A' + variant),
                    version,
                    imageHash,
                    random.nextInt(10) == 0 ? "SERVICE_ONLY" : "REMOTE",
                    k == 0));
        }
        String customer = CUSTOMERS[random.nextInt(CUSTOMERS.length)];
        return new Vehicle(
                vin,
                model,
                year,
                REGIONS[random.nextInt(REGIONS.length)],
                MARKETS[random.nextInt(MARKETS.length)],
                customer,
                CONNECTIVITY[random.nextInt(CONNECTIVITY.length)],
                Map.of("trim", random.nextBoolean() ? "base" : "premium", "color", "c" + random.nextInt(12)),
                "internal".equals(customer) ? List.of("pilot") : List.of(),
                ecus);
    }

    /**
     * A valid 17-character VIN, unique per {@code n}: the vehicle number spelled in VIN characters in the
     * descriptor and serial positions, the model year code at position 10 and the ISO 3779 check digit at 9.
     */
    static String vin(long n, int modelYear) {
        char[] vin = new char[17];
        vin[0] = 'W';
        vin[1] = 'P';
        vin[2] = 'W';
        long rest = n;
        int[] positions = {16, 15, 14, 13, 12, 11, 10, 7, 6, 5, 4, 3};
        for (int position : positions) {
            vin[position] = VIN_CHARS.charAt((int) (rest % VIN_CHARS.length()));
            rest /= VIN_CHARS.length();
        }
        if (rest != 0) {
            throw new IllegalArgumentException("vehicle number too large for a VIN: " + n);
        }
        vin[9] = "KLMNPRSTVWXY".charAt((modelYear - 2019) % 12);
        vin[8] = '0';
        vin[8] = checkDigit(vin);
        return new String(vin);
    }

    private static char checkDigit(char[] vin) {
        int[] weights = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += value(vin[i]) * weights[i];
        }
        int check = sum % 11;
        return check == 10 ? 'X' : (char) ('0' + check);
    }

    private static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return "12345678_12345_7_923456789".charAt(c - 'A') - '0';
    }
}
