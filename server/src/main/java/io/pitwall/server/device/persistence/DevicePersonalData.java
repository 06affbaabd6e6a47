package io.pitwall.server.device.persistence;

import static io.pitwall.server.privacy.DataClass.SERVICE;

import io.pitwall.server.privacy.DataCatalogue.Table;
import io.pitwall.server.privacy.PersonalDataContribution;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The device module's vehicle data for the privacy catalogue: credentials, certificates, blocks. */
@Component
class DevicePersonalData implements PersonalDataContribution {

    @Override
    public List<Table> tables() {
        return List.of(
                Table.of("vehicle_credential", SERVICE, Map.of(), "id vin token_hash created_at revoked_at active_vin"),
                Table.of(
                        "vehicle_certificate",
                        SERVICE,
                        Map.of(),
                        "id vin fingerprint serial_number not_after created_at revoked_at active_vin"),
                Table.of("device_access", SERVICE, Map.of(), "vin blocked reason version changed_at"));
    }

    @Override
    public List<String> withheld() {
        return List.of("vehicle_credential.token_hash");
    }
}
