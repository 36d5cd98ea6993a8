import { randomUUID } from 'node:crypto';
import { postgresStore } from '../../db/postgres-store';
import type { SqlDatabase } from '../../db/sql-client';
import { commandRunner, type CommandRequest } from '../../src/commands/run-command';
import type { Command } from '../../src/commands/command';
import type { Reply } from '../../src/domain/message';
import type { Clock } from '../../src/ports/clock';
import type { Store } from '../../src/ports/store';
import type { CoreDeps } from '../../src/commands/run-in-context';
import { recordingScheduler, type RecordingScheduler } from './recording-scheduler';
import { silentLogger } from './silent-logger';

export const COMMUNITY = 'test:c1';
export const person = (name: string): string => `${COMMUNITY}:${name}`;
/** `@ana` in test text becomes the core's mention token. */
export const withMentions = (text: string): string =>
  text.replace(/@([a-z0-9_]+)/g, (_m, name: string) => `<@${person(name)}>`);

/** A clock tests can move. */
export function testClock(
  start = new Date('2026-03-02T12:00:00Z'),
): Clock & { set(at: Date): void; advance(ms: number): void } {
  let now = start;
  return {
    now: () => new Date(now),
    set: (at) => (now = at),
    advance: (ms) => (now = new Date(now.getTime() + ms)),
  };
}

export interface Harness {
  store: Store;
  clock: ReturnType<typeof testClock>;
  scheduler: RecordingScheduler;
  /** The ports as the core takes them, for running scheduled tasks in tests. */
  deps: CoreDeps;
  /** Runs `/mentor TEXT` as `name` (moderators: names in `admins`); returns the reply text. */
  as(name: string, text: string, eventId?: string): Promise<string>;
  reply(name: string, input: string | Command, eventId?: string): Promise<Reply>;
}

/**
 * Runs commands on real core deps as named people of the test community (`@name` written as a mention);
 * `admins` are moderators by the platform's say.
 */
export function speaker(deps: CoreDeps, admins: string[] = ['mod']) {
  const run = commandRunner(deps);
  return (name: string, input: string | Command, eventId: string = randomUUID()): Promise<Reply> => {
    const request: CommandRequest = {
      communityId: COMMUNITY,
      communityName: 'Test community',
      actor: { id: person(name), displayName: name, isAdmin: admins.includes(name) },
      eventId,
      input: typeof input === 'string' ? withMentions(input) : input,
    };
    return run(request);
  };
}

export function commandHarness(db: SqlDatabase, admins: string[] = ['mod']): Harness {
  const store = postgresStore(db);
  const clock = testClock();
  const scheduler = recordingScheduler();
  const deps: CoreDeps = { store, clock, logger: silentLogger(), newId: randomUUID, scheduler };
  const reply = speaker(deps, admins);
  return {
    store,
    clock,
    scheduler,
    deps,
    reply,
    as: async (name, text, eventId) => (await reply(name, text, eventId)).text,
  };
}
