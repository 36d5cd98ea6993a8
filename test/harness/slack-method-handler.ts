import type { FakeSlackState, TokenOwner } from './fake-slack-state';

/** What a fake Web API method sees: its decoded arguments, who called, and the fake's memory. */
export interface SlackMethodContext {
  args: Record<string, unknown>;
  /** The token's owner; undefined only for methods that need no token (oauth.v2.access, api.test). */
  owner: TokenOwner | undefined;
  /** From an `Authorization: Basic` header, which oauth.v2.access accepts instead of body credentials. */
  basicAuth: { clientId: string; clientSecret: string } | undefined;
  state: FakeSlackState;
}

/** Answers one method call with the JSON body Slack would send (always HTTP 200, as Slack does). */
export type SlackMethodHandler = (ctx: SlackMethodContext) => Record<string, unknown>;

/** Slack reports expected failures as `ok: false` with a code, never as an HTTP error. */
export const fail = (error: string): Record<string, unknown> => ({ ok: false, error });
