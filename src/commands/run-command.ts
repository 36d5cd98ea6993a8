import { performance } from 'node:perf_hooks';
import type { Reply } from '../domain/message';
import { noopMetrics, type CommandOutcome } from '../ports/metrics';
import { StoreUnavailableError } from '../ports/store';
import type { Command } from './command';
import { privateReply } from './command-context';
import { executeCommand } from './execute-command';
import { cleanBuiltCommand, parseCommand } from './parse-command';
import { runInContext, type ContextDeps, type ContextRequest } from './run-in-context';

export interface CommandRequest extends ContextRequest {
  /** The platform's id for this delivery; a repeat of the same id changes nothing and gets the same reply. */
  eventId: string;
  /** What followed `/mentor`, with mentions already written as `<@id>`; or an already-built command. */
  input: string | Command;
}

/** A command's reply, and whether whoever ran the command also posted it to the platform (a command thread). */
export interface PostedReply {
  reply: Reply;
  posted: boolean;
}

export type CommandRunnerDeps = ContextDeps;

/** The answer to a command that hit a bug: the error id lets a moderator find the log line. */
export const bugReply = (errorId: string): Reply =>
  privateReply(
    `Sorry, something went wrong on my side (error ${errorId}); please try again, and tell a moderator if it keeps happening.`,
  );

/** Commands that never parsed are counted under this name, so the label set stays the command names. */
export const UNPARSED_COMMAND = 'unparsed';

interface Finished {
  reply: Reply;
  command: string;
  outcome: CommandOutcome;
}

/**
 * The one way into the core for people: parse, then run the use case in a single transaction that also claims
 * the event id. An expected failure rolls back and becomes one sentence; a bug is logged with an error id the
 * person sees. Every command is counted by name and outcome, with its duration.
 */
export function commandRunner(deps: CommandRunnerDeps): (request: CommandRequest) => Promise<Reply> {
  const metrics = deps.metrics ?? noopMetrics;
  return async (request) => {
    const started = performance.now();
    const { reply, command, outcome } = await runOne(deps, request);
    metrics.commandFinished(command, outcome, (performance.now() - started) / 1000);
    return reply;
  };
}

async function runOne(deps: CommandRunnerDeps, request: CommandRequest): Promise<Finished> {
  const parsed =
    typeof request.input === 'string'
      ? parseCommand(request.input)
      : { ok: true as const, value: cleanBuiltCommand(request.input) };
  if (!parsed.ok) {
    return { reply: privateReply(parsed.message, { refused: true }), command: UNPARSED_COMMAND, outcome: 'refused' };
  }
  const command = parsed.value;
  const done = (reply: Reply, outcome: CommandOutcome): Finished => ({ reply, command: command.name, outcome });
  try {
    const outcome = await runInContext(deps, request, async (ctx) => {
      const result = await executeCommand(ctx, command);
      if (result.ok) await ctx.tx.saveEventReply(request.communityId, request.eventId, result.value);
      return result;
    });
    if (!outcome.ok) return done(privateReply(outcome.message, { refused: true }), 'refused');
    if ('duplicate' in outcome) {
      deps.logger.info({ eventId: request.eventId, command: command.name }, 'duplicate event ignored');
      const replayed = await deps.store.processedReply(request.communityId, request.eventId);
      return done(replayed ?? privateReply('Already done.'), 'ok');
    }
    return done(outcome.value, 'ok');
  } catch (error) {
    if (error instanceof StoreUnavailableError) {
      deps.logger.warn({ command: command.name, err: error.message }, 'store unavailable');
      return done(
        privateReply('I could not reach my database just now, so nothing was changed; please try again in a minute.'),
        'error',
      );
    }
    const errorId = deps.newId().slice(0, 8);
    deps.logger.error(
      { err: error, errorId, command: command.name, communityId: request.communityId },
      'command failed',
    );
    return done(bugReply(errorId), 'error');
  }
}
