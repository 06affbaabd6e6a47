-- Rollback campaigns: rollback_of names the campaign a rollback campaign undoes (at most one each), and
-- install_started marks the ECU parts whose vehicle began installing (the parts a rollback must undo; a
-- part that failed before installing changed nothing).
ALTER TABLE campaign ADD COLUMN rollback_of BIGINT;
ALTER TABLE campaign ADD CONSTRAINT campaign_rollback_of_fk FOREIGN KEY (rollback_of) REFERENCES campaign (id);
CREATE UNIQUE INDEX campaign_rollback_of_uq ON campaign (rollback_of);
ALTER TABLE assignment_ecu ADD COLUMN install_started BOOLEAN DEFAULT FALSE NOT NULL;
