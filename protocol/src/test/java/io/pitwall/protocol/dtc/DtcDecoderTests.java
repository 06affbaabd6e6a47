package io.pitwall.protocol.dtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.protocol.device.LowVoltageSystemState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DtcDecoderTests {

    @Test
    void oemJsonWithAListCarriesStatusSeverityEcuAndVehicleState() {
        DecodedDtcs decoded = OemDtcJson.parse("""
                {"ecu":"BMS-0001","dtcs":[{"code":"P0A80-1B","status":"0x2F","severity":"40"},{"code":"u0100",
                "status":9}],"vehicleState":{"Vehicle.Speed":12.5,"Vehicle.LowVoltageSystemState":"ON"},"extra":1}""");
        assertThat(decoded.format()).isEqualTo(SourceFormat.OEM_JSON);
        assertThat(decoded.ecu()).isEqualTo("BMS-0001");
        assertThat(decoded.faults()).extracting(f -> f.dtc().display()).containsExactly("P0A80-1B", "U0100");
        assertThat(decoded.faults().get(0).status().mask()).isEqualTo(0x2F);
        assertThat(decoded.faults().get(0).severity().checkAtNextHalt()).isTrue();
        assertThat(decoded.faults().get(1).severity()).isNull();
        assertThat(decoded.vehicleState().speedKmh()).isEqualTo(12.5);
        assertThat(decoded.vehicleState().lowVoltageSystemState()).isEqualTo(LowVoltageSystemState.ON);
    }

    @Test
    void oemJsonMayGiveOneFaultFlat() {
        DecodedDtcs decoded = OemDtcJson.parse("{\"ecu\":\"BMS\",\"code\":\"P0A80\",\"status\":\"0x2F\"}");
        assertThat(decoded.faults()).singleElement().satisfies(f -> {
            assertThat(f.dtc().hex()).isEqualTo("0A80");
            assertThat(f.status().pendingDTC()).isTrue();
        });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"code\":\"P0A8\"}|code: 'P0A8'",
                "{\"code\":\"P0A80\",\"status\":\"0x2FF\"}|status is one byte",
                "{\"code\":\"P0A80\",\"status\":256}|status is one byte",
                "{\"dtcs\":[{\"code\":\"P0A80\"},{\"code\":\"Z0000\"}]}|dtcs[1].code",
                "{\"dtcs\":{}}|dtcs is an array",
                "{\"ecu\":\"BMS\"}|neither code nor dtcs",
                "[1,2]|is an object",
                "{\"code\":|not JSON",
                "{\"code\":\"P0A80\",\"vehicleState\":[]}|vehicleState",
                "{\"code\":\"P0A80\",\"vehicleState\":{\"Vehicle.CurrentLocation.Latitude\":999}}|Latitude is 999.0, outside",
                "{\"code\":\"P0A80\",\"vehicleState\":{\"Vehicle.Powertrain.TractionBattery.StateOfCharge.Current\":-50}}|StateOfCharge.Current is -50.0"
            })
    void malformedOemJsonIsRefusedWithTheReason(String json, String reason) {
        assertThatThrownBy(() -> OemDtcJson.parse(json))
                .isInstanceOf(InvalidDtcException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void reportPayloadsAreToldApartByTheirDetail() {
        assertThat(DtcDecoder.decodeReport(null, "uds:59 02 FF 0A 80 1B 2F").format())
                .isEqualTo(SourceFormat.UDS);
        assertThat(DtcDecoder.decodeReport(null, "{\"code\":\"P0A80\"}").format())
                .isEqualTo(SourceFormat.OEM_JSON);
        DecodedDtcs legacy = DtcDecoder.decodeReport("P0A80", "occurrence 3");
        assertThat(legacy.format()).isEqualTo(SourceFormat.J2012);
        assertThat(legacy.faults())
                .singleElement()
                .satisfies(f -> assertThat(f.status()).isNull());
        assertThatThrownBy(() -> DtcDecoder.decodeReport(null, "free text"))
                .isInstanceOf(InvalidDtcException.class)
                .hasMessageContaining("no code");
    }

    @Test
    void detectionPicksTheFormatByShape() {
        assertThat(DtcDecoder.detect("5902FF0A801B2F").format()).isEqualTo(SourceFormat.UDS);
        assertThat(DtcDecoder.detect("uds:5902FF").format()).isEqualTo(SourceFormat.UDS);
        assertThat(DtcDecoder.detect("U0100-87").format()).isEqualTo(SourceFormat.J2012);
        assertThat(DtcDecoder.detect("{\"code\":\"B1000\"}").format()).isEqualTo(SourceFormat.OEM_JSON);
        assertThat(DtcDecoder.decode(SourceFormat.UDS, "uds:5902FF0A801B2F").faults())
                .hasSize(1);
    }
}
