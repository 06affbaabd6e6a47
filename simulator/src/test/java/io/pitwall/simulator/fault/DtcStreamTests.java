package io.pitwall.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.protocol.dtc.DecodedDtcs;
import io.pitwall.protocol.dtc.DtcDecoder;
import io.pitwall.protocol.dtc.SourceFormat;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DtcStreamTests {

    private static final long HOUR = DtcStream.HOUR_MILLIS;
    private static final long START = 1_780_000_000_000L;
    private static final DtcStreams BACKGROUND =
            new DtcStreams(Map.of("BMS", 0.5, "TELEMATICS", 2.0), 0, 2, 0, List.of());

    @Test
    void aSeedGivesTheSameReportsHoweverOftenTheVehicleTicks() {
        List<DtcReport> hourly = run(BACKGROUND, 7, 100, 1, "3.1.0");
        List<DtcReport> once = run(BACKGROUND, 7, 100, 100 * 24, "3.1.0");

        assertThat(once).isEqualTo(hourly);
        assertThat(count(hourly, "BMS7-1")).isEqualTo(46);
        assertThat(count(hourly, "TCU5-1")).isEqualTo(213);
        assertThat(run(BACKGROUND, 8, 100, 1, "3.1.0")).as("another seed").isNotEqualTo(hourly);
    }

    @Test
    void backgroundRatesArePerEcuTypeAcrossSeeds() {
        long bms = 0;
        long tcu = 0;
        long ivi = 0;
        for (long seed = 1; seed <= 20; seed++) {
            List<DtcReport> reports = run(BACKGROUND, seed, 100, 24, "3.1.0");
            bms += count(reports, "BMS7-1");
            tcu += count(reports, "TCU5-1");
            ivi += count(reports, "IVI3-1");
        }
        // 20 x 100 ECU-days: means 1,000 and 4,000; the bounds are about 4 standard deviations.
        assertThat(bms).isBetween(870L, 1130L);
        assertThat(tcu).isBetween(3750L, 4250L);
        assertThat(ivi).as("a type without a rate reports nothing").isZero();
    }

    @Test
    void aBadImageRaisesTheRateOnlyWhileTheEcuRunsItAndLeavesTheBackgroundAsItWas() {
        var bad = BACKGROUND.withBadImages(List.of(new DtcStreams.BadImage("BMS-HW-7", "3.2.0", 6, null)));
        AtomicReference<String> version = new AtomicReference<>("3.1.0");
        List<DtcReport> reports = new ArrayList<>();
        DtcStream stream = new DtcStream(bad, 7, ecus(version), START);
        stream.emit(START + 50 * 24 * HOUR + HOUR, reports::add);
        int before = reports.size();
        version.set("3.2.0");
        stream.emit(START + 100 * 24 * HOUR + HOUR, reports::add);

        List<DtcReport> badOnes = reports.subList(before, reports.size()).stream()
                .filter(r -> r.ecuSerial().equals("BMS7-1"))
                .toList();
        List<DtcReport> background = run(BACKGROUND, 7, 100, 1, "3.1.0");
        assertThat(count(reports.subList(0, before), "BMS7-1"))
                .as("old image: background only")
                .isEqualTo(count(background.subList(0, before), "BMS7-1"));
        assertThat(badOnes.size()).as("about 50 days x 6.5 a day").isBetween(270, 380);
        assertThat(badOnes.stream()
                        .filter(r -> decode(r).faults().get(0).dtc().display().equals("P0A80-1B"))
                        .count())
                .as("the bad image's code: the first usual BMS code")
                .isGreaterThan(badOnes.size() * 3L / 4);
        assertThat(reports)
                .containsAll(background.stream()
                        .filter(r -> r.ecuSerial().equals("TCU5-1"))
                        .toList());
        assertThat(stream.faultReports()).isEqualTo(reports.size());
    }

    @Test
    void burstsRepeatAFaultAndClearsEmptyTheFaultMemory() {
        var flapping = new DtcStreams(Map.of("BMS", 2.0), 1, 3, 1, List.of());
        List<DtcReport> reports = run(flapping, 3, 30, 1, "3.1.0");
        List<DtcReport> faults = reports.stream().filter(r -> !r.isClear()).toList();

        assertThat(faults).hasSizeGreaterThan(20);
        assertThat(faults.size() % 3).as("every fault three times").isZero();
        for (int i = 0; i < faults.size(); i += 3) {
            assertThat(faults.subList(i, i + 3))
                    .as("a burst repeats one report")
                    .containsOnly(faults.get(i));
        }
        assertThat(reports.get(reports.size() - 1).isClear()).isTrue();
        assertThat(decode(reports.get(reports.size() - 1)).faults())
                .as("a clear is an empty report")
                .isEmpty();
    }

    @Test
    void everyReportIsOneOfTheThreeRawFormatsAndDecodesToAUsualCodeOfItsEcu() {
        List<DtcReport> reports = run(BACKGROUND, 11, 60, 5, "3.1.0");
        Set<SourceFormat> formats = EnumSet.noneOf(SourceFormat.class);
        for (DtcReport report : reports) {
            DecodedDtcs decoded = decode(report);
            formats.add(decoded.format());
            assertThat(decoded.faults()).hasSize(1);
            String type = report.ecuSerial().startsWith("BMS") ? "BMS" : "TELEMATICS";
            assertThat(DtcReport.usual(type))
                    .contains(decoded.faults().get(0).dtc().display());
        }
        assertThat(formats).containsExactlyInAnyOrder(SourceFormat.values());
    }

    @Test
    void aScenarioFileConfiguresTheStreamsAndRefusesMistakes() {
        Scenario scenario = Scenario.parse("""
                {"faults": {"dtcs": {"backgroundPerDay": {"BMS": 0.05}, "burstShare": 0.1, "burstReports": 3,
                  "clearShare": 0.2, "badImages": [{"hardwareId": "BMS-HW-8", "version": "4.1.0", "perDay": 2}]}}}""", "dtcs.json");

        DtcStreams dtcs = scenario.faults().dtcs();
        assertThat(dtcs.background("BMS")).isEqualTo(0.05);
        assertThat(dtcs.burstReports()).isEqualTo(3);
        assertThat(dtcs.badImage("BMS-HW-8", "4.1.0")).isEqualTo(new DtcStreams.BadImage("BMS-HW-8", "4.1.0", 2, null));
        assertThat(dtcs.badImage("BMS-HW-8", "4.0.2")).isNull();
        DtcStreams shipped = Scenario.load(java.nio.file.Path.of("scenarios", "bad-bms-image.json"))
                .faults()
                .dtcs();
        assertThat(shipped.badImage("BMS-HW-8", "4.1.0").perDay()).isEqualTo(2);
        assertThat(shipped.background("TELEMATICS")).isEqualTo(0.2);
        assertThatThrownBy(() -> Scenario.parse("{\"faults\": {\"dtcs\": {\"backgroundPerDy\": {}}}}", "t.json"))
                .hasMessageContaining("backgroundPerDy");
        assertThatThrownBy(() ->
                        Scenario.parse("{\"faults\": {\"dtcs\": {\"backgroundPerDay\": {\"BMS\": -1}}}}", "r.json"))
                .hasMessageContaining("faults per day");
        assertThatThrownBy(() -> Scenario.parse(
                        "{\"faults\": {\"dtcs\": {\"badImages\": [{\"hardwareId\": "
                                + "\"BMS-HW-8\", \"version\": \"4.1.0\", \"perDay\": 1, \"code\": \"X0A80\"}]}}}",
                        "c.json"))
                .hasMessageContaining("not a J2012 system letter");
    }

    private static List<DtcReport> run(DtcStreams config, long seed, int days, int hoursPerTick, String bmsVersion) {
        List<DtcReport> reports = new ArrayList<>();
        DtcStream stream = new DtcStream(config, seed, ecus(new AtomicReference<>(bmsVersion)), START);
        for (long t = START; t <= START + days * 24 * HOUR + HOUR; t += hoursPerTick * HOUR) {
            stream.emit(t, reports::add);
        }
        stream.emit(START + days * 24 * HOUR + HOUR, reports::add);
        return reports;
    }

    private static List<DtcStream.Ecu> ecus(AtomicReference<String> bmsVersion) {
        return List.of(
                new DtcStream.Ecu("BMS7-1", "BMS", "BMS-HW-7", bmsVersion::get),
                new DtcStream.Ecu("TCU5-1", "TELEMATICS", "TCU-HW-5", () -> "5.6.2"),
                new DtcStream.Ecu("IVI3-1", "INFOTAINMENT", "IVI-HW-3", () -> "12.4.1"));
    }

    private static long count(List<DtcReport> reports, String serial) {
        return reports.stream().filter(r -> r.ecuSerial().equals(serial)).count();
    }

    private static DecodedDtcs decode(DtcReport report) {
        return DtcDecoder.decodeReport(report.code(), report.detail());
    }
}
