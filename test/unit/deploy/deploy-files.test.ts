import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// No Docker engine runs here, so this checks what can be checked without one: the compose file parses and
// wires the services as the README says, and the health checks the image and compose run really work.
const ROOT = join(__dirname, '..', '..', '..');
// js-yaml is already installed (ESLint's config loader brings it); it ships no types of its own.
const { load } = createRequire(__filename)('js-yaml') as { load(text: string): unknown };

interface ComposeService {
  command?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  ports?: string[];
  profiles?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  env_file?: string;
}

const compose = load(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

/** Runs a health check's `node -e` script as the container would, against a port on this machine. */
function runCheck(script: string, port: number): Promise<number | null> {
  const child = spawn(process.execPath, ['-e', script], {
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
  });
  return new Promise((resolve) => child.once('exit', resolve));
}

describe('docker-compose.yml', () => {
  const { services } = compose;

  it('runs Postgres, Redis, one serve and one worker, with the shell behind a profile', () => {
    expect(Object.keys(services).sort()).toEqual(['postgres', 'redis', 'serve', 'shell', 'worker']);
    expect(services['serve']!.command).toEqual(['serve']);
    expect(services['worker']!.command).toEqual(['worker']);
    expect(services['shell']!.profiles).toEqual(['shell']);
    expect(services['postgres']!.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(Object.keys(compose.volumes)).toEqual(['postgres-data']);
  });

  it('starts the bot only once Postgres and Redis are healthy, with its settings from .env', () => {
    for (const name of ['serve', 'worker']) {
      const service = services[name]!;
      expect(service.depends_on).toEqual({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
      expect(service.env_file).toBe('.env');
      expect(service.environment?.['DATABASE_URL']).toBe('postgres://mentor:mentor@postgres:5432/mentor');
      expect(service.environment?.['REDIS_URL']).toBe('redis://redis:6379');
    }
  });

  it('health-checks every long-running service, the bot through /readyz', () => {
    expect(services['postgres']!.healthcheck?.test).toEqual(['CMD-SHELL', 'pg_isready -U mentor -d mentor']);
    expect(services['redis']!.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    for (const name of ['serve', 'worker']) {
      expect(services[name]!.healthcheck?.test?.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
      expect(services[name]!.healthcheck?.test?.[3]).toContain('/readyz');
    }
  });

  it('publishes a host port only for serve, so `--scale worker=N` never clashes', () => {
    expect(services['serve']!.ports).toEqual(['3000:3000']);
    expect(services['worker']!.ports).toBeUndefined();
  });
});

describe('Dockerfile', () => {
  it('runs node directly as the unprivileged user, with every folder the program loads', () => {
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim AS deps$/m);
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "--max-semi-space-size=4", "bin\/mentor-bot.js"\]$/m);
    for (const folder of ['bin', 'src', 'adapters', 'jobs', 'db']) {
      expect(dockerfile).toMatch(new RegExp(`^COPY ${folder} ./${folder}$`, 'm'));
    }
  });

  it('starts node with the same flags as `npm start`', () => {
    const entrypoint = JSON.parse(/^ENTRYPOINT (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
    expect(pkg.scripts.start).toBe(entrypoint.join(' '));
  });
});

describe('the health checks the image and compose run', () => {
  let server: Server;
  let port: number;
  let ready = true;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/healthz') res.writeHead(200).end('ok\n');
      else if (req.url === '/readyz') res.writeHead(ready ? 200 : 503).end();
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const imageCheck = (): string => {
    const instruction = /^HEALTHCHECK [^\n]*\\\n\s+CMD (\[.*\])$/m.exec(dockerfile);
    if (!instruction) throw new Error('no HEALTHCHECK ... CMD [...] in the Dockerfile');
    const command = JSON.parse(instruction[1]!) as string[];
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    return command[2]!;
  };

  it('the image asks /healthz on PORT: 0 while the bot answers, 1 when nothing listens', async () => {
    expect(await runCheck(imageCheck(), port)).toBe(0);
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const free = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(free));
      });
    });
    expect(await runCheck(imageCheck(), closedPort)).toBe(1);
  });

  it('compose asks /readyz: 0 when ready, 1 on a 503', async () => {
    const script = compose.services['worker']!.healthcheck!.test![3]!;
    ready = true;
    expect(await runCheck(script, port)).toBe(0);
    ready = false;
    expect(await runCheck(script, port)).toBe(1);
  });
});
