// IRT meetings in the database (real SQLite file, real migrations): planning behind access and
// the release gate, availability answers only from attendees, confirming and rescheduling, new
// rounds of times, and the exactly-once claims of the reminder job.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection';
import {
  cancelMeeting,
  claimReminder,
  confirmSlot,
  markReminderFailed,
  markReminderSent,
  mayManageMeeting,
  meetingDetail,
  openActionItemsDueBy,
  organizerBusy,
  planMeeting,
  proposeNextRound,
  recordAvailability,
  scheduledMeetingsStarting,
  settledReminderKeys,
  STALE_PLANNING_DAYS,
  upcomingMeetings,
  withdrawRound,
  type NewIrtMeeting,
  type SchedulingContext,
} from '../../src/db/irt';
import { markActionItemDone } from '../../src/db/irt-outcome';
import { enrollParticipant, reassignParticipant } from '../../src/db/participants';
import { addContact, addPartner } from '../../src/db/partners';
import { recordRelease } from '../../src/db/releases';
import { auditLog, irtActionItems, irtAttendees, irtAvailability, irtMeetings, irtSlots, partnerContacts } from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import { localDate } from '../../src/domain/dates';
import { createHolidayCalendar } from '../../src/domain/holidays';
import { DEFAULT_PROFILES } from '../../src/domain/profiles';
import { addStaff, tempDatabase } from '../harness/db';
import { newParticipant } from '../harness/fixtures';

const NOW = new Date('2026-11-23T15:00:00.000Z'); // Monday Nov 23, 2026, 9:00 in Chicago
const TODAY = '2026-11-23';
const ZONE = 'America/Chicago';
const WORKER = 'U0WORKER01';
const COLLEAGUE = 'U0WORKER02';
const OUTSIDER = 'U0WORKER03';
const PARTNER_USER = 'U0PARTNER1';
const STRANGER = 'U0STRANGE1';

describe('IRT meetings in the database', () => {
  let files: ReturnType<typeof tempDatabase>;
  let db: Db;
  let amina: number;
  let goodwill: number;
  let housing: number;
  let goodwillContact: number;
  let housingContact: number;

  const actor = (id: string) => actorFor(getStaff(db, id)!, new Set());
  const ctx = (now = NOW): SchedulingContext => ({ now, today: localDate(now, ZONE), timeZone: ZONE, holidays: createHolidayCalendar(), profiles: DEFAULT_PROFILES });
  const meetingInput = (overrides: Partial<NewIrtMeeting> = {}): NewIrtMeeting => ({
    participantId: amina,
    reason: 'needs',
    reasonDetail: null,
    urgent: false,
    calledBy: 'case_manager',
    locationKind: 'in_person',
    locationDetail: 'Main St. One-Stop, room 2',
    planningChannelId: 'C0IRTPLAN1',
    bringAssessment: true,
    bringPlan: true,
    bringResources: false,
    preferredCommunication: 'Text message',
    naturalSupports: [{ name: 'Fatou Kone', relationship: 'sister', email: null, phone: '555-0100' }],
    partnerContactIds: [goodwillContact],
    staffIds: [COLLEAGUE],
    ...overrides,
  });
  const count = (table: typeof irtMeetings | typeof irtAttendees | typeof irtSlots) => db.select().from(table).all().length;

  beforeEach(() => {
    files = tempDatabase();
    db = files.db;
    addStaff(db, WORKER, { tz: ZONE, name: 'Dana Rivera' });
    addStaff(db, COLLEAGUE, { tz: 'America/New_York', name: 'Lee Park' });
    addStaff(db, OUTSIDER, { tz: ZONE, name: 'Sam Okafor' });
    amina = enrollParticipant(db, actor(WORKER), newParticipant(WORKER, { fullName: 'Amina Kone' }), NOW);
    const gw = addPartner(db, actor(WORKER), { name: 'Goodwill Job Center', kind: 'community_provider' }, NOW);
    const hs = addPartner(db, actor(WORKER), { name: 'City Housing Authority', kind: 'public_assistance' }, NOW);
    if (gw.kind !== 'ok' || hs.kind !== 'ok') throw new Error('partners not added');
    goodwill = gw.partnerId;
    housing = hs.partnerId;
    const c1 = addContact(db, actor(WORKER), goodwill, { name: 'Jo Banks', slackUserId: PARTNER_USER }, NOW);
    const c2 = addContact(db, actor(WORKER), housing, { name: 'Ray Moss', email: 'ray@housing.example.org' }, NOW);
    if (c1.kind !== 'ok' || c2.kind !== 'ok') throw new Error('contacts not added');
    goodwillContact = c1.contactId;
    housingContact = c2.contactId;
    const release = recordRelease(db, actor(WORKER), { participantId: amina, partnerId: goodwill, signedDate: '2026-11-02', expiryDate: '2027-11-02', scopes: ['contact_details'], documentLocation: null }, { now: NOW, today: TODAY });
    if (release.kind !== 'ok') throw new Error('release not recorded');
  });
  afterEach(() => files.cleanup());

  function plan(overrides: Partial<NewIrtMeeting> = {}, by = WORKER, at = NOW) {
    const result = planMeeting(db, actor(by), meetingInput(overrides), ctx(at));
    if (result.kind !== 'ok') throw new Error(`not planned: ${JSON.stringify(result)}`);
    return result;
  }

  it('plans a meeting: the participant, the organizer, partners past the gate, staff and natural supports attend; 3–5 slots on working days from two weeks out', () => {
    const { meetingId, slotIds } = plan();
    const detail = meetingDetail(db, meetingId)!;
    expect(detail.meeting).toMatchObject({ participantId: amina, organizerId: WORKER, status: 'planning', threadTs: null, planningChannelId: 'C0IRTPLAN1' });
    expect(detail.attendees.map((a) => [a.kind, a.slackUserId, a.partnerId])).toEqual([
      ['participant', null, null],
      ['partner_contact', PARTNER_USER, goodwill],
      ['staff', WORKER, null],
      ['staff', COLLEAGUE, null],
      ['natural_support', null, null],
    ]);
    expect(detail.attendees.find((a) => a.kind === 'natural_support')).toMatchObject({ name: 'Fatou Kone', relationship: 'sister', phone: '555-0100' });
    expect(slotIds.length).toBeGreaterThanOrEqual(3);
    expect(slotIds.length).toBeLessThanOrEqual(5);
    // 14 days from Mon Nov 23 in Chicago is Mon Dec 7: no slot before it, all on working days in working hours.
    for (const s of detail.slots) {
      expect(localDate(new Date(s.startsAt), ZONE) >= '2026-12-07').toBe(true);
      expect([1, 2, 3, 4, 5]).toContain(new Date(s.startsAt).getUTCDay());
      expect(s.round).toBe(1);
    }
    const auditRow = db.select().from(auditLog).where(eq(auditLog.action, 'irt-plan')).get()!;
    expect(auditRow).toMatchObject({ actorId: WORKER, entity: 'participant', entityId: String(amina), basis: 'assigned' });
    expect(auditRow.detail).not.toMatch(/Amina|Fatou|Jo Banks|Main St/);
  });

  it('the same modal submission twice plans one meeting', () => {
    const first = planMeeting(db, actor(WORKER), meetingInput(), ctx(), { requestKey: 'view:V1:h1' });
    const again = planMeeting(db, actor(WORKER), meetingInput(), ctx(), { requestKey: 'view:V1:h1' });
    expect(first).toMatchObject({ kind: 'ok' });
    expect(again).toEqual({ ...first, duplicate: true });
    expect(count(irtMeetings)).toBe(1);
    expect(planMeeting(db, actor(WORKER), meetingInput(), ctx(), { requestKey: 'view:V2:h1' })).toMatchObject({ kind: 'ok' });
    expect(count(irtMeetings)).toBe(2);
  });

  it('an urgent meeting is proposed within the next three working days (Thanksgiving skipped)', () => {
    const { meetingId } = plan({ urgent: true });
    const days = meetingDetail(db, meetingId)!.slots.map((s) => localDate(new Date(s.startsAt), ZONE));
    // Mon Nov 23 → working days Tue 24, Wed 25, Fri 27 (Thu 26 is Thanksgiving).
    for (const d of days) expect(['2026-11-24', '2026-11-25', '2026-11-27']).toContain(d);
  });

  it('the release gate: a partner organization without a valid release today is refused and nothing is written', () => {
    const result = planMeeting(db, actor(WORKER), meetingInput({ partnerContactIds: [goodwillContact, housingContact] }), ctx());
    expect(result).toEqual({ kind: 'release-missing', partnerIds: [housing] });
    expect([count(irtMeetings), count(irtAttendees), count(irtSlots)]).toEqual([0, 0, 0]);
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'irt-plan')).all()).toEqual([]);
  });

  it('an expired or revoked release does not pass the gate', () => {
    recordRelease(db, actor(WORKER), { participantId: amina, partnerId: housing, signedDate: '2025-01-02', expiryDate: '2025-12-31', scopes: ['contact_details'], documentLocation: null }, { now: NOW, today: TODAY });
    expect(planMeeting(db, actor(WORKER), meetingInput({ partnerContactIds: [housingContact] }), ctx())).toEqual({ kind: 'release-missing', partnerIds: [housing] });
  });

  it('someone who may not write the participant’s file cannot plan a meeting for them (same answer as a missing participant)', () => {
    expect(planMeeting(db, actor(OUTSIDER), meetingInput(), ctx())).toEqual({ kind: 'not-found' });
    expect(planMeeting(db, actor(WORKER), meetingInput({ participantId: 9999 }), ctx())).toEqual({ kind: 'not-found' });
    expect(count(irtMeetings)).toBe(0);
  });

  it('inviting someone who is not active staff is refused on the staff field', () => {
    expect(planMeeting(db, actor(WORKER), meetingInput({ staffIds: [STRANGER] }), ctx())).toEqual({ kind: 'invalid', errors: { staffIds: expect.any(String) } });
    expect(count(irtMeetings)).toBe(0);
  });

  it('the organizer’s other meetings are busy: a second meeting never offers the same times', () => {
    const first = meetingDetail(db, plan().meetingId)!;
    const other = enrollParticipant(db, actor(WORKER), newParticipant(WORKER, { fullName: 'Omar Said' }), NOW);
    const second = meetingDetail(db, plan({ participantId: other, partnerContactIds: [] }).meetingId)!;
    for (const a of first.slots) for (const b of second.slots) expect(a.startsAt < b.endsAt && b.startsAt < a.endsAt).toBe(false);
    expect(organizerBusy(db, WORKER, NOW).length).toBe(first.slots.length + second.slots.length);
  });

  it('availability: only an attendee answers, for themselves; a later click changes the answer, a repeat changes nothing', () => {
    const { meetingId, slotIds } = plan();
    const [slot] = slotIds as [number];
    expect(recordAvailability(db, { slotId: slot, slackUserId: STRANGER, answer: 'available' }, NOW)).toEqual({ kind: 'not-attendee' });
    expect(recordAvailability(db, { slotId: slot, slackUserId: PARTNER_USER, answer: 'available' }, NOW)).toEqual({ kind: 'ok', meetingId, round: 1, changed: true });
    expect(recordAvailability(db, { slotId: slot, slackUserId: PARTNER_USER, answer: 'available' }, NOW)).toMatchObject({ kind: 'ok', changed: false });
    expect(recordAvailability(db, { slotId: slot, slackUserId: PARTNER_USER, answer: 'unavailable' }, NOW)).toMatchObject({ kind: 'ok', changed: true });
    expect(db.select().from(irtAvailability).all()).toEqual([{ slotId: slot, attendeeId: expect.any(Number), answer: 'unavailable', answeredAt: NOW.toISOString() }]);
    expect(recordAvailability(db, { slotId: 99999, slackUserId: PARTNER_USER, answer: 'available' }, NOW)).toEqual({ kind: 'not-found' });
  });

  it('confirming: only the organizer or staff who may write the file; the meeting is scheduled; another slot reschedules it (SEQUENCE + 1); answers close', () => {
    const { meetingId, slotIds } = plan();
    const [first, second] = slotIds as [number, number];
    expect(confirmSlot(db, actor(OUTSIDER), first, NOW)).toEqual({ kind: 'not-allowed' });
    expect(confirmSlot(db, actor(COLLEAGUE), first, NOW)).toEqual({ kind: 'not-allowed' }); // invited, but not on the case
    expect(confirmSlot(db, actor(WORKER), first, NOW)).toEqual({ kind: 'ok', meetingId, sequence: 0, rescheduled: false, alreadyConfirmed: false });
    const slots = meetingDetail(db, meetingId)!.slots;
    expect(meetingDetail(db, meetingId)!.meeting).toMatchObject({ status: 'scheduled', startsAt: slots.find((s) => s.id === first)!.startsAt, endsAt: slots.find((s) => s.id === first)!.endsAt });
    expect(confirmSlot(db, actor(WORKER), first, NOW)).toMatchObject({ kind: 'ok', alreadyConfirmed: true, sequence: 0 });
    expect(recordAvailability(db, { slotId: second, slackUserId: PARTNER_USER, answer: 'available' }, NOW)).toEqual({ kind: 'closed' });

    expect(confirmSlot(db, actor(WORKER), second, NOW)).toEqual({ kind: 'ok', meetingId, sequence: 1, rescheduled: true, alreadyConfirmed: false });
    const after = meetingDetail(db, meetingId)!;
    expect(after.slots.filter((s) => s.confirmed).map((s) => s.id)).toEqual([second]);
    expect(after.meeting.startsAt).toBe(after.slots.find((s) => s.id === second)!.startsAt);
  });

  it('new times: a second round after the first; the first round’s slots no longer take answers', () => {
    const { meetingId, slotIds } = plan();
    expect(proposeNextRound(db, actor(OUTSIDER), meetingId, ctx())).toEqual({ kind: 'not-allowed' });
    const next = proposeNextRound(db, actor(WORKER), meetingId, ctx());
    if (next.kind !== 'ok') throw new Error(next.kind);
    expect(next.round).toBe(2);
    const detail = meetingDetail(db, meetingId)!;
    const lastOfFirst = Math.max(...detail.slots.filter((s) => s.round === 1).map((s) => Date.parse(s.endsAt)));
    for (const s of detail.slots.filter((x) => x.round === 2)) expect(Date.parse(s.startsAt)).toBeGreaterThan(lastOfFirst);
    expect(recordAvailability(db, { slotId: slotIds[0]!, slackUserId: PARTNER_USER, answer: 'available' }, NOW)).toEqual({ kind: 'closed' });
    expect(recordAvailability(db, { slotId: next.slotIds[0]!, slackUserId: PARTNER_USER, answer: 'available' }, NOW)).toMatchObject({ kind: 'ok', round: 2 });
  });

  it('the reminder job’s queries: scheduled meetings starting within a window, open action items due by a date', () => {
    const { meetingId, slotIds } = plan();
    confirmSlot(db, actor(WORKER), slotIds[0]!, NOW);
    const startsAt = new Date(meetingDetail(db, meetingId)!.meeting.startsAt!);
    expect(scheduledMeetingsStarting(db, NOW, new Date(startsAt.getTime() - 1)).map((m) => m.id)).toEqual([]);
    expect(scheduledMeetingsStarting(db, new Date(startsAt.getTime() - 86_400_000), startsAt).map((m) => m.id)).toEqual([meetingId]);
    expect(scheduledMeetingsStarting(db, startsAt, new Date(startsAt.getTime() + 86_400_000)).map((m) => m.id)).toEqual([]);

    const item = (dueDate: string, status: 'open' | 'done') =>
      db
        .insert(irtActionItems)
        .values({ meetingId, participantId: amina, description: 'Bring ID to the housing office', responsibleKind: 'staff', responsibleName: 'Dana Rivera', responsibleSlackUserId: WORKER, dueDate, status, createdAt: NOW.toISOString(), createdBy: WORKER })
        .returning({ id: irtActionItems.id })
        .get().id;
    const due = item('2026-12-10', 'open');
    item('2026-12-09', 'done');
    item('2026-12-11', 'open');
    expect(openActionItemsDueBy(db, '2026-12-10').map((i) => i.id)).toEqual([due]);
  });

  it('a reminder is claimed once: a second claim while leased or after it was sent gets nothing; a failed one is retried after its back-off', () => {
    const { meetingId } = plan();
    const claim = (owner: string, now: Date) => claimReminder(db, { key: `meeting_24h:${meetingId}:${WORKER}`, kind: 'meeting_24h', meetingId, recipient: WORKER, owner, now, leaseMs: 60_000, maxAttempts: 3 });
    const id = claim('a', NOW)!;
    expect(id).toEqual(expect.any(Number));
    expect(claim('b', NOW)).toBeNull();
    expect(settledReminderKeys(db, [`meeting_24h:${meetingId}:${WORKER}`], NOW, 3).size).toBe(1);
    expect(markReminderFailed(db, id, 'b', NOW, 120_000)).toBe(false); // only the lease holder
    expect(markReminderFailed(db, id, 'a', NOW, 120_000)).toBe(true);
    expect(claim('b', new Date(NOW.getTime() + 60_000))).toBeNull(); // backing off
    const again = claim('b', new Date(NOW.getTime() + 121_000))!;
    expect(again).toBe(id);
    expect(markReminderSent(db, id, 'b', '1700000000.000100', NOW)).toBe(true);
    expect(claim('c', new Date(NOW.getTime() + 3_600_000))).toBeNull();
    expect(markReminderSent(db, id, 'c', null, NOW)).toBe(false);
  });

  it('a reminder that keeps failing stops after its attempts', () => {
    const { meetingId } = plan();
    const claim = (now: Date) => claimReminder(db, { key: 'k', kind: 'meeting_24h', meetingId, recipient: WORKER, owner: 'a', now, leaseMs: 1, maxAttempts: 2 });
    let t = NOW.getTime();
    for (let i = 0; i < 2; i++) {
      const id = claim(new Date((t += 10)))!;
      expect(id).not.toBeNull();
      markReminderFailed(db, id, 'a', new Date(t), 0);
    }
    expect(claim(new Date((t += 10)))).toBeNull();
  });

  it('the App Home’s meetings: only of participants the viewer may read, only where they organize, attend or are assigned; scheduled ones in the window first, then those being planned', () => {
    const SUPERVISOR = 'U0SUPERV01';
    addStaff(db, SUPERVISOR, { role: 'supervisor', tz: ZONE, name: 'Sol Marquez' });
    addStaff(db, WORKER, { tz: ZONE, name: 'Dana Rivera', supervisorId: SUPERVISOR });
    const sams = enrollParticipant(db, actor(OUTSIDER), newParticipant(OUTSIDER, { fullName: 'Yusuf Ali' }), NOW);

    // Being planned, with Lee (not on the case) and Sol (Dana's supervisor) invited.
    const planning = plan({ staffIds: [COLLEAGUE, SUPERVISOR] }).meetingId;
    // Scheduled: Dana's second meeting for Amina.
    const second = plan({ staffIds: [] });
    expect(confirmSlot(db, actor(WORKER), second.slotIds[0]!, NOW).kind).toBe('ok');
    const scheduled = meetingDetail(db, second.meetingId)!.meeting;
    const [startsAt, endsAt] = [new Date(scheduled.startsAt!), new Date(scheduled.endsAt!)];
    // Sam's meeting for his own participant, with Dana invited: she may not read Yusuf's file.
    const samsMeeting = plan({ participantId: sams, partnerContactIds: [], staffIds: [WORKER] }, OUTSIDER).meetingId;
    // A meeting already held is not upcoming.
    const held = plan({ staffIds: [] }).meetingId;
    db.update(irtMeetings).set({ status: 'held' }).where(eq(irtMeetings.id, held)).run();

    const window = { now: NOW, until: new Date(startsAt.getTime() + 1) };
    const shown = (id: string, w = window, limit = 10) => {
      const { meetings, total } = upcomingMeetings(db, actor(id), w, limit);
      return { ids: meetings.map((m) => m.id), total };
    };

    const danas = upcomingMeetings(db, actor(WORKER), window, 10);
    expect(danas.meetings).toEqual([
      { id: second.meetingId, participantId: amina, fullName: 'Amina Kone', preferredName: null, status: 'scheduled', startsAt: scheduled.startsAt, endsAt: scheduled.endsAt, locationKind: 'in_person', planningChannelId: 'C0IRTPLAN1' },
      expect.objectContaining({ id: planning, participantId: amina, status: 'planning', startsAt: null, endsAt: null }),
    ]);
    expect(danas.total).toBe(2);
    expect(shown(WORKER, window, 1)).toEqual({ ids: [second.meetingId], total: 2 });
    expect(shown(SUPERVISOR)).toEqual({ ids: [planning], total: 1 }); // invited to one; may read Amina's file as Dana's supervisor
    expect(shown(COLLEAGUE)).toEqual({ ids: [], total: 0 }); // invited, but may not read Amina's file
    expect(shown(OUTSIDER)).toEqual({ ids: [samsMeeting], total: 1 });

    // The window: a meeting starting at `until` is not yet shown; one in progress still is; one over is not.
    expect(shown(WORKER, { now: NOW, until: startsAt }).ids).toEqual([planning]);
    expect(shown(WORKER, { now: new Date(startsAt.getTime() + 60_000), until: window.until }).ids).toEqual([second.meetingId, planning]);
    expect(shown(WORKER, { now: endsAt, until: new Date(endsAt.getTime() + 86_400_000) }).ids).toEqual([planning]);

    // Amina moves to Lee: Dana, though she organized both meetings, no longer sees them; Lee does.
    expect(reassignParticipant(db, actor(SUPERVISOR), amina, COLLEAGUE, NOW)).toBe('ok');
    expect(shown(WORKER)).toEqual({ ids: [], total: 0 });
    expect(shown(COLLEAGUE)).toEqual({ ids: [second.meetingId, planning], total: 2 });
  });

  // ------------------------------------------------------------------ robustness (review of #6)

  const SUPERVISOR = 'U0SUPERV01';
  /** Dana's supervisor moves Amina's case to Lee: Dana organized the meeting but no longer works the case. */
  function reassignAminaToLee() {
    addStaff(db, SUPERVISOR, { role: 'supervisor', tz: ZONE, name: 'Sol Marquez' });
    addStaff(db, WORKER, { tz: ZONE, name: 'Dana Rivera', supervisorId: SUPERVISOR });
    addStaff(db, COLLEAGUE, { tz: 'America/New_York', name: 'Lee Park', supervisorId: SUPERVISOR });
    expect(reassignParticipant(db, actor(SUPERVISOR), amina, COLLEAGUE, NOW)).toBe('ok');
  }
  const snapshot = (meetingId: number) => {
    const d = meetingDetail(db, meetingId)!;
    return { meeting: d.meeting, slots: d.slots, audit: db.select().from(auditLog).all().length };
  };
  const actionsBy = (action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all();

  it('an organizer whose participant was reassigned away may no longer confirm, propose, cancel or mark steps done; the new case manager may', () => {
    const { meetingId, slotIds } = plan({ staffIds: [] });
    // While Dana works the case, organizing is her recorded basis.
    expect(mayManageMeeting(db, actor(WORKER), meetingDetail(db, meetingId)!.meeting)).toBe('organizer');
    const step = db
      .insert(irtActionItems)
      .values({ meetingId, participantId: amina, description: 'Bring ID to the housing office', responsibleKind: 'participant', responsibleName: 'Amina Kone', dueDate: '2026-12-20', status: 'open', createdAt: NOW.toISOString(), createdBy: WORKER })
      .returning({ id: irtActionItems.id })
      .get().id;

    reassignAminaToLee();
    const before = snapshot(meetingId);
    expect(mayManageMeeting(db, actor(WORKER), before.meeting)).toBeNull();
    expect(confirmSlot(db, actor(WORKER), slotIds[0]!, NOW)).toEqual({ kind: 'not-allowed' });
    expect(proposeNextRound(db, actor(WORKER), meetingId, ctx(), 1)).toEqual({ kind: 'not-allowed' });
    expect(cancelMeeting(db, actor(WORKER), meetingId, NOW)).toEqual({ kind: 'not-allowed' });
    expect(markActionItemDone(db, { userId: WORKER, actor: actor(WORKER) }, step, NOW)).toEqual({ kind: 'refused' });
    expect(snapshot(meetingId)).toEqual(before);
    expect(db.select().from(irtActionItems).where(eq(irtActionItems.id, step)).get()!.status).toBe('open');

    // Lee, now assigned, runs the meeting on his own basis.
    expect(mayManageMeeting(db, actor(COLLEAGUE), before.meeting)).toBe('assigned');
    expect(confirmSlot(db, actor(COLLEAGUE), slotIds[0]!, NOW)).toMatchObject({ kind: 'ok', alreadyConfirmed: false });
    expect(actionsBy('irt-confirm').map((r) => [r.actorId, r.basis])).toEqual([[COLLEAGUE, 'assigned']]);
    expect(markActionItemDone(db, { userId: COLLEAGUE, actor: actor(COLLEAGUE) }, step, NOW)).toMatchObject({ kind: 'done', basis: 'assigned' });
  });

  it('the organizer who still works the case is audited as the organizer', () => {
    const { meetingId, slotIds } = plan();
    expect(confirmSlot(db, actor(WORKER), slotIds[0]!, NOW).kind).toBe('ok');
    expect(proposeNextRound(db, actor(WORKER), meetingId, ctx(), 1).kind).toBe('ok');
    expect([...actionsBy('irt-confirm'), ...actionsBy('irt-repropose')].map((r) => r.basis)).toEqual(['organizer', 'organizer']);
  });

  it('new times replace only the round that was pressed: a second press on the same round, or on an older one, adds nothing', () => {
    const { meetingId } = plan();
    const second = proposeNextRound(db, actor(WORKER), meetingId, ctx(), 1);
    expect(second).toMatchObject({ kind: 'ok', round: 2 });
    const after = snapshot(meetingId);
    // The double click: the same round-1 message again.
    expect(proposeNextRound(db, actor(WORKER), meetingId, ctx(), 1)).toEqual({ kind: 'already-proposed', meetingId, latestRound: 2 });
    expect(snapshot(meetingId)).toEqual(after);
    expect(actionsBy('irt-repropose')).toHaveLength(1);
    // Pressed on round 2 (the latest), a round 3 follows.
    expect(proposeNextRound(db, actor(WORKER), meetingId, ctx(), 2)).toMatchObject({ kind: 'ok', round: 3 });
    expect(proposeNextRound(db, actor(WORKER), meetingId, ctx(), 2)).toMatchObject({ kind: 'already-proposed', latestRound: 3 });
    expect(new Set(meetingDetail(db, meetingId)!.slots.map((s) => s.round))).toEqual(new Set([1, 2, 3]));
  });

  it('a slot from a replaced round is no longer offered, and a slot that has begun cannot be confirmed', () => {
    const { meetingId, slotIds } = plan();
    const next = proposeNextRound(db, actor(WORKER), meetingId, ctx(), 1);
    if (next.kind !== 'ok') throw new Error(next.kind);
    expect(confirmSlot(db, actor(WORKER), slotIds[0]!, NOW)).toEqual({ kind: 'not-offered' });
    expect(meetingDetail(db, meetingId)!.meeting.status).toBe('planning');

    const latest = meetingDetail(db, meetingId)!.slots.find((s) => s.id === next.slotIds[0])!;
    const startsAt = new Date(latest.startsAt);
    expect(confirmSlot(db, actor(WORKER), latest.id, startsAt)).toEqual({ kind: 'past' });
    expect(confirmSlot(db, actor(WORKER), latest.id, new Date(startsAt.getTime() + 60_000))).toEqual({ kind: 'past' });
    expect(meetingDetail(db, meetingId)!.meeting).toMatchObject({ status: 'planning', startsAt: null });
    expect(actionsBy('irt-confirm')).toEqual([]);
    expect(confirmSlot(db, actor(WORKER), latest.id, new Date(startsAt.getTime() - 60_000))).toMatchObject({ kind: 'ok' });
  });

  it('a round that never reached the thread is taken back: the round it was to replace works again', () => {
    const { meetingId, slotIds } = plan();
    const next = proposeNextRound(db, actor(WORKER), meetingId, ctx(), 1);
    if (next.kind !== 'ok') throw new Error(next.kind);
    expect(withdrawRound(db, meetingId, 1, WORKER, NOW)).toBe(false); // not the latest
    expect(withdrawRound(db, meetingId, 2, WORKER, NOW)).toBe(true);
    expect(meetingDetail(db, meetingId)!.slots.map((s) => s.id)).toEqual(slotIds);
    expect(actionsBy('irt-repropose-withdrawn').map((r) => [r.actorId, r.basis, JSON.parse(r.detail!)])).toEqual([[WORKER, 'system', { meeting: meetingId, round: 2, slots: next.slotIds.length }]]);
    expect(recordAvailability(db, { slotId: slotIds[0]!, slackUserId: PARTNER_USER, answer: 'available' }, NOW)).toMatchObject({ kind: 'ok', round: 1 });
    expect(proposeNextRound(db, actor(WORKER), meetingId, ctx(), 1)).toMatchObject({ kind: 'ok', round: 2 });

    // A round someone answered is kept.
    const third = proposeNextRound(db, actor(WORKER), meetingId, ctx(), 2);
    if (third.kind !== 'ok') throw new Error(third.kind);
    recordAvailability(db, { slotId: third.slotIds[0]!, slackUserId: PARTNER_USER, answer: 'available' }, NOW);
    expect(withdrawRound(db, meetingId, 3, WORKER, NOW)).toBe(false);
  });

  it('cancelling: the organizer or staff on the case, planning or scheduled only, once; audited; then nothing more happens to it', () => {
    const planning = plan();
    const outsider = cancelMeeting(db, actor(OUTSIDER), planning.meetingId, NOW);
    expect(outsider).toEqual({ kind: 'not-allowed' });
    expect(cancelMeeting(db, actor(WORKER), planning.meetingId, NOW, 'no_longer_needed')).toEqual({ kind: 'ok', meetingId: planning.meetingId, participantId: amina, wasScheduled: false, startsAt: null, endsAt: null });
    expect(meetingDetail(db, planning.meetingId)!.meeting.status).toBe('cancelled');
    expect(cancelMeeting(db, actor(WORKER), planning.meetingId, NOW)).toEqual({ kind: 'already-cancelled' });
    const row = actionsBy('irt-cancel');
    expect(row.map((r) => [r.actorId, r.basis, r.entityId, JSON.parse(r.detail!)])).toEqual([[WORKER, 'organizer', String(amina), { meeting: planning.meetingId, was: 'planning', reason: 'no_longer_needed' }]]);

    // A cancelled meeting takes no answers, confirmations or new times.
    expect(recordAvailability(db, { slotId: planning.slotIds[0]!, slackUserId: PARTNER_USER, answer: 'available' }, NOW)).toEqual({ kind: 'cancelled' });
    expect(confirmSlot(db, actor(WORKER), planning.slotIds[0]!, NOW)).toEqual({ kind: 'cancelled' });
    expect(proposeNextRound(db, actor(WORKER), planning.meetingId, ctx(), 1)).toEqual({ kind: 'cancelled' });

    // A scheduled one, cancelled by Dana's supervisor: its confirmed time is reported (attendees had been sent it).
    addStaff(db, SUPERVISOR, { role: 'supervisor', tz: ZONE, name: 'Sol Marquez' });
    addStaff(db, WORKER, { tz: ZONE, name: 'Dana Rivera', supervisorId: SUPERVISOR });
    const scheduled = plan();
    expect(confirmSlot(db, actor(WORKER), scheduled.slotIds[1]!, NOW).kind).toBe('ok');
    const m = meetingDetail(db, scheduled.meetingId)!.meeting;
    expect(cancelMeeting(db, actor(SUPERVISOR), scheduled.meetingId, NOW)).toEqual({ kind: 'ok', meetingId: scheduled.meetingId, participantId: amina, wasScheduled: true, startsAt: m.startsAt, endsAt: m.endsAt });
    expect(actionsBy('irt-cancel').at(-1)).toMatchObject({ actorId: SUPERVISOR, basis: 'supervisor' });
    // No reminders, not on the App Home.
    expect(scheduledMeetingsStarting(db, NOW, new Date(Date.parse(m.startsAt!) + 1)).map((x) => x.id)).toEqual([]);
    expect(upcomingMeetings(db, actor(WORKER), { now: NOW, until: new Date(Date.parse(m.endsAt!) + 1) }, 10)).toEqual({ meetings: [], total: 0 });

    // A held meeting cannot be cancelled.
    const held = plan();
    db.update(irtMeetings).set({ status: 'held' }).where(eq(irtMeetings.id, held.meetingId)).run();
    expect(cancelMeeting(db, actor(WORKER), held.meetingId, NOW)).toEqual({ kind: 'closed' });
    for (const r of db.select().from(auditLog).all()) expect(r.detail ?? '').not.toMatch(/Amina|Kone|Fatou|Main St/);
  });

  it('the organizer’s hours: cancelled meetings, replaced rounds and planning abandoned for 60 days keep nothing', () => {
    const cancelled = meetingDetail(db, plan().meetingId)!;
    expect(organizerBusy(db, WORKER, NOW)).toHaveLength(cancelled.slots.length);
    cancelMeeting(db, actor(WORKER), cancelled.meeting.id, NOW);
    expect(organizerBusy(db, WORKER, NOW)).toEqual([]);
    // A cancelled meeting's times are offered again to the next meeting.
    const next = meetingDetail(db, plan().meetingId)!;
    expect(next.slots.map((s) => s.startsAt)).toEqual(cancelled.slots.map((s) => s.startsAt));

    // Only the latest round of a meeting being planned counts.
    const round2 = proposeNextRound(db, actor(WORKER), next.meeting.id, ctx(), 1);
    if (round2.kind !== 'ok') throw new Error(round2.kind);
    const busy = organizerBusy(db, WORKER, NOW).map((b) => b.startsAt.toISOString()).sort();
    const round2Starts = meetingDetail(db, next.meeting.id)!.slots.filter((s) => s.round === 2).map((s) => s.startsAt).sort();
    expect(busy).toEqual(round2Starts);

    // Proposed more than 60 days ago and never confirmed: abandoned. A scheduled meeting's time always counts.
    const stale = new Date(NOW.getTime() - (STALE_PLANNING_DAYS + 1) * 86_400_000).toISOString();
    db.update(irtSlots).set({ proposedAt: stale }).where(eq(irtSlots.meetingId, next.meeting.id)).run();
    expect(organizerBusy(db, WORKER, NOW)).toEqual([]);
    const recent = new Date(NOW.getTime() - (STALE_PLANNING_DAYS - 1) * 86_400_000).toISOString();
    db.update(irtSlots).set({ proposedAt: recent }).where(eq(irtSlots.meetingId, next.meeting.id)).run();
    expect(organizerBusy(db, WORKER, NOW)).toHaveLength(round2Starts.length);
    const confirmedSlot = meetingDetail(db, next.meeting.id)!.slots.find((s) => s.round === 2)!;
    expect(confirmSlot(db, actor(WORKER), confirmedSlot.id, NOW).kind).toBe('ok');
    db.update(irtSlots).set({ proposedAt: stale }).where(eq(irtSlots.meetingId, next.meeting.id)).run();
    expect(organizerBusy(db, WORKER, NOW).map((b) => b.startsAt.toISOString())).toEqual([confirmedSlot.startsAt]);
  });

  it('an organizer whose next three working days are taken is told so for an urgent meeting, and nothing is written', () => {
    let result: ReturnType<typeof planMeeting> | undefined;
    for (let i = 0; i < 30; i++) {
      result = planMeeting(db, actor(WORKER), meetingInput({ urgent: true, partnerContactIds: [], staffIds: [] }), ctx());
      if (result.kind !== 'ok') break;
    }
    expect(result).toEqual({ kind: 'organizer-busy', urgent: true });
    const meetings = count(irtMeetings);
    const audits = actionsBy('irt-plan').length;
    expect(planMeeting(db, actor(WORKER), meetingInput({ urgent: true, partnerContactIds: [], staffIds: [] }), ctx())).toEqual({ kind: 'organizer-busy', urgent: true });
    expect([count(irtMeetings), actionsBy('irt-plan').length]).toEqual([meetings, audits]);
    // Not urgent: about two weeks out there is still room.
    expect(planMeeting(db, actor(WORKER), meetingInput({ partnerContactIds: [], staffIds: [] }), ctx())).toMatchObject({ kind: 'ok' });
  });

  it('a picked contact who left the directory is named in the refusal', () => {
    db.update(partnerContacts).set({ active: false }).where(eq(partnerContacts.id, goodwillContact)).run();
    expect(planMeeting(db, actor(WORKER), meetingInput(), ctx())).toEqual({
      kind: 'invalid',
      errors: { partnerContactIds: 'Jo Banks (Goodwill Job Center) is no longer active in the partner directory. Remove them, or pick another contact.' },
    });
    expect(count(irtMeetings)).toBe(0);
  });
});
