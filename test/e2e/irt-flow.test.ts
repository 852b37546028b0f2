// One IRT meeting from start to finish (issue #6, "Done means"), driven only through signed
// requests to the real Bolt receiver and the fake Slack Web API, the app's clock moved by hand;
// the database is only read, to check what was written.
//
// The story: the partner directory → Amina is enrolled → /irt → the release gate refuses both
// partners → a release recorded from the button Tickler sends → refused for the other one only →
// its release recorded → planned → the planning thread names "Amina K." → a Slack Connect
// partner (not staff) answers, someone not invited is turned away → the organizer confirms →
// DMs in each attendee's zone, the .ics in the thread and the organizer's DM → the 24-hour
// reminders, once → *Record outcome* → a case note, an IRT need and two action steps on the
// caseload → the partner's step reminded in the thread on its due date → *Done* by the partner.
//
// The second story plans the meeting in a channel where a guest and a partner without a release
// can read, and sweeps everything Slack was sent that they could read for the participant's name.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseNotes, irtActionItems, irtAttendees, irtAvailability, irtMeetings, needs, partnerContacts, partners, releases, staff } from '../../src/db/schema';
import { startTestApp, type TestApp } from '../harness/app';
import type { FakeView, RecordedCall } from '../harness/fake-slack';
import { addPartnerThroughDirectory, enrollThroughSlack, recordReleaseFromCard, reminderJob, viewOpenedBy } from '../harness/irt';
import { checkboxes, datepicker, multiExternalSelect, multiUsersSelect, plainText, radioButtons, staticSelect, type StateValues } from '../harness/slack-request';

const PLANNED = '2026-11-25T15:00:00.000Z'; // Wed Nov 25, 2026, 09:00 in Chicago, the day before Thanksgiving
const TODAY = '2026-11-25';
const FULL_NAME = 'Amina Kowalczyk-Reyes';
const SHORT_NAME = 'Amina K.';
const NAME_PARTS = /Amina|Kowalczyk|Reyes/;

const ORGANIZER = 'U0WORKER01'; // Dana Rivera, Amina's case manager, Chicago
const COLLEAGUE = 'U0WORKER02'; // Lee Park, staff, New York
const OUTSIDER = 'U0WORKER03'; // Sam Okafor, a full member of the workspace, not invited
const NORTHSIDE = 'U0NORTHS01'; // Jo Banks, Northside Housing Coalition: Slack Connect (another organization's workspace), Los Angeles
const EASTSIDE = 'U0EASTSD01'; // Rae Lin, Eastside Food Bank: a full member of this workspace, Denver
const GUEST = 'U0GUEST001'; // a guest in the channel: neither staff nor a partner contact
const WESTSIDE = 'U0WESTSD01'; // Kim Ode, Westside Legal Aid (Slack Connect), which has no release for Amina
const CHANNEL = 'C0IRTPLAN1';
const MIXED = 'C0MIXED001';
const CARD_CHANNEL = 'C0GENERAL1';

// Slot 1 is Wed Dec 9, 10:00–11:00 in Chicago (CST, UTC−6).
const SLOT_1 = { startsAt: '2026-12-09T16:00:00.000Z', endsAt: '2026-12-09T17:00:00.000Z' };
const SLOT_1_IN = {
  [ORGANIZER]: 'Wed Dec 9, 10:00–11:00 AM CST',
  [COLLEAGUE]: 'Wed Dec 9, 11:00 AM–12:00 PM EST',
  [NORTHSIDE]: 'Wed Dec 9, 8:00–9:00 AM PST',
  [EASTSIDE]: 'Wed Dec 9, 9:00–10:00 AM MST',
};

type Obj = Record<string, unknown>;
interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  accessory?: { action_id?: string; value?: string };
  elements?: Array<{ action_id?: string; value?: string }>;
  element?: { options?: Array<{ value: string; text: { text: string } }>; initial_option?: { value: string } };
}
const v = (state: Obj) => ({ value: state });
const json = (x: unknown) => JSON.stringify(x);
const blocksOf = (x: { blocks?: unknown[] } | undefined): Block[] => (x?.blocks ?? []) as Block[];

describe('a whole IRT meeting, through Slack', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await startTestApp({ now: PLANNED });
    // Staff are registered by Tickler on their first request (full members of the workspace).
    app.addUser(ORGANIZER, 'Dana Rivera', { tz: 'America/Chicago' });
    app.addUser(COLLEAGUE, 'Lee Park', { tz: 'America/New_York' });
    app.addUser(OUTSIDER, 'Sam Okafor', { tz: 'America/Chicago' });
    app.addUser(NORTHSIDE, 'Jo Banks', { tz: 'America/Los_Angeles', team_id: 'T0NORTHSID' });
    app.addUser(EASTSIDE, 'Rae Lin', { tz: 'America/Denver' });
    app.addUser(GUEST, 'Pat Guest', { tz: 'America/Chicago', is_restricted: true });
    app.addUser(WESTSIDE, 'Kim Ode', { tz: 'America/Chicago', team_id: 'T0WESTSIDE' });
  });
  afterEach(async () => {
    await app.close();
  });

  // ------------------------------------------------------------------------------ the story's steps

  /** Step 1: the two partner organizations, each with a contact in Slack, through `/irt partners`. */
  async function buildDirectory() {
    const northside = await addPartnerThroughDirectory(
      app,
      ORGANIZER,
      { name: 'Northside Housing Coalition', kind: 'community_provider', serviceArea: 'Housing navigation' },
      { name: 'Jo Banks', title: 'Housing navigator', slackUserId: NORTHSIDE },
    );
    const eastside = await addPartnerThroughDirectory(app, ORGANIZER, { name: 'Eastside Food Bank', kind: 'community_provider' }, { name: 'Rae Lin', slackUserId: EASTSIDE });
    return { northside: northside.partnerId, eastside: eastside.partnerId };
  }

  /** `/irt amina` typed in `channel` → the planning modal. */
  async function openPlanning(channel: string): Promise<{ view: FakeView; responseUrl: string }> {
    const res = await app.slack.command({ command: '/irt', text: 'amina', userId: ORGANIZER, channelId: channel });
    expect(res.problems).toEqual([]);
    const view = await viewOpenedBy(app, res.triggerId);
    expect(view.callback_id).toBe('irt_plan');
    return { view, responseUrl: res.responseUrl };
  }

  /** The partner picker (an external select), as Slack loads it: organization → its contact's option value. */
  async function pickerContacts(view: FakeView): Promise<Map<string, string>> {
    const res = await app.slack.blockSuggestion({ userId: ORGANIZER, actionId: 'irt_partner_search', viewId: view.id, value: '' });
    expect(res.problems).toEqual([]);
    const groups = res.json<{ option_groups: Array<{ label: { text: string }; options: Array<{ value: string }> }> }>().option_groups;
    return new Map(groups.map((g) => [g.label.text, g.options[0]!.value]));
  }

  function planValues(contactIds: string[]): StateValues {
    return {
      irt_reason: v(radioButtons('needs')),
      irt_called_by: v(staticSelect('case_manager')),
      irt_partners: { irt_partner_search: multiExternalSelect(contactIds) },
      irt_staff: v(multiUsersSelect([COLLEAGUE])),
      irt_support_1_name: v(plainText('Halina Kowalczyk')),
      irt_support_1_relationship: v(plainText('mother')),
      irt_support_1_contact: v(plainText('555-0142')),
      irt_location_kind: v(radioButtons('in_person')),
      irt_location_detail: v(plainText('Main St. One-Stop, room 2')),
      irt_materials: v(checkboxes(['plan'])),
      irt_communication: v(plainText('Text message, in Polish')),
      // irt_channel: left as the modal offers it, the channel /irt was typed in.
    };
  }

  async function submitPlan(view: FakeView, values: StateValues) {
    const res = await app.slack.viewSubmission({ userId: ORGANIZER, viewId: view.id, values });
    expect(res.problems).toEqual([]);
    return res;
  }

  const meetingRows = () => app.db.select().from(irtMeetings).all();
  const callsSince = (n: number) => app.fake.calls.slice(n);

  /** Presses *Record release* on the private note about `partnerName`, records the release in the form it opens. */
  async function recordReleaseFromNote(note: { messageTs?: string | undefined }, partner: { id: number; name: string }, scopes: string[]) {
    const row = blocksOf(app.fake.findMessage(CHANNEL, note.messageTs!)).find((b) => b.text?.text.includes(partner.name));
    expect(row?.accessory?.action_id).toBe('release_record_start');
    const press = await app.slack.blockAction({ userId: ORGANIZER, actionId: 'release_record_start', blockId: row!.block_id!, channelId: CHANNEL, messageTs: note.messageTs!, isEphemeral: true });
    expect(press.problems).toEqual([]);
    const form = await viewOpenedBy(app, press.triggerId);
    expect(form.callback_id).toBe('release_record');
    // The partner is already chosen; the case manager fills in the signed date and what it allows.
    expect(blocksOf(form).find((b) => b.block_id === 'release_partner')?.element?.initial_option?.value).toBe(String(partner.id));
    const saved = await app.slack.viewSubmission({ userId: ORGANIZER, viewId: form.id, values: { release_signed: v(datepicker(TODAY)), release_scopes: v(checkboxes(scopes)) } });
    expect(saved.problems).toEqual([]);
    expect(saved.json<{ response_action: string }>().response_action).toBe('update');
    expect(json(app.fake.getView(form.id)!.blocks)).toContain('valid through Nov 25, 2027');
  }

  /** The slots message of the planning thread: each slot's id and start, as its `<!date^…>` shows it. */
  function slotsIn(message: { blocks?: unknown[] }): Array<{ id: number; startsAt: Date }> {
    return blocksOf(message)
      .filter((b) => /^irt_slot_\d+$/.test(b.block_id ?? ''))
      .map((b) => ({ id: Number(b.block_id!.slice('irt_slot_'.length)), startsAt: new Date(Number(/<!date\^(\d+)\^/.exec(b.text!.text)![1]) * 1000) }));
  }

  async function press(userId: string, actionId: string, where: { channel: string; ts: string; blockId?: string }) {
    const res = await app.slack.blockAction({ userId, actionId, channelId: where.channel, messageTs: where.ts, ...(where.blockId ? { blockId: where.blockId } : {}) });
    expect(res.problems).toEqual([]);
    return res;
  }

  const dmOf = (userId: string) => app.fake.messagesIn(app.fake.dmChannelFor(userId));
  const threadOf = (channel: string, ts: string) => app.fake.messagesIn(channel).filter((m) => m.thread_ts === ts && !m.ephemeral);

  async function caseloadOf(userId: string): Promise<string> {
    const res = await app.slack.command({ command: '/caseload', text: '', userId, channelId: CARD_CHANNEL });
    expect(res.problems).toEqual([]);
    const reply = await app.fake.waitForResponse((r) => r.url === res.responseUrl);
    expect(reply.ok).toBe(true);
    return json(reply.body);
  }

  /** *Record outcome* on the thread's parent message → the outcome modal. */
  async function openOutcome(channel: string, threadTs: string): Promise<FakeView> {
    const res = await press(ORGANIZER, 'irt_outcome_start', { channel, ts: threadTs });
    const view = await viewOpenedBy(app, res.triggerId);
    expect(view.callback_id).toBe('irt_outcome');
    return view;
  }

  /** The value of the option labelled `label` in an input block of a view. */
  function optionValue(view: FakeView, blockId: string, label: string): string {
    const found = blocksOf(view).find((b) => b.block_id === blockId)?.element?.options?.find((o) => o.text.text === label);
    expect(found, `${blockId} offers “${label}”`).toBeDefined();
    return found!.value;
  }

  // ------------------------------------------------------------------------------------ the story

  it('directory → enrollment → release gate → thread → availability → confirmation → invite → reminders → outcome → action steps → Done', async () => {
    // 1. The partner directory.
    const ids = await buildDirectory();
    expect(app.db.select().from(partners).all().map((p) => p.name).sort()).toEqual(['Eastside Food Bank', 'Northside Housing Coalition']);
    expect(app.db.select().from(partnerContacts).all().map((c) => [c.name, c.slackUserId]).sort()).toEqual([
      ['Jo Banks', NORTHSIDE],
      ['Rae Lin', EASTSIDE],
    ]);

    // 2. Amina is enrolled.
    await enrollThroughSlack(app, ORGANIZER, { fullName: FULL_NAME, enrolled: '2026-11-02', language: 'Polish', contactMethod: 'text' });

    // 3. The planning modal, with both partners' contacts, a natural support and a colleague.
    app.fake.addChannel({ id: CHANNEL, name: 'irt-planning', is_private: true, members: [ORGANIZER, COLLEAGUE, NORTHSIDE, EASTSIDE, app.fake.botUserId] });
    const { view, responseUrl } = await openPlanning(CHANNEL);
    const contacts = await pickerContacts(view);
    expect([...contacts.keys()]).toEqual(['Eastside Food Bank', 'Northside Housing Coalition']);
    const both = [contacts.get('Northside Housing Coalition')!, contacts.get('Eastside Food Bank')!];

    // Neither has a release: refused on the partners field, naming both; nothing written.
    let seen = app.fake.responses.length;
    let refused = await submitPlan(view, planValues(both));
    let body = refused.json<{ response_action: string; errors: Record<string, string> }>();
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual(['irt_partners']);
    expect(body.errors['irt_partners']).toContain('Northside Housing Coalition');
    expect(body.errors['irt_partners']).toContain('Eastside Food Bank');
    expect(meetingRows()).toHaveLength(0);
    let note = await app.fake.waitForResponse((r) => r.url === responseUrl && app.fake.responses.indexOf(r) >= seen);
    expect(note.body['response_type']).toBe('ephemeral');

    // Northside's release (employment plan) from the *Record release* button Tickler sent privately.
    await recordReleaseFromNote(note, { id: ids.northside, name: 'Northside Housing Coalition' }, ['employment_plan']);
    expect(app.db.select().from(releases).all()).toMatchObject([{ partnerId: ids.northside, signedDate: TODAY, expiryDate: '2027-11-25', shareEmploymentPlan: true, shareContactDetails: false }]);

    // The same submission again: refused for Eastside only.
    seen = app.fake.responses.length;
    refused = await submitPlan(view, planValues(both));
    body = refused.json<{ response_action: string; errors: Record<string, string> }>();
    expect(Object.keys(body.errors)).toEqual(['irt_partners']);
    expect(body.errors['irt_partners']).toContain('Eastside Food Bank');
    expect(body.errors['irt_partners']).not.toContain('Northside');
    expect(meetingRows()).toHaveLength(0);
    note = await app.fake.waitForResponse((r) => r.url === responseUrl && app.fake.responses.indexOf(r) >= seen);
    expect(json(note.body['blocks'])).not.toContain('Northside');
    await recordReleaseFromNote(note, { id: ids.eastside, name: 'Eastside Food Bank' }, ['contact_details']);

    // Now it plans.
    const planned = await submitPlan(view, planValues(both));
    expect(planned.body).toBe('');
    expect(meetingRows()).toHaveLength(1);
    const meeting = meetingRows()[0]!;
    expect(meeting).toMatchObject({ organizerId: ORGANIZER, planningChannelId: CHANNEL, status: 'planning' });
    const attendees = app.db.select().from(irtAttendees).where(eq(irtAttendees.meetingId, meeting.id)).all();
    expect(attendees.map((a) => a.kind).sort()).toEqual(['natural_support', 'participant', 'partner_contact', 'partner_contact', 'staff', 'staff']);

    // 4. The thread: the parent names "Amina K." (every member is staff or a partner with a release), never the full name.
    const slotsPost = await app.fake.waitForCall('chat.postMessage', (c) => c.args['channel'] === CHANNEL && !!c.args['thread_ts']);
    expect(slotsPost.ok, json(slotsPost.response)).toBe(true);
    const parentPost = app.fake.calls.find((c) => c.method === 'chat.postMessage' && c.args['channel'] === CHANNEL && !c.args['thread_ts'])!;
    const threadTs = String(parentPost.response['ts']);
    expect(slotsPost.args['thread_ts']).toBe(threadTs);
    expect(String(parentPost.args['text'])).toContain(`IRT meeting for ${SHORT_NAME}`);
    expect(json(parentPost.args)).not.toMatch(/Kowalczyk|Reyes/);
    expect(app.db.select().from(irtMeetings).get()).toMatchObject({ threadTs, threadMode: 'full' });

    // Slots about two weeks out, on working days: the first on Wed Dec 9.
    const slots = slotsIn(slotsPost.args as { blocks?: unknown[] });
    expect(slots.length).toBeGreaterThanOrEqual(3);
    expect(slots[0]!.startsAt.toISOString()).toBe(SLOT_1.startsAt);
    const weekday = (d: Date) => new Intl.DateTimeFormat('en-US', { timeZone: 'America/Chicago', weekday: 'short' }).format(d);
    expect(slots.map((s) => weekday(s.startsAt)).filter((d) => d === 'Sat' || d === 'Sun')).toEqual([]);
    const slotsTs = String(slotsPost.response['ts']);
    const onSlot = (slotId: number) => ({ channel: CHANNEL, ts: slotsTs, blockId: `irt_slot_actions_${slotId}` });

    // 5. Availability: the Slack Connect partner — not staff — answers; the tally in the thread follows.
    let before = app.fake.calls.length;
    await press(NORTHSIDE, 'irt_available', onSlot(slots[0]!.id));
    const tally = await app.fake.waitForCall('chat.update', (c) => app.fake.calls.indexOf(c) >= before && c.args['ts'] === slotsTs);
    expect(tally.ok, json(tally.response)).toBe(true);
    expect(json(tally.args['blocks'])).toContain(`1 available: <@${NORTHSIDE}>`);
    expect(app.db.select().from(irtAvailability).all()).toMatchObject([{ slotId: slots[0]!.id, answer: 'available' }]);
    expect(app.db.select().from(staff).where(eq(staff.slackUserId, NORTHSIDE)).get(), 'Jo is not staff').toBeUndefined();

    // A colleague who uses Tickler (his first command registered him as staff) joins the channel
    // later; he was not invited, so his answer is refused privately and nothing is recorded.
    expect(await caseloadOf(OUTSIDER)).not.toContain('Amina');
    app.fake.addChannel({ id: CHANNEL, name: 'irt-planning', is_private: true, members: [ORGANIZER, COLLEAGUE, NORTHSIDE, EASTSIDE, OUTSIDER, app.fake.botUserId] });
    before = app.fake.calls.length;
    const uninvited = await press(OUTSIDER, 'irt_available', onSlot(slots[0]!.id));
    const told = await app.fake.waitForResponse((r) => r.url === uninvited.responseUrl);
    expect(told.body).toMatchObject({ response_type: 'ephemeral', text: 'Only invited attendees can answer for this meeting’s times.' });
    expect(app.db.select().from(irtAvailability).all()).toHaveLength(1);
    expect(callsSince(before).filter((c) => c.method === 'chat.update')).toEqual([]);

    // 6. The organizer confirms slot 1.
    await press(ORGANIZER, 'irt_confirm_start', onSlot(slots[0]!.id));
    await app.fake.waitForCall('files.completeUploadExternal', (c) => c.args['channel_id'] === app.fake.dmChannelFor(ORGANIZER), 5000);
    expect(app.db.select().from(irtMeetings).get()).toMatchObject({ status: 'scheduled', ...SLOT_1, threadMode: 'full' }); // Sam is staff: still full
    expect(threadOf(CHANNEL, threadTs).map((m) => m.text)).toContain(`Confirmed: ${SLOT_1_IN[ORGANIZER]}`);
    expect(json(app.fake.findMessage(CHANNEL, threadTs)!.blocks)).toContain('"action_id":"irt_outcome_start"');

    // Each attendee in Slack: a DM with the time in their own zone.
    for (const [user, when] of Object.entries(SLOT_1_IN)) {
      expect(dmOf(user).map((m) => m.text), user).toContain(`IRT meeting for ${SHORT_NAME}: ${when}`);
    }

    // The invite: uploaded to the thread and to the organizer's DM; UTC times; no full name.
    const invites = app.fake.allUploads().filter((u) => u.filename.endsWith('.ics') && u.completed);
    expect(invites.map((u) => u.channels[0]).sort()).toEqual([CHANNEL, app.fake.dmChannelFor(ORGANIZER)].sort());
    expect(invites.find((u) => u.channels[0] === CHANNEL)!.threadTs).toBe(threadTs);
    for (const invite of invites) {
      const ics = invite.bytes!.toString('utf8');
      expect(ics).toContain('DTSTART:20261209T160000Z');
      expect(ics).toContain('DTEND:20261209T170000Z');
      expect(ics).toContain('SUMMARY:IRT meeting\r\n'); // a file forwarded outside Slack never names the participant
      expect(ics).not.toMatch(/Kowalczyk|Reyes/);
    }

    // 7. 24 hours before: DMs and one thread reminder — once, however many runs.
    const job = reminderJob(app);
    app.clock.set('2026-12-08T15:59:00.000Z');
    expect((await job.run()).sent).toEqual([]);
    app.clock.set('2026-12-08T16:00:00.000Z');
    const first = await job.run();
    expect(first.failed).toEqual([]);
    expect(first.sent.map((k) => k.split(':')[2]).sort()).toEqual([CHANNEL, EASTSIDE, NORTHSIDE, ORGANIZER, COLLEAGUE].sort());
    app.clock.advance(60 * 60_000);
    expect((await job.run()).sent).toEqual([]);
    for (const [user, when] of Object.entries(SLOT_1_IN)) {
      expect(dmOf(user).filter((m) => m.text?.startsWith('Reminder:')).map((m) => m.text), user).toEqual([`Reminder: IRT meeting for ${SHORT_NAME} — ${when}`]);
    }
    expect(threadOf(CHANNEL, threadTs).filter((m) => m.text?.startsWith('Reminder:')).map((m) => m.text)).toEqual([`Reminder: the IRT meeting for ${SHORT_NAME} is ${SLOT_1_IN[ORGANIZER]}`]);

    // 8. After the meeting: *Record outcome* on the thread's parent message.
    app.clock.set('2026-12-09T18:00:00.000Z'); // noon in Chicago, an hour after it ended
    const outcome = await openOutcome(CHANNEL, threadTs);
    const attendance = (label: string) => optionValue(outcome, 'outcome_attended_0', label);
    const northsideStep = 'Hold a seat in the January warehouse cohort';
    const managerStep = 'Send the housing voucher application';
    const saved = await app.slack.viewSubmission({
      userId: ORGANIZER,
      viewId: outcome.id,
      values: {
        // Lee could not come.
        outcome_attended_0: v(checkboxes([`${FULL_NAME} (participant)`, 'Dana Rivera (staff)', 'Jo Banks, Northside Housing Coalition', 'Rae Lin, Eastside Food Bank', 'Halina Kowalczyk (mother)'].map(attendance))),
        outcome_goal: v(plainText('A stable apartment and a warehouse job by February.')),
        outcome_strengths: v(plainText('Forklift certificate; on time for every appointment; her mother drives her.')),
        outcome_need_category_0: v(staticSelect('housing')),
        outcome_need_desc_0: v(plainText('An affordable apartment near the bus line')),
        outcome_step_desc_0: v(plainText(northsideStep)),
        outcome_step_who_0: v(staticSelect(optionValue(outcome, 'outcome_step_who_0', 'Jo Banks, Northside Housing Coalition'))),
        outcome_step_due_0: v(datepicker('2026-12-16')),
        outcome_step_desc_1: v(plainText(managerStep)),
        outcome_step_who_1: v(staticSelect('cm')),
        outcome_step_due_1: v(datepicker('2026-12-14')),
      },
    });
    expect(saved.problems).toEqual([]);
    expect(saved.body).toBe('');
    const amina = app.db.select().from(irtMeetings).get()!.participantId;
    const notes = app.db.select().from(caseNotes).all();
    expect(notes).toMatchObject([{ participantId: amina, source: 'irt_outcome', authorId: ORGANIZER }]);
    expect(app.db.select().from(needs).all()).toMatchObject([{ participantId: amina, category: 'housing', source: 'irt', status: 'open', sourceNoteId: notes[0]!.id }]);
    const steps = app.db.select().from(irtActionItems).all();
    expect(steps.map((s) => [s.description, s.responsibleKind, s.responsibleSlackUserId, s.dueDate, s.status])).toEqual([
      [northsideStep, 'partner_contact', NORTHSIDE, '2026-12-16', 'open'],
      [managerStep, 'staff', ORGANIZER, '2026-12-14', 'open'],
    ]);
    const [partnerItem, managerItem] = steps as [(typeof steps)[0], (typeof steps)[0]];
    expect(app.db.select().from(irtMeetings).get()).toMatchObject({ status: 'held', outcomeNoteId: notes[0]!.id });
    expect(app.db.select().from(irtAttendees).all().filter((a) => a.attendance === 'attended')).toHaveLength(5);

    // The thread hears only that the outcome is recorded: no name, no steps (replies in a thread are never rewritten later).
    const summary = await app.fake.waitForCall('chat.postMessage', (c) => c.args['channel'] === CHANNEL && c.args['thread_ts'] === threadTs && String(c.args['text']).startsWith('Outcome recorded'));
    expect(summary.args['text']).toBe('Outcome recorded · 2 action steps');
    expect(json(summary.args)).not.toContain(northsideStep);
    expect(json(summary.args)).not.toMatch(/Kowalczyk|Reyes|apartment|warehouse job/);

    // The organizer's caseload: both steps, and the IRT need waiting for a plan update.
    let caseload = await caseloadOf(ORGANIZER);
    expect(caseload).toContain(`IRT step “${managerStep}” due Dec 14, 2026`);
    expect(caseload).toContain(`IRT step “${northsideStep}” due Dec 16, 2026`);
    expect(caseload).toContain('Plan update for the emergent housing need');

    // 9. Action-step reminders, in the thread, at 09:00 on the due date in the responsible person's zone.
    app.clock.set('2026-12-14T15:00:00.000Z'); // 09:00 in Chicago: Dana's step
    expect((await job.run()).sent.filter((k) => k.startsWith('action_item_due'))).toEqual([`action_item_due:${managerItem.id}:2026-12-14`]);
    app.clock.set('2026-12-16T16:59:00.000Z'); // 08:59 in Los Angeles
    expect((await job.run()).sent).toEqual([]);
    app.clock.set('2026-12-16T17:00:00.000Z'); // 09:00 in Los Angeles: Jo's step
    expect((await job.run()).sent.filter((k) => k.startsWith('action_item_due'))).toEqual([`action_item_due:${partnerItem.id}:2026-12-16`]);
    const reminder = threadOf(CHANNEL, threadTs).find((m) => blocksOf(m).some((b) => b.block_id === `irt_item_${partnerItem.id}`))!;
    expect(reminder).toBeDefined();
    expect(json(reminder.blocks)).toContain(`<@${NORTHSIDE}>`);
    expect(json(reminder.blocks)).toContain('"action_id":"irt_action_done"');
    expect(json(reminder)).not.toMatch(/Kowalczyk|Reyes/);
    // The thread carries only what every reader's release allows: like the outcome summary, the
    // step's text (the participant's plan) stays out of a thread whose readers' releases do not all cover it.
    expect.soft(json(reminder), 'the step text is not posted where Eastside (contact details only) reads it').not.toContain(northsideStep);

    // The partner — not staff, in another organization's workspace — presses *Done*.
    before = app.fake.calls.length;
    await press(NORTHSIDE, 'irt_action_done', { channel: CHANNEL, ts: reminder.ts });
    const updated = await app.fake.waitForCall('chat.update', (c) => app.fake.calls.indexOf(c) >= before && c.args['ts'] === reminder.ts);
    expect(updated.ok, json(updated.response)).toBe(true);
    expect(app.db.select().from(irtActionItems).where(eq(irtActionItems.id, partnerItem.id)).get()).toMatchObject({ status: 'done', doneBy: NORTHSIDE, doneAt: '2026-12-16T17:00:00.000Z' });
    const shown = json(app.fake.findMessage(CHANNEL, reminder.ts)!.blocks);
    expect(shown).toContain(`Done by <@${NORTHSIDE}>`);
    expect(shown).not.toContain('irt_action_done');

    // The partner's step leaves the caseload; Dana's own, still open, stays.
    caseload = await caseloadOf(ORGANIZER);
    expect(caseload).not.toContain(northsideStep);
    expect(caseload).toContain(`IRT step “${managerStep}” overdue since Dec 14, 2026`);

    // Nothing in the channel, and nothing sent to the partners, ever carried the full name.
    const shared = [...app.fake.messagesIn(CHANNEL).filter((m) => !m.ephemeral), ...dmOf(NORTHSIDE), ...dmOf(EASTSIDE)];
    expect(shared.length).toBeGreaterThan(10);
    expect(shared.filter((m) => /Kowalczyk|Reyes/.test(json(m))).map((m) => m.text)).toEqual([]);
  });

  // ------------------------------------------------------------------------------ the privacy sweep

  it('a guest and a partner without a release in the channel: logistics only, the organizer is told why, and nothing they can read names the participant', async () => {
    const ids = await buildDirectory();
    await addPartnerThroughDirectory(app, ORGANIZER, { name: 'Westside Legal Aid', kind: 'community_provider' }, { name: 'Kim Ode', slackUserId: WESTSIDE });
    await enrollThroughSlack(app, ORGANIZER, { fullName: FULL_NAME, enrolled: '2026-11-02', language: 'Polish', contactMethod: 'text' });
    await recordReleaseFromCard(app, ORGANIZER, 'amina', { partnerId: ids.northside, signed: TODAY, scopes: ['contact_details', 'employment_plan'] });
    await recordReleaseFromCard(app, ORGANIZER, 'amina', { partnerId: ids.eastside, signed: TODAY, scopes: ['contact_details'] });
    expect(app.db.select().from(releases).all().map((r) => r.partnerId).sort()).toEqual([ids.northside, ids.eastside].sort());

    // The channel: staff, both invited partners, a guest, and Westside's contact (no release).
    app.fake.addChannel({ id: MIXED, name: 'irt-mixed', is_private: true, members: [ORGANIZER, COLLEAGUE, NORTHSIDE, EASTSIDE, GUEST, WESTSIDE, app.fake.botUserId] });
    const { view } = await openPlanning(MIXED);
    const contacts = await pickerContacts(view);
    const planned = await submitPlan(view, planValues([contacts.get('Northside Housing Coalition')!, contacts.get('Eastside Food Bank')!]));
    expect(planned.body).toBe('');
    const slotsPost = await app.fake.waitForCall('chat.postMessage', (c) => c.args['channel'] === MIXED && !!c.args['thread_ts']);
    const meeting = app.db.select().from(irtMeetings).get()!;
    expect(meeting).toMatchObject({ planningChannelId: MIXED, threadMode: 'logistics_only' });
    const threadTs = meeting.threadTs!;
    expect(app.fake.findMessage(MIXED, threadTs)!.text).toContain('participant details withheld');

    // The organizer is told privately why, member by member.
    const why = await app.fake.waitForCall('chat.postMessage', (c) => c.args['channel'] === app.fake.dmChannelFor(ORGANIZER) && json(c.args['blocks']).includes('logistics only'));
    expect(json(why.args['blocks'])).toContain(`<@${GUEST}> — not Tickler staff and not a contact of a partner organization`);
    expect(json(why.args['blocks'])).toContain(`<@${WESTSIDE}> — a contact of Westside Legal Aid, which has no valid release`);
    expect(json(why.args['blocks'])).not.toContain(`<@${NORTHSIDE}>`);

    // The rest of the meeting happens in that thread: answers (the guest is turned away), confirmation, reminders, outcome, steps.
    const [slot] = slotsIn(slotsPost.args as { blocks?: unknown[] });
    const onSlot = { channel: MIXED, ts: String(slotsPost.response['ts']), blockId: `irt_slot_actions_${slot!.id}` };
    const guestResponseUrls: string[] = [];
    const guestPress = await press(GUEST, 'irt_available', onSlot);
    guestResponseUrls.push(guestPress.responseUrl!);
    await app.fake.waitForResponse((r) => r.url === guestPress.responseUrl);
    await press(NORTHSIDE, 'irt_available', onSlot);
    await app.fake.waitForCall('chat.update', (c) => c.args['ts'] === onSlot.ts && json(c.args['blocks']).includes(`1 available: <@${NORTHSIDE}>`));
    await press(ORGANIZER, 'irt_confirm_start', onSlot);
    await app.fake.waitForCall('files.completeUploadExternal', (c) => c.args['channel_id'] === app.fake.dmChannelFor(ORGANIZER), 5000);

    const job = reminderJob(app);
    app.clock.set('2026-12-08T16:00:00.000Z');
    expect((await job.run()).sent).toContain(`meeting_24h:${meeting.id}:${MIXED}:${SLOT_1.startsAt}`);

    app.clock.set('2026-12-09T18:00:00.000Z');
    const outcome = await openOutcome(MIXED, threadTs);
    const saved = await app.slack.viewSubmission({
      userId: ORGANIZER,
      viewId: outcome.id,
      values: {
        outcome_goal: v(plainText('A stable apartment and a warehouse job by February.')),
        outcome_strengths: v(plainText('Forklift certificate; her mother drives her.')),
        outcome_need_category_0: v(staticSelect('housing')),
        outcome_need_desc_0: v(plainText('An affordable apartment near the bus line')),
        // Case managers write steps the way they speak, with the participant's name in them.
        outcome_step_desc_0: v(plainText('Amina brings her pay stubs to Northside')),
        outcome_step_who_0: v(staticSelect(optionValue(outcome, 'outcome_step_who_0', 'Jo Banks, Northside Housing Coalition'))),
        outcome_step_due_0: v(datepicker('2026-12-16')),
        outcome_step_desc_1: v(plainText('Drive Amina to the housing fair')),
        outcome_step_who_1: v(staticSelect(optionValue(outcome, 'outcome_step_who_1', 'Halina Kowalczyk (mother)'))),
        outcome_step_due_1: v(datepicker('2026-12-14')),
      },
    });
    expect(saved.body).toBe('');
    await app.fake.waitForCall('chat.postMessage', (c) => c.args['channel'] === MIXED && String(c.args['text']).startsWith('Outcome recorded'));
    app.clock.set('2026-12-14T15:00:00.000Z');
    await job.run();
    app.clock.set('2026-12-16T17:00:00.000Z');
    await job.run();
    expect(app.db.select().from(irtActionItems).all()).toHaveLength(2);
    const partnerReminder = threadOf(MIXED, threadTs).find((m) => json(m.blocks ?? []).includes(`<@${NORTHSIDE}>`) && json(m.blocks ?? []).includes('irt_action_done'));
    expect(partnerReminder, 'the partner’s step is reminded in the thread').toBeDefined();
    const guestDone = await press(GUEST, 'irt_action_done', { channel: MIXED, ts: partnerReminder!.ts });
    guestResponseUrls.push(guestDone.responseUrl!);
    await app.fake.waitForResponse((r) => r.url === guestDone.responseUrl);

    // The sweep: everything Slack was sent that the guest or Westside's contact can read.
    for (const reader of [GUEST, WESTSIDE]) {
      const readable = readableBy(reader, MIXED, reader === GUEST ? guestResponseUrls : []);
      expect(readable.length, reader).toBeGreaterThan(10);
      expect(readable.some((r) => r.what.startsWith('upload')), 'the thread’s invite is swept').toBe(true);
      const leaks = readable.filter((r) => NAME_PARTS.test(r.text)).map((r) => `${r.what}: ${r.text.match(/.{0,60}(Amina|Kowalczyk|Reyes).{0,60}/)?.[0]}`);
      expect(leaks, `what ${reader} can read`).toEqual([]);
    }
  });

  /**
   * Everything a person could read of what Tickler sent: every recorded Web API call into the
   * channel (its thread included) or into their DM, ephemeral messages shown to them, the files
   * shared where they can see them (bytes, title, comment), their App Home, the answers posted to
   * response URLs of their own clicks — and, as a cross-check, the messages the fake holds there.
   */
  function readableBy(userId: string, channel: string, responseUrls: string[]): Array<{ what: string; text: string }> {
    const dm = app.fake.dmChannelFor(userId);
    const where = new Set([channel, dm, userId]);
    const out: Array<{ what: string; text: string }> = [];
    const add = (what: string, x: unknown) => out.push({ what, text: typeof x === 'string' ? x : json(x) });
    for (const c of app.fake.calls as RecordedCall[]) {
      const a = c.args;
      if (['chat.postMessage', 'chat.update'].includes(c.method) && where.has(String(a['channel']))) add(c.method, a);
      if (c.method === 'chat.postEphemeral' && a['user'] === userId) add(c.method, a);
      if (c.method === 'views.publish' && a['user_id'] === userId) add(c.method, a);
      if (c.method === 'files.completeUploadExternal' && where.has(String(a['channel_id']))) {
        add('upload (comment, titles)', a);
        for (const f of (a['files'] as Array<{ id: string }> | undefined) ?? []) add('upload (file bytes)', app.fake.getUpload(f.id)?.bytes?.toString('utf8') ?? '');
      }
    }
    for (const r of app.fake.responses) if (responseUrls.includes(r.url)) add('response_url', r.body);
    for (const m of [...app.fake.messagesIn(channel), ...app.fake.messagesIn(dm)]) {
      if (!m.ephemeral || m.visibleTo === userId) add(`message in ${m.channel}`, m);
    }
    return out;
  }
});
