-- Delivery takes a community's due nudges oldest first, in batches (ORDER BY due_at, id LIMIT n). With the
-- community and the sort order in the index, each batch reads its rows straight from it instead of sorting
-- every due row of every community again (a burst of 50,000 due check-ins sorted all of them 50 times).
DROP INDEX checkin_nudges_due;
CREATE INDEX checkin_nudges_due ON checkin_nudges (community_id, due_at, id) WHERE status = 'scheduled';
