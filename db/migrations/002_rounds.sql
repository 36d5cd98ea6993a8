-- A pairing round: a draft a moderator previews and edits, then publishes (or cancels). The draft is the
-- matcher's output plus the moderator's locks and exclusions, kept as one JSON document.
CREATE TABLE rounds (
  id            int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  community_id  text NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'cancelled')),
  draft         jsonb NOT NULL,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL,
  decided_by    text,
  decided_at    timestamptz
);
-- At most one open draft per community: two moderators previewing at once share it.
CREATE UNIQUE INDEX rounds_one_draft ON rounds (community_id) WHERE status = 'draft';

ALTER TABLE pairings ADD COLUMN round_id int REFERENCES rounds(id) ON DELETE SET NULL;

-- `request @mentor`: a mentee asks a mentor directly; the mentor accepts or declines.
CREATE TABLE mentor_requests (
  id            int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  community_id  text NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  mentee_id     text NOT NULL,
  mentor_id     text NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
  created_at    timestamptz NOT NULL,
  decided_at    timestamptz
);
CREATE UNIQUE INDEX mentor_requests_one_pending ON mentor_requests (community_id, mentee_id, mentor_id) WHERE status = 'pending';
