// The daily digest DM against the fake Slack Web API: due at 08:00 in each worker's own zone,
// exactly once across ticks, restarts and two processes on one database file, catch-up the
// same local day only, 429s honoured and paced, failures retried, manual sends separate.
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as engine from '../../src/due/engine';
import { closeDatabase, openDatabase, type Db } from '../../src/db/connection';
import { DEFAULT_DIGEST, saveDigestPreferences } from '../../src/db/digest-settings';
import { saveNote } from '../../src/db/notes';
import { enrollParticipant, type NewParticipant } from '../../src/db/participants';
import { digestRuns } from '../../src/db/schema';
import { actorFor, setSupervisor, upsertStaffProfile } from '../../src/db/staff';
import type { Actor } from '../../src/domain/access';
import { createHolidayCalendar } from '../../src/domain/holidays';
import { runDigestTick, sendDigestNow, startDigestScheduler, type DigestDeps } from '../../src/jobs/digest';
import { getRun } from '../../src/jobs/digest-runs';
import { createSlackClient, PacedQueue } from '../../src/jobs/paced-queue';
import { startTestApp, type TestApp } from '../harness/app';
import { validateMessage } from '../harness/blockkit';
import type { RecordedCall } from '../harness/fake-slack';

const WORKER = 'U0WORKER01';
const HONOLULU = 'U0WORKER02';
const THIRD = 'U0WORKER03';
const LEAD = 'U0LEAD0001';
const NAME = 'María González';
const holidays = createHolidayCalendar({ country: 'US' });
const silent = pino({ level: 'silent' });

type Block = { type: string; block_id?: string; text?: { text: string }; elements?: Array<Record<string, any>> };

function participant(fullName: string, caseManager: string, enrollmentDate = '2026-09-01'): NewParticipant {
  return {
    fullName,
    preferredName: null,
    preferredLanguage: 'Spanish',
    interpreterNeeded: false,
    programs: [{ profileId: 'wioa-adult', enrollmentDate }],
    misId: null,
    phone: null,
    email: null,
    preferredContactMethod: 'phone',
    primaryCaseManagerId: caseManager,
    otherStaffIds: [],
  };
}

describe('the daily digest DM', () => {
  let app: TestApp;
  let extraDbs: Db[];
  const actors = new Map<string, Actor>();

  const register = (id: string, name: string, tz = 'America/Chicago') => {
    app.addUser(id, name, { tz });
    actors.set(id, actorFor(upsertStaffProfile(app.db, { slackUserId: id, displayName: name, realName: name, tz }, app.clock.now()), new Set()));
  };

  /** A participant whose last (phone) contact was `daysAgo` days before 2026-11-23. */
  function contactedParticipant(fullName: string, worker: string, lastContact = '2026-10-23T16:00:00.000Z', nextAppointment?: { at: string; date: string }): number {
    const actor = actors.get(worker)!;
    const id = enrollParticipant(app.db, actor, participant(fullName, worker), new Date('2026-09-01T15:00:00Z'));
    const result = saveNote(
      app.db,
      actor,
      {
        participantId: id,
        source: 'modal',
        contactKind: 'participant',
        method: 'phone',
        interactionAt: new Date(lastContact),
        interactionTz: 'America/Chicago',
        timeKnown: true,
        location: 'Remote',
        subject: 'Check-in',
        body: 'Called to check on the job search.',
        checkWarnings: [],
        checkChoice: 'none',
        ...(nextAppointment ? { nextAppointmentAt: new Date(nextAppointment.at), nextAppointmentDate: nextAppointment.date } : {}),
      },
      app.config.profiles,
      new Date(lastContact),
    );
    expect(result.kind).toBe('saved');
    return id;
  }

  function deps(owner: string, db: Db = app.db, queue = new PacedQueue({ minIntervalMs: 5 })): DigestDeps {
    return {
      db,
      client: createSlackClient(app.fake.botToken, { slackApiUrl: app.fake.apiUrl }),
      profiles: app.config.profiles,
      clock: app.clock,
      holidays,
      owner,
      logger: silent,
      agencyTz: 'America/Chicago',
      queue,
    };
  }

  /** A second "process": its own connection to the same database file. */
  function secondConnection(): Db {
    const db = openDatabase(app.config.databasePath);
    extraDbs.push(db);
    return db;
  }

  const posts = (): RecordedCall[] => app.fake.callsTo('chat.postMessage');
  const delivered = (to?: string): RecordedCall[] =>
    posts().filter((c) => c.ok && (!to || c.args['channel'] === app.fake.getChannel(String(c.args['channel']))?.id && app.fake.getChannel(String(c.args['channel']))?.user === to));
  const blocksOf = (call: RecordedCall) => call.args['blocks'] as Block[];

  beforeEach(async () => {
    app = await startTestApp({ now: '2026-11-23T12:00:00.000Z' });
    // Bolt verifies its token at start-up; let that finish so a fast test does not stop the fake under it.
    await app.fake.waitForCall('auth.test').catch(() => undefined);
    extraDbs = [];
    actors.clear();
    register(WORKER, 'Dana Rivera');
  });
  afterEach(async () => {
    for (const db of extraDbs) closeDatabase(db);
    await app.close();
  });

  it('one zone’s batch failing costs nobody their digest: each is built alone', async () => {
    contactedParticipant(NAME, WORKER);
    register(THIRD, 'Sam Okafor');
    contactedParticipant('Ahmed Nur', THIRD);
    app.clock.set('2026-11-23T14:00:00.000Z');
    const batch = vi.spyOn(engine, 'caseloadsDue').mockImplementationOnce(() => {
      throw new TypeError('a malformed row');
    });
    const report = await runDigestTick(deps('bot-1'));
    expect(batch).toHaveBeenCalledTimes(1);
    expect(report.sent.sort()).toEqual([THIRD, WORKER].sort());
    expect(JSON.stringify(delivered(WORKER)[0]!.args['blocks'])).toContain('María G');
    batch.mockRestore();
  });

  it('a digest sent more than a minute after its tick began is built anew, with what happened meanwhile', async () => {
    const id = contactedParticipant(NAME, WORKER);
    const start = new Date('2026-11-23T14:00:00.000Z');
    let calls = 0;
    // The tick reads the clock once to start (and build the batch), then once per claim: the
    // worker's claim comes three minutes later, after a contact was logged in between.
    const clock = {
      now: () => {
        calls += 1;
        if (calls === 2) {
          saveNote(app.db, actors.get(WORKER)!, { participantId: id, source: 'modal', contactKind: 'participant', method: 'phone', interactionAt: new Date('2026-11-23T14:02:00.000Z'), interactionTz: 'America/Chicago', timeKnown: true, location: 'Remote', subject: 'Call', body: 'Reached her by phone.', checkWarnings: [], checkChoice: 'none' }, app.config.profiles, new Date('2026-11-23T14:02:00.000Z'));
        }
        return calls === 1 ? start : new Date(start.getTime() + 3 * 60_000);
      },
    };
    const report = await runDigestTick({ ...deps('bot-1'), clock });
    // Built from the batch, it would have said "contact overdue"; built anew, nothing is due.
    expect(report).toMatchObject({ sent: [], empty: [WORKER] });
    expect(delivered(WORKER)).toHaveLength(0);
  });

  it('shows a participant last contacted 31 days ago at 08:00 in the worker’s zone, not at 07:59', async () => {
    const id = contactedParticipant(NAME, WORKER);
    const bot = deps('bot-1');

    app.clock.set('2026-11-23T13:59:00.000Z'); // 07:59 CST
    expect((await runDigestTick(bot)).sent).toEqual([]);
    expect(posts()).toHaveLength(0);

    app.clock.set('2026-11-23T14:00:00.000Z'); // 08:00 CST
    const report = await runDigestTick(bot);
    expect(report.sent).toEqual([WORKER]);
    const [dm] = delivered(WORKER);
    expect(dm).toBeDefined();
    const open = app.fake.lastCall('conversations.open')!;
    expect(open.args['users']).toBe(WORKER);
    expect(dm!.args['channel']).toBe((open.response['channel'] as { id: string }).id);

    const blocks = blocksOf(dm!);
    expect(validateMessage({ text: dm!.args['text'], blocks })).toEqual([]);
    expect(blocks.length).toBeLessThanOrEqual(50);
    const shown = JSON.stringify(blocks);
    expect(shown).toContain(NAME);
    expect(shown).toContain('Contact overdue since Nov 22, 2026');
    expect(shown).toContain('Monday, November 23');
    const actions = blocks.find((b) => b.block_id === `digest_a_${id}`)!;
    expect(actions.elements!.map((e) => [e['action_id'], e['value']])).toEqual([
      ['casenote_start', String(id)],
      ['participant_open', String(id)],
    ]);
    // The notification text carries counts, never a name.
    expect(String(dm!.args['text'])).toMatch(/1 overdue/);
    expect(String(dm!.args['text'])).not.toContain('González');
    expect(dm!.args['metadata']).toMatchObject({ event_type: 'tickler_digest' });

    const run = getRun(app.db, WORKER, '2026-11-23', 'scheduled')!;
    expect(run).toMatchObject({ state: 'sent', attempts: 1, slackChannelId: dm!.args['channel'], slackMessageTs: dm!.response['ts'] });
  });

  it('sends one DM for two ticks, two concurrent "processes" and a restart', async () => {
    contactedParticipant(NAME, WORKER);
    register(THIRD, 'Sam Okafor');
    contactedParticipant('Ahmed Nur', THIRD);
    app.clock.set('2026-11-23T14:00:00.000Z');

    // Two processes on one file, ticking at the same instant.
    const [a, b] = await Promise.all([runDigestTick(deps('process-a')), runDigestTick(deps('process-b', secondConnection()))]);
    expect([...a.sent, ...b.sent].sort()).toEqual([WORKER, THIRD]);
    expect(delivered(WORKER)).toHaveLength(1);
    expect(delivered(THIRD)).toHaveLength(1);

    // A second tick a minute later.
    app.clock.set('2026-11-23T14:01:00.000Z');
    expect((await runDigestTick(deps('process-a'))).due).toBe(0);

    // A restart: a new process (its own connection, a new owner) the same day.
    app.clock.set('2026-11-23T17:00:00.000Z');
    const after = await runDigestTick(deps('process-c', secondConnection()));
    expect(after).toMatchObject({ due: 0, sent: [] });
    expect(posts()).toHaveLength(2);
    expect(app.db.select().from(digestRuns).all()).toHaveLength(2);
  });

  it('catches up after downtime the same local day, never the next morning', async () => {
    contactedParticipant(NAME, WORKER);
    // The bot was down at 08:00; its first tick is at 10:30 local.
    app.clock.set('2026-11-23T16:30:00.000Z');
    expect((await runDigestTick(deps('bot'))).sent).toEqual([WORKER]);
    expect(delivered(WORKER)).toHaveLength(1);

    // Down again all evening; back at 07:00 the next day: yesterday's is done, today's not yet due.
    app.clock.set('2026-11-24T13:00:00.000Z');
    expect(await runDigestTick(deps('bot-2'))).toMatchObject({ due: 0, sent: [] });
    expect(delivered(WORKER)).toHaveLength(1);
    expect(getRun(app.db, WORKER, '2026-11-24', 'scheduled')).toBeUndefined();

    app.clock.set('2026-11-24T14:00:00.000Z');
    expect((await runDigestTick(deps('bot-2'))).sent).toEqual([WORKER]);
    expect(JSON.stringify(blocksOf(delivered(WORKER)[1]!))).toContain('Tuesday, November 24');
  });

  it('missed a day entirely: the next day never sends the missed one', async () => {
    contactedParticipant(NAME, WORKER);
    app.clock.set('2026-11-24T15:00:00.000Z'); // Tuesday 09:00; nothing ran on Monday
    await runDigestTick(deps('bot'));
    expect(app.db.select({ localDate: digestRuns.localDate }).from(digestRuns).all()).toEqual([{ localDate: '2026-11-24' }]);
  });

  it('sends at each person’s own 08:00 (Honolulu is four hours later than Chicago in November)', async () => {
    contactedParticipant(NAME, WORKER);
    register(HONOLULU, 'Kalani Akana', 'Pacific/Honolulu');
    contactedParticipant('Leilani Kahale', HONOLULU);

    app.clock.set('2026-11-23T14:00:00.000Z');
    expect((await runDigestTick(deps('bot'))).sent).toEqual([WORKER]);
    app.clock.set('2026-11-23T17:59:00.000Z');
    expect((await runDigestTick(deps('bot'))).sent).toEqual([]);
    app.clock.set('2026-11-23T18:00:00.000Z');
    expect((await runDigestTick(deps('bot'))).sent).toEqual([HONOLULU]);
    expect(JSON.stringify(blocksOf(delivered(HONOLULU)[0]!))).toContain('Leilani Kahale');
    expect(JSON.stringify(blocksOf(delivered(HONOLULU)[0]!))).not.toContain(NAME);
  });

  it('skips weekends and Thanksgiving', async () => {
    contactedParticipant(NAME, WORKER);
    for (const instant of ['2026-11-26T15:00:00.000Z', '2026-11-28T15:00:00.000Z', '2026-11-29T15:00:00.000Z']) {
      app.clock.set(instant);
      expect((await runDigestTick(deps('bot'))).due).toBe(0);
    }
    expect(posts()).toHaveLength(0);
    app.clock.set('2026-11-27T14:00:00.000Z');
    expect((await runDigestTick(deps('bot'))).sent).toEqual([WORKER]);
  });

  it('delivers every DM through 429s on the first chat.postMessage calls, after Retry-After, paced', async () => {
    contactedParticipant(NAME, WORKER);
    register(THIRD, 'Sam Okafor');
    contactedParticipant('Ahmed Nur', THIRD);
    register('U0WORKER04', 'Lee Park');
    contactedParticipant('Olga Petrova', 'U0WORKER04');
    app.clock.set('2026-11-23T14:00:00.000Z');
    app.fake.failNext('chat.postMessage', { retryAfterSeconds: 1 }, 2);

    const report = await runDigestTick(deps('bot', app.db, new PacedQueue({ minIntervalMs: 100 })));
    expect(report.failed).toEqual([]);
    expect(report.sent.sort()).toEqual([WORKER, THIRD, 'U0WORKER04'].sort());
    for (const id of [WORKER, THIRD, 'U0WORKER04']) expect(delivered(id)).toHaveLength(1);

    const calls = app.fake.calls.filter((c) => c.method === 'conversations.open' || c.method === 'chat.postMessage');
    const limited = calls.filter((c) => c.httpStatus === 429);
    expect(limited).toHaveLength(2);
    // After each 429, the whole queue waits for Retry-After, then retries the same call.
    for (const hit of limited) {
      const next = calls[calls.indexOf(hit) + 1]!;
      expect(next.method).toBe('chat.postMessage');
      expect(next.args['channel']).toBe(hit.args['channel']);
      expect(next.at - hit.at).toBeGreaterThanOrEqual(990);
    }
    // Paced: never two calls closer than the queue's interval (100 ms; the fake stamps calls on
    // arrival, so allow for request-handling jitter).
    for (let i = 1; i < calls.length; i++) expect(calls[i]!.at - calls[i - 1]!.at).toBeGreaterThanOrEqual(80);
    expect((calls[calls.length - 1]!.at - calls[0]!.at) / (calls.length - 1)).toBeGreaterThanOrEqual(100);
  });

  it('gives up after a bounded number of 429 retries (the CLI exits in minutes, not half an hour)', async () => {
    contactedParticipant(NAME, WORKER);
    app.fake.failNext('chat.postMessage', { retryAfterSeconds: 1 }, 5);
    const started = performance.now();
    const results = await sendDigestNow(deps('cli', app.db, new PacedQueue({ minIntervalMs: 5, maxRetries: 1 })), { dryRun: false });
    expect(results).toEqual([expect.objectContaining({ staffId: WORKER, status: 'failed', error: 'ratelimited' })]);
    expect(posts().map((c) => c.httpStatus)).toEqual([429, 429]);
    expect(performance.now() - started).toBeLessThan(5_000);

    // A Retry-After beyond the budget fails at once, and the scheduler skips ticks while paused.
    app.fake.reset();
    register(THIRD, 'Sam Okafor');
    contactedParticipant('Ahmed Nur', THIRD);
    app.fake.failNext('chat.postMessage', { retryAfterSeconds: 30 });
    const queue = new PacedQueue({ minIntervalMs: 5, maxRetryAfterMs: 1_000 });
    app.clock.set('2026-11-23T14:00:00.000Z');
    const tick = await runDigestTick(deps('bot', app.db, queue));
    expect(tick).toMatchObject({ failed: [{ staffId: WORKER, error: 'ratelimited' }], skipped: 'rate_limited', sent: [] });
    expect(posts()).toHaveLength(1);
    expect(getRun(app.db, WORKER, '2026-11-23', 'scheduled')).toMatchObject({ state: 'failed', lastError: 'ratelimited' });
    expect(getRun(app.db, THIRD, '2026-11-23', 'scheduled')).toBeUndefined(); // left for a later tick, no attempt used
    app.clock.set('2026-11-23T14:05:00.000Z');
    expect(await runDigestTick(deps('bot', app.db, queue))).toMatchObject({ skipped: 'rate_limited', sent: [] });
    expect(posts()).toHaveLength(1);
  });

  it('marks a failed send failed and retries it on a later tick', async () => {
    contactedParticipant(NAME, WORKER);
    app.clock.set('2026-11-23T14:00:00.000Z');
    app.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    const first = await runDigestTick(deps('bot'));
    expect(first.failed).toEqual([{ staffId: WORKER, error: 'channel_not_found' }]);
    expect(delivered(WORKER)).toHaveLength(0);
    expect(getRun(app.db, WORKER, '2026-11-23', 'scheduled')).toMatchObject({ state: 'failed', lastError: 'channel_not_found', attempts: 1 });

    app.clock.set('2026-11-23T14:00:30.000Z'); // within the back-off: not yet
    expect((await runDigestTick(deps('bot'))).due).toBe(0);
    app.clock.set('2026-11-23T14:01:01.000Z');
    expect((await runDigestTick(deps('other-process', secondConnection()))).sent).toEqual([WORKER]);
    expect(delivered(WORKER)).toHaveLength(1);
    expect(getRun(app.db, WORKER, '2026-11-23', 'scheduled')).toMatchObject({ state: 'sent', attempts: 2, lastError: null });
  });

  it('lists today’s appointments', async () => {
    const id = contactedParticipant('Ahmed Nur', WORKER, '2026-11-20T16:00:00.000Z', { at: '2026-11-23T16:00:00.000Z', date: '2026-11-23' });
    app.clock.set('2026-11-23T14:00:00.000Z');
    expect((await runDigestTick(deps('bot'))).sent).toEqual([WORKER]);
    const dm = delivered(WORKER)[0]!;
    const blocks = blocksOf(dm);
    expect(blocks.find((b) => b.block_id === 'digest_appointments')?.text?.text).toBe('*Today’s appointments*\n• 10:00 — Ahmed Nur');
    expect(blocks.some((b) => b.block_id === `digest_a_${id}`)).toBe(true);
    expect(String(dm.args['text'])).toMatch(/0 overdue, 0 due today, 1 appointment/);
  });

  it('opens a person’s DM once per process, and again after the channel stops working', async () => {
    contactedParticipant(NAME, WORKER);
    const bot = { ...deps('bot'), dmChannels: new Map<string, string>() };
    app.clock.set('2026-11-23T14:00:00.000Z');
    await runDigestTick(bot);
    app.clock.set('2026-11-24T14:00:00.000Z');
    await runDigestTick(bot);
    expect(delivered(WORKER)).toHaveLength(2);
    expect(app.fake.callsTo('conversations.open')).toHaveLength(1);

    app.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    app.clock.set('2026-11-25T14:00:00.000Z');
    expect((await runDigestTick(bot)).failed).toEqual([{ staffId: WORKER, error: 'channel_not_found' }]);
    app.clock.set('2026-11-25T14:05:00.000Z');
    expect((await runDigestTick(bot)).sent).toEqual([WORKER]);
    expect(app.fake.callsTo('conversations.open')).toHaveLength(2);
  });

  it('digest --now --dry-run sends and records nothing and returns the rendered digest', async () => {
    contactedParticipant(NAME, WORKER);
    app.clock.set('2026-11-28T20:00:00.000Z'); // a Saturday: no matter
    const before = app.fake.calls.length;
    const results = await sendDigestNow(deps('cli'), { dryRun: true });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ staffId: WORKER, status: 'dry-run', localDate: '2026-11-28' });
    expect(results[0]!.text).toContain(NAME);
    expect(results[0]!.text).toContain('Contact overdue');
    expect(app.fake.calls.length).toBe(before);
    expect(app.db.select().from(digestRuns).all()).toEqual([]);
  });

  it('a manual send does not use up the scheduled digest, and can be repeated', async () => {
    contactedParticipant(NAME, WORKER);
    register(THIRD, 'Sam Okafor'); // no caseload: not sent to by default
    app.clock.set('2026-11-23T13:00:00.000Z'); // 07:00
    const manual = await sendDigestNow(deps('cli'), { dryRun: false });
    expect(manual).toEqual([expect.objectContaining({ staffId: WORKER, status: 'sent', localDate: '2026-11-23' })]);
    expect(delivered(WORKER)).toHaveLength(1);
    expect(getRun(app.db, WORKER, '2026-11-23', 'manual')?.state).toBe('sent');

    app.clock.set('2026-11-23T14:00:00.000Z');
    expect((await runDigestTick(deps('bot'))).sent).toEqual([WORKER]);
    expect(delivered(WORKER)).toHaveLength(2);

    // --now again the same day sends again (an explicit request); the scheduled run stays sent.
    expect((await sendDigestNow(deps('cli-2'), { dryRun: false, userId: WORKER }))[0]).toMatchObject({ status: 'sent' });
    expect(delivered(WORKER)).toHaveLength(3);
    app.clock.set('2026-11-23T15:00:00.000Z');
    expect((await runDigestTick(deps('bot'))).due).toBe(0);

    // Named: someone with nothing due still gets one; unknown people fail (the CLI exits non-zero).
    expect((await sendDigestNow(deps('cli'), { dryRun: false, userId: THIRD }))[0]).toMatchObject({ status: 'sent' });
    expect(JSON.stringify(blocksOf(delivered(THIRD)[0]!))).toContain('Nothing is due today');
    expect(await sendDigestNow(deps('cli'), { dryRun: false, userId: 'U0NOBODY01' })).toEqual([{ staffId: 'U0NOBODY01', localDate: null, status: 'failed', error: 'not_registered' }]);
  });

  it('reports a failed manual DM so the CLI can exit non-zero', async () => {
    contactedParticipant(NAME, WORKER);
    app.fake.failNext('conversations.open', { error: 'user_not_found' });
    const results = await sendDigestNow(deps('cli'), { dryRun: false });
    expect(results).toEqual([expect.objectContaining({ staffId: WORKER, status: 'failed', error: 'user_not_found' })]);
    expect(getRun(app.db, WORKER, '2026-11-23', 'manual')).toMatchObject({ state: 'failed', lastError: 'user_not_found' });
    expect(getRun(app.db, WORKER, '2026-11-23', 'scheduled')).toBeUndefined();
  });

  it('sends nothing when nothing is due, unless the person asked for empty digests', async () => {
    contactedParticipant(NAME, WORKER, '2026-11-20T16:00:00.000Z'); // contacted last week
    app.clock.set('2026-11-23T14:00:00.000Z');
    expect(await runDigestTick(deps('bot'))).toMatchObject({ sent: [], empty: [WORKER] });
    expect(posts()).toHaveLength(0);
    expect(getRun(app.db, WORKER, '2026-11-23', 'scheduled')).toMatchObject({ state: 'sent', slackMessageTs: null });

    saveDigestPreferences(app.db, WORKER, { ...DEFAULT_DIGEST, sendWhenEmpty: true }, WORKER, app.clock.now());
    app.clock.set('2026-11-24T14:00:00.000Z');
    expect((await runDigestTick(deps('bot'))).sent).toEqual([WORKER]);
    const blocks = blocksOf(delivered(WORKER)[0]!);
    expect(JSON.stringify(blocks)).toContain('Nothing is due today');
    expect(validateMessage({ text: delivered(WORKER)[0]!.args['text'], blocks })).toEqual([]);
  });

  it('honours a person’s own time and switching the digest off', async () => {
    contactedParticipant(NAME, WORKER);
    saveDigestPreferences(app.db, WORKER, { ...DEFAULT_DIGEST, localTime: '09:30' }, WORKER, app.clock.now());
    app.clock.set('2026-11-23T15:29:00.000Z');
    expect((await runDigestTick(deps('bot'))).due).toBe(0);
    app.clock.set('2026-11-23T15:30:00.000Z');
    expect((await runDigestTick(deps('bot'))).sent).toEqual([WORKER]);
    saveDigestPreferences(app.db, WORKER, { ...DEFAULT_DIGEST, enabled: false }, WORKER, app.clock.now());
    app.clock.set('2026-11-24T15:30:00.000Z');
    expect((await runDigestTick(deps('bot'))).due).toBe(0);
  });

  it('stays within 50 blocks for a large overdue caseload and points to the App Home for the rest', async () => {
    const actor = actors.get(WORKER)!;
    for (let n = 1; n <= 60; n++) enrollParticipant(app.db, actor, participant(`Participant ${String(n).padStart(3, '0')}`, WORKER, '2026-09-01'), new Date('2026-09-01T15:00:00Z'));
    app.clock.set('2026-11-23T14:00:00.000Z');
    expect((await runDigestTick(deps('bot'))).sent).toEqual([WORKER]);
    const dm = delivered(WORKER)[0]!;
    const blocks = blocksOf(dm);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(validateMessage({ text: dm.args['text'], blocks })).toEqual([]);
    const more = blocks.find((b) => b.block_id === 'digest_more')!;
    expect(JSON.stringify(more)).toMatch(/more participants with items due.*Home/);
    expect(String(dm.args['text'])).toMatch(/60 overdue/);
  });

  it('gives a supervisor who opted in per-worker overdue counts, without participant names', async () => {
    contactedParticipant(NAME, WORKER);
    register(LEAD, 'Pat Lead');
    setSupervisor(app.db, WORKER, LEAD);
    app.clock.set('2026-11-23T14:00:00.000Z');
    expect((await runDigestTick(deps('bot'))).sent).toEqual([WORKER]); // lead: no caseload, summary off

    saveDigestPreferences(app.db, LEAD, { ...DEFAULT_DIGEST, teamSummary: true }, LEAD, app.clock.now());
    app.clock.set('2026-11-23T14:01:00.000Z');
    expect((await runDigestTick(deps('bot'))).sent).toEqual([LEAD]);
    const blocks = blocksOf(delivered(LEAD)[0]!);
    const team = blocks.find((b) => b.block_id === 'digest_team')!;
    expect(team.text!.text).toContain(`<@${WORKER}> — 1 overdue (1 participant)`);
    expect(JSON.stringify(blocks)).not.toContain(NAME);
  });

  it('the scheduler ticks once at start-up (catch-up) and stops cleanly', async () => {
    contactedParticipant(NAME, WORKER);
    app.clock.set('2026-11-23T15:00:00.000Z');
    const stop = startDigestScheduler(deps('bot'));
    await app.fake.waitForCall('chat.postMessage', (c) => c.ok);
    await stop();
    expect(delivered(WORKER)).toHaveLength(1);
    expect(getRun(app.db, WORKER, '2026-11-23', 'scheduled')?.state).toBe('sent');
  });
});
