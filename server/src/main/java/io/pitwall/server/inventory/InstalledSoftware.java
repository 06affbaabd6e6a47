package io.pitwall.server.inventory;

import io.pitwall.server.inventory.persistence.EcuSoftware;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves the expected inventory forward when an update is confirmed installed: the ECU is then expected
 * to run the new image. Reports alone never change the expected inventory.
 */
@Service
public class InstalledSoftware {

    private final EcuSoftware software;

    InstalledSoftware(EcuSoftware software) {
        this.software = software;
    }

    @Transactional
    public void confirmed(String vin, String ecuSerial, String version, String sha256) {
        software.set(vin, ecuSerial, version, sha256);
    }
}
