import { postToResponseUrl } from '../../../adapters/slack/post-to-response-url';
import { startFakeSlackApi, type FakeSlackApi } from '../../harness/fake-slack-api';

let fake: FakeSlackApi;
beforeAll(async () => {
  fake = await startFakeSlackApi();
});
afterAll(() => fake.stop());

describe('postToResponseUrl', () => {
  it('posts the reply as JSON to the response_url', async () => {
    const payload = { response_type: 'ephemeral', text: 'Profile saved. <not a link> & "quotes"' };
    await postToResponseUrl(fake.responseUrl('r1'), payload);
    const posted = await fake.waitForResponse('r1');
    expect(posted.body).toEqual(payload);
  });

  it('throws, naming the HTTP status, when Slack refuses the reply', async () => {
    await expect(postToResponseUrl(`${fake.origin}/expired-hook`, { text: 'late' })).rejects.toThrow(
      'Slack refused the reply to its response_url: HTTP 404',
    );
  });

  it('keeps working after a refusal (the connection went back to the pool)', async () => {
    await postToResponseUrl(`${fake.origin}/expired-hook`, { text: 'late' }).catch(() => undefined);
    await postToResponseUrl(fake.responseUrl('r2'), { text: 'second' });
    expect((await fake.waitForResponse('r2')).body).toEqual({ text: 'second' });
  });
});
