import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import Redis from 'ioredis';
import { Client } from 'pg';

/** The machine's Postgres and Redis, which the benchmarks use (each run on a database and key prefix of its own). */
export const SERVER_URL = process.env.BENCH_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A process the benchmark started, with the tail of its output for error reports. */
export interface BenchChild {
  name: string;
  process: ChildProcess;
  /** Lines its logger wrote at level error or fatal (pino JSON levels 50 and 60). */
  errorLines(): number;
  tail(): string;
  /** CPU time (user + system, ms) the process has used so far; NaN where /proc is not available. */
  cpuMs(): number;
  /** The same for its main thread alone: the one that receives and acknowledges requests. */
  mainThreadCpuMs(): number;
  stop(): Promise<void>;
}

/** A /proc stat file's command name and utime + stime in ms (100 clock ticks per second); null once gone. */
function readStat(statFile: string): { name: string; cpuMs: number } | null {
  try {
    const stat = readFileSync(statFile, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      cpuMs: (Number(fields[11]) + Number(fields[12])) * 10,
    };
  } catch {
    return null;
  }
}

/** CPU time (ms) of a process (or of one of its threads' stat files); NaN where /proc is not available. */
const processCpuMs = (pid: number | undefined, statFile = `/proc/${pid}/stat`): number =>
  readStat(statFile)?.cpuMs ?? NaN;

/** CPU (user + system, ms) of every process named `postgres` on this machine: the server and its backends. */
export function postgresCpuMs(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    const stat = readStat(`/proc/${pid}/stat`); // null when the process ended since the listing
    if (stat?.name === 'postgres') total += stat.cpuMs;
  }
  return total;
}

/** CPU time (ms) the whole machine spent busy (every core, every process, the kernel), from /proc/stat. */
export function machineBusyMs(): number {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number) as number[];
  return (user! + nice! + system! + irq! + softirq! + steal!) * 10;
}

/** Starts `node ARGS` in the repository and resolves once its output matches `ready`; rejects if it exits first. */
export async function startChild(
  name: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 60_000,
): Promise<BenchChild> {
  const child = spawn(process.execPath, args, {
    cwd: `${__dirname}/..`,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let errors = 0;
  let partial = '';
  let isReady = false;
  let onLine: (line: string) => void = () => undefined;
  const read = (chunk: Buffer) => {
    const text = partial + chunk.toString();
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      if (/"level":(50|60)/.test(line)) errors++;
      lines.push(line);
      if (lines.length > 40) lines.shift();
      onLine(line);
    }
  };
  child.stdout!.on('data', read);
  child.stderr!.on('data', read);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const handle: BenchChild = {
    name,
    process: child,
    errorLines: () => errors,
    tail: () => [...lines, partial].join('\n').trim(),
    cpuMs: () => processCpuMs(child.pid),
    // The main thread's id is the process id.
    mainThreadCpuMs: () => processCpuMs(child.pid, `/proc/${child.pid}/task/${child.pid}/stat`),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start in ${timeoutMs} ms:\n${handle.tail()}`)),
      timeoutMs,
    );
    onLine = (line) => {
      if (!isReady && ready.test(line)) {
        isReady = true;
        clearTimeout(timer);
        resolve();
      }
    };
    void exited.then(() => {
      clearTimeout(timer);
      if (!isReady) reject(new Error(`${name} exited (${child.exitCode ?? child.signalCode}):\n${handle.tail()}`));
    });
  }).catch(async (error: unknown) => {
    await handle.stop();
    throw error;
  });
  return handle;
}

/** A database of the benchmark's own on the local server (like test/helpers createServerDatabase); drop() removes it. */
export async function createBenchDatabase(
  serverUrl: string,
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `mentor_bot_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  return {
    name,
    url: serverUrl.replace(/\/[^/]*$/, `/${name}`),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Deletes every key under `prefix:` (SCAN, never KEYS or FLUSHALL: the Redis is shared). */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/**
 * Clean-up steps run once, last registered first, on success, failure, Ctrl-C or SIGTERM; a failing step is
 * reported and the others still run.
 */
export function cleanupStack() {
  const steps: [string, () => Promise<unknown>][] = [];
  let running: Promise<void> | undefined;
  const run = () =>
    (running ??= (async () => {
      for (const [what, step] of steps.reverse()) {
        await step().catch((error: unknown) => console.error(`clean-up: ${what} failed: ${String(error)}`));
      }
    })());
  // Ctrl-C reaches this process twice (from the terminal and relayed by tsx's parent process), and npx may add
  // a SIGTERM: every signal after the first is ignored, so none can cut the clean-up short.
  let signalled = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (signalled) return;
      signalled = true;
      console.error(`\n${signal}: cleaning up…`);
      void run().then(() => process.exit(130));
    });
  }
  return {
    add: (what: string, step: () => Promise<unknown>) => void steps.push([what, step]),
    run,
  };
}
