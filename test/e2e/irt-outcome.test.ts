// After the IRT meeting (issue #6), through signed requests against the fake Slack: *Record
// outcome* from the planning thread opens the modal; *Add step* grows it without losing what was
// typed; an invalid outcome is refused field by field and writes nothing; a valid one becomes a
// case note, needs on the plan, action steps on the caseload, a short thread summary (only what
// the release gate allows) and a private confirmation; *Done* on a step's reminder is for the
// person responsible, the organizer or the case manager only.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { confirmSlot, planMeeting, setThread } from '../../src/db/irt';
import { enrollParticipant } from '../../src/db/participants';
import { auditLog, caseNotes, irtActionItems, irtAttendees, irtMeetings, irtSlots, needs, partnerContacts, partners, releases } from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import { addCalendarDays } from '../../src/domain/due';
import { displayDate, localDate } from '../../src/domain/dates';
import { createHolidayCalendar } from '../../src/domain/holidays';
import { actionItemReminder } from '../../src/slack/irt/views';
import { startTestApp, type TestApp } from '../harness/app';
import { validateMessage } from '../harness/blockkit';
import { addStaff } from '../harness/db';
import type { FakeView } from '../harness/fake-slack';
import { newParticipant } from '../harness/fixtures';
import { checkboxes, datepicker, plainText, staticSelect, type StateValues } from '../harness/slack-request';

const PLANNED = '2026-11-23T18:00:00.000Z'; // Monday Nov 23, noon in Chicago: the meeting is planned
const ZONE = 'America/Chicago';
const WORKER = 'U0WORKER01'; // Dana Rivera, Amina's case manager and the organizer
const SUPERVISOR = 'U0SUPERV01';
const STRANGER = 'U0WORKER03'; // Sam Okafor: staff, but not on Amina's case
const PARTNER = 'U0PARTNER1'; // Joe Smith of Goodwill Workforce, in the workspace
const OUTSIDER = 'U0OUTSIDE9'; // someone in the channel who is neither staff nor a partner contact
const CHANNEL = 'C0IRTPLAN1';
const CARD_CHANNEL = 'C0GENERAL1';

type Obj = Record<string, unknown>;
const v = (state: Obj) => ({ value: state });
const texts = (x: unknown) => JSON.stringify(x);

describe('after the IRT meeting: the outcome, the action plan, and Done', () => {
  let app: TestApp;
  let amina: number;
  let meetingId: number;
  let threadTs: string;
  let meetingDate: string;
  let attendee: { participant: number; partner: number; worker: number };

  const actor = (id: string) => actorFor(getStaff(app.db, id)!, new Set());

  beforeEach(async () => {
    app = await startTestApp({ now: PLANNED });
    for (const [id, name] of [
      [WORKER, 'Dana Rivera'],
      [SUPERVISOR, 'Sol Marquez'],
      [STRANGER, 'Sam Okafor'],
      [PARTNER, 'Joe Smith'],
    ] as const) app.addUser(id, name, { tz: ZONE });
    const now = app.clock.now();
    addStaff(app.db, SUPERVISOR, { role: 'supervisor', name: 'Sol Marquez', tz: ZONE }, now);
    addStaff(app.db, WORKER, { supervisorId: SUPERVISOR, name: 'Dana Rivera', tz: ZONE }, now);
    addStaff(app.db, STRANGER, { name: 'Sam Okafor', tz: ZONE }, now);
    amina = enrollParticipant(app.db, actor(WORKER), newParticipant(WORKER, { fullName: 'Amina Kone' }), now);

    // The partner directory and Amina's release for Goodwill (employment plan included).
    const at = now.toISOString();
    const goodwill = app.db
      .insert(partners)
      .values({ name: 'Goodwill Workforce', nameKey: 'goodwill workforce', kind: 'community_provider', createdAt: at, createdBy: WORKER, updatedAt: at, updatedBy: WORKER })
      .returning({ id: partners.id })
      .get().id;
    const joe = app.db.insert(partnerContacts).values({ partnerId: goodwill, name: 'Joe Smith', slackUserId: PARTNER, createdAt: at, updatedAt: at }).returning({ id: partnerContacts.id }).get().id;
    app.db
      .insert(releases)
      .values({ participantId: amina, partnerId: goodwill, signedDate: '2026-11-02', expiryDate: '2027-11-02', shareContactDetails: true, shareEmploymentPlan: true, recordedAt: at, recordedBy: WORKER })
      .run();

    // A meeting planned and confirmed through the IRT flow's own db functions.
    const planned = planMeeting(
      app.db,
      actor(WORKER),
      {
        participantId: amina,
        reason: 'needs',
        reasonDetail: null,
        urgent: false,
        calledBy: 'participant',
        locationKind: 'in_person',
        locationDetail: 'Main St. One-Stop, room 2',
        planningChannelId: CHANNEL,
        bringAssessment: true,
        bringPlan: true,
        bringResources: false,
        preferredCommunication: 'Text message',
        naturalSupports: [],
        partnerContactIds: [joe],
        staffIds: [],
      },
      { now, today: '2026-11-23', timeZone: ZONE, holidays: createHolidayCalendar({ country: 'US' }), profiles: app.config.profiles },
    );
    if (planned.kind !== 'ok') throw new Error(`meeting not planned: ${planned.kind}`);
    meetingId = planned.meetingId;
    expect(confirmSlot(app.db, actor(WORKER), planned.slotIds[0]!, now).kind).toBe('ok');

    // The planning thread: partners and staff can read the channel; its parent message carries *Record outcome*.
    app.fake.addChannel({ id: CHANNEL, name: 'irt-planning', is_private: true, members: [WORKER, PARTNER, app.fake.botUserId] });
    const parent = app.fake.addMessage({
      channel: CHANNEL,
      text: 'IRT meeting for Amina K.',
      blocks: [
        { type: 'section', block_id: 'irt_when', text: { type: 'mrkdwn', text: ':white_check_mark: *Confirmed*' } },
        { type: 'actions', block_id: 'irt_outcome', elements: [{ type: 'button', action_id: 'irt_outcome_start', text: { type: 'plain_text', text: 'Record outcome' }, value: String(meetingId) }] },
      ],
    });
    threadTs = parent.ts;
    setThread(app.db, meetingId, { threadTs, mode: 'full' }, now);

    const m = app.db.select().from(irtMeetings).where(eq(irtMeetings.id, meetingId)).get()!;
    expect(m.status).toBe('scheduled');
    meetingDate = localDate(new Date(m.startsAt!), ZONE);
    const rows = app.db.select().from(irtAttendees).where(eq(irtAttendees.meetingId, meetingId)).all();
    attendee = {
      participant: rows.find((r) => r.kind === 'participant')!.id,
      partner: rows.find((r) => r.kind === 'partner_contact')!.id,
      worker: rows.find((r) => r.kind === 'staff')!.id,
    };
    // The meeting took place: it is now an hour after it began.
    app.clock.set(new Date(Date.parse(m.startsAt!) + 60 * 60_000).toISOString());
  });
  afterEach(async () => {
    await app.close();
  });

  const count = (table: typeof caseNotes | typeof needs | typeof irtActionItems) => app.db.select().from(table).all().length;

  async function pressRecordOutcome(userId: string) {
    const res = await app.slack.blockAction({ userId, actionId: 'irt_outcome_start', channelId: CHANNEL, messageTs: threadTs });
    expect(res.problems).toEqual([]);
    return res;
  }

  async function openOutcome(): Promise<FakeView> {
    const press = await pressRecordOutcome(WORKER);
    const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === press.triggerId);
    expect(open.ok, texts(open.response)).toBe(true);
    const view = app.fake.getView(String((open.response['view'] as Obj)['id']))!;
    expect(view.callback_id).toBe('irt_outcome');
    return view;
  }

  function validValues(): StateValues {
    const today = localDate(app.clock.now(), ZONE);
    return {
      outcome_goal: v(plainText('Start the CNA program in January.')),
      outcome_strengths: v(plainText('Punctual; finished the ESL class; her brother can drive her.')),
      outcome_need_category_0: v(staticSelect('transportation')),
      outcome_need_desc_0: v(plainText('Bus pass until the car is repaired')),
      outcome_step_desc_0: v(plainText('Apply for the reduced-fare bus pass')),
      outcome_step_who_0: v(staticSelect(`a:${attendee.participant}`)),
      outcome_step_due_0: v(datepicker(addCalendarDays(today, 6))),
      outcome_step_desc_1: v(plainText('Send the CNA enrollment packet')),
      outcome_step_who_1: v(staticSelect(`a:${attendee.partner}`)),
      outcome_step_due_1: v(datepicker(today)),
      outcome_step_desc_2: v(plainText('Check the child-care subsidy')),
      outcome_step_who_2: v(staticSelect('cm')),
      outcome_step_due_2: v(datepicker(addCalendarDays(today, 2))),
      [`outcome_services_${app.db.select().from(partners).get()!.id}`]: v(plainText('Resume workshop on Tuesdays')),
      outcome_next_irt: v(datepicker(addCalendarDays(today, 42))),
    };
  }

  async function caseloadOf(userId: string): Promise<string> {
    const res = await app.slack.command({ command: '/caseload', text: '', userId, channelId: CARD_CHANNEL });
    expect(res.problems).toEqual([]);
    const reply = await app.fake.waitForResponse((r) => r.url === res.responseUrl);
    expect(reply.ok).toBe(true);
    return texts(reply.body);
  }

  it('record → invalid refused, nothing written → valid: note, needs, steps, meeting held, thread summary, caseload → Done by the partner', async () => {
    // Someone not on the case pressing the thread's button is told so, privately.
    const refused = await pressRecordOutcome(STRANGER);
    const refusal = await app.fake.waitForResponse((r) => r.url === refused.responseUrl);
    expect(refusal.body).toMatchObject({ response_type: 'ephemeral', text: 'Only staff working with this participant can record the outcome of this IRT meeting.' });
    expect(app.fake.callsTo('views.open')).toHaveLength(0);

    const view = await openOutcome();
    const blockIds = (view.blocks as Array<{ block_id?: string }>).map((b) => b.block_id);
    expect(blockIds.filter((id) => id?.startsWith('outcome_step_desc_'))).toEqual(['outcome_step_desc_0', 'outcome_step_desc_1', 'outcome_step_desc_2']);
    expect(texts(view.blocks)).toContain('Amina Kone (participant)');
    expect(texts(view.blocks)).toContain('Services offered by Goodwill Workforce');

    // *Add step*: a fourth row; what was typed stays.
    app.fake.setViewState(view.id, { outcome_goal: v(plainText('Start the CNA program in January.')) });
    const add = await app.slack.blockAction({ userId: WORKER, actionId: 'irt_outcome_add_step', view: { id: view.id } });
    expect(add.problems).toEqual([]);
    const update = await app.fake.waitForCall('views.update', (c) => c.args['view_id'] === view.id);
    expect(update.ok, texts(update.response)).toBe(true);
    const grown = app.fake.getView(view.id)!;
    expect((grown.blocks as Array<{ block_id?: string }>).filter((b) => b.block_id?.startsWith('outcome_step_desc_'))).toHaveLength(4);
    const goalBlock = (grown.blocks as Array<{ block_id?: string; element?: Obj }>).find((b) => b.block_id === 'outcome_goal')!;
    expect(goalBlock.element!['initial_value']).toBe('Start the CNA program in January.');

    // Invalid: a step without a due date, another due in the past. Errors on those blocks; nothing written.
    const yesterday = addCalendarDays(localDate(app.clock.now(), ZONE), -1);
    const invalid = await app.slack.viewSubmission({
      userId: WORKER,
      viewId: view.id,
      values: { ...validValues(), outcome_step_due_0: v(datepicker(null)), outcome_step_due_1: v(datepicker(yesterday)) },
    });
    expect(invalid.problems).toEqual([]);
    const body = invalid.json<{ response_action: string; errors: Record<string, string> }>();
    expect(body.response_action).toBe('errors');
    expect(body.errors).toEqual({
      outcome_step_due_0: 'Pick the date this step is due.',
      outcome_step_due_1: expect.stringMatching(/is in the past\. Pick today or a later day\./),
    });
    expect([count(caseNotes), count(needs), count(irtActionItems)]).toEqual([0, 0, 0]);
    expect(app.db.select().from(irtMeetings).get()!.status).toBe('scheduled');

    // Valid.
    const saved = await app.slack.viewSubmission({ userId: WORKER, viewId: view.id, values: validValues() });
    expect(saved.problems).toEqual([]);
    expect(saved.body).toBe('');
    const note = app.db.select().from(caseNotes).get()!;
    expect(note).toMatchObject({ participantId: amina, authorId: WORKER, source: 'irt_outcome', contactKind: 'participant', method: 'face_to_face', interactionDate: meetingDate, timeliness: 'on_time' });
    expect(app.db.select().from(needs).all()).toMatchObject([{ participantId: amina, category: 'transportation', source: 'irt', sourceNoteId: note.id, status: 'open' }]);
    const steps = app.db.select().from(irtActionItems).all();
    expect(steps.map((s) => [s.description, s.responsibleKind, s.responsibleSlackUserId, s.status])).toEqual([
      ['Apply for the reduced-fare bus pass', 'participant', null, 'open'],
      ['Send the CNA enrollment packet', 'partner_contact', PARTNER, 'open'],
      ['Check the child-care subsidy', 'staff', WORKER, 'open'],
    ]);
    expect(app.db.select().from(irtMeetings).get()).toMatchObject({ status: 'held', outcomeNoteId: note.id, goalStatement: 'Start the CNA program in January.' });

    // The same submission again (Slack retry, double click): still one outcome.
    const again = await app.slack.viewSubmission({ userId: WORKER, viewId: view.id, hash: view.hash, values: validValues(), checkValues: false });
    expect(again.body).toBe('');
    expect([count(caseNotes), count(needs), count(irtActionItems)]).toEqual([1, 1, 3]);

    // The thread: a logistics-only summary even though every reader is staff or Goodwill (release
    // covering the employment plan) — the message cannot be rewritten later, so it never names anyone.
    const summary = await app.fake.waitForCall('chat.postMessage', (c) => c.args['channel'] === CHANNEL && c.args['thread_ts'] === threadTs);
    expect(summary.ok, texts(summary.response)).toBe(true);
    expect(validateMessage({ text: summary.args['text'], blocks: summary.args['blocks'] })).toEqual([]);
    const nextIrt = addCalendarDays(localDate(app.clock.now(), ZONE), 42);
    expect(summary.args['text']).toBe(`Outcome recorded · 3 action steps · next IRT ${displayDate(nextIrt)}`);
    expect(texts(summary.args)).not.toMatch(/Amina|Kone|CNA|Punctual|Bus pass|bus pass|child-care/);
    expect(app.db.select().from(auditLog).where(eq(auditLog.action, 'irt-disclose')).all()).toEqual([]);

    // The case manager's private confirmation.
    const confirmation = await app.fake.waitForCall('chat.postMessage', (c) => String(c.args['text'] ?? '').startsWith('IRT outcome recorded for Amina Kone'));
    expect(confirmation.ok).toBe(true);
    expect(app.fake.getChannel(String(confirmation.args['channel']))?.is_im).toBe(true);

    // The caseload shows the step due today.
    expect(await caseloadOf(WORKER)).toContain('IRT step “Send the CNA enrollment packet” due today');

    // The reminder job posts the step in the thread with *Done*.
    const reminder = app.fake.addMessage({
      channel: CHANNEL,
      thread_ts: threadTs,
      ...actionItemReminder({ itemId: steps[1]!.id, step: 2, description: 'Send the CNA enrollment packet', who: `<@${PARTNER}>`, name: 'Amina K.', dueDate: steps[1]!.dueDate, today: true }),
    });

    // A stranger cannot mark it done.
    const stranger = await app.slack.blockAction({ userId: STRANGER, actionId: 'irt_action_done', channelId: CHANNEL, messageTs: reminder.ts });
    expect(stranger.problems).toEqual([]);
    const no = await app.fake.waitForResponse((r) => r.url === stranger.responseUrl);
    expect(no.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^Only the person responsible for this step/) });
    expect(app.db.select().from(irtActionItems).where(eq(irtActionItems.id, steps[1]!.id)).get()!.status).toBe('open');
    expect(app.fake.callsTo('chat.update')).toHaveLength(0);

    // The partner contact responsible for it can.
    const done = await app.slack.blockAction({ userId: PARTNER, actionId: 'irt_action_done', channelId: CHANNEL, messageTs: reminder.ts });
    expect(done.problems).toEqual([]);
    const updated = await app.fake.waitForCall('chat.update', (c) => c.args['ts'] === reminder.ts);
    expect(updated.ok, texts(updated.response)).toBe(true);
    expect(texts(app.fake.findMessage(CHANNEL, reminder.ts)!.blocks)).toContain(`Done by <@${PARTNER}>`);
    expect(texts(app.fake.findMessage(CHANNEL, reminder.ts)!.blocks)).not.toContain('irt_action_done');
    const item = app.db.select().from(irtActionItems).where(eq(irtActionItems.id, steps[1]!.id)).get()!;
    expect(item).toMatchObject({ status: 'done', doneBy: PARTNER, doneAt: app.clock.now().toISOString() });

    // A second click changes nothing; the due item is gone.
    app.clock.advance(60_000);
    const twice = await app.slack.blockAction({ userId: PARTNER, actionId: 'irt_action_done', channelId: CHANNEL, messageTs: reminder.ts, value: String(steps[1]!.id) });
    expect(twice.problems).toEqual([]);
    const already = await app.fake.waitForResponse((r) => r.url === twice.responseUrl);
    expect(already.body['text']).toMatch(/already marked done by <@U0PARTNER1>/);
    expect(app.db.select().from(irtActionItems).where(eq(irtActionItems.id, steps[1]!.id)).get()).toEqual(item);
    const after = await caseloadOf(WORKER);
    expect(after).not.toContain('Send the CNA enrollment packet');
    expect(after).toContain('Check the child-care subsidy');
  });

  it('someone in the channel without a release: the thread gets logistics only — no name, no step', async () => {
    app.addUser(OUTSIDER, 'Pat Visitor', { tz: ZONE, team_id: 'T0OTHERORG' });
    app.fake.addChannel({ id: CHANNEL, name: 'irt-planning', is_private: true, members: [WORKER, PARTNER, OUTSIDER, app.fake.botUserId] });
    const view = await openOutcome();
    const saved = await app.slack.viewSubmission({ userId: WORKER, viewId: view.id, values: validValues() });
    expect(saved.body).toBe('');
    const summary = await app.fake.waitForCall('chat.postMessage', (c) => c.args['channel'] === CHANNEL && c.args['thread_ts'] === threadTs);
    expect(summary.args['text']).toMatch(/^Outcome recorded · 3 action steps · next IRT /);
    expect(texts(summary.args)).not.toMatch(/Amina|Kone|bus pass|CNA|child-care/i);
    expect(app.db.select().from(auditLog).where(eq(auditLog.action, 'irt-disclose')).all()).toEqual([]);
  });

  it('wording the note checks flag is shown before saving; *Save anyway* keeps it and records the choice', async () => {
    const view = await openOutcome();
    const values = { ...validValues(), outcome_strengths: v(plainText('I think she is lazy about paperwork but punctual.')) };
    const warned = await app.slack.viewSubmission({ userId: WORKER, viewId: view.id, values });
    expect(warned.problems).toEqual([]);
    expect(warned.json<{ response_action: string }>().response_action).toBe('update');
    expect(count(caseNotes)).toBe(0);
    const shown = app.fake.getView(view.id)!;
    expect(texts(shown.blocks)).toContain('`I think`');
    expect((shown.blocks as Array<{ block_id?: string; element?: Obj }>).find((b) => b.block_id === 'outcome_strengths')!.element!['initial_value']).toBe(
      'I think she is lazy about paperwork but punctual.',
    );
    const saved = await app.slack.viewSubmission({ userId: WORKER, viewId: view.id, values: { ...values, outcome_save_anyway: v(checkboxes(['yes'])) } });
    expect(saved.body).toBe('');
    const note = app.db.select().from(caseNotes).get()!;
    expect(note.checkChoice).toBe('saved_anyway');
    expect(JSON.parse(note.checkWarnings!)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'opinion', field: 'outcome_strengths', matched: 'I think' })]));
  });

  it('the card shows *Record outcome* to the case manager once the meeting has begun; the outcome cannot be recorded twice', async () => {
    const res = await app.slack.command({ command: '/participant', text: 'amina', userId: WORKER, channelId: CARD_CHANNEL });
    const card = await app.fake.waitForResponse((r) => r.url === res.responseUrl);
    expect(texts(card.body['blocks'])).toContain('irt_outcome_start');
    const press = await app.slack.blockAction({ userId: WORKER, actionId: 'irt_outcome_start', channelId: CARD_CHANNEL, messageTs: card.messageTs!, isEphemeral: true });
    const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === press.triggerId);
    const view = app.fake.getView(String((open.response['view'] as Obj)['id']))!;
    expect(JSON.parse(view.private_metadata)).toMatchObject({ meetingId, steps: 3, responseUrl: press.responseUrl });

    const saved = await app.slack.viewSubmission({ userId: WORKER, viewId: view.id, values: validValues() });
    expect(saved.body).toBe('');
    // The confirmation goes back where the card was.
    const confirmation = await app.fake.waitForResponse((r) => r.url === press.responseUrl);
    expect(confirmation.body['text']).toBe('IRT outcome recorded for Amina Kone');

    const later = await pressRecordOutcome(WORKER);
    const told = await app.fake.waitForResponse((r) => r.url === later.responseUrl);
    expect(told.body['text']).toBe('The outcome of this IRT meeting is already recorded.');
    expect(count(caseNotes)).toBe(1);
    expect(app.db.select().from(irtSlots).where(eq(irtSlots.confirmed, true)).all()).toHaveLength(1);
  });
});
