import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OpsRoute } from '../../src/observability/ops-routes';

export interface OpsHttpServer {
  port: number;
  /** Stops listening and waits for open requests (idle keep-alive connections are dropped at once). */
  close(): Promise<void>;
}

/**
 * The health, readiness and metrics endpoints on their own port, for processes without the Slack HTTP
 * receiver (workers, Socket Mode). The same routes that Bolt serves as `customRoutes` in HTTP mode.
 */
export async function startOpsHttpServer(routes: readonly OpsRoute[], port: number): Promise<OpsHttpServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    const route = routes.find((candidate) => candidate.path === path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    if (!route.method.includes(method)) {
      res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8', allow: route.method.join(', ') });
      res.end('method not allowed\n');
      return;
    }
    route.handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
