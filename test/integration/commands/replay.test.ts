import { snapshot, useCommandKit } from './command-kit';

/**
 * A platform may deliver the same event twice (Slack retries, a double click). The second delivery must get the
 * same reply and change nothing.
 */
const kit = useCommandKit();

/** Runs `text` as `name` with one event id twice; returns the reply. */
async function deliveredTwice(name: string, text: string, eventId: string): Promise<string> {
  const first = await kit.h.reply(name, text, eventId);
  expect(first.text).not.toMatch(/something went wrong/i);
  const counts = await kit.counts();
  const rows = await snapshot(kit.db);
  const second = await kit.h.reply(name, text, eventId);
  expect(second).toEqual(first);
  expect(await kit.counts()).toEqual(counts);
  expect(await snapshot(kit.db)).toEqual(rows);
  // `as` is the same path and gives the same text.
  expect(await kit.h.as(name, text, eventId)).toBe(first.text);
  return first.text;
}

describe('replaying an event id', () => {
  it('changes nothing for any member command', async () => {
    await deliveredTwice('ana', 'join mentor skills: pricing tz: UTC capacity: 2', 'e-join-ana');
    await deliveredTwice('bo', 'join mentee goals: pricing tz: UTC', 'e-join-bo');
    await deliveredTwice('ana', 'edit skills: pricing, taxes', 'e-edit');
    await deliveredTwice('mod', 'pair @ana @bo', 'e-pair');
    await deliveredTwice('bo', 'checkin met', 'e-checkin');
    await deliveredTwice('bo', 'goal add raise my rate', 'e-goal-add');
    await deliveredTwice('ana', 'goal done 1', 'e-goal-done');
    await deliveredTwice('bo', 'goals', 'e-goals');
    await deliveredTwice('bo', 'thanks @ana thank you', 'e-thanks');
    await deliveredTwice('bo', 'block @zed', 'e-block');
    await deliveredTwice('ana', 'pause for 3 days', 'e-pause');
    await deliveredTwice('ana', 'resume', 'e-resume');
    await deliveredTwice('ana', 'profile', 'e-profile');
    await deliveredTwice('ana', 'help', 'e-help');
    await deliveredTwice('bo', 'end', 'e-end');
    const [pairing] = await kit.pairingsBetween('ana', 'bo');
    await deliveredTwice('ana', `feedback ${pairing!.id} 5`, 'e-feedback');
    await deliveredTwice('bo', 'leave', 'e-leave');
    expect((await kit.counts()).processed_events).toBe(17);
  });

  it('changes nothing for moderator commands', async () => {
    await kit.mentor('ana');
    await kit.mentee('bo');
    await deliveredTwice('mod', 'config quiet-hours 21:00-07:00', 'e-config');
    await deliveredTwice('mod', 'config moderators add @bob', 'e-mods');
    await deliveredTwice('mod', 'pair @ana @bo', 'e-pair');
    await deliveredTwice('mod', 'unpair @ana @bo', 'e-unpair');
    await deliveredTwice('mod', 'pair @ana @bo force', 'e-force');
    await deliveredTwice('bob', 'stats', 'e-stats');
    const { rows } = await kit.db.query('SELECT action FROM audit_log ORDER BY id');
    expect(rows).toEqual([
      { action: 'config' },
      { action: 'config' },
      { action: 'pair' },
      { action: 'unpair' },
      { action: 'pair' },
    ]);
  });

  it('returns the first reply even when the state has changed since', async () => {
    await kit.mentor('ana');
    const first = await kit.h.as('mod', 'stats', 'e-stats');
    await kit.mentee('bo');
    expect(await kit.h.as('mod', 'stats', 'e-stats')).toBe(first);
    expect(await kit.h.as('mod', 'stats')).not.toBe(first);
  });

  it('keeps one-click actions on a replayed reply', async () => {
    await kit.mentor('ana');
    await kit.mentee('bo');
    await kit.pair('ana', 'bo');
    await deliveredTwice('bo', 'end', 'e-end');
    const replay = await kit.h.reply('bo', 'end', 'e-end');
    expect(replay.actions).toHaveLength(5);
  });

  it('does not record the event id of a refused command, so a retry is judged afresh', async () => {
    await kit.mentee('bo');
    const refused = await kit.h.as('bo', 'checkin', 'e-early');
    expect(refused).toMatch(/no active pairing/);
    const { rows } = await kit.db.query("SELECT 1 FROM processed_events WHERE event_id = 'e-early'");
    expect(rows).toEqual([]);
    await kit.mentor('ana');
    await kit.pair('ana', 'bo');
    expect(await kit.h.as('bo', 'checkin', 'e-early')).toMatch(/^Check-in logged/);
  });

  // forget-query.ts deletes every processed_events row of the person, including the one this command just
  // claimed, so a redelivered `forget-me confirm` runs again and answers differently.
  it('replays forget-me confirm with the same reply', async () => {
    await kit.mentor('ana');
    await kit.mentee('bo');
    await kit.pair('ana', 'bo');
    const first = await kit.h.as('bo', 'forget-me confirm', 'e-forget');
    expect(first).toContain('1 past pairing stays');
    expect(await kit.h.as('bo', 'forget-me confirm', 'e-forget')).toBe(first);
  });
});
