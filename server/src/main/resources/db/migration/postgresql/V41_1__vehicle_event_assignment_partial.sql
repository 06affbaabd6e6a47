-- Only events about an assignment are looked up by it; most events (DTC reports, health, connectivity) have
-- none, so they no longer write an entry into this index. (H2 has no partial indexes and keeps the full one.)
DROP INDEX vehicle_event_assignment_ix;
CREATE INDEX vehicle_event_assignment_ix ON vehicle_event (assignment_id) WHERE assignment_id IS NOT NULL;
