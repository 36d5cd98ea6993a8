import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { openPgDatabase } from '../../../db/pg-database';
import { StoreUnavailableError } from '../../../src/ports/store';

/**
 * A Postgres that is coming back up can take a connection and say nothing. The bot must not wait forever:
 * the connection attempt is bounded, and the command gets the "try again" path (StoreUnavailableError).
 */
describe('a database server that accepts connections and never answers', () => {
  let server: Server;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives up on the connection and reports the store unavailable, for queries and transactions', async () => {
    const { port } = server.address() as AddressInfo;
    const db = openPgDatabase(`postgres://postgres@127.0.0.1:${port}/postgres`, { connectTimeoutMs: 200 });
    try {
      await expect(db.query('SELECT 1')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(db.transaction((sql) => sql.query('SELECT 1'))).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(sockets.length).toBeGreaterThanOrEqual(2);
    } finally {
      await db.close();
    }
  });
});
