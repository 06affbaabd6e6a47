package io.pitwall.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.inventory.VehicleFacts.RegionConsent;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The inventory answers per-vehicle facts for other modules' policies from its own tables. */
class VehicleFactsIntegrationTests {

    abstract static class Contract extends IntegrationTest {

        @Autowired
        VehicleFacts facts;

        void vehicle(String vin, String region) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            jdbc.sql("""
                    INSERT INTO vehicle (vin, model, model_year, region, market, customer_type, connectivity, version,
                        created_at, updated_at)
                    VALUES (:vin, 'M1', 2025, :region, 'DE', 'PRIVATE', 'LTE', 0, :now, :now)""")
                    .param("vin", vin)
                    .param("region", region)
                    .param("now", now)
                    .update();
        }

        void reported(String vin, boolean consent) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            jdbc.sql("""
                    INSERT INTO vehicle_report (vin, signals_json, connectivity, consent, state_hash, reported_at,
                        last_seen_at) VALUES (:vin, '{}', 'WIFI', :consent, :hash, :now, :now)""")
                    .param("vin", vin)
                    .param("consent", consent)
                    .param("hash", "0".repeat(64))
                    .param("now", now)
                    .update();
        }

        @Test
        void regionAndLatestConsentOfAVehicleThatCheckedIn() {
            vehicle("VFACTS00000000001", "EU");
            reported("VFACTS00000000001", true);
            vehicle("VFACTS00000000002", "NA");
            reported("VFACTS00000000002", false);
            assertThat(facts.regionAndConsent("VFACTS00000000001")).contains(new RegionConsent("EU", true));
            assertThat(facts.regionAndConsent("VFACTS00000000002")).contains(new RegionConsent("NA", false));
        }

        @Test
        void aVehicleThatNeverCheckedInHasNoConsentAndAnUnknownOneNoFacts() {
            vehicle("VFACTS00000000003", "APAC");
            assertThat(facts.regionAndConsent("VFACTS00000000003")).contains(new RegionConsent("APAC", false));
            assertThat(facts.regionAndConsent("VFACTS00000000099")).isEmpty();
        }

        @Test
        void timeZoneComesFromTheVehiclesOwnAttribute() {
            vehicle("VFACTS00000000004", "EU");
            vehicle("VFACTS00000000005", "EU");
            jdbc.sql("INSERT INTO vehicle_attribute (vin, name, attr_value) VALUES (:vin, 'timeZone', 'Europe/Berlin')")
                    .param("vin", "VFACTS00000000004")
                    .update();
            jdbc.sql("INSERT INTO vehicle_attribute (vin, name, attr_value) VALUES (:vin, 'color', 'red')")
                    .param("vin", "VFACTS00000000005")
                    .update();
            assertThat(facts.timeZone("VFACTS00000000004")).contains("Europe/Berlin");
            assertThat(facts.timeZone("VFACTS00000000005")).isEmpty();
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
