import { useCommandKit } from './command-kit';

/**
 * Refusals of the commands about pairings (checkin, goals, end, feedback, pair, unpair): one sentence, and the
 * database exactly as it was.
 */
const kit = useCommandKit();
const NO_PAIRING = /^You have no active pairing yet; you will be matched in the next pairing round\.$/;

/** ana mentors bo and cy (capacity 2); dee is a mentee without a mentor. */
async function mentorWithTwoMentees(): Promise<void> {
  await kit.mentor('ana', 'capacity: 2');
  await kit.mentee('bo');
  await kit.mentee('cy');
  await kit.mentee('dee');
  await kit.pair('ana', 'bo');
  await kit.pair('ana', 'cy');
}

describe('checkin', () => {
  it('refuses someone who has not joined', async () => {
    await kit.refused(
      'ana',
      'checkin met for coffee',
      /^You have not joined yet; start with `\/mentor join mentor`, `mentee` or `both`\.$/,
    );
  });

  it('refuses a member with no pairing', async () => {
    await kit.mentee('bo');
    await kit.refused('bo', 'checkin', NO_PAIRING);
  });

  it('refuses naming someone who is not my partner', async () => {
    await mentorWithTwoMentees();
    await kit.refused('ana', 'checkin @dee we met', /^You are not paired with <@test:c1:dee> right now\.$/);
    await kit.refused('bo', 'checkin @cy we met', /^You are not paired with <@test:c1:cy> right now\.$/);
  });

  it('asks a mentor with two mentees which one, listing both', async () => {
    await mentorWithTwoMentees();
    const reply = await kit.refused('ana', 'checkin we met', /^You have 2 active pairings/);
    expect(reply.text).toContain('<@test:c1:bo>');
    expect(reply.text).toContain('<@test:c1:cy>');
    expect(reply.text).toContain('`/mentor checkin <@test:c1:bo> met for coffee`');
  });

  it('refuses after the pairing ended', async () => {
    await kit.mentor('ana');
    await kit.mentee('bo');
    await kit.pair('ana', 'bo');
    await kit.ok('bo', 'end', /has ended/);
    await kit.refused('ana', 'checkin', NO_PAIRING);
    await kit.refused('ana', 'checkin @bo', /^You are not paired with <@test:c1:bo> right now\.$/);
  });

  it('refuses a note over 2000 characters', async () => {
    await kit.mentor('ana');
    await kit.mentee('bo');
    await kit.pair('ana', 'bo');
    await kit.refused('ana', `checkin ${'n'.repeat(2001)}`, /^A check-in note must be at most 2000 characters\.$/);
  });
});

describe('goal add, goal done, goals', () => {
  it('refuse without a pairing', async () => {
    await kit.mentee('bo');
    await kit.refused('bo', 'goal add raise my rate', NO_PAIRING);
    await kit.refused('bo', 'goal done 1', NO_PAIRING);
    await kit.refused('bo', 'goals', NO_PAIRING);
  });

  it('refuse naming someone who is not my partner', async () => {
    await mentorWithTwoMentees();
    await kit.refused('bo', 'goal add @dee learn', /^You are not paired with <@test:c1:dee>/);
    await kit.refused('bo', 'goal done @dee 1', /^You are not paired with <@test:c1:dee>/);
    await kit.refused('bo', 'goals @dee', /^You are not paired with <@test:c1:dee>/);
  });

  it('ask a mentor with two mentees which pairing', async () => {
    await mentorWithTwoMentees();
    for (const text of ['goal add learn', 'goal done 1', 'goals']) {
      const reply = await kit.refused(
        'ana',
        text,
        /^You have 2 active pairings \(<@test:c1:bo>, <@test:c1:cy>\); name one/,
      );
      expect(reply.text).toContain('<@test:c1:bo>');
    }
  });

  it('refuses goal done for a goal that does not exist', async () => {
    await kit.mentor('ana');
    await kit.mentee('bo');
    await kit.pair('ana', 'bo');
    await kit.ok('bo', 'goal add raise my day rate by 10%', /^Goal 1 added/);
    await kit.refused('bo', 'goal done 9', /^There is no goal 9 in this pairing; `\/mentor goals` lists them\.$/);
    await kit.refused('ana', 'goal done 0', /^There is no goal 0 in this pairing/);
  });

  // goalDone() does not look at doneAt: a second `goal done 1` says "🎉 Goal 1 done." and notifies the partner again.
  it('says a goal is already done instead of celebrating and notifying twice', async () => {
    await kit.mentor('ana');
    await kit.mentee('bo');
    await kit.pair('ana', 'bo');
    await kit.ok('bo', 'goal add land a client');
    await kit.ok('bo', 'goal done 1', /Goal 1 done/);
    await kit.refused('bo', 'goal done 1', /was already marked done/);
  });

  it('does not reach a goal of another pairing by its number', async () => {
    await mentorWithTwoMentees();
    await kit.ok('bo', 'goal add land a client', /^Goal 1 added/);
    await kit.refused('cy', 'goal done 1', /^There is no goal 1 in this pairing/);
  });

  it('refuses goal text it cannot use', async () => {
    await kit.mentee('bo');
    await kit.refused('bo', 'goal add', /^Say what the goal is/);
    await kit.refused('bo', `goal add ${'g'.repeat(301)}`, /^A goal must be at most 300 characters/);
    await kit.refused('bo', 'goal done first', /goal number shown by `\/mentor goals`/);
    await kit.refused('bo', 'goal remove 1', /"remove" is not a goal action; use add, done or list/);
  });
});

describe('end', () => {
  it('refuses without a pairing, and for someone not my partner', async () => {
    await kit.refused('ana', 'end', /^You have not joined yet/);
    await mentorWithTwoMentees();
    await kit.refused('ana', 'end @dee not a fit', /^You are not paired with <@test:c1:dee> right now\.$/);
  });

  it('asks a mentor with two mentees which pairing to end', async () => {
    await mentorWithTwoMentees();
    const reply = await kit.refused('ana', 'end not a fit', /^You have 2 active pairings/);
    expect(reply.text).toMatch(/<@test:c1:bo>.*<@test:c1:cy>/);
  });

  it('refuses a reason over 500 characters', async () => {
    await kit.refused('ana', `end ${'r'.repeat(501)}`, /^A reason must be at most 500 characters\.$/);
  });
});

describe('feedback', () => {
  async function endedPairing(): Promise<number> {
    await kit.mentor('ana');
    await kit.mentee('bo');
    await kit.mentee('cy');
    const pairing = await kit.pair('ana', 'bo');
    await kit.ok('bo', 'end', /has ended/);
    return pairing.id;
  }

  it('refuses feedback on someone else’s pairing', async () => {
    const id = await endedPairing();
    await kit.refused(
      'cy',
      `feedback ${id} 1 terrible`,
      new RegExp(`^Pairing ${id} is not one of yours; use the number from your feedback message\\.$`),
    );
    await kit.refused('mod', `feedback ${id} 5`, /is not one of yours/);
  });

  it('refuses feedback on a pairing that does not exist', async () => {
    await endedPairing();
    await kit.refused('bo', 'feedback 999 5', /^Pairing 999 is not one of yours/);
  });

  it('refuses a second feedback from the same person', async () => {
    const id = await endedPairing();
    await kit.ok('bo', `feedback ${id} 4 helpful`, /^Thank you for the feedback/);
    await kit.refused('bo', `feedback ${id} 5`, /^You already gave feedback on this pairing; thank you!$/);
    await kit.ok('ana', `feedback ${id} 5`, /^Thank you for the feedback/);
  });

  it('refuses feedback with neither rating nor comment', async () => {
    const id = await endedPairing();
    await kit.refused('bo', `feedback ${id}`, /rating from 1 to 5 or a comment/);
    await kit.refused('bo', 'feedback', /pairing number/);
  });
});

describe('pair', () => {
  beforeEach(async () => {
    await kit.mentor('ana');
    await kit.mentee('bo');
  });

  it('is refused to a member who is not a moderator, in one sentence', async () => {
    await kit.refused(
      'ana',
      'pair @ana @bo',
      /^Only moderators can use `\/mentor pair`; ask one of your community's moderators\.$/,
    );
    await kit.refused('bo', 'pair @ana @bo force', /^Only moderators can use `\/mentor pair`/);
  });

  it('refuses pairing a person with themselves', async () => {
    await kit.refused('mod', 'pair @ana @ana', /^A person cannot mentor themselves\.$/);
  });

  it('refuses people who have not joined, or have left', async () => {
    await kit.refused('mod', 'pair @ghost @bo', /^<@test:c1:ghost> has not joined the program\.$/);
    await kit.refused('mod', 'pair @ana @ghost', /^<@test:c1:ghost> has not joined the program\.$/);
    await kit.ok('bo', 'leave');
    await kit.refused('mod', 'pair @ana @bo force', /^<@test:c1:bo> has not joined the program\.$/);
  });

  it('refuses a mentee as mentor and a mentor as mentee', async () => {
    await kit.refused('mod', 'pair @bo @ana', /^<@test:c1:bo> joined as a mentee, not a mentor\.$/);
    await kit.mentor('cy');
    await kit.refused('mod', 'pair @ana @cy', /^<@test:c1:cy> joined as a mentor, not a mentee\.$/);
  });

  it('refuses a mentor over capacity, even with force', async () => {
    await kit.mentor('cy', 'capacity: 1');
    await kit.mentee('dee');
    await kit.pair('cy', 'bo');
    await kit.refused('mod', 'pair @cy @dee', /^<@test:c1:cy> already has 1 of 1 mentees\.$/);
    await kit.refused('mod', 'pair @cy @dee force', /already has 1 of 1 mentees/);
  });

  it('refuses a mentee who already has a mentor', async () => {
    await kit.mentor('cy');
    await kit.pair('ana', 'bo');
    await kit.refused('mod', 'pair @cy @bo', /^<@test:c1:bo> already has a mentor\.$/);
  });

  it('refuses a pair that is already paired', async () => {
    await kit.pair('ana', 'bo');
    await kit.refused('mod', 'pair @ana @bo force', /^These two are already paired\.$/);
  });

  it('refuses a blocked pair either way, even with force, without saying who blocked', async () => {
    await kit.ok('bo', 'block @ana', /^Done/);
    const reply = await kit.refused(
      'mod',
      'pair @ana @bo',
      /^These two cannot be paired: one of them has privately asked not to be\.$/,
    );
    expect(reply.text).not.toMatch(/<@/);
    await kit.refused('mod', 'pair @ana @bo force', /cannot be paired/);
  });

  it('refuses a paused member unless forced', async () => {
    await kit.ok('bo', 'pause for 14 days', /^Paused/);
    await kit.refused('mod', 'pair @ana @bo', /^<@test:c1:bo> is paused; add "force" to pair them anyway\.$/);
  });

  it('refuses pairing again after unpair without force', async () => {
    await kit.pair('ana', 'bo');
    await kit.ok('mod', 'unpair @ana @bo', /^Unpaired/);
    await kit.refused('mod', 'pair @ana @bo', /^These two were paired before; add "force" to pair them again\.$/);
    await kit.ok('mod', 'pair @ana @bo force', /^Paired <@test:c1:ana> \(mentor\) with <@test:c1:bo> \(mentee\)/);
    expect((await kit.pairingsBetween('ana', 'bo')).map((p) => p.status)).toEqual(['ended', 'active']);
  });

  it('refuses extra words and missing mentions', async () => {
    await kit.refused('mod', 'pair @ana @bo now', /"now" is not understood; only "force" may follow/);
    await kit.refused('mod', 'pair @ana', /^Say who, with an @mention/);
    await kit.refused('mod', 'pair ana bo', /"ana" is not a person/);
  });
});

describe('unpair', () => {
  beforeEach(async () => {
    await kit.mentor('ana');
    await kit.mentee('bo');
  });

  it('is refused to a member who is not a moderator', async () => {
    await kit.pair('ana', 'bo');
    await kit.refused('ana', 'unpair @ana @bo', /^Only moderators can use `\/mentor unpair`/);
  });

  it('refuses two people who are not paired, or no longer', async () => {
    await kit.refused('mod', 'unpair @ana @bo', /^<@test:c1:ana> is not mentoring <@test:c1:bo> right now\.$/);
    await kit.pair('ana', 'bo');
    await kit.refused('mod', 'unpair @bo @ana', /^<@test:c1:bo> is not mentoring <@test:c1:ana> right now\.$/);
    await kit.ok('mod', 'unpair @ana @bo', /^Unpaired/);
    await kit.refused('mod', 'unpair @ana @bo', /is not mentoring/);
  });

  it('refuses extra words', async () => {
    await kit.refused('mod', 'unpair @ana @bo force', /"force" is extra; give just the two people/);
  });
});

describe('a command an adapter built itself (a form, a button)', () => {
  it('loses control characters in every text, as typed commands do', async () => {
    await mentorWithTwoMentees();
    const reply = await kit.h.reply('bo', {
      name: 'checkin',
      partner: null,
      note: 'met\u0000 over\u0007 coffee\nnext week',
    });
    expect(reply.refused).toBeUndefined();
    const { rows } = await kit.db.query<{ note: string }>('SELECT note FROM check_ins');
    expect(rows).toEqual([{ note: 'met over coffee\nnext week' }]);
  });
});
