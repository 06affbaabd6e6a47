-- Observations per Monday-based week ((epoch_day + 3) / 7) and pattern, written by the fold together with
-- fault_pattern_count. Ranking a period reads whole weeks here and only the days at its edges from the daily
-- table, so a 90-day ranking reads about a third of the rows (measured in docs/benchmarks.md).
CREATE TABLE fault_pattern_week (
    epoch_week       INT         NOT NULL,
    code             CHAR(5)     NOT NULL,
    model            VARCHAR(64) NOT NULL,
    ecu_type         VARCHAR(32) NOT NULL,
    firmware_version VARCHAR(64) NOT NULL,
    observations     BIGINT      NOT NULL,
    CONSTRAINT fault_pattern_week_pk PRIMARY KEY (epoch_week, code, model, ecu_type, firmware_version)
);
INSERT INTO fault_pattern_week (epoch_week, code, model, ecu_type, firmware_version, observations)
    SELECT (epoch_day + 3) / 7, code, model, ecu_type, firmware_version, SUM(observations)
    FROM fault_pattern_count GROUP BY (epoch_day + 3) / 7, code, model, ecu_type, firmware_version;
