-- Remote diagnostic commands: requested by an operator (a second one approves clearing a safety-relevant
-- ECU's faults), delivered at check-in until the vehicle answers, expired when undelivered too long.
CREATE TABLE diagnostic_command (
    id             VARCHAR(36)  PRIMARY KEY,
    vin            CHAR(17)     NOT NULL,
    command_type   VARCHAR(20)  NOT NULL,
    ecu_serial     VARCHAR(64),
    parameters     VARCHAR(2000) NOT NULL,
    reason         VARCHAR(500) NOT NULL,
    status         VARCHAR(20)  NOT NULL,
    requested_by   VARCHAR(100) NOT NULL,
    approved_by    VARCHAR(100),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at   TIMESTAMP WITH TIME ZONE,
    completed_at   TIMESTAMP WITH TIME ZONE,
    result_code    VARCHAR(40),
    result_detail  VARCHAR(4000),
    version        INT          NOT NULL
);
CREATE INDEX diagnostic_command_vin_ix ON diagnostic_command (vin, status);
CREATE INDEX diagnostic_command_open_ix ON diagnostic_command (status, expires_at);
