-- Online-key rotation: a PENDING key is generated for a proposed root N+1 and becomes ACTIVE (the old one
-- RETIRED) in the transaction that accepts the signed root naming it. PENDING keys never signed anything,
-- so a new proposal may replace them. Still one ACTIVE key per role (active_slot).
ALTER TABLE signing_key DROP CONSTRAINT signing_key_status_ck;
ALTER TABLE signing_key ADD CONSTRAINT signing_key_status_ck CHECK ((status = 'ACTIVE' AND active_slot = 1)
    OR (status IN ('RETIRED', 'PENDING') AND active_slot IS NULL));
