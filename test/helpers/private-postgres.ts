import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './private-redis';

export interface PrivatePostgres {
  port: number;
  url: string;
  /** Stops the server the way a crash does: no checkpoint, every connection cut (pg_ctl stop -m immediate). */
  crash(): void;
  /** Starts it again on the same port and data folder (it runs crash recovery first). */
  start(): Promise<void>;
  /** Stops it if it runs and removes its folder; safe to call more than once. */
  dispose(): void;
}

/** initdb refuses to run as root, so as root the server runs as the `postgres` system user. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/**
 * A Postgres server of the test's own (binaries from `pg_config --bindir`, a temp folder, a free port), for
 * fault tests that stop or crash it. The shared server on 5432 is never touched.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = execFileSync('pg_config', ['--bindir']).toString().trim();
  const dir = mkdtempSync(join(tmpdir(), 'mentor-bot-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const [initdb, initArgs] = asServerUser(join(bin, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
  ]);
  execFileSync(initdb, initArgs, { stdio: 'ignore' });
  const port = await freePort();
  let server: ChildProcess | null = null;

  const pg = (tool: string, args: string[]): void => {
    const [command, commandArgs] = asServerUser(join(bin, tool), args);
    execFileSync(command, commandArgs, { stdio: 'ignore' });
  };

  async function start(): Promise<void> {
    const [command, args] = asServerUser(join(bin, 'postgres'), [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
    ]);
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (/database system is ready to accept connections/.test(output)) resolve();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`postgres exited (${code}): ${output}`)));
    });
  }

  function postmasterPid(): number | null {
    try {
      return Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    } catch {
      return null;
    }
  }

  function crash(): void {
    try {
      pg('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
    } catch {
      // Not running, or pg_ctl failed: make sure the postmaster is gone all the same.
      const pid = postmasterPid();
      if (pid) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }
    server = null;
  }

  await start();
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    crash,
    start,
    dispose() {
      if (server) crash();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
