package io.pitwall.server.cases.persistence;

import static io.pitwall.server.privacy.DataClass.SERVICE;

import io.pitwall.server.privacy.DataCatalogue.Table;
import io.pitwall.server.privacy.PersonalDataContribution;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The cases module's vehicle data for the privacy catalogue: service cases and their notes. */
@Component
class CasesPersonalData implements PersonalDataContribution {

    @Override
    public List<Table> tables() {
        return List.of(
                Table.of(
                        "service_case",
                        SERVICE,
                        Map.of(),
                        "id vin subject origin case_class team escalation_team next_action code "
                                + "ecu_serial rule_set_version campaign_id status priority owner sla_seconds "
                                + "sla_due_at escalated_at occurrences last_seen_at open_key version opened_at "
                                + "updated_at"),
                Table.child(
                        "case_note",
                        SERVICE,
                        "case_id",
                        "SELECT id FROM service_case WHERE vin = :vin",
                        "id case_id noted_at actor kind body"));
    }
}
