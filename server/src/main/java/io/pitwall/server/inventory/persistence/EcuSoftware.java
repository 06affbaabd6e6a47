package io.pitwall.server.inventory.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The software an ECU is expected to run. */
@Repository
public class EcuSoftware {

    private final JdbcClient jdbc;

    public EcuSoftware(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void set(String vin, String serial, String version, String sha256) {
        jdbc.sql("UPDATE ecu SET software_version = :version, image_hash = :hash WHERE vin = :vin AND serial = :serial")
                .param("version", version)
                .param("hash", sha256)
                .param("vin", vin)
                .param("serial", serial)
                .update();
        jdbc.sql("UPDATE vehicle SET version = version + 1, updated_at = CURRENT_TIMESTAMP WHERE vin = :vin")
                .param("vin", vin)
                .update();
    }
}
