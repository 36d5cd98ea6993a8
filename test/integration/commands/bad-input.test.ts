import { useCommandKit } from './command-kit';

/**
 * Every refusal of the member and moderator commands, through the command runner on PGlite: one sentence for
 * the person, and not a single row written or changed (not even the event id). Pairing commands are in
 * bad-input-pairings.test.ts.
 */
const kit = useCommandKit();
const NOT_JOINED = /^You have not joined yet; start with `\/mentor join mentor`/;

describe('help', () => {
  it('refuses words after help', async () => {
    await kit.refused('ana', 'help me', /`help` takes nothing after it/);
  });
});

describe('unknown commands', () => {
  it('suggests the closest command word', async () => {
    await kit.refused('ana', 'jion mentor', /^I don't know "jion"\. Did you mean `\/mentor join`\?/);
  });

  it('offers only help for a word far from every command', async () => {
    const reply = await kit.refused('ana', 'bananarama', /I don't know "bananarama"/);
    expect(reply.text).not.toContain('Did you mean');
  });
});

describe('join', () => {
  it('refuses a second join', async () => {
    await kit.mentor('ana');
    await kit.refused('ana', 'join mentee goals: x tz: UTC', /^You have already joined as mentor; use `\/mentor edit`/);
  });

  it('needs a role (a bare join is the form on Slack and Discord)', async () => {
    await kit.refused('ana', 'join', /^Say how you want to take part: mentor, mentee or both/);
  });

  it('names a role it does not know and the choices', async () => {
    await kit.refused('ana', 'join boss skills: x tz: UTC', /"boss" is not a role; choose mentor, mentee or both/);
  });

  it('needs a time zone', async () => {
    await kit.refused(
      'ana',
      'join mentor skills: pricing',
      /^Give your time zone so nudges reach you in working hours/,
    );
  });

  it('suggests the full time zone name for a city', async () => {
    await kit.refused('ana', 'join mentor skills: pricing tz: Berlin', /did you mean Europe\/Berlin\?/);
  });

  it('needs skills from a mentor and goals from a mentee, and both from both', async () => {
    await kit.refused('ana', 'join mentor tz: UTC', /^Mentors need skills/);
    await kit.refused('ana', 'join mentee tz: UTC', /^Mentees need goals/);
    await kit.refused('ana', 'join both skills: pricing tz: UTC', /^Mentees need goals/);
    await kit.refused('ana', 'join both goals: pricing tz: UTC', /^Mentors need skills/);
  });

  it('refuses capacity from a mentee and capacity 0 from a mentor', async () => {
    await kit.refused('ana', 'join mentee goals: x tz: UTC capacity: 2', /^Capacity is for mentors/);
    await kit.refused('ana', 'join mentor skills: x tz: UTC capacity: 0', /^A mentor takes at least 1 mentee/);
  });

  it('names capacity and its range for a capacity that is not a number', async () => {
    await kit.refused(
      'ana',
      'join mentor skills: x tz: UTC capacity: two',
      /^Capacity must be a whole number from 0 to 20/,
    );
  });

  it('refuses a duplicate key and text before the first key', async () => {
    await kit.refused('ana', 'join mentor skills: a skills: b tz: UTC', /You gave skills twice/);
    await kit.refused('ana', 'join mentor pricing tz: UTC', /I did not understand "pricing"/);
  });

  // parseDurationMinutes('constructor') returns Object (NAMED is a plain object), which reaches the database.
  it('refuses "cadence: constructor" with a sentence, not an apology', async () => {
    await kit.refused('ana', 'join mentor skills: x tz: UTC cadence: constructor', /Cadence "constructor"/);
  });

  it('writes nothing at all, not even the community, when the first command of a community fails', async () => {
    await kit.refused('ana', 'join mentor tz: UTC', /Mentors need skills/);
    expect((await kit.counts()).communities).toBe(0);
  });
});

describe('edit', () => {
  it('refuses before joining, and after leaving', async () => {
    await kit.refused('ana', 'edit skills: pricing', NOT_JOINED);
    await kit.mentor('ana');
    await kit.ok('ana', 'leave', /^You have left/);
    await kit.refused('ana', 'edit skills: pricing', NOT_JOINED);
  });

  it('refuses an edit that says nothing, and a profile left incomplete', async () => {
    await kit.mentor('ana');
    await kit.mentee('bo');
    await kit.refused('ana', 'edit', /^Say what to change/);
    await kit.refused('ana', 'edit capacity: 0', /^A mentor takes at least 1 mentee/);
    await kit.refused('bo', 'edit capacity: 3', /^Capacity is for mentors/);
    await kit.refused('ana', 'edit tz: Mars/Base', /"Mars\/Base" is not a time zone name/);
    await kit.refused('ana', 'edit cadence: now and then', /Cadence "now and then" is not understood/);
  });
});

describe('profile', () => {
  it('refuses my own profile before joining', async () => {
    await kit.refused('ana', 'profile', NOT_JOINED);
  });

  it('refuses the profile of someone who has not joined, or has left', async () => {
    await kit.mentor('ana');
    await kit.refused('ana', 'profile @ghost', /^<@test:c1:ghost> has not joined the program\.$/);
    await kit.mentee('bo');
    await kit.ok('bo', 'leave');
    await kit.refused('ana', 'profile @bo', /^<@test:c1:bo> has not joined the program\.$/);
  });

  it('asks for a mention', async () => {
    await kit.refused('ana', 'profile bo', /"bo" is not a person; mention them with @/);
  });
});

describe('pause and resume', () => {
  it('refuse before joining', async () => {
    await kit.refused('ana', 'pause', NOT_JOINED);
    await kit.refused('ana', 'pause for 14 days', NOT_JOINED);
    await kit.refused('ana', 'resume', NOT_JOINED);
  });

  it('refuse after leaving', async () => {
    await kit.mentor('ana');
    await kit.ok('ana', 'leave');
    await kit.refused('ana', 'pause', NOT_JOINED);
    await kit.refused('ana', 'resume', NOT_JOINED);
  });

  it('refuses a date that has begun, one more than a year away, and one that does not exist', async () => {
    await kit.mentor('ana');
    // The harness clock stands at 2026-03-02 12:00 UTC.
    await kit.refused('ana', 'pause until 2026-03-02', /^2026-03-02 has already begun; give a later date\.$/);
    await kit.refused('ana', 'pause until 2020-01-01', /has already begun/);
    await kit.refused('ana', 'pause until 2027-06-01', /^A pause can last at most a year; use `\/mentor leave`/);
    await kit.refused('ana', 'pause until 2026-02-30', /^2026-02-30 is not a real calendar date\./);
  });

  it('refuses lengths it cannot read', async () => {
    await kit.mentor('ana');
    await kit.refused('ana', 'pause for 0 days', /"for 0 days" is not a pause length \(1 to 365 days\)/);
    await kit.refused('ana', 'pause for 400 days', /"for 400 days" is not a pause length/);
    await kit.refused('ana', 'pause next week', /"next week" is not a pause length/);
  });

  it('refuses words after resume', async () => {
    await kit.mentor('ana');
    await kit.ok('ana', 'pause');
    await kit.refused('ana', 'resume now', /`resume` takes nothing after it/);
  });
});

describe('leave', () => {
  it('refuses before joining and a second time', async () => {
    await kit.refused('ana', 'leave', NOT_JOINED);
    await kit.mentor('ana');
    await kit.ok('ana', 'leave', /^You have left/);
    await kit.refused('ana', 'leave', NOT_JOINED);
  });

  it('refuses words after leave', async () => {
    await kit.mentor('ana');
    await kit.refused('ana', 'leave now', /`leave` takes nothing after it/);
    expect((await kit.member('ana'))!.status).toBe('active');
  });
});

describe('forget-me', () => {
  it('refuses anything but confirm after it, and deletes nothing', async () => {
    await kit.mentor('ana');
    await kit.refused('ana', 'forget-me now', /"now" is not understood/);
    expect(await kit.member('ana')).not.toBeNull();
  });
});

describe('block', () => {
  it('refuses blocking yourself', async () => {
    await kit.mentor('ana');
    await kit.refused('ana', 'block @ana', /^You cannot block yourself\.$/);
  });

  it('asks for a mention', async () => {
    await kit.refused('ana', 'block bo', /"bo" is not a person; mention them with @/);
    await kit.refused('ana', 'block', /^Say who, with an @mention/);
  });
});

describe('thanks', () => {
  it('refuses thanking yourself', async () => {
    await kit.mentor('ana');
    await kit.refused('ana', 'thanks @ana great work', /^Thanking yourself is kind, but it does not count/);
  });

  it('refuses thanking someone who has not joined, or has left', async () => {
    await kit.mentee('bo');
    await kit.refused('bo', 'thanks @ghost you rock', /^<@test:c1:ghost> has not joined the program\.$/);
    await kit.mentor('ana');
    await kit.ok('ana', 'leave');
    await kit.refused('bo', 'thanks @ana you rock', /^<@test:c1:ana> has not joined the program\.$/);
  });

  it('needs a message and a mention', async () => {
    await kit.mentor('ana');
    await kit.refused('ana', 'thanks @bo', /^Say what you are thankful for/);
    await kit.refused('ana', 'thanks bo for everything', /"bo" is not a person/);
    await kit.refused('ana', `thanks @bo ${'x'.repeat(501)}`, /^A thank-you must be at most 500 characters\.$/);
  });
});

describe('config', () => {
  it('is refused to a member who is not a moderator, in one sentence', async () => {
    await kit.mentor('ana');
    await kit.refused(
      'ana',
      'config',
      /^Only moderators can use `\/mentor config`; ask one of your community's moderators\.$/,
    );
    await kit.refused('ana', 'config quiet-hours off', /^Only moderators can use `\/mentor config`/);
    await kit.refused('ana', `config moderators add @ana`, /^Only moderators can use `\/mentor config`/);
  });

  it('suggests the closest setting for a misspelt key', async () => {
    await kit.refused(
      'mod',
      'config quite-hours 21:00-07:00',
      /^There is no setting "quite-hours"\. Did you mean quiet-hours\?/,
    );
    await kit.refused('mod', 'config defualt-capacity 3', /Did you mean default-capacity\?/);
    await kit.refused('mod', 'config timezones UTC', /Did you mean timezone\?/);
    await kit.refused('mod', 'config moderator add @bo', /Did you mean moderators\?/);
  });

  // Plain edit distance prefers a short unrelated key over the one whose name contains what was typed:
  // A partial key names the setting that contains it.
  it('suggests the setting whose name contains a partial key', async () => {
    await kit.ok('mod', 'help');
    const replies = [];
    for (const key of ['quiet', 'capacity', 'window']) replies.push((await kit.h.reply('mod', `config ${key} 1`)).text);
    expect(replies).toEqual([
      expect.stringContaining('Did you mean quiet-hours?'),
      expect.stringContaining('Did you mean default-capacity?'),
      expect.stringContaining('Did you mean repeat-window?'),
    ]);
  });

  it.each([
    [
      'quiet-hours 25:00-08:00',
      /^quiet-hours must look like 20:00-08:00 \(24-hour clock\) or be off; "25:00-08:00" does not\.$/,
    ],
    ['default-capacity 0', /^default-capacity must be a whole number from 1 to 20; "0" is not\.$/],
    ['timezone Mars/Base', /^"Mars\/Base" is not a time zone name/],
    ['timezone Berlin', /did you mean Europe\/Berlin\?/],
    ['cadence sometimes', /^cadence "sometimes" is not understood/],
    ['repeat-window forever', /^repeat-window must be a whole number from 0 to 3650/],
    ['mentee-pairings 9', /^mentee-pairings must be a whole number from 1 to 5/],
    ['moderators add bob', /^Use `\/mentor config moderators add @someone`/],
  ])('refuses config %s', async (args, expected) => {
    await kit.ok('mod', 'help');
    await kit.refused('mod', `config ${args}`, expected);
  });

  it('refuses a welcome text over 1000 characters', async () => {
    await kit.ok('mod', 'help');
    await kit.refused('mod', `config welcome ${'w'.repeat(1001)}`, /^welcome must be at most 1000 characters\.$/);
  });

  it('keeps the old value after a refused change', async () => {
    await kit.ok('mod', 'config default-capacity 4', /^Saved/);
    await kit.refused('mod', 'config default-capacity 0', /default-capacity/);
    await kit.ok('mod', 'config default-capacity', /\*default-capacity\*: 4/);
  });

  // CONFIG_KEYS is a plain object, so 'constructor' and '__proto__' find Object.prototype members and crash.
  it('answers "config constructor" with "There is no setting", not an apology', async () => {
    await kit.ok('mod', 'help');
    await kit.refused('mod', 'config constructor', /There is no setting "constructor"/);
  });
});

describe('stats', () => {
  it('is refused to a member who is not a moderator, and to a stranger', async () => {
    await kit.mentor('ana');
    await kit.refused(
      'ana',
      'stats',
      /^Only moderators can use `\/mentor stats`; ask one of your community's moderators\.$/,
    );
    await kit.refused('stranger', 'stats', /^Only moderators can use `\/mentor stats`/);
  });

  it('is refused to someone a moderator removed again', async () => {
    await kit.ok('mod', 'config moderators add @bo', /^Saved/);
    await kit.ok('bo', 'stats', /\*Members\*/);
    await kit.ok('mod', 'config moderators remove @bo', /^Saved/);
    await kit.refused('bo', 'stats', /^Only moderators can use `\/mentor stats`/);
  });

  it('refuses words after stats', async () => {
    await kit.refused('mod', 'stats please', /`stats` takes nothing after it/);
  });
});
