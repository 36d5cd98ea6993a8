-- Senders claim outbox rows in batches. A claim lasts until `claimed_until`, so rows claimed by a worker that
-- died are taken again after it; `not_before` also carries a failed send's backoff.
ALTER TABLE outbox ADD COLUMN claimed_until timestamptz;
CREATE INDEX outbox_not_before ON outbox (not_before) WHERE failed_at IS NULL;
