import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMatchCli } from '../../src/cli/run-match-cli';

describe('mentor-bot match (offline)', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const io = () => ({
    stdout: (t: string) => out.push(t),
    stderr: (t: string) => err.push(t),
    now: new Date('2026-03-02T12:00:00Z'),
  });
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mentor-match-'));
    out = [];
    err = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('pairs a JSON file to standard output, explaining pairs and the unmatched', () => {
    const input = file(
      'signups.json',
      JSON.stringify({
        mentors: [{ id: 'm1', capacity: 1, skills: ['pricing'], languages: ['en'], timezone: 'America/New_York' }],
        mentees: [
          { id: 'e1', goals: ['pricing'], languages: ['en'], timezone: 'Europe/Berlin' },
          { id: 'e2', goals: ['pricing'], languages: ['ja'] },
        ],
      }),
    );
    expect(runMatchCli(['--in', input], io())).toBe(0);
    const result = JSON.parse(out.join(''));
    expect(result.pairs).toEqual([
      {
        mentor: 'm1',
        mentee: 'e1',
        score: expect.any(Number),
        reasons: expect.arrayContaining([expect.stringContaining('pricing')]),
      },
    ]);
    expect(result.unmatched).toEqual([{ id: 'e2', reason: 'no mentor shares a language' }]);
    expect(result.totalScore).toBe(result.pairs[0].score);
  });

  it('solves an explicit score table from CSV and writes CSV', () => {
    const input = file('scores.csv', 'mentor,mentee,score\nm1,e1,0.9\nm1,e2,0.8\nm2,e1,0.7\n');
    const output = join(dir, 'pairs.csv');
    expect(runMatchCli(['--in', input, '--out', output], io())).toBe(0);
    // Both mentees matched beats the single best score (m1-e1 0.9 would leave e2 out).
    expect(readFileSync(output, 'utf8').trim().split('\n')).toEqual([
      'mentor,mentee,score,reasons',
      'm2,e1,0.7,score 0.7 from the table',
      'm1,e2,0.8,score 0.8 from the table',
    ]);
    expect(err.join('')).toBe(`Matched 2 of 2 mentees; wrote ${output}.\n`);
  });

  it.each([
    [['--in'], '--in needs a file name.'],
    [['--out', 'x.json'], 'match needs --in FILE.'],
    [['--in', 'nope.json'], '--in file "nope.json" does not exist.'],
    [['--in', 'a.json', '--fast', 'yes'], 'Unknown option "--fast" for match.'],
  ])('refuses %j with a clear sentence', (args, message) => {
    expect(runMatchCli(args as string[], io())).toBe(2);
    expect(err.join('')).toContain(message);
  });

  it('names the field or line that is wrong in a bad file', () => {
    const json = file('bad.json', '{"mentors":[{"id":"m1","capacity":"two"}],"mentees":[]}');
    expect(runMatchCli(['--in', json], io())).toBe(1);
    expect(err.join('')).toBe(`${json}: mentors[0].capacity must be a whole number from 0 to 100\n`);
    err = [];
    const csv = file('bad.csv', 'id,role,capacity\nm1,mentor,2\nm2,mentor,two\n');
    expect(runMatchCli(['--in', csv], io())).toBe(1);
    expect(err.join('')).toMatch(/line 3.*capacity.*two/);
  });
});
