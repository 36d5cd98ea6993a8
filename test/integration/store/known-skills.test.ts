import { knownSkills } from '../../../src/commands/known-skills';
import { DATABASE_TARGETS } from '../../helpers/test-databases';
import { aMember, storeUnderTest } from './store-fixtures';

describe.each(DATABASE_TARGETS)('store contract, known skills, on %s', (_target, create) => {
  const it$ = storeUnderTest(create);

  beforeAll(async () => {
    await it$.tx(async (tx) => {
      await tx.ensureCommunity('c:skills', 'Skills');
      await tx.ensureCommunity('c:skills-other', 'Other');
      await tx.saveMember(
        aMember('c:skills', 'c:skills:ana', { role: 'mentor', skills: ['Pricing', 'Contracts'], goals: [] }),
      );
      await tx.saveMember(aMember('c:skills', 'c:skills:ben', { goals: ['pricing', 'portfolio'] }));
      await tx.saveMember(aMember('c:skills', 'c:skills:cy', { goals: ['pricing', 'Pitching'] }));
      await tx.saveMember(aMember('c:skills', 'c:skills:gone', { status: 'left', goals: ['ghostwriting'] }));
      await tx.saveMember(aMember('c:skills-other', 'c:skills-other:x', { goals: ['payroll secrets'] }));
    });
  });

  it('lists skills and goals once each (case-insensitively), most common first, in the common spelling', async () => {
    expect(await it$.store.knownSkills('c:skills', '', 25)).toEqual(['pricing', 'Contracts', 'Pitching', 'portfolio']);
  });

  it('keeps those starting with the typed prefix, whatever its case, up to the limit', async () => {
    expect(await it$.store.knownSkills('c:skills', 'P', 25)).toEqual(['pricing', 'Pitching', 'portfolio']);
    expect(await it$.store.knownSkills('c:skills', 'po', 25)).toEqual(['portfolio']);
    expect(await it$.store.knownSkills('c:skills', 'p', 2)).toEqual(['pricing', 'Pitching']);
    // LIKE wildcards typed by a person are plain characters.
    expect(await it$.store.knownSkills('c:skills', '%', 25)).toEqual([]);
  });

  it("never shows another community's words or those of people who left", async () => {
    expect(await it$.store.knownSkills('c:skills', 'pay', 25)).toEqual([]);
    expect(await it$.store.knownSkills('c:skills', 'ghost', 25)).toEqual([]);
    expect(await knownSkills(it$.store, 'c:skills-other', '')).toEqual(['payroll secrets']);
  });
});
