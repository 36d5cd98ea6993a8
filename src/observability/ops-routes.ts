import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../ports/logger';
import { checkReadiness, type ReadinessCheck } from './readiness';

/** What /metrics serves: a text body in the registry's own content type. */
export interface MetricsExposition {
  readonly contentType: string;
  render(): Promise<string>;
}

/** The shape Bolt's `customRoutes` takes, so the Slack receiver and our own small server share these handlers. */
export interface OpsRoute {
  path: string;
  method: string[];
  handler(req: IncomingMessage, res: ServerResponse): void;
}

export interface OpsRoutesOptions {
  readiness: readonly ReadinessCheck[];
  metrics: MetricsExposition;
  logger: Logger;
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
}

/**
 * /healthz: the process answers (liveness; restart it when this fails). /readyz: Postgres, migrations and
 * Redis (when configured) answer, so a load balancer may send it work. /metrics: Prometheus text format.
 */
export function opsRoutes(options: OpsRoutesOptions): OpsRoute[] {
  const onFailure = (name: string, error: unknown) =>
    options.logger.warn({ check: name, err: error }, 'readiness check failed');
  const answer = (res: ServerResponse, work: () => Promise<void>) =>
    void work().catch((error: unknown) => {
      options.logger.error({ err: error }, 'ops endpoint failed');
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'error\n');
      else res.end();
    });
  const GET = ['GET', 'HEAD'];
  return [
    {
      path: '/healthz',
      method: GET,
      handler: (_req, res) => send(res, 200, 'text/plain; charset=utf-8', 'ok\n'),
    },
    {
      path: '/readyz',
      method: GET,
      handler: (_req, res) =>
        answer(res, async () => {
          const report = await checkReadiness(options.readiness, { onFailure });
          const body = JSON.stringify({ status: report.ready ? 'ready' : 'not ready', checks: report.checks });
          send(res, report.ready ? 200 : 503, 'application/json', `${body}\n`);
        }),
    },
    {
      path: '/metrics',
      method: GET,
      handler: (_req, res) =>
        answer(res, async () => send(res, 200, options.metrics.contentType, await options.metrics.render())),
    },
  ];
}
