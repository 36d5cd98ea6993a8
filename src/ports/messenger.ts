import type { PersonId } from '../domain/ids';
import type { BotMessage } from '../domain/message';

/** A delivery that can never succeed (user left, DMs closed): recorded and not retried. */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

/** Sends what the bot has to say to a person, through whichever chat platform they are on. */
export interface Messenger {
  send(to: PersonId, message: BotMessage): Promise<void>;
}

/** The platform asked us to slow down; try again after `retryAfterMs` (its Retry-After). */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  constructor(readonly retryAfterMs: number) {
    super(`rate limited; retry after ${retryAfterMs} ms`);
  }
}
