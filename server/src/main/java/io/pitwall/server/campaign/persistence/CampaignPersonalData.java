package io.pitwall.server.campaign.persistence;

import static io.pitwall.server.privacy.DataClass.SERVICE;

import io.pitwall.server.privacy.DataCatalogue.Table;
import io.pitwall.server.privacy.PersonalDataContribution;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The campaign module's vehicle data for the privacy catalogue: each vehicle's assignments (update records). */
@Component
class CampaignPersonalData implements PersonalDataContribution {

    @Override
    public List<Table> tables() {
        return List.of(
                Table.of(
                        "assignment",
                        SERVICE,
                        Map.of(),
                        "id campaign_id vin status failure_category failure_code version created_at "
                                + "updated_at wave_no attempt delivered_at retry_at deferred_reason "
                                + "deferred_until excluded_by exception_comment"),
                Table.child(
                        "assignment_ecu",
                        SERVICE,
                        "assignment_id",
                        "SELECT id FROM assignment WHERE vin = :vin",
                        "assignment_id ecu_serial hardware_id status failure_code install_started"));
    }
}
