-- What each vehicle last reported about itself, kept beside (never over) the expected inventory,
-- so drift between the two stays visible.
CREATE TABLE vehicle_report (
    vin          CHAR(17)      NOT NULL PRIMARY KEY,
    signals_json VARCHAR(2000) NOT NULL,
    connectivity VARCHAR(20)   NOT NULL,
    consent      BOOLEAN       NOT NULL,
    state_hash   CHAR(64)      NOT NULL,
    reported_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE reported_ecu (
    vin         CHAR(17)    NOT NULL,
    serial      VARCHAR(64) NOT NULL,
    hardware_id VARCHAR(64) NOT NULL,
    sw_version  VARCHAR(64),
    image_hash  VARCHAR(64),
    PRIMARY KEY (vin, serial)
);
