-- Check-in nudges: one row per check-in cycle of a pairing. Postgres holds what is due; the scheduler only
-- carries the timing, keyed by (id, generation), and is rebuilt from these rows after a crash or a Redis flush.
CREATE TABLE checkin_nudges (
  id            int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  pairing_id    int NOT NULL REFERENCES pairings(id) ON DELETE CASCADE,
  community_id  text NOT NULL,
  due_at        timestamptz NOT NULL,
  -- Bumped when the due time moves (a check-in logged early), so a stale timer finds nothing to do.
  generation    int NOT NULL DEFAULT 0,
  status        text NOT NULL DEFAULT 'scheduled'
                CHECK (status IN ('scheduled', 'sent', 'met', 'skipped', 'missed', 'cancelled')),
  sent_at       timestamptz,
  answered_at   timestamptz,
  answered_by   text
);
-- At most one upcoming nudge per pairing.
CREATE UNIQUE INDEX checkin_nudges_one_scheduled ON checkin_nudges (pairing_id) WHERE status = 'scheduled';
CREATE INDEX checkin_nudges_due ON checkin_nudges (due_at) WHERE status = 'scheduled';
CREATE INDEX checkin_nudges_by_pairing ON checkin_nudges (pairing_id, id);

-- Consecutive unanswered check-ins; a logged check-in resets it.
ALTER TABLE pairings ADD COLUMN missed_checkins int NOT NULL DEFAULT 0;

-- A message may wait for the recipient's working hours.
ALTER TABLE outbox ADD COLUMN not_before timestamptz;
