import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FakeDiscordState, Json } from './fake-discord-state';
import { nextSnowflake } from './snowflake';

/** One gateway payload a client sent (IDENTIFY, heartbeats, presence updates, ...). */
export interface GatewayReceived {
  op: number;
  d: unknown;
  at: number;
}

interface Session {
  socket: WebSocket;
  seq: number;
  identified: boolean;
}

export interface FakeDiscordGateway {
  /** Every payload clients sent, in order. */
  received: GatewayReceived[];
  /** Sessions that have sent IDENTIFY and got READY. */
  readyCount(): number;
  /** Sends a dispatch (op 0) to every identified session; waits up to timeoutMs for one to exist. */
  dispatch(t: string, d: unknown, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const HEARTBEAT_INTERVAL = 41250;

/**
 * The Discord gateway (v10, JSON, uncompressed) on the fake's HTTP server: HELLO, READY + GUILD_CREATE
 * after IDENTIFY, heartbeat ACKs, RESUME answered with INVALID_SESSION (so clients re-identify).
 */
export function attachFakeDiscordGateway(
  server: Server,
  state: FakeDiscordState,
  gatewayUrl: string,
  notify: () => void,
): FakeDiscordGateway {
  const wss = new WebSocketServer({ server });
  const sessions = new Set<Session>();
  const received: GatewayReceived[] = [];
  const readyListeners = new Set<() => void>();

  const send = (session: Session, payload: Json): Promise<void> =>
    new Promise((resolve, reject) =>
      session.socket.send(JSON.stringify(payload), (error) => (error ? reject(error) : resolve())),
    );
  const sendDispatch = (session: Session, t: string, d: unknown): Promise<void> =>
    send(session, { op: 0, t, s: ++session.seq, d });

  async function identify(session: Session): Promise<void> {
    session.seq = 0;
    await sendDispatch(session, 'READY', {
      v: 10,
      user: state.bot,
      user_settings: {},
      guilds: state.guildCreates.map((g) => ({ id: g['id'], unavailable: true })),
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      session_id: nextSnowflake(),
      session_type: 'normal',
      resume_gateway_url: gatewayUrl,
      shard: [0, 1],
      application: { id: state.applicationId, flags: 0 },
      geo_ordered_rtc_regions: [],
    });
    for (const guild of state.guildCreates) await sendDispatch(session, 'GUILD_CREATE', guild);
    session.identified = true;
    for (const listener of [...readyListeners]) listener();
  }

  wss.on('connection', (socket) => {
    const session: Session = { socket, seq: 0, identified: false };
    sessions.add(session);
    socket.on('close', () => sessions.delete(session));
    socket.on('error', () => sessions.delete(session));
    socket.on('message', (data) => {
      let payload: { op?: unknown; d?: unknown };
      try {
        payload = JSON.parse(String(data)) as { op?: unknown; d?: unknown };
      } catch {
        socket.close(4002, 'Error while decoding payload.');
        return;
      }
      const op = typeof payload.op === 'number' ? payload.op : -1;
      received.push({ op, d: payload.d, at: Date.now() });
      notify();
      if (op === 1) void send(session, { op: 11 }).catch(() => undefined);
      else if (op === 2) void identify(session).catch(() => undefined);
      else if (op === 6) void send(session, { op: 9, d: false }).catch(() => undefined);
      else if (op === -1) socket.close(4001, 'Unknown opcode.');
    });
    void send(session, { op: 10, d: { heartbeat_interval: HEARTBEAT_INTERVAL } }).catch(() => undefined);
  });

  const identified = (): Session[] => [...sessions].filter((s) => s.identified);

  function waitForIdentified(timeoutMs: number): Promise<void> {
    if (identified().length > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const listener = (): void => {
        clearTimeout(timer);
        readyListeners.delete(listener);
        resolve();
      };
      const timer = setTimeout(() => {
        readyListeners.delete(listener);
        reject(new Error(`no gateway session identified within ${timeoutMs} ms`));
      }, timeoutMs);
      readyListeners.add(listener);
    });
  }

  return {
    received,
    readyCount: () => identified().length,
    async dispatch(t, d, timeoutMs = 5000) {
      await waitForIdentified(timeoutMs);
      await Promise.all(identified().map((session) => sendDispatch(session, t, d)));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of sessions) session.socket.terminate();
        sessions.clear();
        wss.close(() => resolve());
      }),
  };
}
