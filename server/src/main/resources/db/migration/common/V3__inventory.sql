-- The fleet inventory. A VIN is the vehicle's identity; an ECU serial is unique across the fleet.
CREATE TABLE vehicle (
    vin           CHAR(17)    NOT NULL PRIMARY KEY,
    model         VARCHAR(64) NOT NULL,
    model_year    INT         NOT NULL,
    region        VARCHAR(32) NOT NULL,
    market        VARCHAR(32) NOT NULL,
    customer_type VARCHAR(32) NOT NULL,
    connectivity  VARCHAR(32) NOT NULL,
    version       BIGINT      NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX vehicle_model_region_ix ON vehicle (model, region);
CREATE INDEX vehicle_region_ix ON vehicle (region);

CREATE TABLE vehicle_attribute (
    vin   CHAR(17)     NOT NULL REFERENCES vehicle (vin) ON DELETE CASCADE,
    name  VARCHAR(64)  NOT NULL,
    attr_value VARCHAR(256) NOT NULL,
    PRIMARY KEY (vin, name)
);
CREATE INDEX vehicle_attribute_name_value_ix ON vehicle_attribute (name, attr_value);

CREATE TABLE vehicle_tag (
    vin CHAR(17)    NOT NULL REFERENCES vehicle (vin) ON DELETE CASCADE,
    tag VARCHAR(64) NOT NULL,
    PRIMARY KEY (vin, tag)
);
CREATE INDEX vehicle_tag_tag_ix ON vehicle_tag (tag);

CREATE TABLE ecu (
    serial           VARCHAR(64) NOT NULL PRIMARY KEY,
    vin              CHAR(17)    NOT NULL REFERENCES vehicle (vin) ON DELETE CASCADE,
    ecu_type         VARCHAR(32) NOT NULL,
    hardware_id      VARCHAR(64) NOT NULL,
    hardware_variant VARCHAR(64),
    software_version VARCHAR(64) NOT NULL,
    image_hash       CHAR(64),
    update_policy    VARCHAR(20) NOT NULL,
    is_primary       BOOLEAN     NOT NULL
);
CREATE INDEX ecu_vin_ix ON ecu (vin);
CREATE INDEX ecu_hardware_version_ix ON ecu (hardware_id, software_version, vin);
