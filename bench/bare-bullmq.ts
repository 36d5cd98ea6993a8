import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { REDIS_URL } from './bench-processes';
import { waitUntil, type Delivery } from './nudge-pipeline';

/** The reference: the same number of delayed jobs with the same due times, added and processed by bare BullMQ. */
export async function runBareBullmq(count: number, dueAt: (i: number) => Date, concurrency: number): Promise<Delivery> {
  const prefix = `mbbare-${randomUUID().slice(0, 8)}`;
  const connection = { url: REDIS_URL };
  const queue = new Queue('bare', { connection, prefix });
  const due = Array.from({ length: count }, (_, i) => dueAt(i).getTime());
  for (let start = 0; start < count; start += 1000) {
    const now = Date.now();
    await queue.addBulk(
      due.slice(start, start + 1000).map((at, k) => ({
        name: 'nudge',
        data: { i: start + k },
        opts: { jobId: `n-${start + k}`, delay: Math.max(0, at - now), removeOnComplete: true },
      })),
    );
  }
  const lateness: number[] = [];
  let last = 0;
  const worker = new Worker(
    'bare',
    async (job) => {
      const now = Date.now();
      lateness.push(now - due[(job.data as { i: number }).i]!);
      last = now;
    },
    { connection: { ...connection, maxRetriesPerRequest: null }, prefix, concurrency },
  );
  await waitUntil(() => lateness.length >= count);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { lateness, spanMs: last - Math.min(...due) };
}
