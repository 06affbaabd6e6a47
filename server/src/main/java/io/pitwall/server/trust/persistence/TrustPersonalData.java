package io.pitwall.server.trust.persistence;

import static io.pitwall.server.privacy.DataClass.SERVICE;

import io.pitwall.server.privacy.DataCatalogue.Table;
import io.pitwall.server.privacy.PersonalDataContribution;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The trust module's vehicle data for the privacy catalogue: each vehicle's director metadata and changes. */
@Component
class TrustPersonalData implements PersonalDataContribution {

    @Override
    public List<Table> tables() {
        return List.of(
                Table.of(
                        "director_vehicle",
                        SERVICE,
                        Map.of(),
                        "vin meta_version content_sha256 targets_body snapshot_body timestamp_body "
                                + "expires_at updated_at"),
                Table.of("director_change", SERVICE, Map.of(), "id campaign_id vin created_at"));
    }
}
