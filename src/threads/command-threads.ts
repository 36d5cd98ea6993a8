import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { bugReply, type CommandRequest, type PostedReply } from '../commands/run-command';
import type { TimerSetter } from '../commands/run-in-context';
import type { Reply } from '../domain/message';
import type { Logger } from '../ports/logger';
import type { Metrics } from '../ports/metrics';
import type { PendingMessage } from '../ports/store';
import type { CommandThreadData, FromThread, TimerCall, ToThread } from './command-thread-protocol';

export interface CommandThreadsOptions extends Omit<CommandThreadData, 'handOff'> {
  threads: number;
  /** Timers the threads' commands ask for are set here, on the main thread's scheduler. */
  scheduler: TimerSetter;
  metrics: Metrics;
  /** A thread's commit queued messages: wake the outbound queue. */
  afterCommit(): void;
  /** When given, threads claim the messages their commands queue and hand them here to send (Outbound.handOff). */
  handOff?(claimed: PendingMessage[]): void;
  logger: Logger;
  newId(): string;
  /** Sees each thread as it starts (tests use it to kill one). */
  onThread?(worker: Worker): void;
}

export interface CommandThreads {
  /** Resolves once every thread has loaded; a thread that cannot start rejects it. */
  ready(): Promise<void>;
  run(request: CommandRequest): Promise<Reply>;
  /**
   * Runs the command and has its thread post the reply to `replyUrl`; rejects if that post failed. A thread that
   * died answers with an apology it did not post (`posted` false).
   */
  runAndPost(request: CommandRequest, replyUrl: string): Promise<PostedReply>;
  /** Waits for running commands' threads to close their database pools, then ends them. */
  close(): Promise<void>;
}

/** The thread's launcher, which also gives it its Postgres store (src/ does not import db/). */
const ENTRY = join(__dirname, '..', '..', 'bin', 'command-thread.js');

function setTimer(timers: TimerSetter, call: TimerCall): Promise<void> {
  if (call.method === 'scheduleAll') return timers.scheduleAll(...call.args);
  if (call.method === 'repeat') return timers.repeat(...call.args);
  return timers.stopRepeating(...call.args);
}

/**
 * Runs commands on worker threads, each with its own Postgres pool, so that the main thread only receives
 * events and acknowledges them: an acknowledgement never waits behind another command's work. A thread that
 * dies answers its running commands with the usual apology and is replaced.
 */
export function commandThreads(options: CommandThreadsOptions): CommandThreads {
  const log = options.logger.child({ component: 'command-threads' });
  const data: CommandThreadData = {
    databaseUrl: options.databaseUrl,
    preparedStatements: options.preparedStatements,
    handOff: options.handOff !== undefined,
    logLevel: options.logLevel,
    logFormat: options.logFormat,
  };
  let nextId = 1;
  let closing = false;

  function spawn() {
    const worker = new Worker(ENTRY, { workerData: data });
    /** Settles a running command: `done` is absent when the thread died before answering. */
    const running = new Map<number, (reply: Reply, done?: { replyError?: string }) => void>();
    let onClosed: () => void = () => undefined;
    let markReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      worker.once('error', reject);
      worker.once('exit', () => reject(new Error('command thread exited while starting')));
    });
    ready.catch(() => undefined);
    const post = (message: ToThread) => worker.postMessage(message);
    worker.on('message', (message: FromThread) => {
      if (message.type === 'ready') {
        markReady();
      } else if (message.type === 'done') {
        running.get(message.id)?.(
          message.reply,
          message.replyError === undefined ? {} : { replyError: message.replyError },
        );
        running.delete(message.id);
      } else if (message.type === 'timer') {
        setTimer(options.scheduler, message.call).then(
          () => post({ type: 'timer-result', callId: message.callId }),
          (error: unknown) =>
            post({
              type: 'timer-result',
              callId: message.callId,
              error: error instanceof Error ? error.message : String(error),
            }),
        );
      } else if (message.type === 'metric') {
        const { name, args } = message.call;
        (options.metrics[name] as (...a: typeof args) => void)(...args);
      } else if (message.type === 'kick') {
        options.afterCommit();
      } else if (message.type === 'hand-off') {
        options.handOff?.(message.claimed);
      } else if (message.type === 'closed') {
        onClosed();
      }
    });
    worker.on('error', (err) => log.error({ err, threadId: worker.threadId }, 'command thread failed'));
    worker.on('exit', (code) => {
      const errorId = options.newId().slice(0, 8);
      if (running.size > 0) {
        log.error({ code, errorId, commands: running.size }, 'command thread ended with commands running');
      }
      for (const answer of running.values()) answer(bugReply(errorId));
      running.clear();
      const index = threads.indexOf(thread);
      if (index >= 0 && !closing) {
        log.warn({ code }, 'command thread ended; starting another');
        threads[index] = spawn();
      }
    });
    const thread = {
      worker,
      ready,
      running,
      run(id: number, request: CommandRequest, replyUrl?: string): Promise<PostedReply> {
        return new Promise<PostedReply>((resolve, reject) => {
          running.set(id, (reply, done) => {
            if (done?.replyError !== undefined) reject(new Error(done.replyError));
            else resolve({ reply, posted: replyUrl !== undefined && done !== undefined });
          });
          post({ type: 'run', id, request, ...(replyUrl !== undefined && { replyUrl }) });
        });
      },
      close(): Promise<void> {
        return new Promise<void>((resolve) => {
          onClosed = resolve;
          worker.once('exit', () => resolve());
          post({ type: 'close' });
        });
      },
    };
    options.onThread?.(worker);
    return thread;
  }

  const threads = Array.from({ length: Math.max(1, options.threads) }, () => spawn());
  // The least busy thread: a slow command (an export, a big preview) does not hold up the others.
  const leastBusy = () => threads.reduce((best, t) => (t.running.size < best.running.size ? t : best));

  return {
    async ready() {
      await Promise.all(threads.map((thread) => thread.ready));
    },
    run: async (request) => (await leastBusy().run(nextId++, request)).reply,
    runAndPost: (request, replyUrl) => leastBusy().run(nextId++, request, replyUrl),
    async close() {
      closing = true;
      await Promise.all(threads.map((thread) => thread.close()));
      await Promise.all(threads.map((thread) => thread.worker.terminate()));
    },
  };
}
