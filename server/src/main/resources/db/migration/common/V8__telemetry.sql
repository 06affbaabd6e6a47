-- Vehicle events, stored once per (vehicle, seq) however often they are resent.
CREATE TABLE vehicle_event (
    vin           CHAR(17)     NOT NULL,
    seq           BIGINT       NOT NULL,
    type          VARCHAR(40)  NOT NULL,
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    assignment_id VARCHAR(64),
    ecu_serial    VARCHAR(64),
    code          VARCHAR(100),
    detail        VARCHAR(2000),
    progress      INT,
    command_id    VARCHAR(64),
    quality       VARCHAR(200) NOT NULL,
    PRIMARY KEY (vin, seq)
);
CREATE INDEX vehicle_event_assignment_ix ON vehicle_event (assignment_id);
CREATE INDEX vehicle_event_type_time_ix ON vehicle_event (type, occurred_at);

-- Per vehicle: every event with seq <= acked_through is stored (the acknowledgement the vehicle gets).
CREATE TABLE event_cursor (
    vin           CHAR(17) NOT NULL PRIMARY KEY,
    acked_through BIGINT   NOT NULL,
    max_seq       BIGINT   NOT NULL,
    last_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
