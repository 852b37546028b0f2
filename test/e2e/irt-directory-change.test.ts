// A change in the partner directory (`/irt partners`) that takes away someone's standing as a
// partner contact re-judges every open IRT planning thread: a former contact who is still in the
// channel is unknown to the release gate, so a thread that named the participant is rewritten
// to logistics only and its organizer is told why. When a contact's Slack user is changed, the
// OLD user is the one who lost standing. A staff member made a contact of an organization is
// judged by its release from then on. The directory answers first; the Slack work follows.
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { meetingDetail, planMeeting } from '../../src/db/irt';
import { enrollParticipant } from '../../src/db/participants';
import { addContact, addPartner } from '../../src/db/partners';
import { recordRelease } from '../../src/db/releases';
import { irtMeetings, partnerContacts, partners } from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import { localDate } from '../../src/domain/dates';
import { createSlackClient } from '../../src/jobs/paced-queue';
import { postPlanningThread, type ThreadDeps } from '../../src/slack/irt/thread';
import { startTestApp, type TestApp } from '../harness/app';
import { addStaff } from '../harness/db';
import type { FakeView } from '../harness/fake-slack';
import { newParticipant } from '../harness/fixtures';
import { checkboxes, plainText, usersSelect, type StateValues } from '../harness/slack-request';

const NOW = '2026-11-23T15:00:00.000Z'; // Monday Nov 23, 2026, 9:00 in Chicago
const TODAY = '2026-11-23';
const ZONE = 'America/Chicago';
const WORKER = 'U0WORKER01'; // Dana Rivera, the case manager and organizer
const COLLEAGUE = 'U0WORKER02'; // Lee Park, staff
const GOODWILL_USER = 'U0PARTNER1'; // Jo Banks, Goodwill, until the directory says otherwise
const NEW_GOODWILL_USER = 'U0PARTNER2'; // Jo's successor, not in the channel
const CHANNEL = 'G0IRTDIR01';
const NAMES = ['Amina Kone', 'Amina K.', 'Amina', 'Kone'];

type Obj = Record<string, unknown>;
const v = (state: Obj) => ({ value: state });

describe('IRT planning threads when the partner directory changes', () => {
  let app: TestApp;
  let amina: number;
  let goodwill: number;
  let goodwillContact: number;
  let deps: ThreadDeps;

  const actor = (id: string) => actorFor(getStaff(app.db, id)!, new Set());
  const client = () => createSlackClient(app.fake.botToken, { slackApiUrl: app.fake.apiUrl });

  beforeEach(async () => {
    app = await startTestApp({ now: NOW });
    const now = app.clock.now();
    app.addUser(WORKER, 'Dana Rivera', { tz: ZONE });
    app.addUser(COLLEAGUE, 'Lee Park', { tz: ZONE });
    app.addUser(GOODWILL_USER, 'Jo Banks', { tz: 'America/Los_Angeles' });
    app.addUser(NEW_GOODWILL_USER, 'Kim Ode', { tz: 'America/Los_Angeles' });
    addStaff(app.db, WORKER, { tz: ZONE, name: 'Dana Rivera' }, now);
    addStaff(app.db, COLLEAGUE, { tz: ZONE, name: 'Lee Park' }, now);
    amina = enrollParticipant(app.db, actor(WORKER), newParticipant(WORKER, { fullName: 'Amina Kone', preferredContactMethod: 'text' }), now);
    const gw = addPartner(app.db, actor(WORKER), { name: 'Goodwill Job Center', kind: 'community_provider' }, now);
    if (gw.kind !== 'ok') throw new Error('partner');
    goodwill = gw.partnerId;
    const c = addContact(app.db, actor(WORKER), goodwill, { name: 'Jo Banks', slackUserId: GOODWILL_USER }, now);
    if (c.kind !== 'ok') throw new Error('contact');
    goodwillContact = c.contactId;
    const r = recordRelease(
      app.db,
      actor(WORKER),
      { participantId: amina, partnerId: goodwill, signedDate: '2026-11-02', expiryDate: '2027-11-02', scopes: ['contact_details', 'employment_plan'], documentLocation: null },
      { now, today: TODAY },
    );
    if (r.kind !== 'ok') throw new Error('release');
    app.fake.addChannel({ id: CHANNEL, name: 'irt-amina', is_private: true, members: [WORKER, COLLEAGUE, GOODWILL_USER, app.fake.botUserId] });
    deps = { db: app.db, clock: app.clock, config: app.config, logger: pino({ level: 'silent' }) };
  });
  afterEach(async () => {
    await app.close();
  });

  /** A meeting with Jo attending, its thread posted (as the planning modal's submit does): full, it names Amina. */
  async function plannedThread(): Promise<{ id: number; threadTs: string }> {
    const now = app.clock.now();
    const result = planMeeting(
      app.db,
      actor(WORKER),
      {
        participantId: amina,
        reason: 'needs',
        reasonDetail: null,
        urgent: false,
        calledBy: 'case_manager',
        locationKind: 'in_person',
        locationDetail: 'Main St. One-Stop, room 2',
        planningChannelId: CHANNEL,
        bringAssessment: false,
        bringPlan: true,
        bringResources: false,
        preferredCommunication: 'Text message, in French',
        naturalSupports: [],
        partnerContactIds: [goodwillContact],
        staffIds: [COLLEAGUE],
      },
      { now, today: localDate(now, ZONE), timeZone: ZONE, holidays: app.config.holidays, profiles: app.config.profiles },
    );
    if (result.kind !== 'ok') throw new Error(result.kind);
    await postPlanningThread(deps, client(), result.meetingId, WORKER);
    const meeting = meetingDetail(app.db, result.meetingId)!.meeting;
    expect(meeting.threadMode).toBe('full');
    const parent = app.fake.findMessage(CHANNEL, meeting.threadTs!)!;
    expect(parent.text).toContain('IRT meeting for Amina K.');
    return { id: result.meetingId, threadTs: meeting.threadTs! };
  }

  // ------------------------------------------------------------------- the directory, through Slack

  async function openDirectory(): Promise<FakeView> {
    const res = await app.slack.command({ command: '/irt', text: 'partners', userId: WORKER, channelId: 'C0GENERAL1' });
    expect(res.problems).toEqual([]);
    const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === res.triggerId);
    expect(open.ok, JSON.stringify(open.response)).toBe(true);
    return app.fake.getView(String((open.response['view'] as Obj)['id']))!;
  }

  async function push(directory: FakeView, actionId: string, selectedOption?: string): Promise<FakeView> {
    const press = await app.slack.blockAction({ userId: WORKER, actionId, view: { id: directory.id }, blockId: `partner_actions_${goodwill}`, ...(selectedOption ? { selectedOption } : {}) });
    expect(press.problems).toEqual([]);
    const pushed = await app.fake.waitForCall('views.push', (c) => c.args['trigger_id'] === press.triggerId);
    expect(pushed.ok, JSON.stringify(pushed.response)).toBe(true);
    return app.fake.getView(String((pushed.response['view'] as Obj)['id']))!;
  }

  /** Submits a directory form (the values given; the rest as the form shows them): it closes at once, the directory under it is refreshed. Returns where the calls after it start. */
  async function save(directory: FakeView, form: FakeView, values: StateValues): Promise<number> {
    const before = app.fake.calls.length;
    const res = await app.slack.viewSubmission({ userId: WORKER, viewId: form.id, values });
    expect(res.problems).toEqual([]);
    expect(res.body).toBe('');
    await app.fake.waitForCall('views.update', (c) => app.fake.calls.indexOf(c) >= before && c.args['view_id'] === directory.id);
    return before;
  }

  const editContact = async (values: StateValues) => {
    const directory = await openDirectory();
    const form = await push(directory, 'partner_edit_contact', String(goodwillContact));
    expect(form.callback_id).toBe('partner_contact');
    return save(directory, form, values);
  };

  const organizerTold = (after: number) =>
    app.fake.waitForCall(
      'chat.postMessage',
      (c) => app.fake.calls.indexOf(c) >= after && c.args['channel'] === app.fake.dmChannelFor(WORKER) && JSON.stringify(c.args['blocks']).includes('"block_id":"irt_narrowed"'),
      5000,
    );

  /** The parent as it stands now, and what it was rewritten to: nothing names Amina. */
  async function expectLogisticsOnly(m: { id: number; threadTs: string }, after: number) {
    const update = await app.fake.waitForCall('chat.update', (c) => app.fake.calls.indexOf(c) >= after && c.args['ts'] === m.threadTs, 5000);
    const parent = app.fake.findMessage(CHANNEL, m.threadTs)!;
    const shown = JSON.stringify({ text: parent.text, blocks: parent.blocks, update: update.args });
    expect(parent.text).toContain('participant details withheld');
    for (const name of NAMES) expect(shown, `the parent must not read “${name}”`).not.toContain(name);
    expect(shown).not.toContain('French');
    expect(app.db.select().from(irtMeetings).where(eq(irtMeetings.id, m.id)).get()!.threadMode).toBe('logistics_only');
  }

  it('a contact turned off in the directory: the thread that named the participant is rewritten to logistics only, after the directory answered, and the organizer is told who', async () => {
    const m = await plannedThread();
    const after = await editContact({ contact_active: v(checkboxes([])) });
    expect(app.db.select().from(partnerContacts).where(eq(partnerContacts.id, goodwillContact)).get()!.active).toBe(false);

    await expectLogisticsOnly(m, after);
    const told = await organizerTold(after);
    const notice = JSON.stringify(told.args['blocks']);
    expect(notice).toContain(`<@${GOODWILL_USER}> is no longer a contact of Goodwill Job Center in the directory`);
    expect(notice).toContain('no longer names the participant');
    expect(notice).toContain(`<@${GOODWILL_USER}> — not Tickler staff and not a contact of a partner organization`);
    // The directory was refreshed before any of the thread's Slack work.
    const order = app.fake.calls.slice(after).map((c) => c.method);
    expect(order.indexOf('views.update')).toBeLessThan(order.indexOf('conversations.members'));
  });

  it('a contact’s Slack user changed: the OLD user, still in the channel, is the one who lost standing', async () => {
    const m = await plannedThread();
    const after = await editContact({ contact_slack_user: v(usersSelect(NEW_GOODWILL_USER)), contact_active: v(checkboxes(['yes'])) });
    expect(app.db.select().from(partnerContacts).where(eq(partnerContacts.id, goodwillContact)).get()!.slackUserId).toBe(NEW_GOODWILL_USER);

    await expectLogisticsOnly(m, after);
    const notice = JSON.stringify((await organizerTold(after)).args['blocks']);
    expect(notice).toContain(`<@${GOODWILL_USER}> is no longer a contact of Goodwill Job Center in the directory`);
    expect(notice).not.toContain(`<@${NEW_GOODWILL_USER}> is`);
  });

  it('an organization turned off: its contacts in the channel lose their standing too', async () => {
    const m = await plannedThread();
    const directory = await openDirectory();
    const form = await push(directory, 'partner_edit_start');
    expect(form.callback_id).toBe('partner_edit');
    const after = await save(directory, form, { partner_active: v(checkboxes([])) });
    expect(app.db.select().from(partners).where(eq(partners.id, goodwill)).get()!.active).toBe(false);

    await expectLogisticsOnly(m, after);
    const notice = JSON.stringify((await organizerTold(after)).args['blocks']);
    expect(notice).toContain(`<@${GOODWILL_USER}> is no longer a contact of Goodwill Job Center in the directory`);
  });

  it('a staff member in the channel made a contact of an organization without a release: judged by that organization now, the thread says less', async () => {
    const m = await plannedThread();
    const es = addPartner(app.db, actor(WORKER), { name: 'Eastside Housing', kind: 'public_assistance' }, app.clock.now());
    if (es.kind !== 'ok') throw new Error('partner');
    const directory = await openDirectory();
    const press = await app.slack.blockAction({ userId: WORKER, actionId: 'partner_add_contact', view: { id: directory.id }, blockId: `partner_actions_${es.partnerId}` });
    const pushed = await app.fake.waitForCall('views.push', (c) => c.args['trigger_id'] === press.triggerId);
    const form = app.fake.getView(String((pushed.response['view'] as Obj)['id']))!;
    const after = await save(directory, form, { contact_name: v(plainText('Lee Park')), contact_slack_user: v(usersSelect(COLLEAGUE)) });

    await expectLogisticsOnly(m, after);
    const notice = JSON.stringify((await organizerTold(after)).args['blocks']);
    expect(notice).toContain(`<@${COLLEAGUE}> is now a contact of Eastside Housing in the directory`);
    expect(notice).toContain(`<@${COLLEAGUE}> — a contact of Eastside Housing, which has no valid release`);
  });

  it('a change that leaves everyone’s standing as it was (a new title) judges no thread again', async () => {
    const m = await plannedThread();
    const after = await editContact({ contact_title: v(plainText('Job developer')), contact_active: v(checkboxes(['yes'])) });
    expect(app.db.select().from(partnerContacts).where(eq(partnerContacts.id, goodwillContact)).get()!.title).toBe('Job developer');
    // Past the directory refresh the handler has no Slack work left; a judging would have begun reading the channel by the time another command is answered.
    const directory = await openDirectory();
    expect(directory.callback_id).toBe('partner_directory');
    expect(app.fake.calls.slice(after).map((c) => c.method)).not.toContain('conversations.members');
    expect(app.fake.calls.slice(after).filter((c) => c.method === 'chat.update')).toEqual([]);
    expect(meetingDetail(app.db, m.id)!.meeting.threadMode).toBe('full');
    expect(app.fake.findMessage(CHANNEL, m.threadTs)!.text).toContain('IRT meeting for Amina K.');
  });
});
