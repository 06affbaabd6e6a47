-- Severity rule sets (diagnostics): every upload is a new, immutable version; the active one carries
-- active_slot = 'A' under a unique constraint (at most one active, also under concurrent activations).
CREATE TABLE severity_rule_set (
    version      INT          PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    body         VARCHAR(1000000) NOT NULL,
    rule_count   INT          NOT NULL,
    active_slot  CHAR(1),
    uploaded_by  VARCHAR(100) NOT NULL,
    uploaded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT severity_rule_set_active_uq UNIQUE (active_slot)
);
