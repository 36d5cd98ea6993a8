import { randomUUID } from 'node:crypto';
import { commandRunner, UNPARSED_COMMAND, type CommandRequest } from '../../../src/commands/run-command';
import { runInContext } from '../../../src/commands/run-in-context';
import { fail, ok } from '../../../src/domain/result';
import type { CommandOutcome, Metrics } from '../../../src/ports/metrics';
import { StoreUnavailableError } from '../../../src/ports/store';
import { commandHarness, COMMUNITY, person, type Harness } from '../../helpers/command-harness';
import { createPgliteDatabase, type TestDatabase } from '../../helpers/test-databases';

/** A Metrics port that keeps what it was told. */
function recordingMetrics(): Metrics & {
  commands: { command: string; outcome: CommandOutcome; seconds: number }[];
  events: string[];
} {
  const commands: { command: string; outcome: CommandOutcome; seconds: number }[] = [];
  const events: string[] = [];
  return {
    commands,
    events,
    commandFinished: (command, outcome, seconds) => commands.push({ command, outcome, seconds }),
    jobFinished: () => undefined,
    nudgeSent: () => events.push('nudgeSent'),
    checkinLogged: () => events.push('checkinLogged'),
  };
}

const request = (name: string, input: string, eventId: string = randomUUID()): CommandRequest => ({
  communityId: COMMUNITY,
  communityName: 'Test community',
  actor: { id: person(name), displayName: name, isAdmin: false },
  eventId,
  input,
});

describe('commandRunner counts every command by name and outcome', () => {
  let database: TestDatabase;
  let harness: Harness;

  beforeAll(async () => {
    database = await createPgliteDatabase();
    harness = commandHarness(database.db);
  });
  afterAll(() => database.dispose());

  it('ok, refused by a rule, refused as unparseable, and a replayed event as ok', async () => {
    const metrics = recordingMetrics();
    const run = commandRunner({ ...harness.deps, metrics });
    expect((await run(request('ana', 'join mentee goals: pricing tz: UTC', 'evt-join'))).refused).toBeFalsy();
    expect((await run(request('ana', 'round preview'))).refused).toBe(true);
    expect((await run(request('ana', 'jion'))).refused).toBe(true);
    await run(request('ana', 'join mentee goals: pricing tz: UTC', 'evt-join'));
    expect(metrics.commands.map(({ command, outcome }) => [command, outcome])).toEqual([
      ['join', 'ok'],
      ['round', 'refused'],
      [UNPARSED_COMMAND, 'refused'],
      ['join', 'ok'],
    ]);
    for (const { seconds } of metrics.commands) expect(seconds).toBeGreaterThanOrEqual(0);
  });

  it('a bug and a lost database count as errors of the command that met them', async () => {
    const metrics = recordingMetrics();
    const broken = (error: Error) =>
      commandRunner({
        ...harness.deps,
        metrics,
        store: { ...harness.store, transaction: () => Promise.reject(error) },
      });
    const bug = await broken(new Error('a bug'))(request('ana', 'help'));
    expect(bug.text).toMatch(/^Sorry, something went wrong on my side \(error [0-9a-f]{8}\)/);
    await broken(new StoreUnavailableError('database unavailable: ECONNREFUSED'))(request('ana', 'stats'));
    expect(metrics.commands.map(({ command, outcome }) => [command, outcome])).toEqual([
      ['help', 'error'],
      ['stats', 'error'],
    ]);
  });

  it('counts what a use case reports only once its transaction committed', async () => {
    const metrics = recordingMetrics();
    const deps = { ...harness.deps, metrics };
    const context = { communityId: COMMUNITY, communityName: '', actor: request('ana', '').actor };
    const committed = await runInContext(deps, context, async (ctx) => {
      ctx.countAfterCommit('checkinLogged');
      ctx.countAfterCommit('nudgeSent');
      return ok('done');
    });
    expect(committed).toEqual({ ok: true, value: 'done' });
    const rolledBack = await runInContext(deps, context, async (ctx) => {
      ctx.countAfterCommit('checkinLogged');
      return fail('no_pairing', 'You have no pairing.');
    });
    expect(rolledBack.ok).toBe(false);
    expect(metrics.events).toEqual(['checkinLogged', 'nudgeSent']);
  });
});
