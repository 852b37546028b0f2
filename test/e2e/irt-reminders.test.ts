// IRT reminders (issue 6) against the fake Slack: 24 hours before a meeting each attendee in
// Slack gets a DM in their own zone and the thread gets one message — exactly once, however
// many runs; an action item is reminded in the thread on its due date (09:00 in the
// responsible person's zone), with a *Done* button, not before; a logistics-only thread never
// names the participant.
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { confirmSlot, meetingDetail, planMeeting, proposeNextRound, type NewIrtMeeting } from '../../src/db/irt';
import { enrollParticipant } from '../../src/db/participants';
import { addContact, addPartner } from '../../src/db/partners';
import { recordRelease } from '../../src/db/releases';
import { irtActionItems, irtReminders } from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import { localDate } from '../../src/domain/dates';
import { formatSlotFor } from '../../src/domain/irt';
import { meetingReminderKey, runIrtReminders, REMINDER_QUEUE, type IrtReminderDeps } from '../../src/jobs/irt-reminders';
import { createSlackClient, PacedQueue } from '../../src/jobs/paced-queue';
import { postPlanningThread } from '../../src/slack/irt/thread';
import { startTestApp, type TestApp } from '../harness/app';
import { addStaff } from '../harness/db';
import { newParticipant } from '../harness/fixtures';

const NOW = '2026-11-23T15:00:00.000Z';
const WORKER = 'U0WORKER01'; // Chicago, the organizer
const COLLEAGUE = 'U0WORKER02'; // New York
const PARTNER = 'U0PARTNER1'; // Goodwill, Los Angeles, release on file
const GUEST = 'U0GUEST001';
const CHANNEL = 'C0IRTPLAN1';
const MIXED = 'C0MIXED001';
const HOUR = 3_600_000;

describe('IRT reminders', () => {
  let app: TestApp;
  let amina: number;
  let goodwillContact: number;
  let deps: IrtReminderDeps;
  let monotonic = 0;
  let slept: number[] = [];

  const actor = (id: string) => actorFor(getStaff(app.db, id)!, new Set());
  const logger = pino({ level: 'silent' });

  beforeEach(async () => {
    app = await startTestApp({ now: NOW });
    monotonic = 0;
    slept = [];
    const now = app.clock.now();
    app.addUser(WORKER, 'Dana Rivera', { tz: 'America/Chicago' });
    app.addUser(COLLEAGUE, 'Lee Park', { tz: 'America/New_York' });
    app.addUser(PARTNER, 'Jo Banks', { tz: 'America/Los_Angeles' });
    app.addUser(GUEST, 'Pat Guest', { tz: 'America/Chicago', is_restricted: true });
    addStaff(app.db, WORKER, { tz: 'America/Chicago', name: 'Dana Rivera' }, now);
    addStaff(app.db, COLLEAGUE, { tz: 'America/New_York', name: 'Lee Park' }, now);
    amina = enrollParticipant(app.db, actor(WORKER), newParticipant(WORKER, { fullName: 'Amina Kone' }), now);
    const gw = addPartner(app.db, actor(WORKER), { name: 'Goodwill Job Center', kind: 'community_provider' }, now);
    if (gw.kind !== 'ok') throw new Error('partner');
    const c = addContact(app.db, actor(WORKER), gw.partnerId, { name: 'Jo Banks', slackUserId: PARTNER }, now);
    if (c.kind !== 'ok') throw new Error('contact');
    goodwillContact = c.contactId;
    recordRelease(app.db, actor(WORKER), { participantId: amina, partnerId: gw.partnerId, signedDate: '2026-11-02', expiryDate: '2027-11-02', scopes: ['contact_details'], documentLocation: null }, { now, today: '2026-11-23' });
    app.fake.addChannel({ id: CHANNEL, is_private: true, members: [WORKER, COLLEAGUE, PARTNER, app.fake.botUserId] });
    app.fake.addChannel({ id: MIXED, is_private: true, members: [WORKER, PARTNER, GUEST, app.fake.botUserId] });
    deps = {
      db: app.db,
      client: createSlackClient(app.fake.botToken, { slackApiUrl: app.fake.apiUrl }),
      clock: app.clock,
      config: app.config,
      logger,
      owner: 'test-process',
      // Pacing and Retry-After run on a pretend clock, so the test does not wait for them.
      queue: new PacedQueue({
        ...REMINDER_QUEUE,
        monotonicNow: () => monotonic,
        sleep: async (ms) => {
          slept.push(ms);
          monotonic += ms;
        },
      }),
    };
  });
  afterEach(async () => {
    await app.close();
  });

  /** A meeting planned, its thread posted, its first slot confirmed. */
  async function scheduledMeeting(channel = CHANNEL) {
    const input: NewIrtMeeting = {
      participantId: amina,
      reason: 'needs',
      reasonDetail: null,
      urgent: false,
      calledBy: 'case_manager',
      locationKind: 'video',
      locationDetail: 'https://meet.example.org/irt-42',
      planningChannelId: channel,
      bringAssessment: false,
      bringPlan: true,
      bringResources: false,
      preferredCommunication: 'Phone call',
      naturalSupports: [],
      partnerContactIds: [goodwillContact],
      staffIds: [COLLEAGUE],
    };
    const now = app.clock.now();
    const planned = planMeeting(app.db, actor(WORKER), input, { now, today: localDate(now, 'America/Chicago'), timeZone: 'America/Chicago', holidays: app.config.holidays, profiles: app.config.profiles });
    if (planned.kind !== 'ok') throw new Error(planned.kind);
    expect(await postPlanningThread({ db: app.db, clock: app.clock, config: app.config, logger }, deps.client, planned.meetingId, WORKER)).toBe(true);
    expect(confirmSlot(app.db, actor(WORKER), planned.slotIds[0]!, now).kind).toBe('ok');
    const meeting = meetingDetail(app.db, planned.meetingId)!.meeting;
    return { ...meeting, startsAt: new Date(meeting.startsAt!), endsAt: new Date(meeting.endsAt!) };
  }

  const dmsTo = (user: string) => app.fake.messagesIn(app.fake.dmChannelFor(user));
  const threadOf = (channel: string, ts: string) => app.fake.messagesIn(channel).filter((m) => m.thread_ts === ts);

  it('24 hours before: a DM to each attendee in Slack in their own zone and one message in the thread — once, across runs', async () => {
    const meeting = await scheduledMeeting();
    const before = threadOf(CHANNEL, meeting.threadTs!).length;

    app.clock.set(new Date(meeting.startsAt.getTime() - 25 * HOUR).toISOString());
    expect((await runIrtReminders(deps)).sent).toEqual([]);

    app.clock.set(new Date(meeting.startsAt.getTime() - 23 * HOUR).toISOString());
    app.fake.failNext('chat.postMessage', { retryAfterSeconds: 2 }); // Slack asks to wait once: the queue waits and retries
    const first = await runIrtReminders(deps);
    expect(first.failed).toEqual([]);
    expect(first.sent.sort()).toEqual([meetingReminderKey(meeting.id, CHANNEL, meeting.startsAt), meetingReminderKey(meeting.id, COLLEAGUE, meeting.startsAt), meetingReminderKey(meeting.id, PARTNER, meeting.startsAt), meetingReminderKey(meeting.id, WORKER, meeting.startsAt)].sort());
    expect(app.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.httpStatus === 429)).toHaveLength(1);
    expect(Math.max(...slept)).toBeGreaterThanOrEqual(2000);

    for (const [user, zone] of [
      [WORKER, 'America/Chicago'],
      [COLLEAGUE, 'America/New_York'],
      [PARTNER, 'America/Los_Angeles'],
    ] as const) {
      const reminders = dmsTo(user).filter((m) => m.text?.startsWith('Reminder:'));
      expect(reminders, user).toHaveLength(1);
      expect(reminders[0]!.text).toContain(formatSlotFor(meeting.startsAt, meeting.endsAt, zone));
      expect(reminders[0]!.text).toContain('Amina K.');
    }
    const inThread = threadOf(CHANNEL, meeting.threadTs!).slice(before);
    expect(inThread.map((m) => m.text)).toEqual([expect.stringMatching(/^Reminder: the IRT meeting for Amina K\. is /)]);

    // More runs — later, concurrent, after a restart — send nothing more.
    const posts = app.fake.callsTo('chat.postMessage').length;
    app.clock.advance(HOUR);
    const [a, b] = await Promise.all([runIrtReminders(deps), runIrtReminders({ ...deps, owner: 'other-process' })]);
    expect([...a.sent, ...b.sent]).toEqual([]);
    await app.restart();
    expect((await runIrtReminders({ ...deps, db: app.db })).sent).toEqual([]);
    expect(app.fake.callsTo('chat.postMessage')).toHaveLength(posts);
    expect(app.db.select().from(irtReminders).all().every((r) => r.state === 'sent' && r.slackMessageTs)).toBe(true);

    // Once the meeting has started, no reminder goes out for it.
    app.clock.set(new Date(meeting.startsAt.getTime() + 1000).toISOString());
    app.db.delete(irtReminders).run();
    expect((await runIrtReminders({ ...deps, db: app.db })).sent).toEqual([]);
  });

  it('a meeting rescheduled after its reminders went out is reminded again for the new time', async () => {
    const meeting = await scheduledMeeting();
    app.clock.set(new Date(meeting.startsAt.getTime() - 23 * HOUR).toISOString());
    expect((await runIrtReminders(deps)).sent).toContain(meetingReminderKey(meeting.id, WORKER, meeting.startsAt));

    const now = app.clock.now();
    const next = proposeNextRound(app.db, actor(WORKER), meeting.id, { now, today: localDate(now, 'America/Chicago'), timeZone: 'America/Chicago', holidays: app.config.holidays, profiles: app.config.profiles });
    if (next.kind !== 'ok') throw new Error(next.kind);
    expect(confirmSlot(app.db, actor(WORKER), next.slotIds[0]!, now)).toMatchObject({ kind: 'ok', rescheduled: true });
    const moved = meetingDetail(app.db, meeting.id)!.meeting;
    const newStart = new Date(moved.startsAt!);
    expect(newStart.getTime()).toBeGreaterThan(meeting.startsAt.getTime());

    app.clock.set(new Date(newStart.getTime() - 23 * HOUR).toISOString());
    const again = await runIrtReminders(deps);
    expect(again.sent).toContain(meetingReminderKey(meeting.id, WORKER, newStart));
    expect(again.sent).toContain(meetingReminderKey(meeting.id, CHANNEL, newStart));
    expect((await runIrtReminders(deps)).sent).toEqual([]);
  });

  it('an action step is reminded in the thread at 09:00 on its due date in the responsible person’s zone, with *Done*, once; its text goes only to whoever may read it', async () => {
    const meeting = await scheduledMeeting();
    const insert = (values: Partial<typeof irtActionItems.$inferInsert>) =>
      app.db
        .insert(irtActionItems)
        .values({
          meetingId: meeting.id,
          participantId: amina,
          description: 'Send the bus-pass application',
          responsibleKind: 'staff',
          responsibleName: 'Dana Rivera',
          responsibleSlackUserId: WORKER,
          dueDate: '2026-12-10',
          status: 'open',
          createdAt: NOW,
          createdBy: WORKER,
          ...values,
        })
        .returning({ id: irtActionItems.id })
        .get().id;
    const workers = insert({});
    const partners = insert({ description: 'Hold a spot in the January cohort', responsibleKind: 'partner_contact', responsibleName: 'Jo Banks', responsibleSlackUserId: PARTNER });
    insert({ description: 'Already done', status: 'done', doneAt: NOW, doneBy: WORKER });
    const sentItems = () => threadOf(CHANNEL, meeting.threadTs!).filter((m) => m.text?.startsWith('Action step'));

    app.clock.set('2026-12-10T14:59:00.000Z'); // 08:59 in Chicago
    expect((await runIrtReminders(deps)).sent.filter((k) => k.startsWith('action_item'))).toEqual([]);

    // Goodwill reads the thread and its release covers contact details only, not the employment
    // plan: the thread says which step is due and whose it is, not what it is. Dana (staff) gets it by DM.
    app.clock.set('2026-12-10T15:00:00.000Z'); // 09:00 in Chicago, 07:00 in Los Angeles
    expect((await runIrtReminders(deps)).sent.filter((k) => k.startsWith('action_item'))).toEqual([`action_item_due:${workers}:2026-12-10`, `action_item_dm:${workers}:2026-12-10`]);
    const [reminder] = sentItems();
    expect(reminder!.text).toBe(`Action step 1 from Amina K.’s IRT meeting is due today — <@${WORKER}>`);
    const blocks = JSON.stringify(reminder!.blocks);
    expect(blocks).not.toContain('bus-pass');
    expect(blocks).toContain('"action_id":"irt_action_done"');
    expect(blocks).toContain(`"value":"${workers}"`);
    const dm = dmsTo(WORKER).filter((m) => m.text?.startsWith('Your action step'));
    expect(dm.map((m) => m.text)).toEqual([expect.stringContaining('Send the bus-pass application')]);

    app.clock.set('2026-12-10T17:00:00.000Z'); // 09:00 in Los Angeles
    expect((await runIrtReminders(deps)).sent.filter((k) => k.startsWith('action_item'))).toEqual([`action_item_due:${partners}:2026-12-10`]);
    expect(sentItems()[1]!.text).toBe(`Action step 2 from Amina K.’s IRT meeting is due today — <@${PARTNER}>`);
    // Jo may not read the plan either: no DM with the step's text.
    expect(JSON.stringify(dmsTo(PARTNER))).not.toContain('January cohort');

    app.clock.set('2026-12-11T15:00:00.000Z');
    expect((await runIrtReminders(deps)).sent).toEqual([]);
    expect(sentItems()).toHaveLength(2);
  });

  it('in a logistics-only thread the reminders carry no participant name', async () => {
    const meeting = await scheduledMeeting(MIXED);
    expect(meetingDetail(app.db, meeting.id)!.meeting.threadMode).toBe('logistics_only');
    app.db
      .insert(irtActionItems)
      .values({ meetingId: meeting.id, participantId: amina, description: 'Call the housing office', responsibleKind: 'participant', responsibleName: 'Amina Kone', dueDate: localDate(meeting.startsAt, 'America/Chicago'), status: 'open', createdAt: NOW, createdBy: WORKER })
      .run();
    app.clock.set(new Date(meeting.startsAt.getTime() - HOUR).toISOString());
    const report = await runIrtReminders(deps);
    expect(report.sent).toContain(meetingReminderKey(meeting.id, MIXED, meeting.startsAt));
    expect(report.sent.some((k) => k.startsWith('action_item_due'))).toBe(true);
    const thread = threadOf(MIXED, meeting.threadTs!);
    expect(thread.some((m) => m.text?.startsWith('Reminder: this IRT meeting is'))).toBe(true);
    expect(thread.some((m) => JSON.stringify(m.blocks).includes('the participant'))).toBe(true);
    for (const m of app.fake.messagesIn(MIXED)) expect(JSON.stringify(m)).not.toMatch(/Amina|Kone/);
  });
});
