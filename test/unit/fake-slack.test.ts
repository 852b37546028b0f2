import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebClient, type WebAPICallResult } from '@slack/web-api';
import { App, HTTPReceiver, LogLevel, verifySlackRequest } from '@slack/bolt';
import { FakeSlack } from '../harness/fake-slack';
import { SlackRequestClient, datepicker, plainText, signSlackRequest, staticSelect } from '../harness/slack-request';

const ALL_SCOPES = ['commands', 'chat:write', 'im:write', 'users:read', 'channels:read'];
const SECRET = 'test-signing-secret';

const modal = (extra: Record<string, unknown> = {}) => ({
  type: 'modal',
  callback_id: 'add_case',
  title: { type: 'plain_text', text: 'Add case' },
  submit: { type: 'plain_text', text: 'Save' },
  blocks: [
    {
      type: 'input',
      block_id: 'name',
      label: { type: 'plain_text', text: 'Name' },
      element: { type: 'plain_text_input', action_id: 'value' },
    },
    {
      type: 'input',
      block_id: 'due',
      label: { type: 'plain_text', text: 'Due' },
      element: { type: 'datepicker', action_id: 'value' },
      optional: true,
    },
  ],
  ...extra,
});

const silent = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };

/** Runs a WebClient call and returns the platform error's data instead of throwing. */
async function callError(p: Promise<WebAPICallResult>): Promise<Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    const data = (e as { data?: Record<string, unknown> }).data;
    if (data) return data;
    throw e;
  }
  throw new Error('expected the call to fail');
}

describe('FakeSlack', () => {
  let clock = 1_800_000_000_000;
  let fake: FakeSlack;
  let client: WebClient;

  const makeFake = async (scopes = ALL_SCOPES) => {
    const f = new FakeSlack({ scopes, now: () => clock });
    await f.start();
    return f;
  };

  beforeEach(async () => {
    clock = 1_800_000_000_000;
    fake = await makeFake();
    client = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: silent });
  });
  afterEach(async () => {
    await fake.stop();
  });

  it('answers auth.test and rejects a wrong token', async () => {
    const res = await client.auth.test();
    expect(res).toMatchObject({ ok: true, team_id: fake.teamId, user_id: fake.botUserId, bot_id: fake.botId });
    const bad = new WebClient('xoxb-wrong', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: silent });
    expect((await callError(bad.auth.test())).error).toBe('invalid_auth');
    expect(fake.lastCall('auth.test')).toMatchObject({ ok: false, error: 'invalid_auth' });
  });

  it('opens a valid view once, then answers exchanged_trigger_id', async () => {
    const trigger = fake.issueTriggerId();
    const res = await client.views.open({ trigger_id: trigger, view: modal() as never });
    expect(res.ok).toBe(true);
    const view = res.view as { id: string; hash: string; callback_id: string };
    expect(view.callback_id).toBe('add_case');
    expect(fake.getView(view.id)?.hash).toBe(view.hash);
    // args are recorded with the view parsed back to an object
    expect(fake.lastCall('views.open')?.args['view']).toMatchObject({ callback_id: 'add_case' });

    expect((await callError(client.views.open({ trigger_id: trigger, view: modal() as never }))).error).toBe(
      'exchanged_trigger_id',
    );
    expect((await callError(client.views.open({ trigger_id: '1.2.nope', view: modal() as never }))).error).toBe(
      'invalid_trigger_id',
    );
  });

  it('answers expired_trigger_id after 3 s by the injected clock', async () => {
    const trigger = fake.issueTriggerId();
    clock += 3001;
    expect((await callError(client.views.open({ trigger_id: trigger, view: modal() as never }))).error).toBe(
      'expired_trigger_id',
    );
  });

  it('updates by view_id with hash checks and limits the push stack to 3', async () => {
    const opened = await client.views.open({ trigger_id: fake.issueTriggerId(), view: modal() as never });
    const root = opened.view as { id: string; hash: string };
    const updated = await client.views.update({ view_id: root.id, hash: root.hash, view: modal({ callback_id: 'v2' }) as never });
    expect((updated.view as { id: string }).id).toBe(root.id);
    expect(fake.getView(root.id)?.callback_id).toBe('v2');
    expect((await callError(client.views.update({ view_id: root.id, hash: root.hash, view: modal() as never }))).error).toBe(
      'hash_conflict',
    );
    expect((await callError(client.views.update({ view_id: 'VNOPE', view: modal() as never }))).error).toBe('not_found');

    for (let i = 0; i < 3; i++) {
      await client.views.push({ trigger_id: fake.issueTriggerId({ viewId: root.id }), view: modal({ callback_id: `p${i}` }) as never });
    }
    expect(fake.viewStack(root.id)).toHaveLength(4);
    expect(
      (await callError(client.views.push({ trigger_id: fake.issueTriggerId({ viewId: root.id }), view: modal() as never }))).error,
    ).toBe('push_limit_reached');
  });

  it('rejects invalid blocks with response_metadata.messages', async () => {
    fake.addChannel({ id: 'C1' });
    const tooLong = 'x'.repeat(3001);
    const data = await callError(
      client.chat.postMessage({ channel: 'C1', text: 'hi', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: tooLong } }] }),
    );
    expect(data.error).toBe('invalid_blocks');
    const messages = (data.response_metadata as { messages: string[] }).messages;
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.join('\n')).toMatch(/3001/);

    const badView = await callError(
      client.views.open({ trigger_id: fake.issueTriggerId(), view: modal({ title: { type: 'plain_text', text: 'x'.repeat(25) } }) as never }),
    );
    expect(badView.error).toBe('invalid_arguments');
    expect((badView.response_metadata as { messages: string[] }).messages.join('\n')).toMatch(/title/);

    expect((await callError(client.chat.postMessage({ channel: 'C1' } as never))).error).toBe('no_text');
    expect((await callError(client.chat.postMessage({ channel: 'CNOPE', text: 'hi' }))).error).toBe('channel_not_found');
  });

  it('enforces channel membership, DMs and chat.update rules', async () => {
    fake.addChannel({ id: 'C2', botMember: false });
    expect((await callError(client.chat.postMessage({ channel: 'C2', text: 'hi' }))).error).toBe('not_in_channel');
    fake.addUser({ id: 'U1', name: 'ana' });
    const dm = await client.conversations.open({ users: 'U1' });
    const dmId = (dm.channel as { id: string }).id;
    expect(dmId).toMatch(/^D/);
    const posted = await client.chat.postMessage({ channel: dmId, text: 'hello' });
    await client.chat.update({ channel: dmId, ts: posted.ts as string, text: 'edited' });
    expect(fake.findMessage(dmId, posted.ts as string)?.text).toBe('edited');

    fake.addChannel({ id: 'C3' });
    const eph = await client.chat.postEphemeral({ channel: 'C3', user: 'U1', text: 'only you' });
    expect((await callError(client.chat.update({ channel: 'C3', ts: eph.message_ts as string, text: 'x' }))).error).toBe(
      'message_not_found',
    );
    expect((await callError(client.chat.postEphemeral({ channel: 'C3', text: 'x' } as never))).error).toBe('invalid_arguments');
  });

  it('answers missing_scope when the scope list lacks chat:write', async () => {
    const limited = await makeFake(['commands', 'users:read']);
    try {
      limited.addChannel({ id: 'C1' });
      const c = new WebClient(limited.botToken, { slackApiUrl: limited.apiUrl, retryConfig: { retries: 0 }, logger: silent });
      const data = await callError(c.chat.postMessage({ channel: 'C1', text: 'hi' }));
      expect(data).toMatchObject({ error: 'missing_scope', needed: 'chat:write', provided: 'commands,users:read' });
      expect(limited.lastCall('chat.postMessage')).toMatchObject({ ok: false, error: 'missing_scope' });
    } finally {
      await limited.stop();
    }
  });

  it('returns added users from users.info', async () => {
    fake.addUser({ id: 'U1', name: 'ana', real_name: 'Ana Case', tz: 'America/Chicago', profile: { email: 'ana@example.org' } });
    const res = await client.users.info({ user: 'U1' });
    const user = res.user as Record<string, unknown> & { profile: Record<string, unknown> };
    expect(user).toMatchObject({ id: 'U1', name: 'ana', real_name: 'Ana Case', tz: 'America/Chicago', team_id: fake.teamId });
    expect([-18000, -21600]).toContain(user['tz_offset']);
    expect(user.profile['email']).toBeUndefined(); // needs users:read.email
    expect((await callError(client.users.info({ user: 'U404' }))).error).toBe('user_not_found');
  });

  it('accepts 5 uses of a response_url and rejects the 6th and late ones', async () => {
    const url = fake.issueResponseUrl();
    const post = (body: unknown) =>
      fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    for (let i = 0; i < 5; i++) expect((await post({ text: `use ${i}` })).status).toBe(200);
    const sixth = await post({ text: 'sixth' });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toMatchObject({ ok: false, error: 'used_url' });
    expect(fake.responsesTo(url).filter((r) => r.ok)).toHaveLength(5);

    const bad = await fetch(fake.issueResponseUrl(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ blocks: [{ type: 'nope' }] }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: 'invalid_blocks' });

    const late = fake.issueResponseUrl();
    clock += 30 * 60_000 + 1;
    const res = await fetch(late, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"text":"hi"}' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'expired_url' });
    await expect(fake.waitForResponse((r) => r.error === 'expired_url', 100)).resolves.toMatchObject({ status: 404 });
  });

  it('honours failNext 429 with Retry-After', async () => {
    fake.addChannel({ id: 'C1' });
    fake.failNext('chat.postMessage', { retryAfterSeconds: 1 });
    const retrying = new WebClient(fake.botToken, {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 },
      logger: silent,
    });
    const started = Date.now();
    const res = await retrying.chat.postMessage({ channel: 'C1', text: 'hi' });
    expect(res.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.callsTo('chat.postMessage').map((c) => [c.httpStatus, c.ok])).toEqual([
      [429, false],
      [200, true],
    ]);

    fake.failNext('chat.postMessage', { retryAfterSeconds: 7 });
    const rejecting = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, rejectRateLimitedCalls: true, logger: silent });
    await expect(rejecting.chat.postMessage({ channel: 'C1', text: 'hi' })).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 7,
    });

    fake.failNext('users.info', { error: 'fatal_error' }, 2);
    expect((await callError(client.users.info({ user: 'U1' }))).error).toBe('fatal_error');
    expect((await callError(client.users.info({ user: 'U1' }))).error).toBe('fatal_error');
    expect((await callError(client.users.info({ user: 'U1' }))).error).toBe('user_not_found');
  });

  it('waitForCall resolves for calls made later and for calls already made', async () => {
    const pending = fake.waitForCall('auth.test');
    await client.auth.test();
    await expect(pending).resolves.toMatchObject({ method: 'auth.test', ok: true });
    await expect(fake.waitForCall('auth.test')).resolves.toMatchObject({ ok: true });
    await expect(fake.waitForCall('views.open', undefined, 50)).rejects.toThrow(/timed out/);
  });
});

describe('SlackRequestClient', () => {
  let fake: FakeSlack;
  beforeEach(async () => {
    fake = new FakeSlack({ scopes: ALL_SCOPES });
    await fake.start();
  });
  afterEach(async () => {
    await fake.stop();
  });

  it('signs requests so that Bolt verifySlackRequest accepts them', async () => {
    const seen: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.end('');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
      const slack = new SlackRequestClient({ url, signingSecret: SECRET, fake });
      await slack.command({ command: '/tickler', text: 'add', userId: 'U1' });
      await slack.event({ type: 'app_home_opened', user: 'U1', tab: 'home' });
      await slack.raw('a=1', {}, { timestamp: Math.floor(Date.now() / 1000) - 360 });

      const verify = (i: number) => {
        const s = seen[i]!;
        verifySlackRequest({
          signingSecret: SECRET,
          body: s.body,
          headers: {
            'x-slack-signature': String(s.headers['x-slack-signature']),
            'x-slack-request-timestamp': Number(s.headers['x-slack-request-timestamp']),
          },
        });
      };
      expect(() => verify(0)).not.toThrow();
      expect(() => verify(1)).not.toThrow();
      expect(() => verify(2)).toThrow(/stale/);
      expect(new URLSearchParams(seen[0]!.body).get('command')).toBe('/tickler');
      // independent computation of the signature
      const ts = Number(seen[1]!.headers['x-slack-request-timestamp']);
      expect(signSlackRequest(SECRET, seen[1]!.body, ts)['X-Slack-Signature']).toBe(seen[1]!.headers['x-slack-signature']);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('drives a real Bolt app: command → views.open → view_submission', async () => {
    fake.addUser({ id: 'U1', name: 'ana' });
    const app = new App({
      token: fake.botToken,
      receiver: new HTTPReceiver({ signingSecret: SECRET, logger: silent }),
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
      logger: silent,
    });
    const submitted: unknown[] = [];
    const actions: unknown[] = [];
    const events: unknown[] = [];
    const pickModal = modal({
      callback_id: 'pick',
      blocks: [
        {
          type: 'input',
          block_id: 'partner',
          label: { type: 'plain_text', text: 'Partner' },
          element: { type: 'external_select', action_id: 'partner', min_query_length: 1 },
        },
        { type: 'actions', block_id: 'acts', elements: [{ type: 'button', action_id: 'refresh', text: { type: 'plain_text', text: 'Refresh' }, value: 'r1' }] },
      ],
    });
    app.command('/tickler', async ({ ack, body, client }) => {
      await ack();
      await client.views.open({ trigger_id: body.trigger_id, view: (body.text === 'pick' ? pickModal : modal()) as never });
    });
    app.action('refresh', async ({ ack, body, action, client }) => {
      await ack();
      actions.push(action);
      const v = (body as { view: { id: string; hash: string } }).view;
      await client.views.update({ view_id: v.id, hash: v.hash, view: pickModal as never });
    });
    app.options('partner', async ({ ack }) => {
      await ack({
        options: [
          { text: { type: 'plain_text', text: 'Ana' }, value: 'p1' },
          { text: { type: 'plain_text', text: 'x'.repeat(76) }, value: 'p2' },
        ],
      });
    });
    app.event('app_home_opened', async ({ event, context }) => {
      events.push({ retryNum: context.retryNum, type: event.type });
    });
    app.view('add_case', async ({ ack, view }) => {
      submitted.push(view.state.values);
      const name = view.state.values['name']?.['value']?.value;
      if (!name) await ack({ response_action: 'errors', errors: { name: 'Required', bogus: 'x' } });
      else await ack();
    });
    const server = (await app.start(0)) as http.Server;
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
      const slack = new SlackRequestClient({ url, signingSecret: SECRET, fake });

      const cmd = await slack.command({ command: '/tickler', userId: 'U1', channelId: 'C1' });
      expect(cmd.status).toBe(200);
      expect(cmd.problems).toEqual([]);
      const open = await fake.waitForCall('views.open');
      expect(open).toMatchObject({ ok: true, args: { trigger_id: cmd.triggerId } });

      const empty = await slack.viewSubmission({ userId: 'U1', callbackId: 'add_case', values: {} });
      expect(empty.status).toBe(200);
      expect(empty.problems).toEqual(['errors.bogus: not the block_id of an input block in view ' + String(empty.view?.['id'])]);
      expect(submitted[0]).toEqual({
        name: { value: { type: 'plain_text_input', value: null } },
        due: { value: { type: 'datepicker', selected_date: null } },
      });

      const good = await slack.viewSubmission({
        userId: 'U1',
        callbackId: 'add_case',
        values: { name: { value: plainText('Case A') }, due: { value: datepicker('2026-11-20') } },
      });
      expect(good.problems).toEqual([]);
      expect(fake.topView('U1')).toBeUndefined(); // closed by the empty ack
      await expect(
        slack.viewSubmission({ userId: 'U1', viewId: String(good.view?.['id']), values: { name: { value: staticSelect('x') } } }),
      ).rejects.toThrow(/plain_text_input/);

      // block_actions in the modal → views.update with the payload's hash; options request; events
      fake.reset();
      const opened = await slack.command({ command: '/tickler', text: 'pick', userId: 'U1', channelId: 'C1' });
      expect(opened.problems).toEqual([]);
      const pickView = await fake.waitForCall('views.open', (c) => c.ok);
      const viewId = ((pickView.response['view'] as { id: string }).id);
      const act = await slack.blockAction({ userId: 'U1', actionId: 'refresh', view: { id: viewId } });
      expect(act.status).toBe(200);
      const upd = await fake.waitForCall('views.update');
      expect(upd).toMatchObject({ ok: true, args: { view_id: viewId } });
      expect(actions[0]).toMatchObject({ type: 'button', block_id: 'acts', value: 'r1' });

      const opts = await slack.blockSuggestion({ userId: 'U1', actionId: 'partner', value: 'an' });
      expect(opts.status).toBe(200);
      expect(opts.problems).toEqual(['options[1].text.text: 76 chars > 75']);

      const ev = await slack.event({ type: 'app_home_opened', user: 'U1', tab: 'home' }, { retryNum: 1 });
      expect(ev.status).toBe(200);
      await expect.poll(() => events).toEqual([{ retryNum: 1, type: 'app_home_opened' }]);

      expect((await slack.raw('payload=%7B%7D', {}, { sign: false })).status).toBe(401);
      expect((await slack.raw('payload=%7B%7D', {}, { timestamp: Math.floor(Date.now() / 1000) - 360 })).status).toBe(401);
    } finally {
      await app.stop();
    }
  });
});
