/**
 * `npm run bench:command-cost`: what one command costs in CPU, without the noise of a loaded machine. The
 * steady-state mix of `bench:commands` (command-mix.ts) runs through the core against a private database on
 * the local Postgres: COUNT (3000) commands, CONCURRENCY (4) at a time, after USERS (500) people signed up and
 * were paired; once per setting of DATABASE_PREPARED_STATEMENTS in the same run (`off` is the reference). It
 * prints, per command, the CPU of this process (the core and the pg client) and of every Postgres process on
 * the machine (from /proc, so run it on a quiet machine), the wall time, and the statements sent (BEGIN and
 * COMMIT included). Results: bench/results/command-cost.json.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPgDatabase } from '../db/pg-database';
import { migrate } from '../db/migrate';
import { postgresStore } from '../db/postgres-store';
import type { SqlClient, SqlDatabase } from '../db/sql-client';
import { commandRunner, type CommandRequest } from '../src/commands/run-command';
import type { TimerSetter } from '../src/commands/run-in-context';
import { createLogger } from '../src/create-logger';
import type { CommunityId, PersonId } from '../src/domain/ids';
import { systemClock } from '../src/ports/clock';
import { createBenchDatabase, postgresCpuMs, SERVER_URL } from './bench-processes';
import { commandMix, population, type Slash } from './command-mix';

const count = Number(process.env.COUNT ?? 3000);
const users = Number(process.env.USERS ?? 500);
const concurrency = Number(process.env.CONCURRENCY ?? 4);
const COMMUNITY = 'slack:T0BENCH' as CommunityId;

/** Counts the statements the core sends, transactions' BEGIN and COMMIT included. */
function counting(db: SqlDatabase): { db: SqlDatabase; statements: () => number } {
  let statements = 0;
  const wrap = (client: SqlClient): SqlClient => ({
    query: (sql, params) => (statements++, client.query(sql, params)),
    exec: (sql) => (statements++, client.exec(sql)),
  });
  return {
    db: {
      ...db,
      ...wrap(db),
      transaction: (work) => ((statements += 2), db.transaction((tx) => work(wrap(tx)))),
      close: () => db.close(),
      kind: db.kind,
    },
    statements: () => statements,
  };
}

/** Timers are not what is measured here (they go to Redis, not Postgres): accepted and forgotten. */
const forgetfulTimers: TimerSetter = {
  scheduleAll: async () => undefined,
  repeat: async () => undefined,
  stopRepeating: async () => undefined,
};

const request = (slash: Slash): CommandRequest => ({
  communityId: COMMUNITY,
  communityName: 'Bench community',
  actor: {
    id: `${COMMUNITY}:${slash.userId}` as PersonId,
    displayName: slash.userId,
    isAdmin: slash.userId === 'UMOD',
  },
  eventId: randomUUID(),
  input: slash.text.replace(/<@(\w+)>/g, `<@${COMMUNITY}:$1>`),
});

async function pass(preparedStatements: boolean) {
  const database = await createBenchDatabase(SERVER_URL);
  const measured = counting(openPgDatabase(database.url, { preparedStatements }));
  try {
    await migrate(measured.db);
    const run = commandRunner({
      store: postgresStore(measured.db),
      clock: systemClock,
      logger: createLogger({ level: 'silent', format: 'json' }),
      scheduler: forgetfulTimers,
      newId: randomUUID,
    });
    const pop = population(users);
    let seeded = 0;
    for (const slash of [...pop.signups, ...pop.pairings]) {
      if (/^(Welcome|Paired)/.test((await run(request(slash))).text)) seeded++;
    }
    // Costs of refusals would say nothing about the commands people use.
    if (seeded < pop.signups.length + pop.pairings.length)
      throw new Error(`only ${seeded} sign-ups and pairings succeeded`);
    const next = commandMix(pop, 1);
    // Warm-up: JIT, the pool's connections and (when on) their prepared statements.
    for (let i = 0; i < 500; i++) await run(request(next()));
    const [postgresBefore, cpuBefore, statementsBefore, started] = [
      postgresCpuMs(),
      process.cpuUsage(),
      measured.statements(),
      performance.now(),
    ];
    let sent = 0;
    const lane = async () => {
      while (sent++ < count) await run(request(next()));
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    const cpu = process.cpuUsage(cpuBefore);
    const per = (x: number) => Math.round((x / count) * 1000) / 1000;
    return {
      preparedStatements: preparedStatements ? 'on' : 'off',
      appCpuMs: per((cpu.user + cpu.system) / 1000),
      postgresCpuMs: per(postgresCpuMs() - postgresBefore),
      wallMs: per(performance.now() - started),
      statements: per(measured.statements() - statementsBefore),
    };
  } finally {
    await measured.db.close();
    await database.drop();
  }
}

async function main(): Promise<void> {
  const results = [await pass(false), await pass(true)];
  console.log(`${count} commands of the bench:commands mix, ${concurrency} at a time; per command:`);
  console.log('prepared statements  app CPU ms  Postgres CPU ms  wall ms  statements');
  for (const r of results) {
    console.log(
      `${r.preparedStatements.padEnd(19)}  ${String(r.appCpuMs).padStart(10)}  ${String(r.postgresCpuMs).padStart(15)}` +
        `  ${String(r.wallMs).padStart(7)}  ${String(r.statements).padStart(10)}`,
    );
  }
  const [off, on] = results as [(typeof results)[0], (typeof results)[0]];
  console.log(`Postgres CPU with prepared statements: ${(on.postgresCpuMs / off.postgresCpuMs).toFixed(2)} of without`);
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'command-cost.json'), JSON.stringify({ count, users, concurrency, results }, null, 2));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
