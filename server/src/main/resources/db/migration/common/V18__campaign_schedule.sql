-- Scheduling policy: a campaign's schedule (start/end, rollout rate, maintenance windows, retries,
-- in-progress timeout) as JSON; per assignment the attempt number, when the attempt was delivered (the
-- rollout rate counts deliveries of the last minute), when a retry is due, why a vehicle is deferred
-- and who excluded it from the exception queue.
ALTER TABLE campaign ADD COLUMN schedule_json VARCHAR(8000);
ALTER TABLE assignment ADD COLUMN attempt INT DEFAULT 1 NOT NULL;
ALTER TABLE assignment ADD COLUMN delivered_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE assignment ADD COLUMN retry_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE assignment ADD COLUMN deferred_reason VARCHAR(40);
ALTER TABLE assignment ADD COLUMN deferred_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE assignment ADD COLUMN excluded_by VARCHAR(100);
ALTER TABLE assignment ADD COLUMN exception_comment VARCHAR(2000);
CREATE INDEX assignment_campaign_delivered_ix ON assignment (campaign_id, delivered_at);
CREATE INDEX assignment_retry_ix ON assignment (retry_at);
