import type { CommunityId } from '../domain/ids';
import type { Reply } from '../domain/message';
import { isConfiguredModerator } from '../domain/community-settings';
import type { Failure } from '../domain/result';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { StoreUnavailableError, type Store } from '../ports/store';
import type { Command } from './command';
import { privateReply, type Actor, type CommandContext } from './command-context';
import { executeCommand } from './execute-command';
import { parseCommand } from './parse-command';

export interface CommandRequest {
  communityId: CommunityId;
  /** The workspace or server name, kept for display; '' leaves the stored one. */
  communityName: string;
  actor: Actor;
  /** The platform's id for this delivery; a repeat of the same id changes nothing and gets the same reply. */
  eventId: string;
  /** What followed `/mentor`, with mentions already written as `<@id>`; or an already-built command. */
  input: string | Command;
}

export interface CommandRunnerDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  newId(): string;
  /** Called after a command committed, so queued messages go out promptly. */
  afterCommit?(): void;
}

/** Carries an expected failure out of the transaction so that nothing it wrote is kept. */
class RolledBack extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

/**
 * The one way into the core: parse, then run the use case in a single transaction that also claims the event
 * id. An expected failure rolls back and becomes one sentence; a bug is logged with an error id the person sees.
 */
export function commandRunner(deps: CommandRunnerDeps): (request: CommandRequest) => Promise<Reply> {
  return async (request) => {
    const parsed =
      typeof request.input === 'string' ? parseCommand(request.input) : { ok: true as const, value: request.input };
    if (!parsed.ok) return privateReply(parsed.message);
    const command = parsed.value;
    try {
      const reply = await deps.store.transaction(async (tx) => {
        if (!(await tx.claimEvent(request.communityId, request.eventId, request.actor.id))) return null;
        const community = await tx.ensureCommunity(request.communityId, request.communityName);
        const ctx: CommandContext = {
          tx,
          community,
          actor: request.actor,
          now: deps.clock.now(),
          isModerator: request.actor.isAdmin || isConfiguredModerator(community.settings, request.actor.id),
          eventId: request.eventId,
          newId: deps.newId,
        };
        const outcome = await executeCommand(ctx, command);
        if (!outcome.ok) throw new RolledBack(outcome);
        await tx.saveEventReply(request.communityId, request.eventId, outcome.value);
        return outcome.value;
      });
      if (reply === null) {
        deps.logger.info({ eventId: request.eventId, command: command.name }, 'duplicate event ignored');
        return (await deps.store.processedReply(request.communityId, request.eventId)) ?? privateReply('Already done.');
      }
      deps.afterCommit?.();
      return reply;
    } catch (error) {
      if (error instanceof RolledBack) return privateReply(error.failure.message);
      if (error instanceof StoreUnavailableError) {
        deps.logger.warn({ command: command.name, err: error.message }, 'store unavailable');
        return privateReply(
          'I could not reach my database just now, so nothing was changed; please try again in a minute.',
        );
      }
      const errorId = deps.newId().slice(0, 8);
      deps.logger.error(
        { err: error, errorId, command: command.name, communityId: request.communityId },
        'command failed',
      );
      return privateReply(
        `Sorry, something went wrong on my side (error ${errorId}); please try again, and tell a moderator if it keeps happening.`,
      );
    }
  };
}
