/**
 * The load generator's own thread (see `loadGenerator` in slash-load.ts): it only sends commands and times their
 * acks, so the fake Slack API in the main thread, busy taking the app's replies, cannot make it send late.
 */
import type { Agent } from 'node:http';
import { parentPort } from 'node:worker_threads';
import { keepAliveAgent, sendOpenLoop, type LoadJob } from './slash-load';

const agents = new Map<string, Agent>();

parentPort!.on('message', (job: LoadJob) => {
  const agent = agents.get(job.url) ?? keepAliveAgent();
  agents.set(job.url, agent);
  let i = 0;
  const target = { url: new URL(job.url), signingSecret: job.signingSecret, agent };
  void sendOpenLoop(
    target,
    (id) => job.responseUrlPrefix + encodeURIComponent(id),
    job.rate,
    job.commands.length,
    () => job.commands[i++]!,
  ).then((sent) => parentPort!.postMessage({ id: job.id, sent }));
});
