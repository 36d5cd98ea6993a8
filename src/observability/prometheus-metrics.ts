import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Logger } from '../ports/logger';
import type { Metrics } from '../ports/metrics';
import type { PairingTotals } from '../ports/store';
import type { MetricsExposition } from './ops-routes';

export interface PrometheusMetricsOptions {
  /** Read at each scrape for the pair gauges; the shell and tests may leave it out (the gauges then stay 0). */
  pairings?: { pairingTotals(): Promise<PairingTotals> };
  logger: Logger;
}

export type PrometheusMetrics = Metrics & MetricsExposition;

/** Seconds; commands are one transaction and a few Slack calls, so most land between 5 ms and 1 s. */
const COMMAND_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The Metrics port on prom-client, with a registry of its own (no global one: two bots in one test process
 * must not share counters), Node's default process metrics, and the pair gauges read from Postgres when
 * Prometheus scrapes rather than kept up to date by every command.
 */
export function prometheusMetrics(options: PrometheusMetricsOptions): PrometheusMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const commands = new Counter({
    name: 'mentor_commands_total',
    help: 'Commands run, by command name and outcome (ok, refused, error).',
    labelNames: ['command', 'outcome'] as const,
    registers,
  });
  const commandSeconds = new Histogram({
    name: 'mentor_command_duration_seconds',
    help: 'Time to run one command through the core, in seconds.',
    labelNames: ['command'] as const,
    buckets: COMMAND_BUCKETS,
    registers,
  });
  const jobs = new Counter({
    name: 'mentor_jobs_total',
    help: 'Queued job runs, by queue and outcome (processed, failed, retried).',
    labelNames: ['queue', 'outcome'] as const,
    registers,
  });
  const nudges = new Counter({ name: 'mentor_nudges_sent_total', help: 'Check-in nudges sent.', registers });
  const checkins = new Counter({ name: 'mentor_checkins_logged_total', help: 'Check-ins logged.', registers });

  // Both gauges come from one query; the registry collects them together, so they share one read per scrape.
  let reading: Promise<PairingTotals | null> | null = null;
  const readTotals = (): Promise<PairingTotals | null> => {
    const pairings = options.pairings;
    if (!pairings) return Promise.resolve(null);
    reading ??= pairings
      .pairingTotals()
      .catch((error: unknown) => {
        // A scrape must still answer; /readyz is where a lost database shows. The gauges keep their last value.
        options.logger.warn({ err: error }, 'could not read pairing totals for /metrics');
        return null;
      })
      .finally(() => (reading = null));
    return reading;
  };
  new Gauge({
    name: 'mentor_active_pairs',
    help: 'Active pairings across all communities (read from Postgres at scrape time).',
    registers,
    async collect() {
      const totals = await readTotals();
      if (totals) this.set(totals.active);
    },
  });
  new Gauge({
    name: 'mentor_at_risk_pairs',
    help: 'Active pairings flagged at risk (read from Postgres at scrape time).',
    registers,
    async collect() {
      const totals = await readTotals();
      if (totals) this.set(totals.atRisk);
    },
  });

  return {
    commandFinished(command, outcome, seconds) {
      commands.inc({ command, outcome });
      commandSeconds.observe({ command }, seconds);
    },
    jobFinished: (queue, outcome) => jobs.inc({ queue, outcome }),
    nudgeSent: () => nudges.inc(),
    checkinLogged: () => checkins.inc(),
    contentType: registry.contentType,
    render: () => registry.metrics(),
  };
}
