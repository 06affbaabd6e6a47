-- A refused or cancelled rollback campaign gives up its claim on the campaign it was to undo, so a second
-- rollback can be requested. The "one live rollback per campaign" rule moves from rollback_of (kept on every
-- rollback campaign, for the record) to rollback_slot: equal to rollback_of while the rollback campaign is
-- live, cleared when it is abandoned (a nullable unique column works alike on H2 and PostgreSQL).
ALTER TABLE campaign ADD COLUMN rollback_slot BIGINT;
UPDATE campaign SET rollback_slot = rollback_of WHERE rollback_of IS NOT NULL;
-- H2 ties the unique index to the foreign key that uses it: the key is dropped and added again around it.
ALTER TABLE campaign DROP CONSTRAINT campaign_rollback_of_fk;
DROP INDEX campaign_rollback_of_uq;
CREATE INDEX campaign_rollback_of_ix ON campaign (rollback_of);
ALTER TABLE campaign ADD CONSTRAINT campaign_rollback_of_fk FOREIGN KEY (rollback_of) REFERENCES campaign (id);
CREATE UNIQUE INDEX campaign_rollback_slot_uq ON campaign (rollback_slot);
