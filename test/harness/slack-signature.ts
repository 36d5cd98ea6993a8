import { createHmac } from 'node:crypto';

/** Slack (and Bolt) refuse requests whose timestamp is further than this from now. */
export const SLACK_TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

export interface SignOptions {
  /** Sign with a different secret: well-formed, but the app must answer 401. */
  badSignature?: boolean;
  /** Date the request 10 minutes back (signed correctly), so only the replay check can reject it. */
  stale?: boolean;
  /** Default: JSON when the body looks like JSON, else form-encoded (what Slack sends for each). */
  contentType?: string;
  /** Seconds since the epoch to treat as "now"; default the real clock, since Bolt checks against it. */
  nowSeconds?: number;
}

export interface SlackRequestHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
  'content-type': string;
}

/** `v0=` + hex HMAC-SHA256 of `v0:<ts>:<body>`, the scheme Slack documents for signing requests. */
export function computeSlackSignature(signingSecret: string, timestampSeconds: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex')}`;
}

/**
 * The headers Slack adds to a request it sends to an app. The body must be sent byte for byte as signed,
 * so pass the exact string you will POST.
 */
export function signSlackRequest(
  signingSecret: string,
  rawBody: string,
  timestampSeconds?: number,
  options: SignOptions = {},
): SlackRequestHeaders {
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const ts = options.stale ? now - 2 * SLACK_TIMESTAMP_TOLERANCE_SECONDS : (timestampSeconds ?? now);
  const secret = options.badSignature ? `${signingSecret}-but-wrong` : signingSecret;
  return {
    'x-slack-signature': computeSlackSignature(secret, ts, rawBody),
    'x-slack-request-timestamp': String(ts),
    'content-type': options.contentType ?? contentTypeFor(rawBody),
  };
}

/** Slack sends events as JSON and everything else (commands, interactions) as a form. */
export function contentTypeFor(rawBody: string): string {
  return rawBody.trimStart().startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded';
}
