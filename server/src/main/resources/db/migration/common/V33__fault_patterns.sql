-- Rollup behind the recurring-patterns query (GET /api/v1/faults/patterns), written in the ingesting transaction:
-- one row per UTC day (days since 1970-01-01), J2012 code, vehicle model, ECU type, firmware version AND vehicle,
-- holding how many fault observations that was. Keeping the vehicle in the key makes distinct-vehicle counts
-- exact over any set of days (COUNT(DISTINCT vin)); a vehicle reporting a code many times a day is one row.
-- Model, ECU type and firmware are as known at ingestion (like dtc_report); unknown ones are '' (key columns).
CREATE TABLE fault_pattern_day (
    epoch_day        INT         NOT NULL,
    code             CHAR(5)     NOT NULL,
    model            VARCHAR(64) NOT NULL,
    ecu_type         VARCHAR(32) NOT NULL,
    firmware_version VARCHAR(64) NOT NULL,
    vin              CHAR(17)    NOT NULL,
    observations     BIGINT      NOT NULL,
    CONSTRAINT fault_pattern_day_pk PRIMARY KEY (epoch_day, code, model, ecu_type, firmware_version, vin)
);
-- The per-pattern distinct-vehicle counts and vehicle counts of the top patterns read only this index (index-only on PostgreSQL).
CREATE INDEX fault_pattern_day_key_ix
    ON fault_pattern_day (code, model, ecu_type, firmware_version, epoch_day, vin, observations);

-- The same without the vehicle: observations per UTC day and pattern. Small (days x patterns present), it ranks
-- the patterns and gives their observation trends; fault_pattern_day is then read only for the top ones.
CREATE TABLE fault_pattern_count (
    epoch_day        INT         NOT NULL,
    code             CHAR(5)     NOT NULL,
    model            VARCHAR(64) NOT NULL,
    ecu_type         VARCHAR(32) NOT NULL,
    firmware_version VARCHAR(64) NOT NULL,
    observations     BIGINT      NOT NULL,
    CONSTRAINT fault_pattern_count_pk PRIMARY KEY (epoch_day, code, model, ecu_type, firmware_version)
);
