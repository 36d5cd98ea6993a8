import { request } from 'undici';
import type { Reply } from '../../src/domain/message';
import { renderSlackMessage } from './render-slack-message';

/**
 * Posts a reply to a Slack `response_url`. Bolt's `respond` does the same through the global `fetch`, whose
 * response objects (web streams, abort signals, weak references) outlive every young-generation garbage
 * collection: at a few hundred commands a second they filled the old generation and made each collection
 * copy megabytes, pausing the event loop that acknowledges the next commands. undici's `request` leaves
 * little behind. A refusal from Slack (an expired URL, a rate limit) throws, like Bolt's, so it is logged.
 */
export async function postToResponseUrl(url: string, payload: object): Promise<void> {
  const { statusCode, body } = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  // Reading the body to its end hands the connection back to the keep-alive pool.
  await body.dump();
  if (statusCode < 200 || statusCode >= 300) {
    throw new Error(`Slack refused the reply to its response_url: HTTP ${statusCode}`);
  }
}

/** A core reply as Slack's response_url wants it: for the channel to see, or for the person only. */
export const slackReplyPayload = (reply: Reply) => ({
  response_type: reply.visibility === 'channel' ? ('in_channel' as const) : ('ephemeral' as const),
  ...renderSlackMessage(reply),
});

/** Posts a slash command's reply; command threads do it themselves (bin/command-thread.js). */
export const postSlackReply = (responseUrl: string, reply: Reply): Promise<void> =>
  postToResponseUrl(responseUrl, slackReplyPayload(reply));
