// A command thread's launcher and composition root (see src/threads/command-threads.ts): worker threads do not
// inherit the main thread's tsx registration, and src/ does not import db/, so the store is wired here.
require('tsx/cjs/api').register();
const { openPgDatabase } = require('../db/pg-database.ts');
const { postgresStore } = require('../db/postgres-store.ts');
const { serveCommandThread } = require('../src/threads/command-thread.ts');

serveCommandThread((databaseUrl) => postgresStore(openPgDatabase(databaseUrl)));
