package io.pitwall.server.commands.persistence;

import static io.pitwall.server.privacy.DataClass.DIAGNOSTIC;

import io.pitwall.server.privacy.DataCatalogue.SignalColumn;
import io.pitwall.server.privacy.DataCatalogue.Table;
import io.pitwall.server.privacy.PersonalDataContribution;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The commands module's vehicle data for the privacy catalogue: remote commands and what vehicles answered. */
@Component
class CommandsPersonalData implements PersonalDataContribution {

    @Override
    public List<Table> tables() {
        return List.of(Table.of(
                "diagnostic_command",
                DIAGNOSTIC,
                Map.of(),
                "id vin command_type ecu_serial parameters reason status requested_by "
                        + "approved_by created_at expires_at delivered_at completed_at result_code "
                        + "result_detail version"));
    }

    @Override
    public List<SignalColumn> signalColumns() {
        return List.of(new SignalColumn("diagnostic_command", "result_detail", "completed_at", List.of("id")));
    }
}
