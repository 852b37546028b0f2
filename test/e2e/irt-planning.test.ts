// Planning an IRT meeting in Slack (issue 6), through signed requests to the real receiver and
// the fake Slack: /irt → the planning modal → the release gate on submit → the planning thread
// with its slots → availability answers from attendees only → the organizer confirms → DMs in
// each attendee's zone and the calendar invite in the thread and the organizer's DM. A channel
// with someone who may not hear about the participant gets logistics only, and the
// participant's name reaches no one the release gate does not allow.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrollParticipant } from '../../src/db/participants';
import { addContact, addPartner } from '../../src/db/partners';
import { recordRelease, revokeRelease } from '../../src/db/releases';
import { auditLog, irtAttendees, irtAvailability, irtMeetings, irtSlots } from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import { formatSlotFor } from '../../src/domain/irt';
import { ONLY_ORGANIZER_TEXT } from '../../src/slack/irt/views';
import { startTestApp, type TestApp } from '../harness/app';
import { addStaff } from '../harness/db';
import type { FakeView, RecordedCall } from '../harness/fake-slack';
import { newParticipant } from '../harness/fixtures';
import { checkboxes, conversationsSelect, multiExternalSelect, multiUsersSelect, plainText, radioButtons, staticSelect, type StateValues } from '../harness/slack-request';

const NOW = '2026-11-23T15:00:00.000Z'; // Monday Nov 23, 2026, 9:00 in Chicago
const TODAY = '2026-11-23';
const WORKER = 'U0WORKER01'; // Dana Rivera, Amina's case manager (Chicago)
const COLLEAGUE = 'U0WORKER02'; // Lee Park, staff in New York, not on the case
const OUTSIDER = 'U0WORKER03'; // staff, not invited, not on the case
const PARTNER = 'U0PARTNER1'; // Jo Banks, Goodwill (Los Angeles); Goodwill has a release
const HOUSING = 'U0HOUSING1'; // Ray Moss, City Housing; no release
const STRANGER = 'U0GUEST001'; // a guest in the channel: neither staff nor a partner contact
const CHANNEL = 'C0IRTPLAN1';
const FULL_NAME = 'Amina Kone';
const SHORT_NAME = 'Amina K.';

type Obj = Record<string, unknown>;
const v = (state: Obj) => ({ value: state });

describe('planning an IRT meeting in Slack', () => {
  let app: TestApp;
  let amina: number;
  let goodwill: number;
  let housing: number;
  let goodwillContact: number;
  let housingContact: number;
  let goodwillRelease: number;

  const actor = (id: string) => actorFor(getStaff(app.db, id)!, new Set());

  beforeEach(async () => {
    app = await startTestApp({ now: NOW });
    const now = app.clock.now();
    app.addUser(WORKER, 'Dana Rivera', { tz: 'America/Chicago' });
    app.addUser(COLLEAGUE, 'Lee Park', { tz: 'America/New_York' });
    app.addUser(OUTSIDER, 'Sam Okafor', { tz: 'America/Chicago' });
    app.addUser(PARTNER, 'Jo Banks', { tz: 'America/Los_Angeles' });
    app.addUser(HOUSING, 'Ray Moss', { tz: 'America/Denver', team_id: 'T0HOUSING1', is_stranger: true });
    app.addUser(STRANGER, 'Pat Guest', { tz: 'America/Chicago', is_restricted: true });
    addStaff(app.db, WORKER, { tz: 'America/Chicago', name: 'Dana Rivera' }, now);
    addStaff(app.db, COLLEAGUE, { tz: 'America/New_York', name: 'Lee Park' }, now);
    addStaff(app.db, OUTSIDER, { tz: 'America/Chicago', name: 'Sam Okafor' }, now);
    amina = enrollParticipant(app.db, actor(WORKER), newParticipant(WORKER, { fullName: FULL_NAME, preferredContactMethod: 'text' }), now);
    const gw = addPartner(app.db, actor(WORKER), { name: 'Goodwill Job Center', kind: 'community_provider' }, now);
    const hs = addPartner(app.db, actor(WORKER), { name: 'City Housing Authority', kind: 'public_assistance' }, now);
    if (gw.kind !== 'ok' || hs.kind !== 'ok') throw new Error('partners');
    goodwill = gw.partnerId;
    housing = hs.partnerId;
    const c1 = addContact(app.db, actor(WORKER), goodwill, { name: 'Jo Banks', slackUserId: PARTNER }, now);
    const c2 = addContact(app.db, actor(WORKER), housing, { name: 'Ray Moss', slackUserId: HOUSING, email: 'ray@housing.example.org' }, now);
    if (c1.kind !== 'ok' || c2.kind !== 'ok') throw new Error('contacts');
    goodwillContact = c1.contactId;
    housingContact = c2.contactId;
    const r = recordRelease(app.db, actor(WORKER), { participantId: amina, partnerId: goodwill, signedDate: '2026-11-02', expiryDate: '2027-11-02', scopes: ['contact_details', 'employment_plan'], documentLocation: null }, { now, today: TODAY });
    if (r.kind !== 'ok') throw new Error('release');
    goodwillRelease = r.releaseId;
  });
  afterEach(async () => {
    await app.close();
  });

  /** `/irt <text>` from the planning channel → the planning modal. */
  async function openModal(text = 'amina', userId = WORKER, channelId = CHANNEL): Promise<{ view: FakeView; responseUrl: string }> {
    const res = await app.slack.command({ command: '/irt', text, userId, channelId });
    expect(res.problems).toEqual([]);
    const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === res.triggerId);
    expect(open.ok, JSON.stringify(open.response)).toBe(true);
    const view = app.fake.getView(String((open.response['view'] as Obj)['id']))!;
    expect(view.callback_id).toBe('irt_plan');
    return { view, responseUrl: res.responseUrl };
  }

  function form(o: { partners?: number[]; staff?: string[]; channel?: string; reason?: string; detail?: string | null } = {}): StateValues {
    return {
      irt_reason: v(radioButtons(o.reason ?? 'needs')),
      irt_reason_detail: v(plainText(o.detail ?? null)),
      irt_urgent: v(checkboxes([])),
      irt_called_by: v(staticSelect('participant')),
      irt_partners: { irt_partner_search: multiExternalSelect((o.partners ?? [goodwillContact]).map(String)) },
      irt_staff: v(multiUsersSelect(o.staff ?? [COLLEAGUE])),
      irt_support_1_name: v(plainText('Fatou Kone')),
      irt_support_1_relationship: v(plainText('sister')),
      irt_support_1_contact: v(plainText('555-0100')),
      irt_location_kind: v(radioButtons('in_person')),
      irt_location_detail: v(plainText('Main St. One-Stop, room 2')),
      irt_channel: v(conversationsSelect(o.channel ?? CHANNEL)),
      irt_materials: v(checkboxes(['assessment', 'plan'])),
      irt_communication: v(plainText('Text message, in French')),
    };
  }

  async function submit(view: FakeView, values: StateValues) {
    const res = await app.slack.viewSubmission({ userId: WORKER, viewId: view.id, values });
    expect(res.problems).toEqual([]);
    return res;
  }

  const meetings = () => app.db.select().from(irtMeetings).all();
  const inChannel = (channel: string) => app.fake.messagesIn(channel).filter((m) => !m.ephemeral);
  const dmOf = (userId: string) => app.fake.messagesIn(app.fake.dmChannelFor(userId));

  /** Submits a valid plan and waits for the thread's parent and slots messages. */
  async function planned(channel = CHANNEL) {
    const { view } = await openModal('amina', WORKER, channel);
    const res = await submit(view, form({ channel }));
    expect(res.body).toBe('');
    const [meeting] = meetings();
    const slots = await app.fake.waitForCall('chat.postMessage', (c) => c.args['channel'] === channel && !!c.args['thread_ts']);
    expect(slots.ok, JSON.stringify(slots.response)).toBe(true);
    const stored = app.db.select().from(irtMeetings).where(eq(irtMeetings.id, meeting!.id)).get()!;
    return { meeting: stored, slotsTs: String(slots.response['ts']), slots: app.db.select().from(irtSlots).where(eq(irtSlots.meetingId, stored.id)).all() };
  }

  async function press(userId: string, actionId: string, where: { channel: string; ts: string; blockId: string }) {
    const res = await app.slack.blockAction({ userId, actionId, channelId: where.channel, messageTs: where.ts, blockId: where.blockId });
    expect(res.problems).toEqual([]);
    return res;
  }

  it('/irt alone explains itself; /irt partners opens the directory; the card has *Plan IRT meeting*', async () => {
    const help = await app.slack.command({ command: '/irt', text: '', userId: WORKER, channelId: CHANNEL });
    expect(help.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('IRT') });
    expect(JSON.stringify(help.json())).toContain('/irt partners');

    const dir = await app.slack.command({ command: '/irt', text: 'partners', userId: WORKER, channelId: CHANNEL });
    const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === dir.triggerId);
    expect(open.ok).toBe(true);
    expect((open.response['view'] as Obj)['callback_id']).toBe('partner_directory');

    const card = await app.slack.command({ command: '/participant', text: 'amina', userId: WORKER, channelId: CHANNEL });
    const reply = await app.fake.waitForResponse((r) => r.url === card.responseUrl);
    const press = await app.slack.blockAction({ userId: WORKER, actionId: 'irt_start', channelId: CHANNEL, messageTs: reply.messageTs! });
    expect(press.problems).toEqual([]);
    const modal = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === press.triggerId);
    expect(modal.ok, JSON.stringify(modal.response)).toBe(true);
    expect((modal.response['view'] as Obj)['callback_id']).toBe('irt_plan');
  });

  it('several matches give a pick list whose buttons open the planning modal', async () => {
    const other = enrollParticipant(app.db, actor(WORKER), newParticipant(WORKER, { fullName: 'Amina Diallo' }), app.clock.now());
    const res = await app.slack.command({ command: '/irt', text: 'amina', userId: WORKER, channelId: CHANNEL });
    expect(res.problems).toEqual([]);
    const body = res.json<{ response_type: string; blocks: Array<{ block_id: string; accessory?: { action_id: string; value: string } }> }>();
    expect(body.response_type).toBe('ephemeral');
    expect(body.blocks.flatMap((b) => (b.accessory ? [[b.accessory.action_id, b.accessory.value]] : []))).toEqual([
      ['irt_start', String(other)],
      ['irt_start', String(amina)],
    ]);
    expect(app.fake.callsTo('views.open')).toEqual([]);
  });

  it('someone not on the case finds no one to plan for', async () => {
    const res = await app.slack.command({ command: '/irt', text: 'amina', userId: OUTSIDER, channelId: CHANNEL });
    expect(res.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('No participant you can see matches') });
    expect(app.fake.callsTo('views.open')).toEqual([]);
  });

  it('the partner picker lists directory contacts grouped by organization', async () => {
    const { view } = await openModal();
    const res = await app.slack.blockSuggestion({ userId: WORKER, actionId: 'irt_partner_search', viewId: view.id, value: '' });
    expect(res.problems).toEqual([]);
    const groups = res.json<{ option_groups: Array<{ label: { text: string }; options: Array<{ value: string }> }> }>().option_groups;
    expect(groups.map((g) => [g.label.text, g.options.map((o) => o.value)])).toEqual([
      ['City Housing Authority', [String(housingContact)]],
      ['Goodwill Job Center', [String(goodwillContact)]],
    ]);
  });

  it('a form missing what it needs is refused field by field, and nothing is written', async () => {
    const { view } = await openModal();
    const res = await submit(view, {
      ...form({ reason: 'other', detail: null }),
      irt_location_detail: v(plainText(null)),
      irt_communication: v(plainText(null)),
      irt_support_2_contact: v(plainText('not a phone')),
    });
    expect(res.json()).toEqual({
      response_action: 'errors',
      errors: {
        irt_reason_detail: expect.any(String),
        irt_location_detail: expect.stringContaining('room or address'),
        irt_communication: expect.any(String),
        irt_support_2_name: expect.any(String),
        irt_support_2_contact: expect.stringContaining('phone number or an email'),
      },
    });
    expect(meetings()).toEqual([]);
  });

  it('plan → the release gate → a release recorded → the planning thread → availability → the organizer confirms → DMs in each zone and the invite', async () => {
    // A partner whose organization has no release: refused on the partners field, nothing written, a *Record release* button privately.
    const { view, responseUrl } = await openModal();
    const refused = await submit(view, form({ partners: [goodwillContact, housingContact] }));
    const body = refused.json<{ response_action: string; errors: Record<string, string> }>();
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual(['irt_partners']);
    expect(body.errors['irt_partners']).toContain('City Housing Authority');
    expect(body.errors['irt_partners']).not.toContain('Goodwill');
    expect([meetings().length, app.db.select().from(irtAttendees).all().length, app.db.select().from(irtSlots).all().length]).toEqual([0, 0, 0]);
    const note = await app.fake.waitForResponse((r) => r.url === responseUrl);
    const buttons = JSON.stringify(note.body['blocks']);
    expect(buttons).toContain('release_record_start');
    expect(buttons).toContain(JSON.stringify(JSON.stringify({ participantId: amina, partnerId: housing })).slice(1, -1));
    expect(note.body['response_type']).toBe('ephemeral');

    // The release is recorded; the same submission now plans the meeting.
    const r = recordRelease(app.db, actor(WORKER), { participantId: amina, partnerId: housing, signedDate: TODAY, expiryDate: '2027-11-23', scopes: ['contact_details'], documentLocation: null }, { now: app.clock.now(), today: TODAY });
    expect(r.kind).toBe('ok');
    app.fake.addChannel({ id: CHANNEL, is_private: true, members: [WORKER, COLLEAGUE, PARTNER, app.fake.botUserId] });
    const ok = await submit(view, form({ partners: [goodwillContact, housingContact] }));
    expect(ok.body).toBe('');
    // A double submit of the same view plans nothing more.
    const twice = await submit(view, form({ partners: [goodwillContact, housingContact] }));
    expect(twice.body).toBe('');
    expect(meetings()).toHaveLength(1);
    const [meeting] = meetings();
    expect(meeting).toMatchObject({ participantId: amina, organizerId: WORKER, status: 'planning', planningChannelId: CHANNEL, preferredCommunication: 'Text message, in French' });

    // The thread: the parent names the participant as "Amina K." (everyone in the channel may see it), then the slots.
    const slotsPost = await app.fake.waitForCall('chat.postMessage', (c) => c.args['channel'] === CHANNEL && !!c.args['thread_ts']);
    const parentPost = app.fake.calls.find((c) => c.method === 'chat.postMessage' && c.args['channel'] === CHANNEL && !c.args['thread_ts'])!;
    expect(String(parentPost.args['text'])).toContain(`IRT meeting for ${SHORT_NAME}`);
    expect(JSON.stringify(parentPost.args)).not.toContain(FULL_NAME);
    expect(JSON.stringify(parentPost.args)).toContain('Text message, in French'); // contact details: every partner reader's release allows them
    const stored = app.db.select().from(irtMeetings).get()!;
    expect(stored).toMatchObject({ threadTs: parentPost.response['ts'], threadMode: 'full' });
    expect(app.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args['channel'] === CHANNEL && !c.args['thread_ts'])).toHaveLength(1);
    expect(slotsPost.args['thread_ts']).toBe(stored.threadTs);
    const disclose = app.db.select().from(auditLog).where(eq(auditLog.action, 'irt-disclose')).all();
    expect(disclose.map((d) => JSON.parse(d.detail!))).toEqual([{ meeting: stored.id, via: 'thread', mode: 'full', partners: String(goodwill), scopes: 'contact_details,employment_plan' }]);

    const slots = app.db.select().from(irtSlots).all();
    const [first, second] = slots as [typeof slots[0], typeof slots[0]];
    const where = (slotId: number) => ({ channel: CHANNEL, ts: String(slotsPost.response['ts']), blockId: `irt_slot_actions_${slotId}` });

    // An attendee answers; the tally in the thread follows.
    const before = app.fake.calls.length;
    await press(PARTNER, 'irt_available', where(first.id));
    const update = await app.fake.waitForCall('chat.update', (c) => app.fake.calls.indexOf(c) >= before);
    expect(update.ok, JSON.stringify(update.response)).toBe(true);
    expect(JSON.stringify(update.args['blocks'])).toContain(`1 available: <@${PARTNER}>`);
    await press(COLLEAGUE, 'irt_unavailable', where(first.id));
    await app.fake.waitForCall('chat.update', (c) => JSON.stringify(c.args['blocks']).includes(`1 not available: <@${COLLEAGUE}>`));
    expect(app.db.select().from(irtAvailability).all().map((a) => a.answer).sort()).toEqual(['available', 'unavailable']);

    // Someone who was not invited is told so, privately; nothing is recorded.
    const outsider = await press(OUTSIDER, 'irt_available', where(first.id));
    const told = await app.fake.waitForResponse((x) => x.url === outsider.responseUrl);
    expect(told.body).toMatchObject({ response_type: 'ephemeral', text: 'Only invited attendees can answer for this meeting’s times.' });
    expect(app.db.select().from(irtAvailability).all()).toHaveLength(2);

    // An invited colleague who is not on the case cannot confirm.
    const notYours = await press(COLLEAGUE, 'irt_confirm_start', where(first.id));
    const refusedConfirm = await app.fake.waitForResponse((x) => x.url === notYours.responseUrl);
    expect(String(refusedConfirm.body['text'])).toBe(ONLY_ORGANIZER_TEXT);
    expect(app.db.select().from(irtMeetings).get()!.status).toBe('planning');

    // The organizer confirms the second slot.
    await press(WORKER, 'irt_confirm_start', where(second.id));
    const dmUpload = await app.fake.waitForCall('files.completeUploadExternal', (c) => c.args['channel_id'] === app.fake.dmChannelFor(WORKER), 5000);
    expect(dmUpload.ok, JSON.stringify(dmUpload.response)).toBe(true);
    const scheduled = app.db.select().from(irtMeetings).get()!;
    expect(scheduled).toMatchObject({ status: 'scheduled', startsAt: second.startsAt, endsAt: second.endsAt });
    const startsAt = new Date(second.startsAt);
    const endsAt = new Date(second.endsAt);

    // Each attendee in Slack gets the time in their own zone (staff: the staff table; the partner: users.info).
    for (const [user, zone] of [
      [WORKER, 'America/Chicago'],
      [COLLEAGUE, 'America/New_York'],
      [PARTNER, 'America/Los_Angeles'],
    ] as const) {
      const dm = dmOf(user).find((m) => m.text?.includes('IRT meeting for'));
      expect(dm?.text, user).toContain(formatSlotFor(startsAt, endsAt, zone));
      expect(dm?.text).toContain(SHORT_NAME);
    }
    expect(formatSlotFor(startsAt, endsAt, 'America/Los_Angeles')).not.toBe(formatSlotFor(startsAt, endsAt, 'America/New_York'));

    // The thread says so, the parent shows the time and *Record outcome*, the slots lose their buttons.
    const thread = inChannel(CHANNEL).filter((m) => m.thread_ts === scheduled.threadTs);
    expect(thread.some((m) => m.text?.startsWith('Confirmed:'))).toBe(true);
    const parent = app.fake.findMessage(CHANNEL, scheduled.threadTs!)!;
    expect(JSON.stringify(parent.blocks)).toContain('"action_id":"irt_outcome_start"');
    expect(JSON.stringify(parent.blocks)).toContain(`"value":"${scheduled.id}"`);
    const slotsMessage = app.fake.findMessage(CHANNEL, String(slotsPost.response['ts']))!;
    expect(JSON.stringify(slotsMessage.blocks)).not.toContain('irt_available');

    // The invite: in the thread and in the organizer's DM, the same bytes, times in UTC. It is forwarded outside Slack: it never names the participant.
    const uploads = app.fake.allUploads().filter((u) => u.filename.endsWith('.ics'));
    expect(uploads.map((u) => u.channels[0]).sort()).toEqual([CHANNEL, app.fake.dmChannelFor(WORKER)].sort());
    expect(uploads.find((u) => u.channels[0] === CHANNEL)!.threadTs).toBe(scheduled.threadTs);
    expect(thread.some((m) => m.text?.startsWith('Calendar invite'))).toBe(true);
    for (const u of uploads) {
      const ics = u.bytes!.toString('utf8');
      const utc = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
      expect(ics).toContain(`DTSTART:${utc(startsAt)}`);
      expect(ics).toContain(`DTEND:${utc(endsAt)}`);
      expect(ics).toMatch(/SUMMARY:IRT meeting\r\n/);
      expect(ics).toContain('SEQUENCE:0');
      expect(ics).toContain(`UID:irt-${scheduled.id}@tickler`);
      expect(ics).not.toMatch(/Amina|Kone/);
      expect(u.title).toBe('IRT meeting');
    }
    // The organizer's DM (staff, with access) says whom it is for; the thread's copy does not.
    const comments = app.fake.callsTo('files.completeUploadExternal').map((c) => [c.args['channel_id'], String(c.args['initial_comment'])]);
    expect(comments.find(([ch]) => ch === app.fake.dmChannelFor(WORKER))![1]).toContain(SHORT_NAME);
    expect(comments.find(([ch]) => ch === CHANNEL)![1]).not.toMatch(/Amina|Kone/);
    const audits = app.db.select().from(auditLog).where(eq(auditLog.action, 'irt-disclose')).all().map((d) => JSON.parse(d.detail!) as Obj);
    expect(audits.filter((d) => d['via'] === 'dm')).toEqual([{ meeting: scheduled.id, via: 'dm', mode: 'full', partners: String(goodwill), scopes: 'contact_details,employment_plan' }]);
    expect(audits.filter((d) => d['via'] === 'invite')).toHaveLength(1);
    for (const row of app.db.select().from(auditLog).all()) expect(row.detail ?? '').not.toMatch(/Amina|Kone|Fatou|Main St/);
  });

  it('a reschedule confirms another time: the invite’s SEQUENCE goes up and attendees hear of the new time', async () => {
    app.fake.addChannel({ id: CHANNEL, is_private: true, members: [WORKER, COLLEAGUE, PARTNER, app.fake.botUserId] });
    const { slotsTs, slots } = await planned();
    const where = (slotId: number) => ({ channel: CHANNEL, ts: slotsTs, blockId: `irt_slot_actions_${slotId}` });
    await press(WORKER, 'irt_confirm_start', where(slots[0]!.id));
    await app.fake.waitForCalls('files.completeUploadExternal', 2, undefined, 5000);

    // New times (round 2), then one of them is confirmed.
    const repropose = await app.slack.blockAction({ userId: WORKER, actionId: 'irt_repropose', channelId: CHANNEL, messageTs: slotsTs });
    expect(repropose.problems).toEqual([]);
    const round2 = await app.fake.waitForCall('chat.postMessage', (c) => c.args['channel'] === CHANNEL && String(c.args['text']).includes('round 2'));
    const newSlot = app.db.select().from(irtSlots).all().find((s) => s.round === 2)!;
    expect(Date.parse(newSlot.startsAt)).toBeGreaterThan(Math.max(...slots.map((s) => Date.parse(s.endsAt))));
    await press(WORKER, 'irt_confirm_start', { channel: CHANNEL, ts: String(round2.response['ts']), blockId: `irt_slot_actions_${newSlot.id}` });
    const uploads = await app.fake.waitForCalls('files.completeUploadExternal', 4, undefined, 5000);
    expect(uploads.every((u) => u.ok)).toBe(true);
    const latest = app.fake.allUploads().filter((u) => u.completed).at(-1)!;
    expect(latest.bytes!.toString('utf8')).toContain('SEQUENCE:1');
    expect(dmOf(PARTNER).some((m) => m.text?.includes('new time') && m.text.includes(formatSlotFor(new Date(newSlot.startsAt), new Date(newSlot.endsAt), 'America/Los_Angeles')))).toBe(true);
    expect(app.db.select().from(irtMeetings).get()).toMatchObject({ status: 'scheduled', startsAt: newSlot.startsAt });
  });

  it('a channel with a guest and a partner without a release: logistics only, the organizer is told why, and the name reaches no one the gate does not allow', async () => {
    const LOGISTICS = 'C0MIXED001';
    app.fake.addChannel({ id: LOGISTICS, is_private: true, members: [WORKER, COLLEAGUE, PARTNER, HOUSING, STRANGER, app.fake.botUserId] });
    const { meeting, slotsTs, slots } = await planned(LOGISTICS);
    expect(meeting.threadMode).toBe('logistics_only');
    const parent = app.fake.findMessage(LOGISTICS, meeting.threadTs!)!;
    expect(parent.text).toContain('IRT meeting (participant details withheld: not everyone in this channel may see them)');

    // The organizer hears privately which members caused it and why.
    const why = await app.fake.waitForCall('chat.postMessage', (c) => c.args['channel'] === app.fake.dmChannelFor(WORKER) && JSON.stringify(c.args['blocks']).includes('logistics only'));
    const text = JSON.stringify(why.args['blocks']);
    expect(text).toContain(`<@${STRANGER}> — not Tickler staff and not a contact of a partner organization`);
    expect(text).toContain(`<@${HOUSING}> — a contact of City Housing Authority, which has no valid release`);
    expect(text).not.toContain(`<@${PARTNER}>`);

    // Goodwill's release is revoked before the time is confirmed: its contact's DM no longer names the participant.
    expect(revokeRelease(app.db, actor(WORKER), goodwillRelease, { revokedDate: TODAY, reason: 'Participant withdrew consent' }, { now: app.clock.now(), today: TODAY }).kind).toBe('ok');
    await press(WORKER, 'irt_confirm_start', { channel: LOGISTICS, ts: slotsTs, blockId: `irt_slot_actions_${slots[0]!.id}` });
    await app.fake.waitForCall('files.completeUploadExternal', (c) => c.args['channel_id'] === app.fake.dmChannelFor(WORKER), 5000);
    expect(dmOf(PARTNER).some((m) => m.text?.startsWith('An IRT meeting you are invited to'))).toBe(true);
    const threadUpload = app.fake.allUploads().find((u) => u.channels.includes(LOGISTICS))!;
    expect(threadUpload.bytes!.toString('utf8')).toMatch(/SUMMARY:IRT meeting\r\n/);

    // Everything Slack received, except what only staff see (the organizer's modal and DM, a colleague's DM), carries neither the full name nor "Amina K.".
    const staffDms = new Set([WORKER, COLLEAGUE].map((u) => app.fake.dmChannelFor(u)));
    const privateToStaff = (c: RecordedCall) =>
      c.method.startsWith('views.') || staffDms.has(String(c.args['channel'] ?? c.args['channel_id'] ?? '')) || [WORKER, COLLEAGUE].includes(String(c.args['users'] ?? ''));
    const shared = app.fake.calls.filter((c) => !privateToStaff(c));
    expect(shared.length).toBeGreaterThan(5);
    for (const c of shared) {
      const sent = JSON.stringify(c.args);
      expect(sent, c.method).not.toContain(FULL_NAME);
      expect(sent, c.method).not.toContain(SHORT_NAME);
      expect(sent, c.method).not.toContain('Amina');
    }
    for (const u of app.fake.allUploads().filter((x) => !x.channels.every((ch) => staffDms.has(ch)))) {
      expect(u.bytes!.toString('utf8')).not.toContain('Amina');
    }
    for (const m of [...app.fake.messagesIn(LOGISTICS), ...dmOf(PARTNER), ...dmOf(HOUSING), ...dmOf(STRANGER)]) {
      expect(JSON.stringify(m)).not.toContain('Amina');
    }
  });

  it('a private channel Tickler is not in: the meeting is kept and the organizer gets a button to post the thread once Tickler is invited', async () => {
    const PRIVATE = 'G0PRIVATE1';
    app.fake.addChannel({ id: PRIVATE, is_private: true, botMember: false, members: [WORKER, PARTNER] });
    const { view } = await openModal('amina', WORKER, CHANNEL);
    const res = await submit(view, form({ channel: PRIVATE }));
    expect(res.body).toBe('');
    const dm = await app.fake.waitForCall('chat.postMessage', (c) => c.args['channel'] === app.fake.dmChannelFor(WORKER) && JSON.stringify(c.args['blocks']).includes('irt_post_thread'));
    expect(JSON.stringify(dm.args['blocks'])).toContain('/invite @Tickler');
    expect(meetings()).toHaveLength(1);

    app.fake.addChannel({ id: PRIVATE, is_private: true, botMember: true, members: [WORKER, PARTNER, app.fake.botUserId] });
    const retry = await app.slack.blockAction({ userId: WORKER, actionId: 'irt_post_thread', channelId: app.fake.dmChannelFor(WORKER), messageTs: String(dm.response['ts']) });
    expect(retry.problems).toEqual([]);
    await app.fake.waitForCall('chat.postMessage', (c) => c.args['channel'] === PRIVATE && !!c.args['thread_ts']);
    expect(app.db.select().from(irtMeetings).get()).toMatchObject({ threadMode: 'full', threadTs: expect.any(String) });
  });
});
