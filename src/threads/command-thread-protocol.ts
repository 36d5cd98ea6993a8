import type { CommandRequest } from '../commands/run-command';
import type { Reply } from '../domain/message';
import type { Metrics } from '../ports/metrics';
import type { PendingMessage } from '../ports/store';
import type { TimerSetter } from '../commands/run-in-context';

/** What a command thread needs to build its own core: everything else it asks the main thread for. */
export interface CommandThreadData {
  databaseUrl: string;
  /** DATABASE_PREPARED_STATEMENTS: whether the thread's pool names its statements. */
  preparedStatements: boolean;
  /** Whether the main thread sends messages (it runs the outbound worker): then they are claimed and handed over. */
  handOff: boolean;
  logLevel: string;
  logFormat: 'auto' | 'pretty' | 'json';
}

export type TimerCall = {
  [M in keyof TimerSetter]: { method: M; args: Parameters<TimerSetter[M]> };
}[keyof TimerSetter];
export type MetricCall = { [M in keyof Metrics]: { name: M; args: Parameters<Metrics[M]> } }[keyof Metrics];

/**
 * Posts a command's reply to the URL its platform gave for it (Slack's response_url). The thread's launcher
 * supplies it (src/ does not import adapters/), so a reply goes out from the thread that made it.
 */
export type ReplyPoster = (replyUrl: string, reply: Reply) => Promise<void>;

/** Main thread to command thread. With `replyUrl`, the thread posts the reply there before it answers. */
export type ToThread =
  | { type: 'run'; id: number; request: CommandRequest; replyUrl?: string }
  | { type: 'timer-result'; callId: number; error?: string }
  | { type: 'close' };

/**
 * Command thread to main thread. Timers, counters, the outbound kick and the messages to send are the main
 * thread's to act on.
 */
export type FromThread =
  | { type: 'ready' }
  | { type: 'done'; id: number; reply: Reply; replyError?: string }
  | { type: 'timer'; callId: number; call: TimerCall }
  | { type: 'metric'; call: MetricCall }
  | { type: 'kick' }
  | { type: 'hand-off'; claimed: PendingMessage[] }
  | { type: 'closed' };
