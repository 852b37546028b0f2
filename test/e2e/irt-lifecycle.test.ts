// An IRT meeting's life after planning (issue #6, the review's findings), through signed requests
// to the real Bolt receiver and the fake Slack: an organizer whose participant was reassigned away
// from them is refused privately everywhere and changes nothing; *Propose new times* pressed twice
// makes one new round, and an old round's buttons no longer confirm or replace anything; a time
// that has begun cannot be confirmed; when Slack refuses the new times, the old ones keep working;
// *Cancel meeting* tells the thread and the attendees who had the time (logistics only), and a
// cancelled meeting gets no reminders and takes no answers.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planMeeting } from '../../src/db/irt';
import { enrollParticipant, reassignParticipant } from '../../src/db/participants';
import { addContact, addPartner } from '../../src/db/partners';
import { recordRelease } from '../../src/db/releases';
import { auditLog, irtActionItems, irtAvailability, irtMeetings, irtSlots, partnerContacts } from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import { formatSlotFor } from '../../src/domain/irt';
import {
  ALREADY_PROPOSED_TEXT,
  CANCEL_REFUSED_TEXT,
  CANCELLED_TEXT,
  CANCELLED_THREAD_TEXT,
  NOT_OFFERED_TEXT,
  PAST_TEXT,
  POST_THREAD_REFUSED_TEXT,
  ROUND_NOT_POSTED_TEXT,
} from '../../src/slack/irt/register';
import { ONLY_ORGANIZER_TEXT, threadFailedMessage } from '../../src/slack/irt/views';
import { startTestApp, type TestApp } from '../harness/app';
import { addStaff } from '../harness/db';
import type { FakeView, RecordedResponse } from '../harness/fake-slack';
import { newParticipant } from '../harness/fixtures';
import { reminderJob } from '../harness/irt';
import { checkboxes, conversationsSelect, multiExternalSelect, multiUsersSelect, plainText, radioButtons, staticSelect, type StateValues } from '../harness/slack-request';

const NOW = '2026-11-23T15:00:00.000Z'; // Monday Nov 23, 2026, 9:00 in Chicago
const TODAY = '2026-11-23';
const WORKER = 'U0WORKER01'; // Dana Rivera, Amina's case manager and the organizer (Chicago)
const COLLEAGUE = 'U0WORKER02'; // Lee Park, invited staff (New York); Amina's case moves to him
const SUPERVISOR = 'U0SUPERV01'; // Sol Marquez, who leads them both
const PARTNER = 'U0PARTNER1'; // Jo Banks, Goodwill (Los Angeles), with a release
const CHANNEL = 'G0IRTPLAN1';
const FULL_NAME = 'Amina Kone';

type Obj = Record<string, unknown>;
type Block = { block_id?: string; elements?: Array<{ action_id?: string; value?: string }> };
const v = (state: Obj) => ({ value: state });
const json = (x: unknown) => JSON.stringify(x);

describe('an IRT meeting after planning: reassignment, new times, old times, cancelling', () => {
  let app: TestApp;
  let amina: number;
  let goodwill: number;
  let goodwillContact: number;

  const actor = (id: string) => actorFor(getStaff(app.db, id)!, new Set());

  beforeEach(async () => {
    app = await startTestApp({ now: NOW });
    const now = app.clock.now();
    app.addUser(WORKER, 'Dana Rivera', { tz: 'America/Chicago' });
    app.addUser(COLLEAGUE, 'Lee Park', { tz: 'America/New_York' });
    app.addUser(SUPERVISOR, 'Sol Marquez', { tz: 'America/Chicago' });
    app.addUser(PARTNER, 'Jo Banks', { tz: 'America/Los_Angeles' });
    addStaff(app.db, SUPERVISOR, { role: 'supervisor', tz: 'America/Chicago', name: 'Sol Marquez' }, now);
    addStaff(app.db, WORKER, { tz: 'America/Chicago', name: 'Dana Rivera', supervisorId: SUPERVISOR }, now);
    addStaff(app.db, COLLEAGUE, { tz: 'America/New_York', name: 'Lee Park', supervisorId: SUPERVISOR }, now);
    amina = enrollParticipant(app.db, actor(WORKER), newParticipant(WORKER, { fullName: FULL_NAME }), now);
    const gw = addPartner(app.db, actor(WORKER), { name: 'Goodwill Job Center', kind: 'community_provider' }, now);
    if (gw.kind !== 'ok') throw new Error('partner');
    goodwill = gw.partnerId;
    const c = addContact(app.db, actor(WORKER), goodwill, { name: 'Jo Banks', slackUserId: PARTNER }, now);
    if (c.kind !== 'ok') throw new Error('contact');
    goodwillContact = c.contactId;
    const r = recordRelease(app.db, actor(WORKER), { participantId: amina, partnerId: goodwill, signedDate: '2026-11-02', expiryDate: '2027-11-02', scopes: ['contact_details'], documentLocation: null }, { now, today: TODAY });
    if (r.kind !== 'ok') throw new Error('release');
    app.fake.addChannel({ id: CHANNEL, name: 'irt-planning', is_private: true, members: [WORKER, COLLEAGUE, PARTNER, app.fake.botUserId] });
  });
  afterEach(async () => {
    await app.close();
  });

  const meeting = () => app.db.select().from(irtMeetings).get()!;
  const slots = () => app.db.select().from(irtSlots).all();
  const auditCount = () => app.db.select().from(auditLog).all().length;
  const threadPosts = (threadTs: string) => app.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args['channel'] === CHANNEL && c.args['thread_ts'] === threadTs);
  const dmOf = (userId: string) => app.fake.messagesIn(app.fake.dmChannelFor(userId));

  /** /irt → the planning modal. */
  async function planningModal(): Promise<FakeView> {
    const res = await app.slack.command({ command: '/irt', text: 'amina', userId: WORKER, channelId: CHANNEL });
    expect(res.problems).toEqual([]);
    const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === res.triggerId);
    return app.fake.getView(String((open.response['view'] as Obj)['id'])) as FakeView;
  }

  function planForm(o: { urgent?: boolean } = {}): StateValues {
    return {
      irt_reason: v(radioButtons('needs')),
      irt_urgent: v(checkboxes(o.urgent ? ['urgent'] : [])),
      irt_called_by: v(staticSelect('case_manager')),
      irt_partners: { irt_partner_search: multiExternalSelect([String(goodwillContact)]) },
      irt_staff: v(multiUsersSelect([COLLEAGUE])),
      irt_location_kind: v(radioButtons('in_person')),
      irt_location_detail: v(plainText('Main St. One-Stop, room 2')),
      irt_channel: v(conversationsSelect(CHANNEL)),
      irt_materials: v(checkboxes(['plan'])),
      irt_communication: v(plainText('Text message')),
    };
  }

  /** /irt → the planning modal → submitted; resolves once the thread's parent and first round are posted. */
  async function planned(): Promise<{ threadTs: string; slotsTs: string }> {
    const view = await planningModal();
    const submitted = await app.slack.viewSubmission({ userId: WORKER, viewId: view.id, values: planForm() });
    expect(submitted.problems).toEqual([]);
    expect(submitted.body).toBe('');
    const round = await app.fake.waitForCall('chat.postMessage', (c) => c.args['channel'] === CHANNEL && !!c.args['thread_ts']);
    expect(round.ok, json(round.response)).toBe(true);
    return { threadTs: String(round.args['thread_ts']), slotsTs: String(round.response['ts']) };
  }

  /** Presses a button on a message; resolves with the private answer when `answered` (the response_url post). */
  async function press(userId: string, actionId: string, where: { channel?: string; ts: string; blockId?: string; value?: string }) {
    const res = await app.slack.blockAction({
      userId,
      actionId,
      channelId: where.channel ?? CHANNEL,
      messageTs: where.ts,
      ...(where.blockId ? { blockId: where.blockId } : {}),
      ...(where.value ? { value: where.value } : {}),
    });
    expect(res.problems).toEqual([]);
    return { responseUrl: res.responseUrl!, answer: (): Promise<RecordedResponse> => app.fake.waitForResponse((r) => r.url === res.responseUrl) };
  }
  const privateText = async (p: Promise<{ answer(): Promise<RecordedResponse> }>) => {
    const reply = await (await p).answer();
    expect(reply.body['response_type']).toBe('ephemeral');
    return reply.body['text'];
  };

  it('the organizer, once Amina’s case moved to Lee, is refused privately on every button and nothing changes; Lee can confirm', async () => {
    const { threadTs, slotsTs } = await planned();
    const first = slots()[0]!;
    const m = meeting();
    // A step of the meeting (as the outcome would write it) with its reminder in the thread, and the organizer's retry DM.
    const stepId = app.db
      .insert(irtActionItems)
      .values({ meetingId: m.id, participantId: amina, description: 'Bring ID to the housing office', responsibleKind: 'participant', responsibleName: 'Amina Kone', dueDate: '2026-12-20', status: 'open', createdAt: NOW, createdBy: WORKER })
      .returning({ id: irtActionItems.id })
      .get().id;
    const reminder = app.fake.addMessage({
      channel: CHANNEL,
      thread_ts: threadTs,
      text: 'Action step 1 of this IRT meeting is due today',
      blocks: [{ type: 'section', block_id: `irt_item_${stepId}`, text: { type: 'mrkdwn', text: 'Action step 1' }, accessory: { type: 'button', action_id: 'irt_action_done', text: { type: 'plain_text', text: 'Done' }, value: String(stepId) } }],
    });
    const retry = app.fake.addMessage({ channel: app.fake.dmChannelFor(WORKER), ...threadFailedMessage(CHANNEL, m.id, 'fatal_error') });

    expect(reassignParticipant(app.db, actor(SUPERVISOR), amina, COLLEAGUE, app.clock.now())).toBe('ok');
    const rows = { meeting: meeting(), slots: slots(), steps: app.db.select().from(irtActionItems).all(), audit: auditCount() };
    const callsBefore = app.fake.calls.length;

    expect(await privateText(press(WORKER, 'irt_confirm_start', { ts: slotsTs, blockId: `irt_slot_actions_${first.id}` }))).toBe(ONLY_ORGANIZER_TEXT);
    expect(await privateText(press(WORKER, 'irt_repropose', { ts: slotsTs }))).toBe(ONLY_ORGANIZER_TEXT);
    expect(await privateText(press(WORKER, 'irt_post_thread', { channel: app.fake.dmChannelFor(WORKER), ts: retry.ts }))).toBe(POST_THREAD_REFUSED_TEXT);
    expect(await privateText(press(WORKER, 'irt_action_done', { ts: reminder.ts }))).toMatch(/^Only the person responsible for this step/);
    expect(await privateText(press(WORKER, 'irt_cancel', { ts: threadTs, blockId: 'irt_cancel', value: String(m.id) }))).toBe(CANCEL_REFUSED_TEXT);

    expect({ meeting: meeting(), slots: slots(), steps: app.db.select().from(irtActionItems).all(), audit: auditCount() }).toEqual(rows);
    // Slack heard nothing from these clicks but the private answers: no post, no rewrite, no upload, no DM.
    expect(app.fake.calls.slice(callsBefore).map((c) => c.method).filter((x) => x !== 'auth.test')).toEqual([]);
    expect(app.fake.allUploads()).toEqual([]);

    // Lee, now on the case, confirms the same time.
    await press(COLLEAGUE, 'irt_confirm_start', { ts: slotsTs, blockId: `irt_slot_actions_${first.id}` });
    await app.fake.waitForCalls('files.completeUploadExternal', 2, undefined, 5000); // the thread's and the DM's: the last of the confirmation
    expect(meeting()).toMatchObject({ status: 'scheduled', startsAt: first.startsAt });
    expect(app.db.select().from(auditLog).where(eq(auditLog.action, 'irt-confirm')).all().map((a) => [a.actorId, a.basis])).toEqual([[COLLEAGUE, 'assigned']]);
    // The invite, and its comment naming the participant, go to Lee's DM — not the former organizer's.
    expect(app.fake.allUploads().filter((u) => u.completed).map((u) => u.channels[0]).sort()).toEqual([CHANNEL, app.fake.dmChannelFor(COLLEAGUE)].sort());
  });

  it('*Propose new times* pressed twice makes one new round; the old round’s buttons are refused privately; a time that has begun cannot be confirmed', async () => {
    const { threadTs, slotsTs } = await planned();
    const round1 = slots();
    // A copy of the first round as it was (as if its rewrite had been lost), to press later.
    const round1Blocks = structuredClone(app.fake.findMessage(CHANNEL, slotsTs)!.blocks);
    const stale = app.fake.addMessage({ channel: CHANNEL, thread_ts: threadTs, text: 'Proposed times', blocks: structuredClone(round1Blocks) });

    // A double click: both requests carry the first round's message.
    const [a, b] = await Promise.all([press(WORKER, 'irt_repropose', { ts: slotsTs }), press(WORKER, 'irt_repropose', { ts: slotsTs })]);
    // One of them is told privately; the other proposes.
    const told = await app.fake.waitForResponse((r) => r.url === a.responseUrl || r.url === b.responseUrl);
    expect(told.body['text']).toBe(ALREADY_PROPOSED_TEXT);
    const round2Post = await app.fake.waitForCall('chat.postMessage', (c) => c.args['channel'] === CHANNEL && String(c.args['text']).includes('round 2'));
    await app.fake.waitForCall('chat.update', (c) => c.args['ts'] === slotsTs);
    expect(new Set(slots().map((s) => s.round))).toEqual(new Set([1, 2]));
    expect(threadPosts(threadTs).filter((c) => String(c.args['text']).includes('round'))).toHaveLength(1);
    expect(app.db.select().from(auditLog).where(eq(auditLog.action, 'irt-repropose')).all()).toHaveLength(1);
    // The pressed message now reads "replaced", without buttons.
    expect(json(app.fake.findMessage(CHANNEL, slotsTs)!.blocks)).toContain('replaced by new times below');
    expect(json(app.fake.findMessage(CHANNEL, slotsTs)!.blocks)).not.toContain('irt_confirm_start');

    // The old copy: its *Confirm* and *Propose new times* change nothing, and it is rewritten as replaced.
    const before = { meeting: meeting(), slots: slots() };
    expect(await privateText(press(WORKER, 'irt_confirm_start', { ts: stale.ts, blockId: `irt_slot_actions_${round1[0]!.id}` }))).toBe(NOT_OFFERED_TEXT);
    await app.fake.waitForCall('chat.update', (c) => c.args['ts'] === stale.ts);
    expect(json(app.fake.findMessage(CHANNEL, stale.ts)!.blocks)).not.toContain('irt_confirm_start');
    const staleAgain = app.fake.addMessage({ channel: CHANNEL, thread_ts: threadTs, text: 'Proposed times', blocks: structuredClone(round1Blocks) });
    expect(await privateText(press(WORKER, 'irt_repropose', { ts: staleAgain.ts }))).toBe(ALREADY_PROPOSED_TEXT);
    expect({ meeting: meeting(), slots: slots() }).toEqual(before);

    // Round 2's first time has begun: refused; a later one is confirmed.
    const round2 = slots().filter((s) => s.round === 2);
    app.clock.set(new Date(Date.parse(round2[0]!.startsAt) + 60_000).toISOString());
    const round2Ts = String(round2Post.response['ts']);
    expect(await privateText(press(WORKER, 'irt_confirm_start', { ts: round2Ts, blockId: `irt_slot_actions_${round2[0]!.id}` }))).toBe(PAST_TEXT);
    expect(meeting()).toMatchObject({ status: 'planning', startsAt: null });
    await press(WORKER, 'irt_confirm_start', { ts: round2Ts, blockId: `irt_slot_actions_${round2[1]!.id}` });
    await app.fake.waitForCalls('files.completeUploadExternal', 2, undefined, 5000);
    expect(meeting()).toMatchObject({ status: 'scheduled', startsAt: round2[1]!.startsAt });
  });

  it('when Slack refuses the new times, the organizer is told privately and the times already proposed keep working', async () => {
    const { threadTs, slotsTs } = await planned();
    const round1 = slots();
    app.fake.failNext('chat.postMessage', { error: 'fatal_error', match: (args) => args['thread_ts'] === threadTs });
    expect(await privateText(press(WORKER, 'irt_repropose', { ts: slotsTs }))).toBe(ROUND_NOT_POSTED_TEXT);
    expect(slots()).toEqual(round1);
    expect(app.fake.callsTo('chat.update').filter((c) => c.args['ts'] === slotsTs)).toEqual([]);
    expect(json(app.fake.findMessage(CHANNEL, slotsTs)!.blocks)).toContain('irt_confirm_start');

    // Answering and confirming on the first round still work.
    await press(PARTNER, 'irt_available', { ts: slotsTs, blockId: `irt_slot_actions_${round1[0]!.id}` });
    await app.fake.waitForCall('chat.update', (c) => c.args['ts'] === slotsTs);
    expect(app.db.select().from(irtAvailability).all()).toHaveLength(1);
    await press(WORKER, 'irt_confirm_start', { ts: slotsTs, blockId: `irt_slot_actions_${round1[0]!.id}` });
    await app.fake.waitForCalls('files.completeUploadExternal', 2, undefined, 5000);
    expect(meeting()).toMatchObject({ status: 'scheduled', startsAt: round1[0]!.startsAt });

    // And the next press proposes a round 2 as usual; then the first round reads "replaced".
    const updates = app.fake.callsTo('chat.update').length;
    await press(WORKER, 'irt_repropose', { ts: slotsTs });
    await app.fake.waitForCall('chat.postMessage', (c) => c.args['channel'] === CHANNEL && String(c.args['text']).includes('round 2'));
    await app.fake.waitForCall('chat.update', (c) => c.args['ts'] === slotsTs && app.fake.callsTo('chat.update').indexOf(c) >= updates);
    expect(json(app.fake.findMessage(CHANNEL, slotsTs)!.blocks)).toContain('replaced by new times below');
  });

  it('cancelling a scheduled meeting: the thread is told without a name, the attendees who had the time get it in their zone, no reminders follow, nothing more is taken', async () => {
    const { threadTs, slotsTs } = await planned();
    const first = slots()[0]!;
    await press(WORKER, 'irt_confirm_start', { ts: slotsTs, blockId: `irt_slot_actions_${first.id}` });
    await app.fake.waitForCall('files.completeUploadExternal', (c) => c.args['channel_id'] === app.fake.dmChannelFor(WORKER), 5000);
    const m = meeting();
    expect(m.status).toBe('scheduled');

    // *Cancel meeting* is on the thread's first message, with the meeting id.
    const cancelButton = app.fake.findMessage(CHANNEL, threadTs)!.blocks!.flatMap((b) => ((b as { elements?: Array<{ action_id?: string; value?: string }> }).elements ?? [])).find((e) => e.action_id === 'irt_cancel');
    expect(cancelButton?.value).toBe(String(m.id));
    await press(WORKER, 'irt_cancel', { ts: threadTs, blockId: 'irt_cancel', value: String(m.id) });
    const note = await app.fake.waitForCall('chat.postMessage', (c) => c.args['thread_ts'] === threadTs && c.args['text'] === CANCELLED_THREAD_TEXT);
    expect(note.ok).toBe(true);
    expect(meeting().status).toBe('cancelled');
    const startsAt = new Date(first.startsAt);
    const endsAt = new Date(first.endsAt);
    for (const [user, zone] of [
      [COLLEAGUE, 'America/New_York'],
      [PARTNER, 'America/Los_Angeles'],
    ] as const) {
      const dm = await app.fake.waitForCall('chat.postMessage', (c) => c.args['channel'] === app.fake.dmChannelFor(user) && String(c.args['text']).includes('is cancelled'));
      expect(dm.args['text']).toBe(`The IRT meeting on ${formatSlotFor(startsAt, endsAt, zone)} is cancelled. Planning thread: <#${CHANNEL}>`);
    }
    expect(dmOf(WORKER).some((x) => x.text?.includes('is cancelled'))).toBe(false); // she did it
    // The parent no longer shows the time or *Record outcome*.
    const parent = await app.fake.waitForCall('chat.update', (c) => c.args['ts'] === threadTs && !json(c.args['blocks']).includes('irt_outcome_start'));
    expect(json(parent.args['blocks'])).not.toContain('Confirmed');
    expect(json(parent.args['blocks'])).toContain('Cancelled.');
    expect(json(parent.args['blocks'])).not.toContain('irt_cancel');
    // Nothing about the cancellation names the participant outside the organizer's own DM.
    const told = app.fake.calls.filter((x) => x.method === 'chat.postMessage' && json(x.args).includes('cancelled'));
    expect(told).toHaveLength(3);
    for (const c of told) expect(json(c.args)).not.toMatch(/Amina|Kone/);
    const audits = app.db.select().from(auditLog).all();
    expect(audits.filter((a) => a.action === 'irt-cancel').map((a) => [a.actorId, a.basis, JSON.parse(a.detail!)])).toEqual([[WORKER, 'organizer', { meeting: m.id, was: 'scheduled' }]]);
    expect(audits.filter((a) => a.action === 'irt-disclose' && JSON.parse(a.detail!).via === 'dm' && JSON.parse(a.detail!).mode === 'logistics_only').map((a) => JSON.parse(a.detail!).partners)).toEqual([String(goodwill)]);

    // A second click, an answer or a confirmation on the old times: told privately that it was cancelled.
    expect(await privateText(press(WORKER, 'irt_cancel', { ts: threadTs, blockId: 'irt_cancel', value: String(m.id) }))).toBe(CANCELLED_TEXT);
    const other = slots()[1]!.id;
    expect(await privateText(press(PARTNER, 'irt_available', { ts: slotsTs, blockId: `irt_slot_actions_${other}`, value: String(other) }))).toBe(CANCELLED_TEXT);
    expect(await privateText(press(WORKER, 'irt_confirm_start', { ts: slotsTs, blockId: `irt_slot_actions_${other}`, value: String(other) }))).toBe(CANCELLED_TEXT);
    expect(app.db.select().from(irtAvailability).all()).toEqual([]);
    expect(meeting()).toMatchObject({ status: 'cancelled', startsAt: first.startsAt });

    // The day before, the reminder job sends nothing for it.
    app.clock.set(new Date(startsAt.getTime() - 23 * 3_600_000).toISOString());
    const report = await reminderJob(app).run();
    expect(report.sent.filter((k) => k.includes(`:${m.id}:`))).toEqual([]);
  });

  it('cancelling a meeting still being planned tells the thread only: nobody had a time', async () => {
    const { threadTs } = await planned();
    const m = meeting();
    await press(COLLEAGUE, 'irt_cancel', { ts: threadTs, blockId: 'irt_cancel', value: String(m.id) }).then((p) => p.answer()).then((r) => expect(r.body['text']).toBe(CANCEL_REFUSED_TEXT));
    // Dana's supervisor may: Amina's file is in his team.
    await press(SUPERVISOR, 'irt_cancel', { ts: threadTs, blockId: 'irt_cancel', value: String(m.id) });
    await app.fake.waitForCall('chat.postMessage', (c) => c.args['thread_ts'] === threadTs && c.args['text'] === CANCELLED_THREAD_TEXT);
    await app.fake.waitForCall('chat.update', (c) => c.args['ts'] === threadTs);
    expect(meeting().status).toBe('cancelled');
    expect(app.db.select().from(auditLog).where(eq(auditLog.action, 'irt-cancel')).all().map((a) => [a.actorId, a.basis])).toEqual([[SUPERVISOR, 'supervisor']]);
    for (const user of [WORKER, COLLEAGUE, PARTNER]) expect(dmOf(user).some((x) => x.text?.includes('is cancelled'))).toBe(false);
  });

  it('a refused plan says why on the field it concerns: the contact who left the directory by name, the organizer’s full days on Urgency', async () => {
    const view = await planningModal();
    app.db.update(partnerContacts).set({ active: false }).where(eq(partnerContacts.id, goodwillContact)).run();
    const gone = await app.slack.viewSubmission({ userId: WORKER, viewId: view.id, values: planForm() });
    expect(gone.json()).toEqual({ response_action: 'errors', errors: { irt_partners: 'Jo Banks (Goodwill Job Center) is no longer active in the partner directory. Remove them, or pick another contact.' } });
    app.db.update(partnerContacts).set({ active: true }).where(eq(partnerContacts.id, goodwillContact)).run();

    // Dana's next three working days fill up with other urgent meetings' proposed times.
    const now = app.clock.now();
    for (let i = 0; i < 30; i++) {
      const r = planMeeting(
        app.db,
        actor(WORKER),
        { participantId: amina, reason: 'needs', reasonDetail: null, urgent: true, calledBy: 'case_manager', locationKind: 'phone', locationDetail: '555-0100', planningChannelId: CHANNEL, bringAssessment: false, bringPlan: false, bringResources: false, preferredCommunication: 'Text', naturalSupports: [], partnerContactIds: [], staffIds: [] },
        { now, today: TODAY, timeZone: 'America/Chicago', holidays: app.config.holidays, profiles: app.config.profiles },
      );
      if (r.kind !== 'ok') break;
    }
    const meetings = app.db.select().from(irtMeetings).all().length;
    const full = await app.slack.viewSubmission({ userId: WORKER, viewId: view.id, values: planForm({ urgent: true }) });
    const body = full.json<{ response_action: string; errors: Record<string, string> }>();
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual(['irt_urgent']);
    expect(body.errors['irt_urgent']).toContain('Your next three working days are already taken by your other IRT meetings');
    expect(app.db.select().from(irtMeetings).all()).toHaveLength(meetings);
  });
});
