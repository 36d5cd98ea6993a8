// A command thread's launcher and composition root (see src/threads/command-threads.ts): worker threads do not
// inherit the main thread's tsx registration, and src/ does not import db/ or adapters/, so the store and the
// poster of Slack replies are wired here.
require('tsx/cjs/api').register();
const { openPgDatabase } = require('../db/pg-database.ts');
const { postgresStore } = require('../db/postgres-store.ts');
const { postSlackReply } = require('../adapters/slack/post-to-response-url.ts');
const { serveCommandThread } = require('../src/threads/command-thread.ts');

serveCommandThread(
  ({ databaseUrl, preparedStatements }) => postgresStore(openPgDatabase(databaseUrl, { preparedStatements })),
  postSlackReply,
);
