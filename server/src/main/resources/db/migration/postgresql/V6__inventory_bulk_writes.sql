-- Bulk imports write five ECUs, two attributes and a tag per vehicle; on PostgreSQL each of those rows'
-- foreign-key check locks the parent vehicle row and costs 40-60% of the insert (measured with
-- EXPLAIN ANALYZE), which keeps an import below 10,000 vehicles/s on two cores. The inventory's single
-- writer (VehicleWriter) keeps the invariant instead: it writes a vehicle and its children in one
-- transaction and deletes the vehicle row before its children. H2 keeps the constraints from V3.
ALTER TABLE ecu DROP CONSTRAINT ecu_vin_fkey;
ALTER TABLE vehicle_attribute DROP CONSTRAINT vehicle_attribute_vin_fkey;
ALTER TABLE vehicle_tag DROP CONSTRAINT vehicle_tag_vin_fkey;
