package io.pitwall.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The data-class catalogue against the live, migrated schema (INFORMATION_SCHEMA): a migration that adds a column
 * to a table of vehicle data, or a table with a vin, fails here until the column is classified.
 */
class DataCatalogueIntegrationTests {

    abstract static class Contract extends IntegrationTest {

        Map<String, Set<String>> liveSchema() {
            Map<String, Set<String>> schema = new TreeMap<>();
            jdbc.sql("""
                    SELECT LOWER(table_name), LOWER(column_name) FROM information_schema.columns
                    WHERE LOWER(table_schema) = LOWER(CURRENT_SCHEMA)""")
                    .query(rs -> {
                        schema.computeIfAbsent(rs.getString(1), t -> new HashSet<>()).add(rs.getString(2));
                    });
            return schema;
        }

        @Test
        void everyColumnOfEveryTableHoldingVehicleDataHasADataClass() {
            Map<String, Set<String>> schema = liveSchema();
            assertThat(schema).as("the schema was read").containsKeys("vehicle", "dtc_report", "vehicle_event");
            assertThat(DataCatalogue.differences(schema)).isEmpty();
        }

        @Test
        void aColumnAddedWithoutAClassOrATableWithAVinIsReported() {
            Map<String, Set<String>> schema = liveSchema();
            schema.get("dtc_report").add("gps_trace");
            schema.put("driver_score", Set.of("vin", "score"));
            schema.get("ecu").remove("image_hash");
            assertThat(DataCatalogue.differences(schema)).containsExactlyInAnyOrder("unclassified dtc_report.gps_trace",
                    "unclassified driver_score.score", "unclassified driver_score.vin", "missing ecu.image_hash");
        }

        @Test
        void locationAndAccountColumnsArePersonalAndEveryClassIsUsed() {
            assertThat(DataCatalogue.classOf("vehicle", "customer_type")).contains(DataClass.ACCOUNT);
            assertThat(DataCatalogue.classOf("dtc_report", "vehicle_state")).contains(DataClass.DIAGNOSTIC);
            assertThat(DataCatalogue.SIGNALS).containsValues(DataClass.LOCATION, DataClass.DRIVER_BEHAVIOUR);
            assertThat(DataClass.LOCATION.personal()).isTrue();
            assertThat(DataClass.SERVICE.personal()).isFalse();
            for (var column : DataCatalogue.SIGNAL_COLUMNS) {
                assertThat(DataCatalogue.classOf(column.table(), column.column())).as(column.toString()).isPresent();
                assertThat(DataCatalogue.classOf(column.table(), column.time())).as(column.toString()).isPresent();
            }
        }
    }

    @Nested
    class OnH2 extends Contract {
    }

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {
    }
}
