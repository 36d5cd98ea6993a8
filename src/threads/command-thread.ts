import { randomUUID } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, threadId, workerData, type MessagePort } from 'node:worker_threads';
import { commandRunner } from '../commands/run-command';
import type { TimerSetter } from '../commands/run-in-context';
import { createLogger } from '../create-logger';
import { systemClock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { Metrics } from '../ports/metrics';
import type { PendingMessage, Store } from '../ports/store';
import type {
  CommandThreadData,
  FromThread,
  MetricCall,
  ReplyPoster,
  TimerCall,
  ToThread,
} from './command-thread-protocol';

/** Linux niceness of a command thread: 0 is the process's own, 19 the lowest. */
const COMMAND_THREAD_NICE = 19;

/**
 * Below the main thread's priority: when the machine is busy, acknowledging a new event (Slack's 3-second
 * deadline) comes before finishing a command whose reply can be a little later. Linux names the thread in
 * /proc/thread-self; elsewhere the thread keeps the process's priority.
 */
function lowerOwnPriority(logger: Logger): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, COMMAND_THREAD_NICE);
  } catch (err) {
    logger.debug({ err }, 'command thread keeps the process priority');
  }
}

/** Timers are set by the main thread's scheduler: the thread asks and waits for the outcome. */
function timersThroughMainThread(post: (message: FromThread) => void) {
  const waiting = new Map<number, { resolve(): void; reject(error: Error): void }>();
  let nextCallId = 1;
  const call = (timerCall: TimerCall): Promise<void> => {
    const callId = nextCallId++;
    return new Promise((resolve, reject) => {
      waiting.set(callId, { resolve, reject });
      post({ type: 'timer', callId, call: timerCall });
    });
  };
  const timers: TimerSetter = {
    scheduleAll: (...args) => call({ method: 'scheduleAll', args }),
    repeat: (...args) => call({ method: 'repeat', args }),
    stopRepeating: (...args) => call({ method: 'stopRepeating', args }),
  };
  const settle = (callId: number, error?: string) => {
    const caller = waiting.get(callId);
    waiting.delete(callId);
    if (error === undefined) caller?.resolve();
    else caller?.reject(new Error(error));
  };
  return { timers, settle };
}

/** Counters live in the main thread's registry, which /metrics reads. */
function metricsThroughMainThread(post: (message: FromThread) => void): Metrics {
  const forward =
    <N extends MetricCall['name']>(name: N) =>
    (...args: Extract<MetricCall, { name: N }>['args']) =>
      post({ type: 'metric', call: { name, args } as MetricCall });
  return {
    commandFinished: forward('commandFinished'),
    jobFinished: forward('jobFinished'),
    nudgeSent: forward('nudgeSent'),
    checkinLogged: forward('checkinLogged'),
  };
}

/**
 * Runs in a command thread (started by bin/command-thread.js): its own store and core, running the commands
 * the main thread hands it, so that command work never delays the main thread's acknowledgements. The main
 * thread ran the migrations before it started any thread.
 */
export function serveCommandThread(openStore: (data: CommandThreadData) => Store, postReply: ReplyPoster): void {
  const port: MessagePort = parentPort!;
  const data = workerData as CommandThreadData;
  const post = (message: FromThread) => port.postMessage(message);
  const logger = createLogger({ level: data.logLevel, format: data.logFormat }).child({ commandThread: threadId });
  const store = openStore(data);
  const { timers, settle } = timersThroughMainThread(post);
  const runCommand = commandRunner({
    store,
    clock: systemClock,
    logger,
    scheduler: timers,
    newId: randomUUID,
    metrics: metricsThroughMainThread(post),
    afterCommit: () => post({ type: 'kick' }),
    ...(data.handOff && { handOff: (claimed: PendingMessage[]) => post({ type: 'hand-off', claimed }) }),
  });

  port.on('message', (message: ToThread) => {
    if (message.type === 'run') {
      const { id, request, replyUrl } = message;
      // commandRunner answers every command, failures included, with a reply; it does not throw.
      void runCommand(request).then(async (reply) => {
        if (replyUrl === undefined) return post({ type: 'done', id, reply });
        const replyError = await postReply(replyUrl, reply).then(
          () => undefined,
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        );
        post({ type: 'done', id, reply, ...(replyError !== undefined && { replyError }) });
      });
    } else if (message.type === 'timer-result') {
      settle(message.callId, message.error);
    } else {
      void store.close().finally(() => {
        post({ type: 'closed' });
        port.close();
      });
    }
  });
  lowerOwnPriority(logger);
  post({ type: 'ready' });
}
