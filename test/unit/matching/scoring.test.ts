import { generatePool } from '../../../bench/generate-pool';
import { normalizeTag, normalizeTags } from '../../../src/matching/normalize-tag';
import { buildScoringModel, resolveWeights } from '../../../src/matching/scoring-model';
import { skillRarity } from '../../../src/matching/skill-rarity';
import { overlapHoursFromOffsets, timezoneOverlap } from '../../../src/matching/timezone-overlap';
import { DEFAULT_MATCH_WEIGHTS, type MatchPool } from '../../../src/matching/types';

describe('working-hours overlap', () => {
  it('is 12 h minus the distance between UTC offsets around the clock', () => {
    expect(overlapHoursFromOffsets(0, 0)).toBe(12);
    expect(overlapHoursFromOffsets(-300, 60)).toBe(6);
    expect(overlapHoursFromOffsets(-300, 540)).toBe(2); // a New York evening is a Tokyo morning
    expect(overlapHoursFromOffsets(0, 720)).toBe(0);
    expect(overlapHoursFromOffsets(0, 330)).toBe(6.5);
  });

  it('follows daylight saving time at `now` and knows nothing of unknown zones', () => {
    // Between the US (9 March 2025) and the EU (30 March 2025) clock changes New York is 5 h from Berlin.
    expect(timezoneOverlap('America/New_York', 'Europe/Berlin', new Date('2025-03-03T12:00:00Z'))).toBe(6);
    expect(timezoneOverlap('America/New_York', 'Europe/Berlin', new Date('2025-03-20T12:00:00Z'))).toBe(7);
    expect(timezoneOverlap('Mars/Olympus', 'Europe/Berlin', new Date())).toBeUndefined();
    expect(timezoneOverlap(undefined, 'Europe/Berlin', new Date())).toBeUndefined();
  });
});

describe('tags and rarity', () => {
  it('compares tags without case or extra whitespace', () => {
    expect(normalizeTag('  Finding   Clients ')).toBe('finding clients');
    expect(normalizeTags(['ES', 'es', ' ', 'En'])).toEqual(['es', 'en']);
  });

  it('weighs a skill few mentors offer more than one everybody offers', () => {
    const rarity = skillRarity([['pricing', 'taxes'], ['pricing'], ['Pricing ']]);
    expect(rarity.weight('taxes')).toBeGreaterThan(rarity.weight('pricing'));
    expect(rarity.weight('unknown')).toBeGreaterThan(rarity.weight('taxes'));
  });
});

describe('the scoring model', () => {
  const pool = generatePool({ mentees: 300, mentors: 120, capacity: 2, seed: 5 });

  it('scores a whole row exactly as it scores one pair (the proof depends on it)', () => {
    const model = buildScoringModel(pool);
    const row = new Float64Array(pool.mentors.length);
    for (let i = 0; i < pool.mentees.length; i++) {
      model.fillRow(i, row);
      for (let j = 0; j < pool.mentors.length; j++) expect(Object.is(row[j], model.allowedScore(i, j))).toBe(true);
    }
  });

  it('keeps every base score inside the declared range', () => {
    const model = buildScoringModel({ ...pool, weights: { goalFit: 2, priority: 0 } });
    const [lo, hi] = model.scoreRange;
    for (let i = 0; i < 50; i++) {
      for (let j = 0; j < pool.mentors.length; j++) {
        const s = model.baseScore(i, j);
        expect(s).toBeGreaterThanOrEqual(lo);
        expect(s).toBeLessThanOrEqual(hi + 1e-12);
      }
    }
  });

  it('favours rare shared goals, nearby zones, more experienced mentors, matching rhythms and priority', () => {
    const small: MatchPool = {
      mentors: [
        { id: 'rare', capacity: 1, skills: ['tax law'], languages: [] },
        { id: 'common', capacity: 1, skills: ['pricing'], languages: [] },
        { id: 'common2', capacity: 1, skills: ['pricing'], languages: [] },
        {
          id: 'senior',
          capacity: 1,
          skills: [],
          languages: [],
          experienceYears: 10,
          cadenceDays: 7,
          timezone: 'Europe/Paris',
        },
        {
          id: 'junior',
          capacity: 1,
          skills: [],
          languages: [],
          experienceYears: 0,
          cadenceDays: 30,
          timezone: 'Asia/Tokyo',
        },
      ],
      mentees: [
        {
          id: 'e',
          goals: ['pricing', 'Tax Law'],
          languages: [],
          experienceYears: 2,
          cadenceDays: 7,
          timezone: 'Europe/Berlin',
        },
        {
          id: 'p',
          goals: ['pricing', 'Tax Law'],
          languages: [],
          experienceYears: 2,
          cadenceDays: 7,
          timezone: 'Europe/Berlin',
          priority: true,
        },
      ],
      history: [],
      blocked: [],
      repeatWindowDays: 0,
      now: new Date('2025-03-03T10:00:00Z'),
    };
    const model = buildScoringModel(small);
    expect(model.baseScore(0, 0)).toBeGreaterThan(model.baseScore(0, 1));
    expect(model.baseScore(0, 3)).toBeGreaterThan(model.baseScore(0, 4));
    expect(model.baseScore(1, 1) - model.baseScore(0, 1)).toBeCloseTo(DEFAULT_MATCH_WEIGHTS.priority * 0.75, 12);
    expect(model.goalDetail(0, 0)).toMatchObject({ shared: ['Tax Law'], total: 2 });
  });

  it('applies the hard rules: self, blocks both ways, recent history, languages, full mentors', () => {
    const model = buildScoringModel({
      mentors: [
        { id: 'both', capacity: 1, skills: [], languages: ['en'] },
        { id: 'm', capacity: 1, skills: [], languages: ['en'] },
        { id: 'es', capacity: 1, skills: [], languages: ['es'] },
        { id: 'full', capacity: 0, skills: [], languages: ['en'] },
        { id: 'any', capacity: 1, skills: [], languages: [] },
        { id: 'old', capacity: 1, skills: [], languages: ['en'] },
      ],
      mentees: [
        { id: 'both', goals: [], languages: ['en'] },
        { id: 'x', goals: [], languages: ['EN'] },
      ],
      history: [
        { mentor: 'x', mentee: 'm', endedAt: new Date('2025-02-20T00:00:00Z') },
        { mentor: 'old', mentee: 'x', endedAt: new Date('2024-01-01T00:00:00Z') },
      ],
      blocked: [['both', 'm']],
      repeatWindowDays: 30,
      now: new Date('2025-03-03T10:00:00Z'),
    });
    const allowed = (i: number) =>
      ['both', 'm', 'es', 'full', 'any', 'old'].filter((_, j) => !Number.isNaN(model.allowedScore(i, j)));
    expect(allowed(0)).toEqual(['any', 'old']);
    expect(allowed(1)).toEqual(['both', 'any', 'old']);
  });

  it('fills missing weights from the defaults and never lets load spreading go negative', () => {
    expect(resolveWeights({ goalFit: 1, loadSpread: -3 })).toEqual({
      ...DEFAULT_MATCH_WEIGHTS,
      goalFit: 1,
      loadSpread: 0,
    });
  });
});
