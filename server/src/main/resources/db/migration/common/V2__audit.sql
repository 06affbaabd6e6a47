-- The hash-chained audit trail. Each record stores the hash of its predecessor; audit_head holds the
-- newest seq and hash and is locked by every append, which makes the chain gapless and ordered.
CREATE TABLE audit_record (
    seq         BIGINT        NOT NULL PRIMARY KEY,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    operator    VARCHAR(100)  NOT NULL,
    role        VARCHAR(40)   NOT NULL,
    action      VARCHAR(200)  NOT NULL,
    target      VARCHAR(300)  NOT NULL,
    outcome     VARCHAR(20)   NOT NULL,
    request_id  VARCHAR(64)   NOT NULL,
    details     VARCHAR(8000) NOT NULL,
    prev_hash   CHAR(64)      NOT NULL,
    hash        CHAR(64)      NOT NULL
);
CREATE INDEX audit_record_time_ix ON audit_record (occurred_at);
CREATE INDEX audit_record_operator_ix ON audit_record (operator, seq);
CREATE INDEX audit_record_action_ix ON audit_record (action, seq);
CREATE INDEX audit_record_target_ix ON audit_record (target, seq);

CREATE TABLE audit_head (
    id   INT      NOT NULL PRIMARY KEY,
    seq  BIGINT   NOT NULL,
    hash CHAR(64) NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
