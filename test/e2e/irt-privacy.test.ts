// Who may read what about a participant in an IRT planning thread (issue 6, the release gate),
// through the real app and the fake Slack. The parent message and the reminders whose ts is
// stored are the only thread messages that may name the participant or carry their details, and
// they are rewritten as soon as the thread must say less: someone joins the channel, a release
// is revoked. Action steps reach the thread only where every reader's release covers the
// employment plan (and medical detail only with medical); the person responsible gets theirs by
// DM when they may read it. The invite never names anyone. A public channel, or one whose
// members cannot all be listed, gets logistics only. A failed post never leaves a meeting stuck.
//
// Each scenario scans everything the reader in question could see — channel and thread messages
// (every version), uploads (bytes, title, comment) and their DMs — for the full name, the first
// name and "First L.".
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { confirmSlot, meetingDetail, planMeeting, type NewIrtMeeting } from '../../src/db/irt';
import { enrollParticipant } from '../../src/db/participants';
import { addContact, addPartner } from '../../src/db/partners';
import { recordRelease } from '../../src/db/releases';
import { auditLog, irtActionItems, irtMeetings, staff } from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import { localDate } from '../../src/domain/dates';
import type { ShareScope } from '../../src/domain/release-gate';
import { REMINDER_QUEUE, runIrtReminders, type IrtReminderDeps } from '../../src/jobs/irt-reminders';
import { createSlackClient, PacedQueue } from '../../src/jobs/paced-queue';
import { rejudgeLapsedReleases } from '../../src/slack/irt/membership';
import { announceConfirmation, MAX_MEMBER_PAGES, postPlanningThread, refreshThreadMode, type ThreadDeps } from '../../src/slack/irt/thread';
import { startTestApp, type TestApp } from '../harness/app';
import { addStaff } from '../harness/db';
import type { FakeView } from '../harness/fake-slack';
import { newParticipant } from '../harness/fixtures';
import { checkboxes, conversationsSelect, datepicker, multiExternalSelect, multiUsersSelect, plainText, radioButtons, staticSelect, type StateValues } from '../harness/slack-request';

const NOW = '2026-11-23T15:00:00.000Z'; // Monday Nov 23, 2026, 9:00 in Chicago
const TODAY = '2026-11-23';
const ZONE = 'America/Chicago';
const WORKER = 'U0WORKER01'; // Dana Rivera, the case manager and organizer
const COLLEAGUE = 'U0WORKER02'; // Lee Park, staff
const GOODWILL_USER = 'U0PARTNER1'; // Jo Banks, Goodwill: release for contact details and the employment plan
const EASTSIDE_USER = 'U0EASTSD01'; // Ray Moss, Eastside: release for contact details only
const VISITOR = 'U0VISITOR1'; // a full member of the workspace who is not Tickler staff
const CHANNEL = 'G0IRTPRIV1';
const FULL_NAME = 'Amina Kone';
const FIRST_NAME = 'Amina';
const SHORT_NAME = 'Amina K.';
const NAMES = [FULL_NAME, FIRST_NAME, SHORT_NAME, 'Kone'];
const HOUR = 3_600_000;

type Obj = Record<string, unknown>;
const v = (state: Obj) => ({ value: state });

describe('privacy of IRT planning threads', () => {
  let app: TestApp;
  let amina: number;
  let goodwill: number;
  let eastside: number;
  let goodwillContact: number;
  let goodwillRelease: number;
  let deps: ThreadDeps;
  let jobDeps: IrtReminderDeps;

  const actor = (id: string) => actorFor(getStaff(app.db, id)!, new Set());
  const logger = pino({ level: 'silent' });
  const client = () => jobDeps.client;

  beforeEach(async () => {
    app = await startTestApp({ now: NOW });
    const now = app.clock.now();
    app.addUser(WORKER, 'Dana Rivera', { tz: ZONE });
    app.addUser(COLLEAGUE, 'Lee Park', { tz: 'America/New_York' });
    app.addUser(GOODWILL_USER, 'Jo Banks', { tz: 'America/Los_Angeles' });
    app.addUser(EASTSIDE_USER, 'Ray Moss', { tz: 'America/Denver' });
    app.addUser(VISITOR, 'Pat Visitor', { tz: ZONE });
    addStaff(app.db, WORKER, { tz: ZONE, name: 'Dana Rivera' }, now);
    addStaff(app.db, COLLEAGUE, { tz: 'America/New_York', name: 'Lee Park' }, now);
    amina = enrollParticipant(app.db, actor(WORKER), newParticipant(WORKER, { fullName: FULL_NAME, preferredContactMethod: 'text' }), now);
    const gw = addPartner(app.db, actor(WORKER), { name: 'Goodwill Job Center', kind: 'community_provider' }, now);
    const es = addPartner(app.db, actor(WORKER), { name: 'Eastside Housing', kind: 'public_assistance' }, now);
    if (gw.kind !== 'ok' || es.kind !== 'ok') throw new Error('partners');
    goodwill = gw.partnerId;
    eastside = es.partnerId;
    const c1 = addContact(app.db, actor(WORKER), goodwill, { name: 'Jo Banks', slackUserId: GOODWILL_USER }, now);
    const c2 = addContact(app.db, actor(WORKER), eastside, { name: 'Ray Moss', slackUserId: EASTSIDE_USER }, now);
    if (c1.kind !== 'ok' || c2.kind !== 'ok') throw new Error('contacts');
    goodwillContact = c1.contactId;
    goodwillRelease = release(goodwill, ['contact_details', 'employment_plan']);
    release(eastside, ['contact_details']);
    app.fake.addChannel({ id: CHANNEL, name: 'irt-amina', is_private: true, members: [WORKER, COLLEAGUE, GOODWILL_USER, app.fake.botUserId] });

    deps = { db: app.db, clock: app.clock, config: app.config, logger };
    let monotonic = 0;
    jobDeps = {
      db: app.db,
      client: createSlackClient(app.fake.botToken, { slackApiUrl: app.fake.apiUrl }),
      clock: app.clock,
      config: app.config,
      logger,
      owner: 'test-process',
      queue: new PacedQueue({
        ...REMINDER_QUEUE,
        monotonicNow: () => monotonic,
        sleep: async (ms) => {
          monotonic += ms;
        },
      }),
    };
  });
  afterEach(async () => {
    await app.close();
  });

  function release(partnerId: number, scopes: ShareScope[]): number {
    const r = recordRelease(app.db, actor(WORKER), { participantId: amina, partnerId, signedDate: '2026-11-02', expiryDate: '2027-11-02', scopes, documentLocation: null }, { now: app.clock.now(), today: TODAY });
    if (r.kind !== 'ok') throw new Error(`release: ${r.kind}`);
    return r.releaseId;
  }

  // --------------------------------------------------------------------------- what a reader sees

  /** Every version of everything a reader could see: messages in these channels and their DM (posts and updates), uploads there (bytes, title, comment). */
  function everythingSeenBy(reader: string, channels: string[]): string {
    const where = new Set([...channels, app.fake.dmChannelFor(reader), reader]);
    const seen: string[] = [];
    for (const c of app.fake.calls) {
      const channel = String(c.args['channel'] ?? c.args['channel_id'] ?? '');
      if ((c.method === 'chat.postMessage' || c.method === 'chat.update') && where.has(channel)) seen.push(JSON.stringify({ text: c.args['text'], blocks: c.args['blocks'] }));
      if (c.method === 'chat.postEphemeral' && c.args['user'] === reader) seen.push(JSON.stringify(c.args));
      if (c.method === 'files.completeUploadExternal' && where.has(channel)) {
        seen.push(String(c.args['initial_comment'] ?? ''), JSON.stringify(c.args['files']));
        for (const f of (c.args['files'] as Array<{ id: string }>) ?? []) seen.push(app.fake.getUpload(f.id)?.bytes?.toString('utf8') ?? '');
      }
    }
    return seen.join('\n');
  }

  /** What someone who joins a channel now can read: the messages as they stand, the uploads shared there, their DMs. */
  function seenNowBy(reader: string, channels: string[]): string {
    const seen: string[] = [];
    for (const ch of [...channels, app.fake.dmChannelFor(reader)]) {
      for (const m of app.fake.messagesIn(ch)) if (!m.deleted && (!m.ephemeral || m.visibleTo === reader)) seen.push(JSON.stringify({ text: m.text, blocks: m.blocks }));
    }
    for (const u of app.fake.allUploads()) if (u.channels.some((ch) => channels.includes(ch))) seen.push(u.title ?? '', u.filename, u.bytes?.toString('utf8') ?? '');
    return seen.join('\n');
  }

  function expectNoName(seen: string, who: string) {
    expect(seen.length, `${who} saw something`).toBeGreaterThan(0);
    for (const name of NAMES) expect(seen, `${who} must not read “${name}”`).not.toContain(name);
  }

  // --------------------------------------------------------------------------------- the setup

  function meetingInput(channel: string, o: Partial<NewIrtMeeting> = {}): NewIrtMeeting {
    return {
      participantId: amina,
      reason: 'needs',
      reasonDetail: null,
      urgent: false,
      calledBy: 'case_manager',
      locationKind: 'in_person',
      locationDetail: 'Main St. One-Stop, room 2',
      planningChannelId: channel,
      bringAssessment: false,
      bringPlan: true,
      bringResources: false,
      preferredCommunication: 'Text message, in French',
      naturalSupports: [],
      partnerContactIds: [goodwillContact],
      staffIds: [COLLEAGUE],
      ...o,
    };
  }

  /** A meeting planned and its thread posted (as the modal's submit does). */
  async function planned(channel = CHANNEL, o: Partial<NewIrtMeeting> = {}) {
    const now = app.clock.now();
    const result = planMeeting(app.db, actor(WORKER), meetingInput(channel, o), { now, today: localDate(now, ZONE), timeZone: ZONE, holidays: app.config.holidays, profiles: app.config.profiles });
    if (result.kind !== 'ok') throw new Error(result.kind);
    await postPlanningThread(deps, client(), result.meetingId, WORKER);
    return { id: result.meetingId, slotIds: result.slotIds, meeting: () => meetingDetail(app.db, result.meetingId)!.meeting };
  }

  /** The organizer confirms the first slot: DMs, the parent rewritten, the invite. */
  async function confirmed(m: { id: number; slotIds: number[] }) {
    const result = confirmSlot(app.db, actor(WORKER), m.slotIds[0]!, app.clock.now());
    if (result.kind !== 'ok') throw new Error(result.kind);
    await announceConfirmation(deps, client(), m.id, { actorId: WORKER, sequence: result.sequence, rescheduled: false });
    return meetingDetail(app.db, m.id)!.meeting;
  }

  function addStep(meetingId: number, step: { description: string; kind: 'staff' | 'partner_contact' | 'participant'; name: string; slackUserId?: string; dueDate: string }): number {
    return app.db
      .insert(irtActionItems)
      .values({
        meetingId,
        participantId: amina,
        description: step.description,
        responsibleKind: step.kind,
        responsibleName: step.name,
        responsibleSlackUserId: step.slackUserId ?? null,
        dueDate: step.dueDate,
        status: 'open',
        createdAt: app.clock.now().toISOString(),
        createdBy: WORKER,
      })
      .returning({ id: irtActionItems.id })
      .get().id;
  }

  const threadOf = (channel: string, ts: string) => app.fake.messagesIn(channel).filter((m) => m.thread_ts === ts && !m.ephemeral);
  const dmsTo = (user: string) => app.fake.messagesIn(app.fake.dmChannelFor(user));
  const organizerDm = (blockId: string) => app.fake.waitForCall('chat.postMessage', (c) => c.args['channel'] === app.fake.dmChannelFor(WORKER) && JSON.stringify(c.args['blocks']).includes(`"block_id":"${blockId}"`), 5000);
  const disclosures = () =>
    app.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'irt-disclose'))
      .all()
      .map((a) => JSON.parse(a.detail!) as Obj);

  async function join(channel: string, user: string) {
    app.fake.joinChannel(channel, user);
    const res = await app.slack.event(app.fake.memberJoinedEvent(channel, user, WORKER));
    expect(res.status).toBe(200);
  }

  // ------------------------------------------------------------------------------ action steps

  it('an action step’s text reaches the thread only when every reader’s release covers the employment plan, medical detail never without medical; the person responsible gets it by DM when they may read it; the audit says what went where', async () => {
    const m = await planned();
    const meeting = await confirmed(m);
    const due = localDate(new Date(Date.parse(meeting.startsAt!) + 24 * HOUR), ZONE);
    const packet = addStep(m.id, { description: 'Send the CNA enrollment packet', kind: 'partner_contact', name: 'Jo Banks', slackUserId: GOODWILL_USER, dueDate: due });
    const insulin = addStep(m.id, { description: 'Book the insulin refill appointment', kind: 'staff', name: 'Dana Rivera', slackUserId: WORKER, dueDate: due });
    app.clock.set(`${due}T18:00:00.000Z`); // 09:00 in Los Angeles, noon in Chicago
    const report = await runIrtReminders(jobDeps);
    expect(report.failed).toEqual([]);
    expect(report.sent.filter((k) => k.startsWith('action_item')).sort()).toEqual([`action_item_dm:${packet}:${due}`, `action_item_due:${insulin}:${due}`, `action_item_due:${packet}:${due}`].sort());

    const steps = threadOf(CHANNEL, meeting.threadTs!).filter((msg) => msg.text?.startsWith('Action step'));
    expect(steps.map((msg) => msg.text)).toEqual([
      `Action step 1 from ${SHORT_NAME}’s IRT meeting is due today — <@${GOODWILL_USER}>: Send the CNA enrollment packet`,
      `Action step 2 from ${SHORT_NAME}’s IRT meeting is due today — <@${WORKER}>`,
    ]);
    expect(JSON.stringify(steps)).not.toContain('insulin');
    for (const msg of steps) expect(JSON.stringify(msg.blocks)).toContain('"action_id":"irt_action_done"');
    // Jo may read the plan: the step is in their DM too. Medical detail goes to no one by DM (staff included) without a release for it.
    expect(dmsTo(GOODWILL_USER).filter((msg) => msg.text?.startsWith('Your action step')).map((msg) => msg.text)).toEqual([expect.stringContaining('Send the CNA enrollment packet')]);
    expect(JSON.stringify(dmsTo(WORKER))).not.toContain('insulin');

    const reminders = disclosures().filter((d) => d['via'] === 'reminder' && d['meeting'] === m.id);
    expect(reminders).toEqual(
      expect.arrayContaining([
        { meeting: m.id, via: 'reminder', mode: 'full', partners: String(goodwill), scopes: 'employment_plan' }, // step 1 in the thread, and by DM to Jo
        { meeting: m.id, via: 'reminder', mode: 'full', partners: String(goodwill), scopes: '' }, // step 2 in the thread: the name only
      ]),
    );
    expect(reminders.filter((d) => d['scopes'] === 'employment_plan')).toHaveLength(2);
    expect(reminders.some((d) => String(d['scopes']).includes('medical'))).toBe(false);
  });

  // -------------------------------------------------------------------------------- the invite

  it('the calendar invite never names the participant, in the thread or in the organizer’s DM; only the organizer’s DM comment does', async () => {
    const m = await planned();
    await confirmed(m);
    const invites = app.fake.allUploads().filter((u) => u.filename.endsWith('.ics'));
    expect(invites.map((u) => u.channels[0]).sort()).toEqual([CHANNEL, app.fake.dmChannelFor(WORKER)].sort());
    for (const u of invites) {
      expect(u.title).toBe('IRT meeting');
      expect(u.bytes!.toString('utf8')).toMatch(/SUMMARY:IRT meeting\r\n/);
      for (const name of NAMES) expect(u.bytes!.toString('utf8')).not.toContain(name);
    }
    const comments = app.fake.callsTo('files.completeUploadExternal').map((c) => [String(c.args['channel_id']), String(c.args['initial_comment'])] as const);
    expect(comments.find(([ch]) => ch === app.fake.dmChannelFor(WORKER))![1]).toContain(SHORT_NAME);
    expect(comments.find(([ch]) => ch === CHANNEL)![1]).not.toContain(FIRST_NAME);
    expect(disclosures().filter((d) => d['via'] === 'invite')).toEqual([{ meeting: m.id, via: 'invite', mode: 'logistics_only', partners: String(goodwill), scopes: '' }]);
  });

  // -------------------------------------------------------------------------- someone joins

  it('someone who may not see the participant joins: the parent and every stored reminder are rewritten to logistics only (Done kept on open steps), the organizer is told who and what, and nothing they can read names the participant', async () => {
    const m = await planned();
    const meeting = await confirmed(m);
    const startsAt = Date.parse(meeting.startsAt!);
    const due = localDate(new Date(startsAt), ZONE);
    const packet = addStep(m.id, { description: 'Send the CNA enrollment packet', kind: 'partner_contact', name: 'Jo Banks', slackUserId: GOODWILL_USER, dueDate: due });
    addStep(m.id, { description: 'Call the landlord about the deposit', kind: 'participant', name: FULL_NAME, dueDate: due });
    app.clock.set(new Date(startsAt - HOUR).toISOString()); // the 24-hour reminder
    expect((await runIrtReminders(jobDeps)).failed).toEqual([]);
    app.clock.set(`${due}T23:00:00.000Z`); // both steps: past 09:00 in Chicago and Los Angeles
    expect((await runIrtReminders(jobDeps)).failed).toEqual([]);
    const thread = () => threadOf(CHANNEL, meeting.threadTs!);
    const byStart = (prefix: string) => thread().find((msg) => msg.text?.startsWith(prefix))!;
    expect(byStart('Reminder').text).toMatch(new RegExp(`^Reminder: the IRT meeting for ${SHORT_NAME} is `));
    expect(byStart('Action step 1').text).toBe(`Action step 1 from ${SHORT_NAME}’s IRT meeting is due today — <@${GOODWILL_USER}>: Send the CNA enrollment packet`);
    expect(byStart('Action step 2').text).toBe(`Action step 2 from ${SHORT_NAME}’s IRT meeting is due today — ${SHORT_NAME}: Call the landlord about the deposit`);
    // Jo marks their step done.
    const packetReminder = byStart('Action step 1');
    const done = await app.slack.blockAction({ userId: GOODWILL_USER, actionId: 'irt_action_done', channelId: CHANNEL, messageTs: packetReminder.ts });
    expect(done.problems).toEqual([]);
    await app.fake.waitForCall('chat.update', (c) => c.args['ts'] === packetReminder.ts);

    // Sam, staff, joining changes nothing (below: still one thread disclosure before Pat's).
    const SAM = 'U0WORKER03';
    app.addUser(SAM, 'Sam Okafor', { tz: ZONE });
    addStaff(app.db, SAM, { tz: ZONE, name: 'Sam Okafor' }, app.clock.now());
    const before = app.fake.calls.length;
    await join(CHANNEL, SAM);
    await app.fake.waitForCall('conversations.info', (c) => app.fake.calls.indexOf(c) >= before);
    await app.fake.waitForCall('conversations.members', (c) => app.fake.calls.indexOf(c) >= before);

    // Pat, a full member of the workspace who is not Tickler staff, joins.
    await join(CHANNEL, VISITOR);
    const told = await organizerDm('irt_narrowed');
    const notice = JSON.stringify(told.args['blocks']);
    expect(notice).toContain(`<@${VISITOR}> joined <#${CHANNEL}>`);
    expect(notice).toContain('no longer names the participant');
    expect(notice).toContain('3 reminder messages were rewritten to logistics only');
    expect(notice).toContain(`<@${VISITOR}> — not Tickler staff and not a contact of a partner organization`);
    expect(app.db.select().from(staff).where(eq(staff.slackUserId, VISITOR)).get(), 'joining a channel never registers anyone as staff').toBeUndefined();
    expect(app.db.select().from(irtMeetings).where(eq(irtMeetings.id, m.id)).get()!.threadMode).toBe('logistics_only');
    expect(disclosures().filter((d) => d['via'] === 'thread').map((d) => [d['mode'], d['scopes']])).toEqual([
      ['full', 'contact_details,employment_plan'],
      ['logistics_only', ''],
    ]);

    const parent = app.fake.findMessage(CHANNEL, meeting.threadTs!)!;
    expect(parent.text).toContain('participant details withheld');
    expect(byStart('Reminder').text).toMatch(/^Reminder: this IRT meeting is /);
    expect(byStart('Action step 1').text).toBe(`Action step 1 of this IRT meeting is due today — <@${GOODWILL_USER}> — done by <@${GOODWILL_USER}>`);
    expect(byStart('Action step 2').text).toBe('Action step 2 of this IRT meeting is due today — the participant');
    expect(JSON.stringify(byStart('Action step 1').blocks)).toContain(`Done by <@${GOODWILL_USER}>`);
    expect(JSON.stringify(byStart('Action step 1').blocks)).not.toContain('irt_action_done');
    expect(JSON.stringify(byStart('Action step 2').blocks)).toContain('"action_id":"irt_action_done"');
    expect(app.db.select().from(irtActionItems).where(eq(irtActionItems.id, packet)).get()!.status).toBe('done');

    // Everything Pat can read now: the channel as it stands (parent, replies, uploads) and Pat's DMs.
    const seen = seenNowBy(VISITOR, [CHANNEL]);
    expectNoName(seen, 'Pat');
    expect(seen).not.toMatch(/CNA|landlord|French/);
  });

  it('a partner whose release covers less joins: the thread keeps the name but the step texts and what their release does not cover are withdrawn', async () => {
    const m = await planned();
    const meeting = await confirmed(m);
    const due = localDate(new Date(Date.parse(meeting.startsAt!)), ZONE);
    addStep(m.id, { description: 'Send the CNA enrollment packet', kind: 'partner_contact', name: 'Jo Banks', slackUserId: GOODWILL_USER, dueDate: due });
    app.clock.set(`${due}T18:00:00.000Z`);
    await runIrtReminders(jobDeps);
    expect(JSON.stringify(threadOf(CHANNEL, meeting.threadTs!))).toContain('CNA enrollment packet');

    await join(CHANNEL, EASTSIDE_USER);
    const told = await organizerDm('irt_narrowed');
    expect(JSON.stringify(told.args['blocks'])).toContain('no longer shows: employment plan');
    expect(app.db.select().from(irtMeetings).where(eq(irtMeetings.id, m.id)).get()!.threadMode).toBe('full');
    const parent = app.fake.findMessage(CHANNEL, meeting.threadTs!)!;
    expect(parent.text).toContain(`IRT meeting for ${SHORT_NAME}`); // Eastside's release covers the name
    expect(JSON.stringify(parent.blocks)).toContain('Text message, in French'); // and contact details
    const seen = seenNowBy(EASTSIDE_USER, [CHANNEL]);
    expect(seen).not.toContain('CNA');
    expect(threadOf(CHANNEL, meeting.threadTs!).find((msg) => msg.text?.startsWith('Action step 1'))!.text).toBe(`Action step 1 of this IRT meeting is due today — <@${GOODWILL_USER}>`);
  });

  // ----------------------------------------------------------------------- a release revoked

  it('a release revoked from the card: the participant’s threads are judged again, rewritten, and the organizer hears which release lapsed', async () => {
    const m = await planned();
    const meeting = m.meeting();
    expect(meeting.threadMode).toBe('full');
    const card = await app.slack.command({ command: '/participant', text: 'amina', userId: WORKER, channelId: 'C0GENERAL1' });
    const shown = await app.fake.waitForResponse((r) => r.url === card.responseUrl);
    const open = await app.slack.blockAction({ userId: WORKER, actionId: 'releases_open', channelId: 'C0GENERAL1', messageTs: shown.messageTs!, isEphemeral: true });
    const listCall = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === open.triggerId);
    const list = app.fake.getView(String((listCall.response['view'] as Obj)['id']))!;
    const press = await app.slack.blockAction({ userId: WORKER, actionId: 'release_revoke_start', view: { id: list.id }, blockId: `release_${goodwillRelease}` });
    const pushed = await app.fake.waitForCall('views.push', (c) => c.args['trigger_id'] === press.triggerId);
    const form: FakeView = app.fake.getView(String((pushed.response['view'] as Obj)['id']))!;
    const revoked = await app.slack.viewSubmission({ userId: WORKER, viewId: form.id, values: { revoke_date: v(datepicker(TODAY)), revoke_reason: v(plainText('The participant withdrew consent in writing')) } });
    expect(revoked.problems).toEqual([]);
    expect(revoked.body).toBe('');

    const told = await organizerDm('irt_narrowed');
    const notice = JSON.stringify(told.args['blocks']);
    expect(notice).toContain('The release of information for Goodwill Job Center was revoked');
    expect(notice).toContain(`<@${GOODWILL_USER}> — a contact of Goodwill Job Center, which has no valid release`);
    expect(app.db.select().from(irtMeetings).where(eq(irtMeetings.id, m.id)).get()!.threadMode).toBe('logistics_only');
    const parent = app.fake.findMessage(CHANNEL, meeting.threadTs!)!;
    expect(parent.text).toContain('participant details withheld');
    expectNoName(seenNowBy(GOODWILL_USER, [CHANNEL]), 'Jo');
  });

  it('a release that merely runs out: the daily re-check narrows the thread and tells the organizer, once', async () => {
    const m = await planned();
    expect(m.meeting().threadMode).toBe('full');
    // A year on, Goodwill's release (through 2027-11-02) has lapsed; nobody revoked it.
    app.clock.set('2027-11-03T15:00:00.000Z');
    expect(await rejudgeLapsedReleases(deps, jobDeps.client, '2027-11-03')).toBe(1);
    const told = await organizerDm('irt_narrowed');
    expect(JSON.stringify(told.args['blocks'])).toContain('The releases of information for Goodwill Job Center and Eastside Housing expired');
    expect(app.db.select().from(irtMeetings).where(eq(irtMeetings.id, m.id)).get()!.threadMode).toBe('logistics_only');
    expectNoName(JSON.stringify(app.fake.findMessage(CHANNEL, m.meeting().threadTs!)), 'Jo');
    // The next day's run finds the same lapse in its window but the thread already says little enough.
    const posts = app.fake.callsTo('chat.postMessage').length;
    app.clock.set('2027-11-04T15:00:00.000Z');
    await rejudgeLapsedReleases(deps, jobDeps.client, '2027-11-04');
    expect(app.fake.callsTo('chat.postMessage')).toHaveLength(posts);
  });

  // --------------------------------------------------------------------------- a public channel

  it('a public channel: the modal’s picker offers private channels and says why; a thread in a public one is logistics only and the organizer is told that anyone can read it', async () => {
    const PUBLIC = 'C0IRTPUB01';
    app.fake.addChannel({ id: PUBLIC, name: 'irt-public', is_private: false, members: [WORKER, GOODWILL_USER, app.fake.botUserId] });
    const cmd = await app.slack.command({ command: '/irt', text: 'amina', userId: WORKER, channelId: PUBLIC });
    const opened = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === cmd.triggerId);
    const view = app.fake.getView(String((opened.response['view'] as Obj)['id']))!;
    const picker = (view.blocks as Array<{ block_id?: string; element?: Obj; hint?: { text: string } }>).find((b) => b.block_id === 'irt_channel')!;
    expect(picker.element!['filter']).toEqual({ include: ['private'], exclude_bot_users: true });
    expect(picker.hint!.text).toContain('Anyone in the workspace can read a public channel');

    const values: StateValues = {
      irt_reason: v(radioButtons('needs')),
      irt_reason_detail: v(plainText(null)),
      irt_urgent: v(checkboxes([])),
      irt_called_by: v(staticSelect('participant')),
      irt_partners: { irt_partner_search: multiExternalSelect([String(goodwillContact)]) },
      irt_staff: v(multiUsersSelect([])),
      irt_location_kind: v(radioButtons('in_person')),
      irt_location_detail: v(plainText('Main St. One-Stop, room 2')),
      irt_channel: v(conversationsSelect(PUBLIC)),
      irt_materials: v(checkboxes([])),
      irt_communication: v(plainText('Text message, in French')),
    };
    const res = await app.slack.viewSubmission({ userId: WORKER, viewId: view.id, values });
    expect(res.problems).toEqual([]);
    expect(res.body).toBe('');
    const told = await organizerDm('irt_logistics_why');
    expect(JSON.stringify(told.args['blocks'])).toContain(`<#${PUBLIC}> is public: anyone in the workspace can read it, not only its members`);
    const meeting = app.db.select().from(irtMeetings).get()!;
    expect(meeting.threadMode).toBe('logistics_only');
    await app.fake.waitForCall('chat.postMessage', (c) => c.args['channel'] === PUBLIC && !!c.args['thread_ts']);
    await confirmed({ id: meeting.id, slotIds: meetingDetail(app.db, meeting.id)!.slots.map((slot) => slot.id) });

    // Anyone in the workspace — even someone who never joined — can read all of it.
    expectNoName(everythingSeenBy(VISITOR, [PUBLIC]), 'anyone in the workspace');
  });

  // ------------------------------------------------------------------------- the reason's detail

  it('the reason’s detail shows where every release covers case notes, but not when it holds medical detail unless every release covers that too', async () => {
    release(goodwill, ['contact_details', 'employment_plan', 'case_notes']);
    const medical = await planned(CHANNEL, { reasonDetail: 'Her diabetes diagnosis keeps her from the night shift' });
    const plain = await planned(CHANNEL, { reasonDetail: 'She lost her job at the warehouse' });
    const parentOf = (id: number) => JSON.stringify(app.fake.findMessage(CHANNEL, meetingDetail(app.db, id)!.meeting.threadTs!)!.blocks);
    expect(parentOf(plain.id)).toContain('She lost her job at the warehouse');
    expect(parentOf(medical.id)).toContain(SHORT_NAME);
    expect(parentOf(medical.id)).not.toContain('diabetes');

    // Goodwill's participant signs a release that covers medical detail: the next judgment shows it.
    release(goodwill, ['case_notes', 'medical']);
    await refreshThreadMode(deps, client(), meetingDetail(app.db, medical.id)!);
    expect(parentOf(medical.id)).toContain('Her diabetes diagnosis keeps her from the night shift');
  });

  // -------------------------------------------------------------------- too many members to list

  it(`a channel with more members than ${MAX_MEMBER_PAGES} pages: logistics only, the organizer is told why`, async () => {
    const BIG = 'G0HUGECHAN';
    const many = Array.from({ length: MAX_MEMBER_PAGES * 200 }, (_, i) => (i % 2 ? WORKER : GOODWILL_USER));
    app.fake.addChannel({ id: BIG, is_private: true, members: [app.fake.botUserId, ...many, VISITOR] });
    const m = await planned(BIG);
    expect(app.fake.callsTo('conversations.members')).toHaveLength(MAX_MEMBER_PAGES);
    expect(m.meeting().threadMode).toBe('logistics_only');
    const told = await organizerDm('irt_logistics_why');
    expect(JSON.stringify(told.args['blocks'])).toContain(`<#${BIG}> has more members than Tickler can check`);
    expectNoName(everythingSeenBy(VISITOR, [BIG]), 'a member past the last page');
  });

  // ------------------------------------------------------------------------------ failed posts

  it('the proposed times fail to post: the organizer gets a button, and pressing it posts them under the existing parent', async () => {
    app.fake.failNext('chat.postMessage', { error: 'fatal_error', match: (a) => a['channel'] === CHANNEL && !!a['thread_ts'] });
    const m = await planned();
    expect(m.meeting().threadTs).toBeTruthy();
    const told = await organizerDm('irt_round_failed');
    expect(JSON.stringify(told.args['blocks'])).toContain('"action_id":"irt_post_thread"');
    expect(threadOf(CHANNEL, m.meeting().threadTs!)).toEqual([]);

    const retry = await app.slack.blockAction({ userId: WORKER, actionId: 'irt_post_thread', channelId: app.fake.dmChannelFor(WORKER), messageTs: String(told.response['ts']) });
    expect(retry.problems).toEqual([]);
    const round = await app.fake.waitForCall('chat.postMessage', (c) => c.ok && c.args['channel'] === CHANNEL && c.args['thread_ts'] === m.meeting().threadTs);
    expect(String(round.args['text'])).toContain('Proposed times');
    expect(app.fake.callsTo('chat.postMessage').filter((c) => c.ok && c.args['channel'] === CHANNEL && !c.args['thread_ts'])).toHaveLength(1);
    expect(threadOf(CHANNEL, m.meeting().threadTs!)).toHaveLength(1);
  });

  it('a confirmation that partly fails: the organizer is told which messages did not go out', async () => {
    const m = await planned();
    app.fake.failNext('files.completeUploadExternal', { error: 'fatal_error', match: (a) => a['channel_id'] === CHANNEL });
    app.fake.failNext('conversations.open', { error: 'user_not_visible', match: (a) => a['users'] === GOODWILL_USER });
    await confirmed(m);
    const told = await organizerDm('irt_confirm_problems');
    const text = JSON.stringify(told.args['blocks']);
    expect(text).toContain('the calendar invite was not posted in the thread');
    expect(text).toContain(`<@${GOODWILL_USER}> did not get the time by direct message`);
    expect(text).not.toContain(`<@${COLLEAGUE}> did not`);
  });
});
