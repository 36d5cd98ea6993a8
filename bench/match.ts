/**
 * Matching benchmark: `npx tsx bench/match.ts` (or `npm run bench:match`).
 *
 *  (a) a realistic pairing round — 10,000 mentees, 3,334 mentors with capacity 3, generated profiles —
 *      through matchPool: time (median), peak memory, matched count and the optimality proof;
 *  (b) dense random square assignments, solveDenseAssignment against the npm `munkres` package on the same
 *      matrix: medians, the ratio, and a check that both totals agree. munkres is O(n³) and slow, so it only
 *      runs for n ≤ MUNKRES_MAX_N (default 4000, every size); lower it to skip the slowest runs;
 *  (c) when ../shared/data/assignment exists (OR-Library assign100…assign800), each instance's optimum
 *      against the published one, with munkres timed alongside.
 * The round runs first, so the process's peak RSS is the round's. These machines are shared and noisy:
 * compare ratios measured in the same run, not absolute times. Results go to bench/results/match.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import munkres from 'munkres';
import { matchPool } from '../src/matching/match-pool';
import { solveDenseAssignment } from '../src/matching/solve-dense-assignment';
import { generatePool, seededRandom } from './generate-pool';

const root = join(__dirname, '..');
const munkresMaxN = Number(process.env.MUNKRES_MAX_N ?? 4000);
const roundRuns = Number(process.env.ROUND_RUNS ?? 3);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const time = <T>(f: () => T): [T, number] => {
  const start = performance.now();
  const value = f();
  return [value, performance.now() - start];
};
const table = (rows: (string | number)[][]): string => {
  const cells = rows.map((r) => r.map(String));
  const widths = cells[0]!.map((_, c) => Math.max(...cells.map((r) => r[c]!.length)));
  return cells.map((r) => r.map((cell, c) => cell.padStart(widths[c]!)).join('  ')).join('\n');
};
const mb = (bytes: number): number => Math.round(bytes / 1e6);

function realisticRound() {
  const pool = generatePool({ mentees: 10_000, mentors: 3_334, capacity: 3, seed: 1 });
  const times: number[] = [];
  let result = matchPool(pool);
  for (let run = 0; run < roundRuns; run++) {
    const [r, ms] = time(() => matchPool(pool));
    result = r;
    times.push(ms);
  }
  const usage = process.resourceUsage();
  const memory = process.memoryUsage();
  const out = {
    mentees: pool.mentees.length,
    mentors: pool.mentors.length,
    slots: pool.mentors.reduce((s, m) => s + m.capacity, 0),
    runs: times.length,
    medianMs: Math.round(median(times)),
    minMs: Math.round(Math.min(...times)),
    peakRssMb: Math.round(usage.maxRSS / 1e3),
    heapUsedAfterMb: mb(memory.heapUsed),
    matched: result.pairs.length,
    unmatched: result.unmatched.length,
    totalScore: Math.round(result.totalScore * 1e4) / 1e4,
    proof: result.proof,
  };
  console.log(
    '(a) realistic round: 10,000 mentees × 3,334 mentors (capacity 3), median of',
    times.length,
    'runs after a warm-up',
  );
  console.log(
    table([
      [
        'median ms',
        'min ms',
        'peak RSS MB',
        'matched',
        'unmatched',
        'total score',
        'pruned pairs checked',
        'rescored',
        're-solves',
      ],
      [
        out.medianMs,
        out.minMs,
        out.peakRssMb,
        out.matched,
        out.unmatched,
        out.totalScore,
        out.proof.prunedEdgesChecked,
        out.proof.prunedEdgesRescored ?? 0,
        out.proof.resolves,
      ],
    ]),
  );
  console.log(`    proof: ${result.proof.method}\n`);
  return out;
}

function randomDense(n: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  // Integer costs, so both solvers' totals are exact and must be equal.
  return Float64Array.from({ length: n * n }, () => Math.floor(random() * 1_000_000));
}

function munkresTotal(cost: Float64Array, n: number): [number, number] {
  const rows = Array.from({ length: n }, (_, i) => cost.subarray(i * n, (i + 1) * n));
  const [pairs, ms] = time(() => munkres(rows));
  return [pairs.reduce((sum, [i, j]) => sum + cost[i * n + j]!, 0), ms];
}

function denseRandom() {
  const rows: (string | number)[][] = [
    ['n', 'ours ms (median)', 'munkres ms (median)', 'munkres / ours', 'totals agree'],
  ];
  const results = [];
  for (const n of [1000, 2000, 4000]) {
    const cost = randomDense(n, n);
    const oursRuns = n <= 2000 ? 5 : 3;
    const ours: number[] = [];
    let total = 0;
    for (let r = 0; r < oursRuns; r++) {
      const [res, ms] = time(() => solveDenseAssignment(cost, n));
      total = res.total;
      ours.push(ms);
    }
    const theirs: number[] = [];
    let agree: boolean | undefined;
    if (n <= munkresMaxN) {
      for (let r = 0; r < (n <= 1000 ? 3 : 1); r++) {
        const [t, ms] = munkresTotal(cost, n);
        theirs.push(ms);
        agree = t === total;
      }
    }
    const entry = {
      n,
      oursMedianMs: Math.round(median(ours)),
      oursRuns,
      munkresMedianMs: theirs.length > 0 ? Math.round(median(theirs)) : null,
      munkresRuns: theirs.length,
      ratio: theirs.length > 0 ? Math.round((median(theirs) / median(ours)) * 10) / 10 : null,
      total,
      totalsAgree: agree ?? null,
    };
    results.push(entry);
    rows.push([
      n,
      entry.oursMedianMs,
      entry.munkresMedianMs ?? 'skipped',
      entry.ratio ?? '-',
      agree === undefined ? '-' : agree ? 'yes' : 'NO',
    ]);
  }
  console.log(`(b) dense random costs (integers 0..999,999); munkres only for n ≤ ${munkresMaxN} (MUNKRES_MAX_N)`);
  console.log(`${table(rows)}\n`);
  return results;
}

const KNOWN_OPTIMA: Record<string, number> = {
  assign100: 305,
  assign200: 475,
  assign300: 626,
  assign400: 804,
  assign500: 991,
  assign600: 1176,
  assign700: 1362,
  assign800: 1552,
};

function orLibrary() {
  const dir = join(root, '..', 'shared', 'data', 'assignment');
  if (!existsSync(dir)) {
    console.log('(c) OR-Library instances: ../shared/data/assignment not found, skipped\n');
    return null;
  }
  const rows: (string | number)[][] = [
    ['instance', 'n', 'ours', 'known optimum', 'ours / optimum', 'ours ms (median)', 'munkres ms', 'munkres / ours'],
  ];
  const results = [];
  for (const [name, optimum] of Object.entries(KNOWN_OPTIMA)) {
    const file = join(dir, `${name}.txt`);
    if (!existsSync(file)) continue;
    const numbers = readFileSync(file, 'utf8').trim().split(/\s+/).map(Number);
    const n = numbers[0]!;
    const cost = Float64Array.from(numbers.slice(1, 1 + n * n));
    const ours: number[] = [];
    let total = 0;
    for (let r = 0; r < 5; r++) {
      const [res, ms] = time(() => solveDenseAssignment(cost, n));
      total = res.total;
      ours.push(ms);
    }
    const [theirsTotal, theirsMs] = munkresTotal(cost, n);
    const entry = {
      instance: name,
      n,
      total,
      optimum,
      ratio: total / optimum,
      oursMedianMs: median(ours),
      munkresMs: theirsMs,
      munkresTotal: theirsTotal,
    };
    results.push(entry);
    rows.push([
      name,
      n,
      total,
      optimum,
      entry.ratio.toFixed(4),
      entry.oursMedianMs.toFixed(1),
      theirsMs.toFixed(0),
      (theirsMs / entry.oursMedianMs).toFixed(1),
    ]);
  }
  console.log('(c) OR-Library assignment instances (Beasley), known optima from the data README');
  console.log(`${table(rows)}\n`);
  return results;
}

const round = realisticRound();
const dense = denseRandom();
const orlib = orLibrary();
const resultsDir = join(__dirname, 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(
  join(resultsDir, 'match.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, round, dense, orLibrary: orlib }, null, 2)}\n`,
);
console.log(`results written to ${join('bench', 'results', 'match.json')}`);
