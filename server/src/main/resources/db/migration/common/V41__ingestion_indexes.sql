-- Fewer index writes per ingested event (each DTC report wrote eight index entries, three of them at random
-- places in a (vin, ...) index):
-- * vehicle_event_type_time_ix served no query (events are read by vehicle, by assignment and by age).
-- * dtc_report's UNIQUE (vin, seq) repeated vehicle_event's primary key: a report is only ever written in the
--   transaction that inserted its (vin, seq) into vehicle_event, which refuses a second one. Reads by vehicle
--   use dtc_report_vin_ecu_ix.
DROP INDEX vehicle_event_type_time_ix;
ALTER TABLE dtc_report DROP CONSTRAINT dtc_report_event_uq;
