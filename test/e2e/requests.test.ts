// What reaches Tickler over HTTP, and who may use it: Slack's signature, bodies Slack would
// never send, the health check, who counts as staff, and staying up across a restart.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enrollParticipant, type NewParticipant } from '../../src/db/participants';
import { auditLog, participants, staff } from '../../src/db/schema';
import { actorFor, deactivateStaff, getStaff, upsertStaffProfile } from '../../src/db/staff';
import { SIGNING_SECRET, startTestApp, type TestApp } from '../harness/app';
import type { FakeUserInput } from '../harness/fake-slack';
import { signSlackRequest } from '../harness/slack-request';

const WORKER = 'U0WORKER01';
const NOT_STAFF = 'Tickler is only available to staff';
const TURNED_OFF = /access is turned off/;

const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));

function participant(fullName: string, caseManager: string): NewParticipant {
  return {
    fullName,
    preferredName: null,
    preferredLanguage: 'Spanish',
    interpreterNeeded: false,
    programs: [{ profileId: 'wioa-adult', enrollmentDate: '2026-11-02' }],
    misId: null,
    phone: null,
    email: null,
    preferredContactMethod: 'phone',
    primaryCaseManagerId: caseManager,
    otherStaffIds: [],
  };
}

describe('requests Tickler answers', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await startTestApp();
    app.addUser(WORKER, 'Dana Rivera');
    // Bolt checks its token once at start; what follows is only what requests cause.
    await app.fake.waitForCall('auth.test');
    app.fake.reset();
  });
  afterEach(() => app.close());

  /** A staff member already registered today (no profile refresh due). */
  function registerStaff(id: string, name: string, refreshedAt = app.clock.now()) {
    app.addUser(id, name);
    return upsertStaffProfile(app.db, { slackUserId: id, displayName: name, realName: name, tz: 'America/Chicago' }, refreshedAt);
  }

  /** The form body of a slash command exactly as Slack sends it. */
  function commandBody(userId: string, command: string, text = '') {
    return new URLSearchParams({
      token: 'fake-verification-token',
      team_id: app.fake.teamId,
      team_domain: app.fake.teamDomain,
      channel_id: 'C0GENERAL1',
      channel_name: 'general',
      user_id: userId,
      user_name: 'dana',
      command,
      text,
      api_app_id: app.fake.appId,
      is_enterprise_install: 'false',
      response_url: app.fake.issueResponseUrl({ channelId: 'C0GENERAL1', userId }),
      trigger_id: app.fake.issueTriggerId({ userId }),
    }).toString();
  }

  function expectNothingHappened() {
    expect(app.db.select().from(staff).all()).toEqual([]);
    expect(app.db.select().from(auditLog).all()).toEqual([]);
    expect(app.fake.calls).toEqual([]);
    expect(app.fake.responses).toEqual([]);
  }

  async function expectStillServing() {
    const health = await fetch(`${app.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    const res = await app.slack.command({ command: '/caseload', userId: WORKER });
    expect(res.status).toBe(200);
    expect(res.problems).toEqual([]);
    const reply = await app.fake.waitForResponse((r) => r.url === res.responseUrl);
    expect(reply.ok).toBe(true);
  }

  describe('only requests signed by Slack within the last five minutes are read', () => {
    it('a request without a signature is refused with 401', async () => {
      const res = await app.slack.raw(commandBody(WORKER, '/participant', 'new'), {}, { sign: false });
      expect(res.status).toBe(401);
      await settle();
      expectNothingHappened();
    });

    it('a correctly signed request whose timestamp is six minutes old is refused with 401', async () => {
      const res = await app.slack.raw(commandBody(WORKER, '/participant', 'new'), {}, { timestamp: Math.floor(Date.now() / 1000) - 360 });
      expect(res.status).toBe(401);
      await settle();
      expectNothingHappened();
    });

    it('a request signed with another secret, or altered after signing, is refused with 401', async () => {
      const body = commandBody(WORKER, '/participant', 'new');
      const otherSecret = await app.slack.raw(body, signSlackRequest('not-the-signing-secret', body, Math.floor(Date.now() / 1000)));
      expect(otherSecret.status).toBe(401);

      const signed = signSlackRequest(SIGNING_SECRET, body, Math.floor(Date.now() / 1000));
      const altered = await app.slack.raw(body.replace('text=new', 'text=maria'), signed, { sign: false });
      expect(altered.status).toBe(401);
      await settle();
      expectNothingHappened();
    });
  });

  describe('a signed body that is not shaped like anything Slack sends gets a 4xx, and the server keeps serving', () => {
    const form = (payload: unknown) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const team = () => ({ id: app.fake.teamId, domain: app.fake.teamDomain });

    it.each([
      ['a form body whose payload is not JSON', () => 'payload=%7Bnot%20json', 'application/x-www-form-urlencoded'],
      [
        'block_actions without a user',
        () => form({ type: 'block_actions', team: team(), actions: [{ type: 'button', action_id: 'caseload_page_next', block_id: 'caseload_pager', value: '20' }] }),
        'application/x-www-form-urlencoded',
      ],
      ['block_actions with an empty actions list', () => form({ type: 'block_actions', team: team(), user: { id: WORKER }, actions: [] }), 'application/x-www-form-urlencoded'],
      ['view_submission without a view', () => form({ type: 'view_submission', team: team(), user: { id: WORKER } }), 'application/x-www-form-urlencoded'],
      ['a slash command without user_id', () => new URLSearchParams([...new URLSearchParams(commandBody(WORKER, '/caseload'))].filter(([k]) => k !== 'user_id')).toString(), 'application/x-www-form-urlencoded'],
      ['a JSON body that is null', () => 'null', 'application/json'],
      ['a form payload that is null', () => 'payload=null', 'application/x-www-form-urlencoded'],
      ['a JSON body that is an array', () => '[{"type":"event_callback"}]', 'application/json'],
      ['a JSON body that is a string', () => '"event_callback"', 'application/json'],
      ['an event_callback whose event is not an object', () => JSON.stringify({ type: 'event_callback', team_id: app.fake.teamId, event: 'app_home_opened' }), 'application/json'],
      ['an empty JSON body', () => '', 'application/json'],
    ])('%s → 400', async (_name, body, contentType) => {
      const res = await app.slack.raw(body(), { 'Content-Type': contentType });
      expect(res.status).toBe(400);
      expect(res.elapsedMs).toBeLessThan(3000);
      await settle();
      expectNothingHappened();
      await expectStillServing();
    });

    it.each([
      ['block_actions without actions', (f: typeof form) => f({ type: 'block_actions', team: team(), user: { id: WORKER } }), 'application/x-www-form-urlencoded'],
      ['block_actions whose action is null', (f: typeof form) => f({ type: 'block_actions', team: team(), user: { id: WORKER }, actions: [null] }), 'application/x-www-form-urlencoded'],
      ['a view_submission whose view has no state', (f: typeof form) => f({ type: 'view_submission', team: team(), user: { id: WORKER }, view: { id: 'V1', callback_id: 'participant_enroll' } }), 'application/x-www-form-urlencoded'],
      ['a payload of a type Slack never sends', (f: typeof form) => f({ type: 'something_else', user: { id: WORKER } }), 'application/x-www-form-urlencoded'],
      ['an empty form body', () => '', 'application/x-www-form-urlencoded'],
    ])('%s → a fast 400, before any listener runs', async (_name, body, contentType) => {
      const res = await app.slack.raw(body(form), { 'Content-Type': contentType });
      expect(res.status).toBe(400);
      expect(res.elapsedMs).toBeLessThan(3000);
      await settle();
      expectNothingHappened();
      await expectStillServing();
    });
  });

  it('Slack’s own checks are still answered: URL verification echoes the challenge, an SSL check gets 200', async () => {
    const verification = await app.slack.urlVerification('challenge-3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P');
    expect(verification.status).toBe(200);
    expect(verification.json()).toEqual({ challenge: 'challenge-3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
    const sslCheck = await app.slack.raw('ssl_check=1&token=fake-verification-token', {}, { sign: false });
    expect(sslCheck.status).toBe(200);
    await settle();
    expectNothingHappened();
  });

  it('GET /healthz answers 200 with a small JSON body', async () => {
    const res = await fetch(`${app.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const text = await res.text();
    expect(text.length).toBeLessThan(200);
    expect(JSON.parse(text)).toMatchObject({ ok: true });
    expect(app.fake.calls).toEqual([]);
  });

  describe('staff are the full members of this workspace, registered on first use', () => {
    const notStaff: Array<[string, Partial<FakeUserInput>]> = [
      ['a guest (multi-channel)', { is_restricted: true }],
      ['a guest (single-channel)', { is_restricted: true, is_ultra_restricted: true }],
      ['a Slack Connect user marked as a stranger', { is_stranger: true }],
      ['a Slack Connect user from another organization', { team_id: 'T0OTHERORG' }],
      ['a bot user', { is_bot: true }],
      ['a deleted user', { deleted: true }],
      ['someone Slack will not show the app', { not_visible: true }],
    ];

    it.each(notStaff)('%s is told Tickler is for staff, and is not written to the staff table', async (_who, extra) => {
      const who = 'U0NOTSTAFF';
      app.addUser(who, 'Pat Outsider', extra);
      const res = await app.slack.command({ command: '/participant', text: 'maria', userId: who });
      expect(res.status).toBe(200);
      expect(res.problems).toEqual([]);
      expect(res.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining(NOT_STAFF) });
      expect(getStaff(app.db, who)).toBeUndefined();

      const home = await app.slack.event({ type: 'app_home_opened', user: who, channel: app.fake.dmChannelFor(who), tab: 'home' });
      expect(home.status).toBe(200);
      await settle();
      expect(app.fake.callsTo('views.publish')).toEqual([]);
      expect(app.fake.responses).toEqual([]);
      expect(app.db.select().from(staff).all()).toEqual([]);
    });

    it('a full member is registered on their first request with the name and time zone Slack reports', async () => {
      app.addUser(WORKER, 'Dana Rivera', { tz: 'America/Denver' });
      const res = await app.slack.command({ command: '/participant', text: 'help', userId: WORKER });
      expect(res.status).toBe(200);
      expect(res.problems).toEqual([]);
      const reply = await app.fake.waitForResponse((r) => r.url === res.responseUrl);
      expect(reply.ok).toBe(true);
      expect(JSON.stringify(reply.body)).not.toContain(NOT_STAFF);
      const now = app.clock.now().toISOString();
      expect(getStaff(app.db, WORKER)).toMatchObject({
        displayName: 'Dana Rivera',
        realName: 'Dana Rivera',
        tz: 'America/Denver',
        role: 'case_manager',
        active: true,
        createdAt: now,
        profileRefreshedAt: now,
      });
      expect(app.db.select().from(staff).all()).toHaveLength(1);
    });

    it('a deactivated staff member is told their access is turned off and sees nothing', async () => {
      const row = registerStaff(WORKER, 'Dana Rivera');
      enrollParticipant(app.db, actorFor(row, new Set()), participant('María José González', WORKER), app.clock.now());
      deactivateStaff(app.db, WORKER, app.clock.now());

      const search = await app.slack.command({ command: '/participant', text: 'González', userId: WORKER });
      expect(search.problems).toEqual([]);
      expect(search.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(TURNED_OFF) });
      expect(search.body).not.toContain('González');

      const caseload = await app.slack.command({ command: '/caseload', userId: WORKER });
      expect(caseload.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(TURNED_OFF) });

      const picker = await app.slack.blockSuggestion({ userId: WORKER, actionId: 'participant_search', blockId: 'home_picker', value: '' });
      expect(picker.problems).toEqual([]);
      expect(picker.json()).toEqual({ options: [] });

      const home = await app.slack.event({ type: 'app_home_opened', user: WORKER, channel: app.fake.dmChannelFor(WORKER), tab: 'home' });
      expect(home.status).toBe(200);
      await settle();
      expect(app.fake.responses).toEqual([]);
      expect(app.fake.calls).toEqual([]);
      expect(getStaff(app.db, WORKER)?.active).toBe(false);
      expect(app.db.select().from(auditLog).all().map((a) => a.action)).toEqual(['enroll']);
    });
  });

  describe('a staff member’s name and time zone are refreshed from Slack once a day', () => {
    const DAY = 24 * 60 * 60 * 1000;

    it('a profile older than a day is refreshed after the request is answered', async () => {
      registerStaff(WORKER, 'Dana Rivera', new Date(app.clock.now().getTime() - DAY - 60 * 60 * 1000));
      app.addUser(WORKER, 'Dana Rivera-Okafor', { tz: 'America/Los_Angeles' });

      const res = await app.slack.command({ command: '/participant', text: 'help', userId: WORKER });
      expect(res.status).toBe(200);
      expect(res.problems).toEqual([]);
      await vi.waitFor(() =>
        expect(getStaff(app.db, WORKER)).toMatchObject({
          displayName: 'Dana Rivera-Okafor',
          realName: 'Dana Rivera-Okafor',
          tz: 'America/Los_Angeles',
          profileRefreshedAt: app.clock.now().toISOString(),
          active: true,
        }),
      );
    });

    it('a profile refreshed less than a day ago is not looked up again', async () => {
      registerStaff(WORKER, 'Dana Rivera', new Date(app.clock.now().getTime() - DAY + 60 * 60 * 1000));
      app.addUser(WORKER, 'Dana Rivera-Okafor', { tz: 'America/Los_Angeles' });
      const res = await app.slack.command({ command: '/participant', text: 'help', userId: WORKER });
      await app.fake.waitForResponse((r) => r.url === res.responseUrl);
      await settle();
      expect(app.fake.callsTo('users.info')).toEqual([]);
      expect(getStaff(app.db, WORKER)).toMatchObject({ displayName: 'Dana Rivera', tz: 'America/Chicago' });
    });

    it('a member who has become a guest is deactivated by the refresh, and is then told access is off', async () => {
      registerStaff(WORKER, 'Dana Rivera', new Date(app.clock.now().getTime() - 2 * DAY));
      app.addUser(WORKER, 'Dana Rivera', { is_restricted: true });

      await app.slack.command({ command: '/participant', text: 'help', userId: WORKER });
      await vi.waitFor(() => expect(getStaff(app.db, WORKER)).toMatchObject({ active: false, deactivatedAt: app.clock.now().toISOString() }));

      const next = await app.slack.command({ command: '/caseload', userId: WORKER });
      expect(next.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(TURNED_OFF) });
    });
  });

  it.each([
    ['/irt', /No participant you can see matches “anything”/],
  ])('%s for someone who matches no one answers privately, without a Slack call', async (command, line) => {
    registerStaff(WORKER, 'Dana Rivera');
    const res = await app.slack.command({ command, text: 'anything', userId: WORKER });
    expect(res.status).toBe(200);
    expect(res.problems).toEqual([]);
    expect(res.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(line) });
    await settle();
    expect(app.fake.responses).toEqual([]);
    expect(app.fake.calls).toEqual([]);
  });

  it('what was enrolled is still there after a restart on the same database file', async () => {
    const row = registerStaff(WORKER, 'Dana Rivera');
    enrollParticipant(app.db, actorFor(row, new Set()), participant('María José González', WORKER), app.clock.now());

    await app.restart();

    const res = await app.slack.command({ command: '/participant', text: 'gonzalez', userId: WORKER });
    expect(res.status).toBe(200);
    expect(res.problems).toEqual([]);
    const reply = await app.fake.waitForResponse((r) => r.url === res.responseUrl);
    expect(reply.ok).toBe(true);
    expect(JSON.stringify(reply.body.blocks)).toContain('María José González');
    expect(app.db.select().from(participants).all()).toHaveLength(1);
    expect(app.fake.callsTo('users.info')).toEqual([]); // the staff row survived too
  });

  it('Events API retries of app_home_opened are answered 2xx', async () => {
    registerStaff(WORKER, 'Dana Rivera');
    const event = { type: 'app_home_opened', user: WORKER, channel: app.fake.dmChannelFor(WORKER), tab: 'home' };
    for (const [retryNum, retryReason] of [[1, 'http_timeout'], [2, 'http_error']] as const) {
      const res = await app.slack.event(event, { retryNum, retryReason, eventId: 'Ev0RETRIED1' });
      expect(res.status).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(300);
      expect(res.problems).toEqual([]);
    }
  });
});
