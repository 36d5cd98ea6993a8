-- Slack workspaces that installed the app (multi-workspace mode). The installation holds the workspace's bot
-- token, so this table is as sensitive as the environment's secrets.
CREATE TABLE slack_installations (
  install_key   text PRIMARY KEY,          -- 'T:<team id>' or, for org-wide installs, 'E:<enterprise id>'
  installation  jsonb NOT NULL,
  installed_at  timestamptz NOT NULL DEFAULT now()
);
