import { startOpsHttpServer, type OpsHttpServer } from '../../../adapters/http/ops-http-server';
import { databaseReadiness } from '../../../db/database-readiness';
import { openPgDatabase } from '../../../db/pg-database';
import { postgresStore } from '../../../db/postgres-store';
import { redisReadiness } from '../../../jobs/redis-readiness';
import { opsRoutes } from '../../../src/observability/ops-routes';
import { prometheusMetrics } from '../../../src/observability/prometheus-metrics';
import { freePort, startPrivateRedis, type PrivateRedis } from '../../helpers/private-redis';
import { silentLogger } from '../../helpers/silent-logger';
import { createServerDatabase, type TestDatabase } from '../../helpers/test-databases';

// The endpoints over real HTTP, checking a real Postgres and a Redis of the test's own (it gets stopped).
describe('health, readiness and metrics endpoints', () => {
  let database: TestDatabase;
  let redis: PrivateRedis;
  let server: OpsHttpServer;
  let redisCheck: ReturnType<typeof redisReadiness>;
  const logger = silentLogger();
  const metrics = prometheusMetrics({
    logger,
    pairings: { pairingTotals: () => postgresStore(database.db).pairingTotals() },
  });

  beforeAll(async () => {
    database = await createServerDatabase();
    redis = await startPrivateRedis();
    redisCheck = redisReadiness(redis.url);
    const routes = opsRoutes({ readiness: [...databaseReadiness(database.db), redisCheck], metrics, logger });
    server = await startOpsHttpServer(routes, 0);
  });
  afterAll(async () => {
    await server?.close();
    redisCheck?.close();
    await redis?.stop();
    await database?.dispose();
  });

  const get = (path: string, port = server.port, init: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${port}${path}`, init);

  it('/healthz answers ok', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok\n');
  });

  it('/readyz is 200 with every check ok while Postgres, the schema and Redis are there', async () => {
    const response = await get('/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      checks: { postgres: 'ok', migrations: 'ok', redis: 'ok' },
    });
  });

  it('/metrics speaks the Prometheus text format, with the pair gauges read from Postgres', async () => {
    metrics.commandFinished('join', 'ok', 0.01);
    const response = await get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('mentor_commands_total{command="join",outcome="ok"} 1');
    expect(text).toContain('# TYPE mentor_active_pairs gauge\nmentor_active_pairs 0');
    expect(text).toContain('mentor_at_risk_pairs 0');
  });

  it('answers 404 for other paths and 405 for other methods', async () => {
    expect((await get('/slack/events')).status).toBe(404);
    const post = await get('/readyz', server.port, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('/readyz is 503 naming migrations when the schema is behind this version', async () => {
    const { rows } = await database.db.query<{ version: number; name: string }>(
      'DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations) RETURNING version, name',
    );
    try {
      const response = await get('/readyz');
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        status: 'not ready',
        checks: { postgres: 'ok', migrations: 'failed', redis: 'ok' },
      });
    } finally {
      await database.db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        rows[0]!.version,
        rows[0]!.name,
      ]);
    }
  });

  it('/readyz is 503 naming Postgres when the server cannot be reached', async () => {
    // A pool aimed at a port nobody listens on: what a process sees when its database host goes away.
    const gone = openPgDatabase(`postgres://postgres@127.0.0.1:${await freePort()}/postgres`);
    const lone = await startOpsHttpServer(opsRoutes({ readiness: databaseReadiness(gone), metrics, logger }), 0);
    try {
      const response = await get('/readyz', lone.port);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        status: 'not ready',
        checks: { postgres: 'failed', migrations: 'failed' },
      });
      expect((await get('/healthz', lone.port)).status).toBe(200);
    } finally {
      await lone.close();
      await gone.close();
    }
  });

  it('/readyz is 503 naming Redis once Redis is gone, and logs why', async () => {
    await redis.stop();
    const response = await get('/readyz');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'not ready',
      checks: { postgres: 'ok', migrations: 'ok', redis: 'failed' },
    });
    expect(logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'readiness check failed',
        details: expect.objectContaining({ check: 'redis' }),
      }),
    );
  });
});
