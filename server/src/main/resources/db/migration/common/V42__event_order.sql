-- When the vehicle says its highest-seq event occurred: the next batch's events are flagged OUT_OF_ORDER when
-- a later seq claims an earlier time (a clock that jumped back), without reading the stored events.
ALTER TABLE event_cursor ADD COLUMN max_seq_occurred_at TIMESTAMP WITH TIME ZONE;
