-- A record waiting to be chained cannot be changed either: only the chain sealer's DELETE (after it has
-- copied the record into audit_record, in the same transaction) takes it out of the intake.
CREATE FUNCTION audit_intake_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_intake is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_intake_no_update
    BEFORE UPDATE ON audit_intake
    FOR EACH ROW EXECUTE FUNCTION audit_intake_immutable();

CREATE TRIGGER audit_intake_no_truncate
    BEFORE TRUNCATE ON audit_intake
    FOR EACH STATEMENT EXECUTE FUNCTION audit_intake_immutable();
