package io.pitwall.bench.jmh;

import io.pitwall.protocol.device.DeviceJson;
import io.pitwall.protocol.dtc.DecodedDtcs;
import io.pitwall.protocol.dtc.Dtc;
import io.pitwall.protocol.dtc.DtcDecoder;
import io.pitwall.protocol.dtc.DtcFault;
import io.pitwall.server.diagnostics.FaultObservation;
import io.pitwall.server.diagnostics.SeverityRule;
import io.pitwall.server.diagnostics.internal.RuleEngine;
import io.pitwall.server.diagnostics.internal.RuleSetParser;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What the server does with every DTC event before storing it (issue 6: at least 200,000 events/s on one
 * core): decode the raw report ({@link DtcDecoder#decodeReport}, as ingestion calls it) into the stable
 * schema and classify each fault with an active rule set of 12 rules ({@link RuleEngine}, codes, prefixes,
 * ECU types, status bits, a count window and an after-update window). One operation is one event; the mix
 * is a third each of UDS 0x19 0x02 bytes, J2012 text and OEM JSON, and each format alone is measured too.
 * Score in microseconds per event: 200,000 events/s is 5 us.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DtcNormalizeClassifyBenchmark {

    static final int EVENTS = 999;
    private static final String[] CODES = {
        "P0A80-1B",
        "P0AFA-16",
        "U0100-87",
        "B1A01-13",
        "C1A00-29",
        "U0428-00",
        "U0001-88",
        "P0300-00",
        "B1D00-15",
        "C0561-71",
        "U0184-87",
        "P0A7F-00"
    };
    private static final String[] TYPES = {
        "BMS",
        "BMS",
        "TELEMATICS",
        "INFOTAINMENT",
        "ADAS",
        "ADAS",
        "GATEWAY",
        "BMS",
        "TELEMATICS",
        "ADAS",
        "INFOTAINMENT",
        "BMS"
    };
    private static final Instant AT = Instant.parse("2026-11-20T08:15:00Z");
    private final String[][] mixed = events(0, 3);
    private final String[][] uds = events(0, 1);
    private final String[][] j2012 = events(1, 1);
    private final String[][] oem = events(2, 1);
    private final String[] ecuTypes = new String[EVENTS];
    private final List<SeverityRule> rules =
            RuleSetParser.parse(DeviceJson.mapper().readTree(RULES)).rules();

    public DtcNormalizeClassifyBenchmark() {
        for (int i = 0; i < EVENTS; i++) {
            ecuTypes[i] = TYPES[i % TYPES.length];
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int mixedFormats() {
        return run(mixed);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int udsOnly() {
        return run(uds);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int j2012Only() {
        return run(j2012);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int oemJsonOnly() {
        return run(oem);
    }

    private int run(String[][] events) {
        int classified = 0;
        for (int i = 0; i < events.length; i++) {
            DecodedDtcs decoded = DtcDecoder.decodeReport(events[i][0], events[i][1]);
            for (DtcFault fault : decoded.faults()) {
                var observation = new FaultObservation(
                        "PWSBENCH000000001",
                        "ECU-" + (i & 7),
                        ecuTypes[i],
                        "1.0.0",
                        fault.dtc().baseCode(),
                        fault.dtc().display(),
                        fault.status() == null ? null : fault.status().mask(),
                        AT);
                if (RuleEngine.classify(rules, observation, List.of(observation), List.of())
                        .isPresent()) {
                    classified++;
                }
            }
        }
        return classified;
    }

    /** Events as {code, detail} pairs, formats from {@code first} in steps of {@code formats}. */
    static String[][] events(int first, int formats) {
        SplittableRandom random = new SplittableRandom(6);
        String[][] out = new String[EVENTS][];
        for (int i = 0; i < EVENTS; i++) {
            Dtc dtc = Dtc.parse(CODES[random.nextInt(CODES.length)]);
            int status = random.nextBoolean() ? 0x2F : 0x09;
            int format = formats == 1 ? first : (first + i) % formats;
            out[i] = switch (format) {
                case 0 ->
                    new String[] {
                        null,
                        DtcDecoder.UDS_PREFIX
                                + String.format(
                                        "59 02 FF %02X %02X %02X %02X",
                                        dtc.code() >>> 8, dtc.code() & 0xFF, dtc.failureType(), status)
                    };
                case 1 -> new String[] {dtc.display(), null};
                default ->
                    new String[] {
                        null,
                        String.format(
                                "{\"ecu\":\"BMS7-000123\",\"dtcs\":[{\"code\":\"%s\","
                                        + "\"status\":\"0x%02X\",\"severity\":\"0x40\"}],\"vehicleState\":{\"Vehicle.Speed\":0.0}}",
                                dtc.display(), status)
                    };
            };
        }
        return out;
    }

    static final String RULES = """
            {"name": "bench", "rules": [
             {"id": "hv-battery", "match": {"codes": ["P0A80"], "ecuTypes": ["BMS"], "statusBits": ["confirmedDTC"]},
              "class": "safety-sensitive", "team": "engineering", "sla": "PT4H", "nextAction": "Call the driver"},
             {"id": "after-update", "match": {"codes": ["P0A*"], "afterUpdate": {"withinDays": 7}},
              "class": "campaign-related", "team": "release", "sla": "P1D", "nextAction": "Check the campaign"},
             {"id": "repeated-comm", "match": {"codes": ["U01*"], "count": {"atLeast": 3, "within": "P7D"}},
              "class": "service-needed", "team": "maintenance", "sla": "P3D", "nextAction": "Book a workshop"},
             {"id": "bus-off", "match": {"codes": ["U0001-88"]}, "class": "service-needed", "team": "maintenance",
              "sla": "P3D", "nextAction": "Check the CAN bus"},
             {"id": "adas-sensor", "match": {"codes": ["C1A*", "U0428"], "ecuTypes": ["ADAS"]},
              "class": "safety-sensitive", "team": "engineering", "sla": "PT8H", "nextAction": "Disable lane keeping"},
             {"id": "misfire", "match": {"codes": ["P030*"]}, "class": "service-needed", "team": "maintenance",
              "sla": "P2D", "nextAction": "Book a workshop"},
             {"id": "brake", "match": {"codes": ["C05*"], "statusBits": ["testFailed"]}, "class": "safety-sensitive",
              "team": "engineering", "sla": "PT2H", "nextAction": "Call the driver"},
             {"id": "ivi-radio", "match": {"codes": ["U0184"], "ecuTypes": ["INFOTAINMENT"]},
              "class": "customer-visible", "team": "support", "sla": "P7D", "nextAction": "Send a how-to"},
             {"id": "ivi-body", "match": {"codes": ["B1A*"]}, "class": "customer-visible", "team": "support",
              "sla": "P7D", "nextAction": "Send a how-to"},
             {"id": "telematics", "match": {"codes": ["B1D*"], "ecuTypes": ["TELEMATICS"]},
              "class": "engineering-investigation", "team": "engineering", "sla": "P5D", "nextAction": "Pull logs"},
             {"id": "pending-only", "match": {"statusBits": ["pendingDTC"]}, "class": "informational",
              "team": "support", "sla": "P14D", "nextAction": "Watch"},
             {"id": "anything", "match": {"codes": ["P*"]}, "class": "informational", "team": "support",
              "sla": "P14D", "nextAction": "Watch"}
            ]}""";
}
