package io.pitwall.server.inventory.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.server.inventory.ImportLine;
import io.pitwall.server.inventory.TestFleet;
import io.pitwall.server.shared.ApiException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvVehicleSourceTests {

    private static final String HEADER = TestFleet.CSV_HEADER + "\n";

    @Test
    void groupsAdjacentRowsOfAVinIntoOneVehicle() throws IOException {
        String a = TestFleet.vin();
        String b = TestFleet.vin();
        var lines = read(HEADER + TestFleet.csvRows(a, "Taycan", 3) + TestFleet.csvRows(b, "Macan", 2));

        assertThat(lines).hasSize(2);
        var first = (ImportLine.Parsed) lines.get(0);
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.vehicle()).isEqualTo(TestFleet.record(a, "Taycan", 3));
        var second = (ImportLine.Parsed) lines.get(1);
        assertThat(second.line()).isEqualTo(5);
        assertThat(second.vehicle().ecus()).hasSize(2);
    }

    @Test
    void aRowWithEmptyEcuColumnsIsAVehicleWithoutEcusAndContinuationRowsMayLeaveVehicleColumnsEmpty()
            throws IOException {
        String a = TestFleet.vin();
        String b = TestFleet.vin();
        var lines = read(HEADER + a + ",Taycan,2024,EU,DE,RETAIL,LTE,,,,,,,,,,\n"
                + b + ",Macan,2023,NA,US,FLEET,WIFI,,,S-" + b + "-1,BMS,hw,,1,,REMOTE,\n"
                + b + ",,,,,,,,,S-" + b + "-2,ADAS,hw,,1,,SERVICE_ONLY,true\n");

        assertThat(((ImportLine.Parsed) lines.get(0)).vehicle().ecus()).isEmpty();
        var macan = ((ImportLine.Parsed) lines.get(1)).vehicle();
        assertThat(macan.ecus()).extracting(e -> e.serial()).containsExactly("S-" + b + "-1", "S-" + b + "-2");
        assertThat(macan.tags()).isEmpty();
        assertThat(macan.modelYear()).isEqualTo(2023);
    }

    @Test
    void rejectsAVehicleAtTheRowWhereItsProblemIs() throws IOException {
        String a = TestFleet.vin();
        String b = TestFleet.vin();
        String badType = TestFleet.csvRows(a, "Taycan", 3).replaceFirst("(?s)(.*?\n.*?),GATEWAY,", "$1,TOASTER,");
        String inconsistent = TestFleet.csvRows(b, "Macan", 2).replaceFirst("(?s)(.*?\n[^,]*),Macan,", "$1,Cayenne,");
        var lines = read(HEADER + badType + inconsistent);

        assertThat(lines).extracting(ImportLine::line).containsExactly(3L, 6L);
        assertThat(lines).allSatisfy(l -> assertThat(l).isInstanceOf(ImportLine.Unreadable.class));
        assertThat(((ImportLine.Unreadable) lines.get(0)).code()).isEqualTo("unknown-ecu-type");
        assertThat(((ImportLine.Unreadable) lines.get(1)).code()).isEqualTo("inconsistent-vehicle-rows");
    }

    @Test
    void rejectsRowsWithTheWrongNumberOfFields() throws IOException {
        var lines = read(HEADER + TestFleet.vin() + ",Taycan,2024\n");
        assertThat(((ImportLine.Unreadable) lines.get(0)).code()).isEqualTo("invalid-csv-row");
    }

    @Test
    void quotedFieldsMayHoldCommasAndQuotesButNotALineBreak() throws IOException {
        String a = TestFleet.vin();
        String b = TestFleet.vin();
        var lines = read(HEADER + a + ",\"Taycan, 4S\",2024,EU,DE,RETAIL,LTE,,\"say \"\"GTS\"\"\",S-" + a
                + ",BMS,hw,,1,,REMOTE,\n"
                + b + ",M,2024,EU,DE,RETAIL,LTE,,\"two\nlines\",S-" + b + ",BMS,hw,,1,,REMOTE,\n"
                + TestFleet.csvRows(TestFleet.vin(), "M", 1));
        var taycan = ((ImportLine.Parsed) lines.get(0)).vehicle();
        assertThat(taycan.model()).isEqualTo("Taycan, 4S");
        assertThat(taycan.attributes()).containsEntry("trim", "say \"GTS\"");
        var broken = (ImportLine.Unreadable) lines.get(1);
        assertThat(broken.code()).as("no inventory field holds a line break").isEqualTo("malformed-csv");
        assertThat(broken.vin()).isEqualTo(b);
        assertThat(broken.line()).isEqualTo(3);
        assertThat(((ImportLine.Unreadable) lines.get(2)).line())
                .as("the rest of the broken field")
                .isEqualTo(4);
        assertThat(lines.get(3)).isInstanceOf(ImportLine.Parsed.class);
        assertThat(lines.get(3).line()).isEqualTo(5);
    }

    @Test
    void aSyntaxErrorRejectsTheVehicleOfItsRowAndTheImportReadsOn() throws IOException {
        String a = TestFleet.vin();
        String b = TestFleet.vin();
        String c = TestFleet.vin();
        var lines = read(HEADER
                + TestFleet.csvRows(a, "Taycan", 1)
                + TestFleet.csvRows(b, "Taycan", 3)
                        .replace(
                                ",Taycan,2024,EU,DE,RETAIL,LTE,pilot,GTS," + b + "-1,",
                                ",\"Tay\"can,2024,EU,DE,RETAIL,LTE,pilot,GTS," + b + "-1,")
                + TestFleet.csvRows(c, "Taycan", 2));

        assertThat(lines).extracting(ImportLine::line).containsExactly(2L, 4L, 6L);
        var broken = (ImportLine.Unreadable) lines.get(1);
        assertThat(broken.code()).isEqualTo("malformed-csv");
        assertThat(broken.vin()).isEqualTo(b);
        assertThat(broken.reason()).contains("Field 2 has text after its closing quote");
        assertThat(((ImportLine.Parsed) lines.get(2)).vehicle()).isEqualTo(TestFleet.record(c, "Taycan", 2));
    }

    @Test
    void aRowLongerThanTheLimitRejectsTheVehicleNamedAtItsStart() throws IOException {
        String a = TestFleet.vin();
        String b = TestFleet.vin();
        var lines = read(HEADER + TestFleet.csvRows(a, "Taycan", 1).replace(",GTS,", ",\"" + "x".repeat(20_000) + "\",")
                + TestFleet.csvRows(a, "Taycan", 2).lines().skip(1).findFirst().orElseThrow() + "\n"
                + TestFleet.csvRows(b, "Taycan", 1));

        assertThat(lines).extracting(ImportLine::line).containsExactly(2L, 4L);
        var tooLong = (ImportLine.Unreadable) lines.get(0);
        assertThat(tooLong.code()).isEqualTo("line-too-long");
        assertThat(tooLong.vin()).isEqualTo(a);
        assertThat(lines.get(1)).isInstanceOf(ImportLine.Parsed.class);
    }

    @Test
    void aRowsUnclosedQuoteEndsAtItsLine() throws IOException {
        String a = TestFleet.vin();
        var lines = read(HEADER + a + ",\"Taycan,2024\n" + TestFleet.csvRows(TestFleet.vin(), "Taycan", 1));
        assertThat(((ImportLine.Unreadable) lines.get(0)).reason()).contains("not closed on its line");
        assertThat(lines.get(1)).isInstanceOf(ImportLine.Parsed.class);
    }

    @Test
    void aHeaderThatIsNotValidCsvIsRefused() {
        assertThatThrownBy(() -> read("vin,\"model\n"))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("invalid-csv-header"));
    }

    @Test
    void refusesHeadersWithUnknownMissingOrRepeatedColumns() {
        for (String header : List.of(
                "vin,model\n",
                TestFleet.CSV_HEADER + ",colour\n",
                TestFleet.CSV_HEADER + ",vin\n",
                TestFleet.CSV_HEADER + ",attr.bad name\n")) {
            assertThatThrownBy(() -> read(header))
                    .as(header)
                    .isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("invalid-csv-header"));
        }
        assertThatThrownBy(() -> read(""))
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("empty-import"));
    }

    private static List<ImportLine> read(String csv) throws IOException {
        var source = CsvVehicleSource.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), 10_000);
        List<ImportLine> lines = new ArrayList<>();
        for (var line = source.next(); line != null; line = source.next()) {
            lines.add(line);
        }
        return lines;
    }
}
