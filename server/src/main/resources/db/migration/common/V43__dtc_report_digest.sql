-- What a report said (SHA-256 of its decoded faults in order: code, status, severity, functional unit), so a
-- report the vehicle sends again under a new seq (same ECU, same instant, same faults) is recognised and not
-- counted twice. NULL for reports stored before this column and for undecodable ones.
ALTER TABLE dtc_report ADD COLUMN fault_digest CHAR(64);
