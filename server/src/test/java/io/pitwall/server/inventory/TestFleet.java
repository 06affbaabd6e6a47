package io.pitwall.server.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test vehicles: fresh VINs (unique within the JVM, so tests sharing a database stay independent) and
 * vehicles as domain records, JSON maps, JSON Lines and CSV rows.
 */
public final class TestFleet {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";
    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private TestFleet() {}

    /** A new valid VIN never returned before in this JVM. */
    public static String vin() {
        long n = NEXT.incrementAndGet();
        char[] chars = "TST00000000000000".toCharArray();
        for (int i = 16; i >= 3 && n > 0; i--) {
            chars[i] = ALPHABET.charAt((int) (n % ALPHABET.length()));
            n /= ALPHABET.length();
        }
        return new String(chars);
    }

    /** A vehicle with {@code ecus} ECUs on hardware {@code hw-<i>}, the first one primary. */
    public static Map<String, Object> vehicle(String vin, String model, int ecus) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("vin", vin);
        v.put("model", model);
        v.put("modelYear", 2024);
        v.put("region", "EU");
        v.put("market", "DE");
        v.put("customerType", "RETAIL");
        v.put("connectivity", "LTE");
        v.put("attributes", Map.of("trim", "GTS"));
        v.put("tags", List.of("pilot"));
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < ecus; i++) {
            list.add(ecu(vin + "-" + i, "GATEWAY", "hw-" + i, "1.0." + i, i == 0));
        }
        v.put("ecus", list);
        return v;
    }

    public static Map<String, Object> ecu(
            String serial, String type, String hardwareId, String version, boolean primary) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("serial", serial);
        e.put("type", type);
        e.put("hardwareId", hardwareId);
        e.put("softwareVersion", version);
        e.put("updatePolicy", "REMOTE");
        e.put("primary", primary);
        return e;
    }

    /** The same vehicle as a domain record. */
    public static Vehicle record(String vin, String model, int ecus) {
        List<Ecu> list = new ArrayList<>();
        for (int i = 0; i < ecus; i++) {
            list.add(new Ecu(
                    vin + "-" + i, EcuType.GATEWAY, "hw-" + i, null, "1.0." + i, null, UpdatePolicy.REMOTE, i == 0));
        }
        return new Vehicle(
                new Vin(vin), model, 2024, "EU", "DE", "RETAIL", "LTE", Map.of("trim", "GTS"), Set.of("pilot"), list);
    }

    public static final String CSV_HEADER = "vin,model,modelYear,region,market,customerType,connectivity,tags,"
            + "attr.trim,ecuSerial,ecuType,hardwareId,hardwareVariant,softwareVersion,imageHash,updatePolicy,primary";

    /** The CSV rows (no header) of a vehicle like {@link #vehicle}, one per ECU, each ending in a newline. */
    public static String csvRows(String vin, String model, int ecus) {
        var rows = new StringBuilder();
        for (int i = 0; i < ecus; i++) {
            rows.append(vin)
                    .append(',')
                    .append(model)
                    .append(",2024,EU,DE,RETAIL,LTE,pilot,GTS,")
                    .append(vin)
                    .append('-')
                    .append(i)
                    .append(",GATEWAY,hw-")
                    .append(i)
                    .append(",,1.0.")
                    .append(i)
                    .append(",,REMOTE,")
                    .append(i == 0)
                    .append('\n');
        }
        return rows.toString();
    }
}
