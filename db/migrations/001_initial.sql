-- One row per Slack workspace, Discord guild or local shell. Settings are validated by the core (zod).
CREATE TABLE communities (
  id          text PRIMARY KEY,
  name        text NOT NULL DEFAULT '',
  settings    jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- A member's profile. Person ids are namespaced ('slack:T1:U2', 'discord:G1:U2', 'shell:local:alice').
CREATE TABLE members (
  community_id      text NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  id                text NOT NULL,
  display_name      text NOT NULL,
  role              text NOT NULL CHECK (role IN ('mentor', 'mentee', 'both')),
  skills            text[] NOT NULL DEFAULT '{}',
  goals             text[] NOT NULL DEFAULT '{}',
  timezone          text NOT NULL,
  languages         text[] NOT NULL DEFAULT '{}',
  capacity          int NOT NULL DEFAULT 0 CHECK (capacity BETWEEN 0 AND 20),
  cadence_minutes   int NOT NULL CHECK (cadence_minutes BETWEEN 1 AND 129600),
  experience_years  int CHECK (experience_years BETWEEN 0 AND 80),
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'left')),
  paused_until      timestamptz,
  -- Left unmatched or ghosted last round: goes first next round.
  priority          boolean NOT NULL DEFAULT false,
  joined_at         timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, id)
);

-- Pairings are also the match history. No foreign key to members: a forgotten member's id is replaced by an
-- anonymous token while the other side keeps its history.
CREATE TABLE pairings (
  id               int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  community_id     text NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  mentor_id        text NOT NULL,
  mentee_id        text NOT NULL,
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
  source           text NOT NULL CHECK (source IN ('manual', 'round', 'request')),
  cadence_minutes  int NOT NULL,
  started_at       timestamptz NOT NULL,
  ended_at         timestamptz,
  ended_by         text,
  end_reason       text,
  at_risk          boolean NOT NULL DEFAULT false,
  CHECK (mentor_id <> mentee_id)
);
CREATE UNIQUE INDEX pairings_one_active_per_pair ON pairings (community_id, mentor_id, mentee_id) WHERE status = 'active';
CREATE INDEX pairings_by_mentor ON pairings (community_id, mentor_id);
CREATE INDEX pairings_by_mentee ON pairings (community_id, mentee_id);

-- Notes are private to the pair.
CREATE TABLE check_ins (
  id            int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  pairing_id    int NOT NULL REFERENCES pairings(id) ON DELETE CASCADE,
  logged_by     text NOT NULL,
  note          text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL
);
CREATE INDEX check_ins_by_pairing ON check_ins (pairing_id);

CREATE TABLE goals (
  pairing_id    int NOT NULL REFERENCES pairings(id) ON DELETE CASCADE,
  number        int NOT NULL,
  text          text NOT NULL,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL,
  done_at       timestamptz,
  PRIMARY KEY (pairing_id, number)
);

CREATE TABLE thanks (
  id            int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  community_id  text NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  from_id       text NOT NULL,
  to_id         text NOT NULL,
  message       text NOT NULL,
  created_at    timestamptz NOT NULL
);
CREATE INDEX thanks_by_recipient ON thanks (community_id, to_id);

-- Private: only the blocker knows.
CREATE TABLE blocks (
  community_id  text NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  blocker_id    text NOT NULL,
  blocked_id    text NOT NULL,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (community_id, blocker_id, blocked_id)
);

-- Private to the pair; moderators see aggregates only.
CREATE TABLE feedback (
  id            int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  pairing_id    int NOT NULL REFERENCES pairings(id) ON DELETE CASCADE,
  from_id       text NOT NULL,
  rating        int CHECK (rating BETWEEN 1 AND 5),
  text          text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL
);

CREATE TABLE audit_log (
  id            int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  community_id  text NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  actor_id      text NOT NULL,
  action        text NOT NULL,
  details       jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at    timestamptz NOT NULL
);

-- Inbound event ids (Slack retries, double clicks, replays) with the reply given, so a repeat changes nothing
-- and gets the same answer.
CREATE TABLE processed_events (
  community_id  text NOT NULL,
  event_id      text NOT NULL,
  actor_id      text NOT NULL,
  reply         jsonb NOT NULL,
  processed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, event_id)
);

-- Messages the bot owes people, written in the same transaction as the change that caused them, so a crash
-- never loses one; a deliverer sends them and then deletes them. Permanent failures stay, for moderators.
CREATE TABLE outbox (
  id             int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  community_id   text NOT NULL,
  recipient_id   text NOT NULL,
  message        jsonb NOT NULL,
  created_at     timestamptz NOT NULL,
  attempts       int NOT NULL DEFAULT 0,
  failed_at      timestamptz,
  failure        text
);
CREATE INDEX outbox_pending ON outbox (id) WHERE failed_at IS NULL;
