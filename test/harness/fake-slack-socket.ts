import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FakeSlackApi } from './fake-slack-api';

export interface FakeSlackSocket {
  /** Sends an envelope to the connected app and resolves with its acknowledgement. */
  deliver(
    type: 'slash_commands' | 'interactive' | 'events_api',
    payload: object,
  ): Promise<{ envelope_id: string; payload?: unknown }>;
  connected(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Slack's Socket Mode side: `apps.connections.open` on the fake Web API hands out a ws:// URL on 127.0.0.1,
 * the app connects and gets `hello`, and envelopes go down the socket; the app acknowledges each by id.
 */
export async function startFakeSlackSocket(api: FakeSlackApi): Promise<FakeSlackSocket> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`;
  api.respondWith('apps.connections.open', () => ({ ok: true, url }));
  let socket: WebSocket | null = null;
  let onConnect: (() => void) | null = null;
  const acks = new Map<string, (ack: { envelope_id: string; payload?: unknown }) => void>();
  server.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => {
      const ack = JSON.parse(String(data)) as { envelope_id?: string };
      if (ack.envelope_id) acks.get(ack.envelope_id)?.(ack as { envelope_id: string });
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        connection_info: { app_id: 'A0MENTOR' },
        debug_info: { host: 'fake' },
      }),
    );
    onConnect?.();
  });
  let counter = 0;
  return {
    connected: () => (socket ? Promise.resolve() : new Promise<void>((resolve) => (onConnect = resolve))),
    deliver(type, payload) {
      if (!socket) throw new Error('no app is connected');
      const envelopeId = `env-${++counter}`;
      const acked = new Promise<{ envelope_id: string; payload?: unknown }>((resolve) => acks.set(envelopeId, resolve));
      socket.send(
        JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api' }),
      );
      return acked;
    },
    async stop() {
      for (const client of server.clients) client.terminate();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
