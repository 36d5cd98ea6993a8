import { prometheusMetrics } from '../../../src/observability/prometheus-metrics';
import { silentLogger } from '../../helpers/silent-logger';

/** The value of one sample line, e.g. `mentor_commands_total{command="join",outcome="ok"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('prometheusMetrics', () => {
  it('counts commands by name and outcome, with their durations', async () => {
    const metrics = prometheusMetrics({ logger: silentLogger() });
    metrics.commandFinished('join', 'ok', 0.02);
    metrics.commandFinished('join', 'ok', 0.3);
    metrics.commandFinished('pair', 'refused', 0.01);
    metrics.commandFinished('stats', 'error', 7);
    const text = await metrics.render();
    expect(sample(text, 'mentor_commands_total{command="join",outcome="ok"}')).toBe(2);
    expect(sample(text, 'mentor_commands_total{command="pair",outcome="refused"}')).toBe(1);
    expect(sample(text, 'mentor_commands_total{command="stats",outcome="error"}')).toBe(1);
    expect(sample(text, 'mentor_command_duration_seconds_count{command="join"}')).toBe(2);
    expect(sample(text, 'mentor_command_duration_seconds_bucket{le="0.025",command="join"}')).toBe(1);
    expect(sample(text, 'mentor_command_duration_seconds_bucket{le="5",command="stats"}')).toBe(0);
  });

  it('counts jobs by queue and outcome, nudges and check-ins', async () => {
    const metrics = prometheusMetrics({ logger: silentLogger() });
    metrics.jobFinished('timers', 'processed');
    metrics.jobFinished('timers', 'processed');
    metrics.jobFinished('outbound', 'retried');
    metrics.jobFinished('outbound', 'failed');
    metrics.nudgeSent();
    metrics.nudgeSent();
    metrics.checkinLogged();
    const text = await metrics.render();
    expect(sample(text, 'mentor_jobs_total{queue="timers",outcome="processed"}')).toBe(2);
    expect(sample(text, 'mentor_jobs_total{queue="outbound",outcome="retried"}')).toBe(1);
    expect(sample(text, 'mentor_jobs_total{queue="outbound",outcome="failed"}')).toBe(1);
    expect(sample(text, 'mentor_nudges_sent_total')).toBe(2);
    expect(sample(text, 'mentor_checkins_logged_total')).toBe(1);
  });

  it('reads the pair gauges once per scrape, from the store as it is then', async () => {
    let reads = 0;
    let totals = { active: 4, atRisk: 1 };
    const metrics = prometheusMetrics({
      logger: silentLogger(),
      pairings: { pairingTotals: async () => (reads++, totals) },
    });
    let text = await metrics.render();
    expect(sample(text, 'mentor_active_pairs')).toBe(4);
    expect(sample(text, 'mentor_at_risk_pairs')).toBe(1);
    expect(reads).toBe(1);
    totals = { active: 6, atRisk: 0 };
    text = await metrics.render();
    expect(sample(text, 'mentor_active_pairs')).toBe(6);
    expect(sample(text, 'mentor_at_risk_pairs')).toBe(0);
    expect(reads).toBe(2);
  });

  it('still answers a scrape when the store cannot be read, and logs why', async () => {
    const lines: ReturnType<typeof silentLogger>['lines'] = [];
    const metrics = prometheusMetrics({
      logger: silentLogger(lines),
      pairings: { pairingTotals: () => Promise.reject(new Error('database unavailable')) },
    });
    metrics.commandFinished('help', 'ok', 0.001);
    const text = await metrics.render();
    expect(sample(text, 'mentor_commands_total{command="help",outcome="ok"}')).toBe(1);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'could not read pairing totals for /metrics' }),
    );
  });

  it('keeps each instance to its own registry, with the process metrics in it', async () => {
    const first = prometheusMetrics({ logger: silentLogger() });
    const second = prometheusMetrics({ logger: silentLogger() });
    first.nudgeSent();
    expect(sample(await first.render(), 'mentor_nudges_sent_total')).toBe(1);
    const secondText = await second.render();
    expect(sample(secondText, 'mentor_nudges_sent_total')).toBe(0);
    expect(secondText).toContain('process_cpu_user_seconds_total');
    expect(secondText).toContain('nodejs_heap_size_used_bytes');
    expect(first.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});
