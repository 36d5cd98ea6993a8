import { WebClient, type WebAPIRateLimitedError } from '@slack/web-api';
import { slackActors } from '../../../adapters/slack/slack-actors';
import { undiciFetch } from '../../../adapters/slack/undici-fetch';
import { startFakeSlackApi, type FakeSlackApi } from '../../harness/fake-slack-api';

let fake: FakeSlackApi;
beforeAll(async () => {
  fake = await startFakeSlackApi();
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const client = () =>
  new WebClient('xoxb-fake', {
    slackApiUrl: fake.url,
    fetch: undiciFetch,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  });

describe('the Slack Web API client over undici', () => {
  it('sends the call with its token and arguments and reads the answer', async () => {
    const answer = await client().chat.postMessage({ channel: 'C1', text: 'Time for a check-in ☕ "quoted" & <b>' });
    expect(answer.ok).toBe(true);
    const [call] = fake.callsTo('chat.postMessage');
    expect(call?.body).toMatchObject({ channel: 'C1', text: 'Time for a check-in ☕ "quoted" & <b>' });
    expect(call?.token).toBe('xoxb-fake');
  });

  it("turns Slack's error answer into the client's platform error", async () => {
    fake.failNext('chat.postMessage', 'channel_not_found');
    await expect(client().chat.postMessage({ channel: 'C404', text: 'hi' })).rejects.toMatchObject({
      code: 'slack_webapi_platform_error',
      data: expect.objectContaining({ error: 'channel_not_found' }),
    });
  });

  it("reads a 429's Retry-After, so the outbound queue can wait it out", async () => {
    fake.rateLimitNext('chat.postMessage', 7);
    const error = (await client()
      .chat.postMessage({ channel: 'C1', text: 'hi' })
      .catch((e: unknown) => e)) as WebAPIRateLimitedError;
    expect(error.code).toBe('slack_webapi_rate_limited_error');
    expect(error.retryAfter).toBe(7);
  });
});

describe('slackActors', () => {
  it("shares one person's lookup among requests that arrive while it runs, and asks again after a failure", async () => {
    const actorFor = slackActors();
    const web = client();
    const [first, second] = await Promise.all([
      actorFor(web, 'T1', 'U1', 'ada'),
      actorFor(web, 'T1', 'U1', 'ada'),
      actorFor(web, 'T1', 'U2', 'bo'),
    ]);
    expect(first).toBe(second);
    expect(
      fake
        .callsTo('users.info')
        .map((call) => call.body['user'])
        .sort(),
    ).toEqual(['U1', 'U2']);

    fake.failNext('users.info', 'ratelimited');
    await expect(actorFor(web, 'T1', 'U3', 'cy')).rejects.toThrow('ratelimited');
    const retried = await actorFor(web, 'T1', 'U3', 'cy');
    expect(retried.actor.id).toContain('U3');
    expect(fake.callsTo('users.info').filter((call) => call.body['user'] === 'U3')).toHaveLength(2);
  });
});
