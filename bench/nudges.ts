/**
 * `npm run bench:nudges`: check-in nudges scheduled and delivered through our pipeline (Postgres rows, BullMQ
 * timers, the claim transaction, the outbox, the BullMQ outbound queue) to a no-op messenger, against a bare
 * BullMQ add/process loop with the same counts and due times on the same Redis, in one run.
 *   burst: every nudge due at once (throughput);  spread: due times spread evenly (lateness).
 * Ours runs as shipped; CONCURRENCY (default 200) is the bare worker's. NUDGES (default 50000), SPREAD_NUDGES
 * (10000), SPREAD_SECONDS (20). Needs the local
 * Postgres and Redis. Results also go to bench/results/nudges.json. LOGSQL=1 logs every statement's duration
 * to the Postgres server's log (to see where a batch spends its time).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBareBullmq } from './bare-bullmq';
import { runOurPipeline, type Delivery } from './nudge-pipeline';

const count = Number(process.env.NUDGES ?? 50_000);
const spreadCount = Number(process.env.SPREAD_NUDGES ?? 10_000);
const spreadSeconds = Number(process.env.SPREAD_SECONDS ?? 20);
const bareConcurrency = Number(process.env.CONCURRENCY ?? 200);

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const summary = (d: Delivery) => ({
  perSecond: Math.round((d.lateness.length / Math.max(1, d.spanMs)) * 1000),
  p50: percentile(d.lateness, 50),
  p99: percentile(d.lateness, 99),
  max: Math.max(...d.lateness),
});

async function main(): Promise<void> {
  const burstAt = () => new Date(Date.now() + 30_000);
  // Due times are fixed before seeding, so seeding and scheduling time is not counted as lateness.
  const burstDue = burstAt();
  const ours = await runOurPipeline(count, () => burstDue);
  const bareDue = new Date(Date.now() + 15_000);
  const bare = await runBareBullmq(count, () => bareDue, bareConcurrency);

  const spreadFrom = (lead: number) => {
    const start = Date.now() + lead;
    return (i: number) => new Date(start + (i * spreadSeconds * 1000) / spreadCount);
  };
  const oursSpread = await runOurPipeline(spreadCount, spreadFrom(20_000));
  const bareSpread = await runBareBullmq(spreadCount, spreadFrom(10_000), bareConcurrency);

  const rows = {
    burst: { ours: summary(ours), bare: summary(bare), schedulingMs: ours.scheduleMs, timersLeft: ours.timersLeft },
    spread: { ours: summary(oursSpread), bare: summary(bareSpread) },
  };
  const ratio = rows.burst.ours.perSecond / rows.burst.bare.perSecond;
  console.log(
    `nudges: ${count} in a burst, ${spreadCount} spread over ${spreadSeconds} s; ours as shipped, bare worker concurrency ${bareConcurrency}`,
  );
  console.log('run      pipeline  delivered/s  lateness p50 ms  p99 ms  max ms');
  for (const [run, r] of Object.entries(rows)) {
    for (const who of ['ours', 'bare'] as const) {
      const s = r[who];
      console.log(
        `${run.padEnd(8)} ${who.padEnd(8)}  ${String(s.perSecond).padStart(11)}  ${String(s.p50).padStart(15)}  ${String(s.p99).padStart(6)}  ${String(s.max).padStart(6)}`,
      );
    }
  }
  console.log(`throughput ratio ours / bare (burst): ${ratio.toFixed(2)} (target ≥ 0.7)`);
  console.log(`scheduling ${count} timers from Postgres (reconciler): ${rows.burst.schedulingMs} ms`);
  console.log(
    `burst timers still to fire after our last delivery (their nudges already sent; each then finds nothing to do): ${ours.timersLeft}`,
  );
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'nudges.json'),
    JSON.stringify({ count, spreadCount, spreadSeconds, bareConcurrency, ratio, ...rows }, null, 2),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
