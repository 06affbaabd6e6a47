-- At most one active credential per vehicle, enforced by the database so two credentials issued at the
-- same moment (a rotation racing a self-enrolment) cannot both stay active: active_vin is the VIN while the
-- credential is active and NULL once revoked (NULLs never collide in a unique constraint, on H2 and
-- PostgreSQL). Should earlier races have left several active, the newest stays active.
UPDATE vehicle_credential SET revoked_at = CURRENT_TIMESTAMP WHERE revoked_at IS NULL AND EXISTS (
    SELECT 1 FROM vehicle_credential newer WHERE newer.vin = vehicle_credential.vin AND newer.revoked_at IS NULL
    AND newer.id > vehicle_credential.id);
ALTER TABLE vehicle_credential ADD COLUMN active_vin CHAR(17);
UPDATE vehicle_credential SET active_vin = vin WHERE revoked_at IS NULL;
ALTER TABLE vehicle_credential ADD CONSTRAINT vehicle_credential_active_uq UNIQUE (active_vin);
