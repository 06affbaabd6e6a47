package io.pitwall.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.shared.OwnedTables;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The data-class catalogue against the live, migrated schema (INFORMATION_SCHEMA): a migration that adds a column
 * to a table of vehicle data, or a table with a vin, fails here until the column is classified.
 */
class DataCatalogueIntegrationTests {

    abstract static class Contract extends IntegrationTest {

        @Autowired
        DataCatalogue catalogue;

        @Autowired
        List<PersonalDataContribution> contributions;

        Map<String, Set<String>> liveSchema() {
            Map<String, Set<String>> schema = new TreeMap<>();
            jdbc.sql("""
                    SELECT LOWER(table_name), LOWER(column_name) FROM information_schema.columns
                    WHERE LOWER(table_schema) = LOWER(CURRENT_SCHEMA)""").query(rs -> {
                schema.computeIfAbsent(rs.getString(1), t -> new HashSet<>()).add(rs.getString(2));
            });
            return schema;
        }

        @Test
        void everyColumnOfEveryTableHoldingVehicleDataHasADataClass() {
            Map<String, Set<String>> schema = liveSchema();
            assertThat(schema).as("the schema was read").containsKeys("vehicle", "dtc_report", "vehicle_event");
            assertThat(catalogue.differences(schema)).isEmpty();
        }

        @Test
        void aColumnAddedWithoutAClassOrATableWithAVinIsReported() {
            Map<String, Set<String>> schema = liveSchema();
            schema.get("dtc_report").add("gps_trace");
            schema.put("driver_score", Set.of("vin", "score"));
            schema.get("ecu").remove("image_hash");
            assertThat(catalogue.differences(schema))
                    .containsExactlyInAnyOrder(
                            "unclassified dtc_report.gps_trace",
                            "unclassified driver_score.score",
                            "unclassified driver_score.vin",
                            "missing ecu.image_hash");
        }

        @Test
        void locationAndAccountColumnsArePersonalAndEveryClassIsUsed() {
            assertThat(catalogue.classOf("vehicle", "customer_type")).contains(DataClass.ACCOUNT);
            assertThat(catalogue.classOf("dtc_report", "vehicle_state")).contains(DataClass.DIAGNOSTIC);
            assertThat(DataCatalogue.SIGNALS).containsValues(DataClass.LOCATION, DataClass.DRIVER_BEHAVIOUR);
            assertThat(DataClass.LOCATION.personal()).isTrue();
            assertThat(DataClass.SERVICE.personal()).isFalse();
            for (var column : catalogue.signalColumns()) {
                assertThat(catalogue.classOf(column.table(), column.column()))
                        .as(column.toString())
                        .isPresent();
                assertThat(catalogue.classOf(column.table(), column.time()))
                        .as(column.toString())
                        .isPresent();
            }
        }

        @Test
        void eachModuleContributesOnlyTablesItOwns() {
            assertThat(contributions).as("contributions").hasSizeGreaterThanOrEqualTo(7);
            for (PersonalDataContribution contribution : contributions) {
                OwnedTables owned = contribution.getClass().getPackage().getAnnotation(OwnedTables.class);
                assertThat(owned).as(contribution.getClass().getName()).isNotNull();
                List<String> named = Stream.concat(
                                contribution.tables().stream().map(DataCatalogue.Table::name),
                                contribution.signalColumns().stream().map(DataCatalogue.SignalColumn::table))
                        .toList();
                assertThat(named)
                        .as(contribution.getClass().getName())
                        .isNotEmpty()
                        .isSubsetOf(owned.value());
            }
            assertThat(catalogue.tables())
                    .hasSize(contributions.stream()
                            .mapToInt(c -> c.tables().size())
                            .sum());
            assertThat(catalogue.withheld()).containsExactly("vehicle_credential.token_hash");
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
