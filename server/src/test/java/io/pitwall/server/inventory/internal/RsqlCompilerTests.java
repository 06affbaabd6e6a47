package io.pitwall.server.inventory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.server.inventory.VehicleSelection;
import io.pitwall.server.shared.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The compiler's SQL for every selector and operator, and its refusals; what the SQL selects is integration-tested. */
class RsqlCompilerTests {

    private static final Map<String, List<String>> STORED =
            Map.of("BMS", List.of("2.9.0", "2.10.0", "2.4.0", "2.4.0-rc.1", "2.3.9", "v2.0", "legacy"));

    private static VehicleSelection compile(String rsql) {
        return RsqlCompiler.compile(rsql, type -> STORED.getOrDefault(type, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "model==Aurora | v.model = :rsql0",
                "model!=Aurora | v.model <> :rsql0",
                "region=in=(EU,UK) | v.region IN (:rsql0)",
                "region=out=(EU,UK) | v.region NOT IN (:rsql0)",
                "vin==WPW12345678901234 | v.vin = :rsql0",
                "market==DE | v.market = :rsql0",
                "customerType==FLEET | v.customer_type = :rsql0",
                "connectivity==WIFI | v.connectivity = :rsql0",
                "modelYear==2024 | v.model_year IN (:rsql0)",
                "modelYear!=2024 | v.model_year NOT IN (:rsql0)",
                "modelYear=lt=2024 | v.model_year < :rsql0",
                "modelYear=le=2024 | v.model_year <= :rsql0",
                "modelYear=gt=2024 | v.model_year > :rsql0",
                "modelYear>=2024 | v.model_year >= :rsql0",
                "tag==pilot | EXISTS (SELECT 1 FROM vehicle_tag t WHERE t.vin = v.vin AND t.tag = :rsql0)",
                "tag=out=(a,b) | NOT EXISTS (SELECT 1 FROM vehicle_tag t WHERE t.vin = v.vin AND t.tag IN (:rsql0))",
                "attr.color==red | EXISTS (SELECT 1 FROM vehicle_attribute a WHERE a.vin = v.vin AND a.name = :rsql0 AND a.attr_value = :rsql1)",
                "attr.color!=red | NOT EXISTS (SELECT 1 FROM vehicle_attribute a WHERE a.vin = v.vin AND a.name = :rsql0 AND a.attr_value = :rsql1)",
                "ecu.hardwareId==HW-1 | EXISTS (SELECT 1 FROM ecu e WHERE e.vin = v.vin AND e.hardware_id = :rsql0)",
                "ecu.BMS.hardwareId=in=(A,B) | EXISTS (SELECT 1 FROM ecu e WHERE e.vin = v.vin AND e.ecu_type = :rsql0 AND e.hardware_id IN (:rsql1))",
                "ecu.BMS.hardwareVariant==X | EXISTS (SELECT 1 FROM ecu e WHERE e.vin = v.vin AND e.ecu_type = :rsql0 AND e.hardware_variant = :rsql1)",
                "ecu.BMS.version==2.4.0 | EXISTS (SELECT 1 FROM ecu e WHERE e.vin = v.vin AND e.ecu_type = :rsql0 AND e.software_version = :rsql1)",
                "ecu.BMS.version!=2.4.0 | NOT EXISTS (SELECT 1 FROM ecu e WHERE e.vin = v.vin AND e.ecu_type = :rsql0 AND e.software_version = :rsql1)",
                "ecu.BMS.version=lt=2.4.0 | EXISTS (SELECT 1 FROM ecu e WHERE e.vin = v.vin AND e.ecu_type = :rsql0 AND e.software_version IN (:rsql1))",
                "model==A;region==EU | (v.model = :rsql0 AND v.region = :rsql1)",
                "model==A,region==EU | (v.model = :rsql0 OR v.region = :rsql1)",
                "model==A;(region==EU,region==UK) | (v.model = :rsql0 AND (v.region = :rsql1 OR v.region = :rsql2))"
            })
    void compilesEachSelectorAndOperatorToBoundSql(String rsql, String sql) {
        assertThat(compile(rsql).sql()).isEqualTo(sql);
    }

    @Test
    void bindsEveryValueAsAParameter() {
        var selection = compile("model==Aurora;region=in=(EU,UK);attr.color==red;modelYear=ge=2024");
        assertThat(selection.params())
                .containsEntry("rsql0", "Aurora")
                .containsEntry("rsql1", List.of("EU", "UK"))
                .containsEntry("rsql2", "color")
                .containsEntry("rsql3", "red")
                .containsEntry("rsql4", 2024);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "=lt=2.4.0 | 2.3.9,2.4.0-rc.1",
                "=le=2.4.0 | 2.3.9,2.4.0,2.4.0-rc.1",
                "=gt=2.9.0 | 2.10.0",
                "=ge=2.4.0 | 2.10.0,2.4.0,2.9.0",
                "=gt=2.4.0-rc.1 | 2.10.0,2.4.0,2.9.0",
                "=lt=2.4.0-alpha | 2.3.9"
            })
    void resolvesVersionRangesBySemVerPrecedenceIgnoringNonSemVerVersions(String comparison, String expected) {
        var selection = compile("ecu.BMS.version" + comparison);
        assertThat(selection.params().get("rsql1")).isEqualTo(List.of(expected.split(",")));
    }

    @Test
    void anEmptyVersionRangeIsAFalsePredicate() {
        var selection = compile("ecu.BMS.version=gt=99.0.0");
        assertThat(selection.sql()).endsWith("e.software_version IS NULL AND 1 = 0)");
        assertThat(compile("ecu.ADAS.version=lt=1.0.0").sql()).contains("1 = 0");
    }

    @Test
    void blankSelectsEverything() {
        assertThat(compile(null)).isEqualTo(VehicleSelection.all());
        assertThat(compile("  ")).isEqualTo(VehicleSelection.all());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "model",
                "model==",
                "model==A;",
                "(model==A",
                "model=foo=A",
                "model=lt=A",
                "region=ge=EU",
                "tag=gt=x",
                "attr.color=lt=red",
                "ecu.BMS.hardwareId=lt=A",
                "color==red",
                "attr.==x",
                "attr.-x==1",
                "ecu.bms.version==1.0.0",
                "ecu.BMS.serial==1",
                "ecu.BMS.version=lt=2.4",
                "ecu.BMS.version=lt=(1.0.0,2.0.0)",
                "modelYear==abc",
                "modelYear=lt=20240",
                "v.model==A",
                "model==A;1=1",
                "vin==x');DROP TABLE vehicle;--",
                "model==A) OR (1==1",
                "EXISTS==1",
                "v.vin==1 OR 1=1",
                "region=in=()",
                "model=='unterminated",
                "((((((((((((model==A))))))))))))"
            })
    void refusesMalformedFiltersWithTheStableCode(String rsql) {
        assertThatThrownBy(() -> compile(rsql)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid-target-filter");
            assertThat(e.getMessage()).isNotBlank();
        });
    }

    @Test
    void errorsNameThePositionOrTheSelector() {
        assertThatThrownBy(() -> compile("model==A;(region==EU")).hasMessageContaining("column");
        assertThatThrownBy(() -> compile("colour==red")).hasMessageContaining("'colour'");
    }

    @Test
    void limitsLengthComparisonsAndValues() {
        assertThatThrownBy(() -> compile("model==" + "A".repeat(4000))).hasMessageContaining("4000 characters");
        assertThatThrownBy(() -> compile(String.join(";", java.util.Collections.nCopies(51, "model==A"))))
                .hasMessageContaining("50 comparisons");
        assertThatThrownBy(() -> compile("model==" + "A".repeat(257))).hasMessageContaining("longer than 256");
        String many = String.join(
                ",",
                java.util.stream.IntStream.range(0, 101)
                        .mapToObj(Integer::toString)
                        .toList());
        assertThatThrownBy(() -> compile("region=in=(" + many + ")")).hasMessageContaining("more than 100 values");
    }

    @Test
    void deepNestingIsRefusedBeforeParsingButParenthesesInValuesAreText() {
        String deep = "(".repeat(1990) + "model==A" + ")".repeat(1);
        assertThatThrownBy(() -> compile(deep)).hasMessageContaining("10 deep");
        assertThat(compile("((model==A;(region==EU,region==UK)))").sql()).contains("v.region");
        var quoted = compile("model==\"((((((((((((\\\"((\";attr.x=='(((((((((((('");
        assertThat(quoted.params()).containsEntry("rsql0", "((((((((((((\"((");
    }

    @Test
    void quotedInjectionAttemptsStayValues() {
        String attack = "x';DROP TABLE vehicle;--";
        var selection = compile("model==\"" + attack + "\"");
        assertThat(selection.sql()).isEqualTo("v.model = :rsql0");
        assertThat(selection.params()).containsEntry("rsql0", attack);
    }
}
