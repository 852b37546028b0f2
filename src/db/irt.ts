// IRT meetings: planning (meeting, attendees, the first round of slots), availability answers,
// confirmation, re-proposals, cancelling, and the reminder claims of the reminder job.
// Running a meeting (confirming, proposing, cancelling) is for staff who may write the
// participant's file today: organizing it grants nothing once the case moved to someone else.
//
// Writes on behalf of staff ask src/domain/access.ts first (a refusal is "not found", like a
// missing record), run in one transaction and write one audit row of ids only. The release gate
// (src/domain/release-gate.ts) is judged here too, inside the planning transaction, so a partner
// organization without a valid release can never be added to a meeting, whatever the caller.
// An availability answer is identified by the attendee's Slack user id on irt_attendees: only
// they may answer for themselves.
//
// Functions marked "system" read without an actor; they serve the Slack work that follows a
// committed, access-checked write and the reminder job, which only send what the gate allows.
import { and, asc, count, eq, gt, gte, inArray, isNotNull, lt, lte, max, ne, or, sql } from 'drizzle-orm';
import { decideAccess, mustAudit, type AccessBasis, type Actor } from '../domain/access';
import type { HolidayCalendar } from '../domain/holidays';
import { proposeSlots } from '../domain/irt-schedule';
import type { ProfileId, ProgramProfile } from '../domain/profiles';
import { partnersLackingRelease } from '../domain/release-gate';
import { recordAudit, type AuditEntry } from './audit';
import { inTransaction, type Db } from './connection';
import { rulesForParticipant } from './notes';
import { accessFacts, visibleParticipantsCondition } from './participants';
import { releaseFactsFor } from './releases';
import { recordRequest, requestResult } from './requests';
import {
  assignments,
  auditLog,
  irtActionItems,
  irtAttendees,
  irtAvailability,
  irtMeetings,
  irtReminders,
  irtSlots,
  partnerContacts,
  partners,
  participants,
  staff,
  type IrtActionItemRow,
  type IrtAttendeeRow,
  type IrtMeetingRow,
  type IrtSlotRow,
} from './schema';

export type IrtReason = IrtMeetingRow['reason'];
export type IrtCaller = IrtMeetingRow['calledBy'];
export type IrtLocationKind = IrtMeetingRow['locationKind'];
export type ThreadMode = NonNullable<IrtMeetingRow['threadMode']>;
export type AvailabilityAnswer = 'available' | 'unavailable';

export interface NaturalSupportInput {
  name: string;
  relationship: string | null;
  email: string | null;
  phone: string | null;
}

export interface NewIrtMeeting {
  participantId: number;
  reason: IrtReason;
  reasonDetail: string | null;
  urgent: boolean;
  calledBy: IrtCaller;
  locationKind: IrtLocationKind;
  locationDetail: string | null;
  planningChannelId: string;
  bringAssessment: boolean;
  bringPlan: boolean;
  bringResources: boolean;
  preferredCommunication: string;
  naturalSupports: NaturalSupportInput[];
  partnerContactIds: number[];
  /** Staff attendees besides the organizer (who always attends). Active staff only. */
  staffIds: string[];
}

/** What slot proposals need besides the database: the clock, the organizer's zone and calendar. */
export interface SchedulingContext {
  now: Date;
  /** The organizer's local date: the release gate is judged on it. */
  today: string;
  /** The organizer's zone: slots fall in their working hours. */
  timeZone: string;
  holidays: HolidayCalendar;
  profiles: Record<ProfileId, ProgramProfile>;
}

export type PlanMeetingResult =
  /** `duplicate`: the same modal submission was already committed (a double submit); nothing new was written. */
  | { kind: 'ok'; meetingId: number; slotIds: number[]; duplicate?: boolean }
  | { kind: 'not-found' }
  /** The release gate: these partner organizations have no valid release today. Nothing was written. */
  | { kind: 'release-missing'; partnerIds: number[] }
  /** Field problems (keys: `partnerContactIds`, `staffIds`). Nothing was written. */
  | { kind: 'invalid'; errors: Record<string, string> }
  /** The organizer's working hours in the window (urgent: the next 1–3 working days) are taken by their other IRT meetings. Nothing was written. */
  | { kind: 'organizer-busy'; urgent: boolean };

const NOT_FOUND = { kind: 'not-found' } as const;
const invalid = (field: string, message: string): PlanMeetingResult => ({ kind: 'invalid', errors: { [field]: message } });

// ---------------------------------------------------------------------------------- access

function writeBasis(db: Db, actor: Actor | null, participantId: number): AccessBasis | null {
  const exists = db.select({ id: participants.id }).from(participants).where(eq(participants.id, participantId)).get();
  if (!exists) return null;
  const decision = decideAccess(actor, accessFacts(db, participantId), 'write');
  return decision.allowed ? decision.basis : null;
}

/** Whether the actor may write this participant's file (plan a meeting for them). */
export function mayPlanFor(db: Db, actor: Actor | null, participantId: number): boolean {
  return writeBasis(db, actor, participantId) !== null;
}

function audit(db: Db, now: Date, entry: Omit<AuditEntry, 'entity'>): void {
  recordAudit(db, now, [{ ...entry, entity: 'participant' }]);
}

// -------------------------------------------------------------------------------- planning

/**
 * What the planning modal is pre-filled with (the organizer sees the full name; the modal is
 * private), or null when the actor may not plan for this participant ("not found").
 */
export function planningDefaults(db: Db, actor: Actor | null, participantId: number): { fullName: string; preferredName: string | null; preferredContactMethod: string } | null {
  if (!writeBasis(db, actor, participantId)) return null;
  return (
    db
      .select({ fullName: participants.fullName, preferredName: participants.preferredName, preferredContactMethod: participants.preferredContactMethod })
      .from(participants)
      .where(eq(participants.id, participantId))
      .get() ?? null
  );
}

/** Which of these Slack users are active staff (the gate's "staff" readers). */
export function activeStaffAmong(db: Db, userIds: readonly string[]): Set<string> {
  const ids = [...new Set(userIds)];
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of db.select({ id: staff.slackUserId }).from(staff).where(and(inArray(staff.slackUserId, ids.slice(i, i + 500)), eq(staff.active, true))).all()) out.add(r.id);
  }
  return out;
}

/** A staff member's zone and display name (null when not staff). */
export function staffProfile(db: Db, staffId: string): { tz: string | null; displayName: string } | null {
  return db.select({ tz: staff.tz, displayName: staff.displayName }).from(staff).where(eq(staff.slackUserId, staffId)).get() ?? null;
}


/**
 * A meeting still being planned whose latest times were proposed longer ago than this is taken
 * as abandoned: its proposals no longer keep the organizer's hours (it can still be confirmed,
 * re-proposed or cancelled).
 */
export const STALE_PLANNING_DAYS = 60;

/**
 * The organizer's other commitments from `from` on: the confirmed times of their scheduled
 * meetings, and the times still offered by meetings they are planning (a slot offered elsewhere
 * is not offered twice) — only the latest round of each (earlier rounds can no longer be
 * confirmed), and only when that round was proposed within STALE_PLANNING_DAYS. Cancelled and
 * held meetings keep nothing.
 */
export function organizerBusy(db: Db, organizerId: string, from: Date, exceptMeetingId?: number): Array<{ startsAt: Date; endsAt: Date }> {
  const fromIso = from.toISOString();
  const staleBefore = new Date(from.getTime() - STALE_PLANNING_DAYS * 86_400_000).toISOString();
  const scheduled = db
    .select({ startsAt: irtMeetings.startsAt, endsAt: irtMeetings.endsAt })
    .from(irtMeetings)
    .where(
      and(
        eq(irtMeetings.organizerId, organizerId),
        eq(irtMeetings.status, 'scheduled'),
        isNotNull(irtMeetings.startsAt),
        gt(irtMeetings.endsAt, fromIso),
        exceptMeetingId ? ne(irtMeetings.id, exceptMeetingId) : undefined,
      ),
    )
    .all();
  const proposed = db
    .select({ startsAt: irtSlots.startsAt, endsAt: irtSlots.endsAt })
    .from(irtSlots)
    .innerJoin(irtMeetings, eq(irtMeetings.id, irtSlots.meetingId))
    .where(
      and(
        eq(irtMeetings.organizerId, organizerId),
        eq(irtMeetings.status, 'planning'),
        gt(irtSlots.endsAt, fromIso),
        gte(irtSlots.proposedAt, staleBefore),
        sql`${irtSlots.round} = (select max(latest.round) from irt_slots latest where latest.meeting_id = ${irtSlots.meetingId})`,
        exceptMeetingId ? ne(irtMeetings.id, exceptMeetingId) : undefined,
      ),
    )
    .all();
  return [...scheduled, ...proposed]
    .filter((b): b is { startsAt: string; endsAt: string } => !!b.startsAt && !!b.endsAt)
    .map((b) => ({ startsAt: new Date(b.startsAt), endsAt: new Date(b.endsAt) }));
}

/** Active partner contacts by id, with their organization (directory data). */
function activeContacts(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: partnerContacts.id, partnerId: partnerContacts.partnerId, name: partnerContacts.name, slackUserId: partnerContacts.slackUserId, email: partnerContacts.email, phone: partnerContacts.phone })
    .from(partnerContacts)
    .innerJoin(partners, eq(partners.id, partnerContacts.partnerId))
    .where(and(inArray(partnerContacts.id, [...ids]), eq(partnerContacts.active, true), eq(partners.active, true)))
    .all();
}

/** The partner organization of each contact id (active or not). */
export function partnerIdsOfContacts(db: Db, contactIds: readonly number[]): Map<number, number> {
  if (contactIds.length === 0) return new Map();
  const rows = db.select({ id: partnerContacts.id, partnerId: partnerContacts.partnerId }).from(partnerContacts).where(inArray(partnerContacts.id, [...contactIds])).all();
  return new Map(rows.map((r) => [r.id, r.partnerId]));
}

function leadDaysFor(db: Db, participantId: number, profiles: Record<ProfileId, ProgramProfile>): number {
  return rulesForParticipant(db, participantId, profiles).irtLeadDays;
}

function proposeFor(db: Db, meeting: { participantId: number; organizerId: string; urgent: boolean }, ctx: SchedulingContext, opts: { exceptMeetingId?: number; after?: Date; extraBusy?: Array<{ startsAt: Date; endsAt: Date }> } = {}) {
  return proposeSlots({
    now: ctx.now,
    timeZone: ctx.timeZone,
    leadDays: leadDaysFor(db, meeting.participantId, ctx.profiles),
    urgent: meeting.urgent,
    holidays: ctx.holidays,
    busy: [...organizerBusy(db, meeting.organizerId, ctx.now, opts.exceptMeetingId), ...(opts.extraBusy ?? [])],
    ...(opts.after ? { after: opts.after } : {}),
  });
}

/**
 * Which picked contacts left the directory (or whose organization did), by name and
 * organization: directory data, told to the organizer who picked them.
 */
function goneContactsMessage(db: Db, ids: readonly number[]): string {
  const rows = db
    .select({ name: partnerContacts.name, org: partners.name })
    .from(partnerContacts)
    .innerJoin(partners, eq(partners.id, partnerContacts.partnerId))
    .where(inArray(partnerContacts.id, [...ids]))
    .orderBy(asc(partnerContacts.name))
    .all();
  if (rows.length === 0) return 'A partner contact you picked is no longer in the partner directory. Pick the partners again.';
  const who = rows.map((r) => `${r.name} (${r.org})`);
  const list = who.length === 1 ? who[0]! : `${who.slice(0, -1).join(', ')} and ${who.at(-1)!}`;
  return `${list} ${who.length === 1 ? 'is' : 'are'} no longer active in the partner directory. Remove ${who.length === 1 ? 'them' : 'these contacts'}, or pick another contact.`;
}

/**
 * Plans a meeting: the meeting, its attendees (the participant always, the organizer always,
 * natural supports, partner contacts past the release gate, staff) and the first round of
 * slots, in one transaction with one `irt-plan` audit row. Refused (nothing written) when the
 * actor may not write the participant's file, when a partner organization lacks a valid
 * release on the organizer's today, or when a contact or staff member is not active.
 * `requestKey` (`view:<view id>:<hash>`) is recorded in processed_slack_requests with the
 * meeting, so the same submission twice plans one meeting.
 */
export function planMeeting(db: Db, actor: Actor | null, input: NewIrtMeeting, ctx: SchedulingContext, opts: { requestKey?: string } = {}): PlanMeetingResult {
  return inTransaction<PlanMeetingResult>(db, () => {
    const basis = writeBasis(db, actor, input.participantId);
    if (!basis || !actor) return NOT_FOUND;
    if (opts.requestKey) {
      const meetingId = Number(/^irt_meeting:(\d+)$/.exec(requestResult(db, opts.requestKey) ?? '')?.[1]);
      if (meetingId) {
        const slotIds = db.select({ id: irtSlots.id }).from(irtSlots).where(eq(irtSlots.meetingId, meetingId)).all().map((r) => r.id);
        return { kind: 'ok', meetingId, slotIds, duplicate: true };
      }
    }

    const contactIds = [...new Set(input.partnerContactIds)];
    const contacts = activeContacts(db, contactIds);
    if (contacts.length !== contactIds.length) {
      const active = new Set(contacts.map((c) => c.id));
      return invalid('partnerContactIds', goneContactsMessage(db, contactIds.filter((id) => !active.has(id))));
    }
    const lacking = partnersLackingRelease([...new Set(contacts.map((c) => c.partnerId))], releaseFactsFor(db, input.participantId), ctx.today);
    if (lacking.length > 0) return { kind: 'release-missing', partnerIds: lacking };

    const staffIds = [...new Set([actor.staffId, ...input.staffIds])];
    const activeStaff = db.select({ id: staff.slackUserId }).from(staff).where(and(inArray(staff.slackUserId, staffIds), eq(staff.active, true))).all();
    if (activeStaff.length !== staffIds.length) {
      return invalid('staffIds', 'Everyone on staff you invite must be active Tickler staff.');
    }

    const slots = proposeFor(db, { participantId: input.participantId, organizerId: actor.staffId, urgent: input.urgent }, ctx);
    if (slots.length === 0) return { kind: 'organizer-busy', urgent: input.urgent };

    const at = ctx.now.toISOString();
    const meeting = db
      .insert(irtMeetings)
      .values({
        participantId: input.participantId,
        organizerId: actor.staffId,
        reason: input.reason,
        reasonDetail: input.reasonDetail,
        urgent: input.urgent,
        calledBy: input.calledBy,
        status: 'planning',
        locationKind: input.locationKind,
        locationDetail: input.locationDetail,
        planningChannelId: input.planningChannelId,
        bringAssessment: input.bringAssessment,
        bringPlan: input.bringPlan,
        bringResources: input.bringResources,
        preferredCommunication: input.preferredCommunication,
        createdAt: at,
        createdBy: actor.staffId,
        updatedAt: at,
      })
      .returning({ id: irtMeetings.id })
      .get();

    // One attendee per Slack user: a partner contact who is also picked as staff stays a partner contact.
    const taken = new Set<string>();
    const rows: Array<typeof irtAttendees.$inferInsert> = [{ meetingId: meeting.id, kind: 'participant', createdAt: at }];
    for (const c of contacts) {
      if (c.slackUserId) taken.add(c.slackUserId);
      rows.push({ meetingId: meeting.id, kind: 'partner_contact', partnerContactId: c.id, name: c.name, email: c.email, phone: c.phone, slackUserId: c.slackUserId, createdAt: at });
    }
    for (const id of staffIds) {
      if (taken.has(id)) continue;
      taken.add(id);
      rows.push({ meetingId: meeting.id, kind: 'staff', staffId: id, slackUserId: id, createdAt: at });
    }
    for (const s of input.naturalSupports) {
      rows.push({ meetingId: meeting.id, kind: 'natural_support', name: s.name, relationship: s.relationship, email: s.email, phone: s.phone, createdAt: at });
    }
    db.insert(irtAttendees).values(rows).run();

    const slotIds = db
      .insert(irtSlots)
      .values(slots.map((s) => ({ meetingId: meeting.id, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), round: 1, proposedAt: at })))
      .returning({ id: irtSlots.id })
      .all()
      .map((r) => r.id);

    if (opts.requestKey) {
      recordRequest(db, opts.requestKey, 'view_submission', ctx.now, `irt_meeting:${meeting.id}`);
    }
    audit(db, ctx.now, {
      actorId: actor.staffId,
      action: 'irt-plan',
      entityId: input.participantId,
      basis,
      detail: { meeting: meeting.id, partners: contacts.length, staff: staffIds.length, supports: input.naturalSupports.length, slots: slotIds.length },
    });
    return { kind: 'ok', meetingId: meeting.id, slotIds };
  });
}

// ----------------------------------------------------------------------------------- reading

export interface MeetingDetail {
  meeting: IrtMeetingRow;
  participant: { id: number; fullName: string; preferredName: string | null };
  attendees: Array<IrtAttendeeRow & { partnerId: number | null; partnerName: string | null; staffTz: string | null }>;
  slots: IrtSlotRow[];
  availability: Array<{ slotId: number; attendeeId: number; answer: AvailabilityAnswer }>;
}

/** System: everything about one meeting, for the Slack work after a committed write and for jobs. */
export function meetingDetail(db: Db, meetingId: number): MeetingDetail | null {
  const meeting = db.select().from(irtMeetings).where(eq(irtMeetings.id, meetingId)).get();
  if (!meeting) return null;
  const participant = db
    .select({ id: participants.id, fullName: participants.fullName, preferredName: participants.preferredName })
    .from(participants)
    .where(eq(participants.id, meeting.participantId))
    .get()!;
  const attendees = db
    .select({ attendee: irtAttendees, partnerId: partnerContacts.partnerId, partnerName: partners.name, staffTz: staff.tz })
    .from(irtAttendees)
    .leftJoin(partnerContacts, eq(partnerContacts.id, irtAttendees.partnerContactId))
    .leftJoin(partners, eq(partners.id, partnerContacts.partnerId))
    .leftJoin(staff, eq(staff.slackUserId, irtAttendees.staffId))
    .where(eq(irtAttendees.meetingId, meetingId))
    .orderBy(asc(irtAttendees.id))
    .all()
    .map((r) => ({ ...r.attendee, partnerId: r.partnerId ?? null, partnerName: r.partnerName ?? null, staffTz: r.staffTz ?? null }));
  const slots = db.select().from(irtSlots).where(eq(irtSlots.meetingId, meetingId)).orderBy(asc(irtSlots.startsAt)).all();
  const availability = slots.length
    ? db
        .select({ slotId: irtAvailability.slotId, attendeeId: irtAvailability.attendeeId, answer: irtAvailability.answer })
        .from(irtAvailability)
        .where(inArray(irtAvailability.slotId, slots.map((s) => s.id)))
        .all()
    : [];
  return { meeting, participant, attendees, slots, availability };
}

/** A meeting as a staff reader may see it (read access to the participant), or null. Reads by someone not assigned are audited. */
export function readMeeting(db: Db, actor: Actor | null, meetingId: number, now: Date): MeetingDetail | null {
  const row = db.select({ participantId: irtMeetings.participantId }).from(irtMeetings).where(eq(irtMeetings.id, meetingId)).get();
  if (!row) return null;
  const decision = decideAccess(actor, accessFacts(db, row.participantId), 'read');
  if (!decision.allowed || !actor) return null;
  if (mustAudit(decision, 'read')) audit(db, now, { actorId: actor.staffId, action: 'irt-read', entityId: row.participantId, basis: decision.basis, detail: { meeting: meetingId } });
  return meetingDetail(db, meetingId);
}

/** The meeting a slot belongs to (ids only). */
export function slotRef(db: Db, slotId: number): { slotId: number; meetingId: number; round: number; confirmed: boolean } | null {
  const row = db.select({ id: irtSlots.id, meetingId: irtSlots.meetingId, round: irtSlots.round, confirmed: irtSlots.confirmed }).from(irtSlots).where(eq(irtSlots.id, slotId)).get();
  return row ? { slotId: row.id, meetingId: row.meetingId, round: row.round, confirmed: row.confirmed } : null;
}

/**
 * Whether the actor may run the meeting (post its thread, confirm a time, propose new ones,
 * cancel it): only staff who may write the participant's file today. Organizing the meeting
 * grants nothing by itself — an organizer whose participant was reassigned away from them is
 * refused like anyone else — but it is the basis recorded when they still may (`organizer`).
 */
export function mayManageMeeting(db: Db, actor: Actor | null, meeting: Pick<IrtMeetingRow, 'organizerId' | 'participantId'>): AccessBasis | 'organizer' | null {
  if (!actor) return null;
  const basis = writeBasis(db, actor, meeting.participantId);
  if (!basis) return null;
  return actor.staffId === meeting.organizerId ? 'organizer' : basis;
}

/** A meeting on the App Home: its participant's name is for the viewer's eyes only. */
export interface UpcomingMeeting {
  id: number;
  participantId: number;
  fullName: string;
  preferredName: string | null;
  status: 'planning' | 'scheduled';
  /** The confirmed time (scheduled meetings); null while planning. */
  startsAt: string | null;
  endsAt: string | null;
  locationKind: IrtLocationKind;
  planningChannelId: string;
}

/**
 * The IRT meetings on a person's App Home: scheduled ones not yet over that start before
 * `until`, and those still being planned (no time yet), scheduled first by time. Only meetings
 * the person organizes, attends as staff or whose participant is assigned to them, and only of
 * participants they may read (the same scope as search): someone who lost access to a
 * participant no longer sees their meetings, even ones they organized. `total` counts them all.
 */
export function upcomingMeetings(db: Db, actor: Actor, window: { now: Date; until: Date }, limit: number): { meetings: UpcomingMeeting[]; total: number } {
  const visible = visibleParticipantsCondition(db, actor);
  if (visible === false) return { meetings: [], total: 0 };
  const where = and(
    visible,
    or(
      eq(irtMeetings.organizerId, actor.staffId),
      inArray(irtMeetings.id, db.select({ id: irtAttendees.meetingId }).from(irtAttendees).where(eq(irtAttendees.staffId, actor.staffId))),
      inArray(irtMeetings.participantId, db.select({ id: assignments.participantId }).from(assignments).where(eq(assignments.staffId, actor.staffId))),
    ),
    or(
      and(eq(irtMeetings.status, 'scheduled'), gt(irtMeetings.endsAt, window.now.toISOString()), lt(irtMeetings.startsAt, window.until.toISOString())),
      eq(irtMeetings.status, 'planning'),
    ),
  );
  const total = db.select({ n: count() }).from(irtMeetings).innerJoin(participants, eq(participants.id, irtMeetings.participantId)).where(where).get()?.n ?? 0;
  if (total === 0) return { meetings: [], total: 0 };
  const meetings = db
    .select({
      id: irtMeetings.id,
      participantId: irtMeetings.participantId,
      fullName: participants.fullName,
      preferredName: participants.preferredName,
      status: irtMeetings.status,
      startsAt: irtMeetings.startsAt,
      endsAt: irtMeetings.endsAt,
      locationKind: irtMeetings.locationKind,
      planningChannelId: irtMeetings.planningChannelId,
    })
    .from(irtMeetings)
    .innerJoin(participants, eq(participants.id, irtMeetings.participantId))
    .where(where)
    .orderBy(sql`${irtMeetings.status} = 'planning'`, asc(irtMeetings.startsAt), asc(irtMeetings.createdAt), asc(irtMeetings.id))
    .limit(limit)
    .all() as UpcomingMeeting[]; // the status condition admits planning and scheduled only
  return { meetings, total };
}

// ------------------------------------------------------------------------------- the thread

/** Records the planning thread and the gate's decision about it. */
export function setThread(db: Db, meetingId: number, thread: { threadTs?: string; mode: ThreadMode }, now: Date): void {
  db.update(irtMeetings)
    .set({ ...(thread.threadTs ? { threadTs: thread.threadTs } : {}), threadMode: thread.mode, updatedAt: now.toISOString() })
    .where(eq(irtMeetings.id, meetingId))
    .run();
}

/**
 * Audits what reached partners (a thread post, a DM, an invite): partner ids and scope flags,
 * never content. `actorId` is the organizer for the Slack work after their action, `system` for jobs.
 */
export function auditDisclosure(
  db: Db,
  now: Date,
  d: { actorId: string; participantId: number; meetingId: number; via: 'thread' | 'dm' | 'invite' | 'reminder'; mode: ThreadMode; partnerIds: readonly number[]; scopes: readonly string[] },
): void {
  audit(db, now, {
    actorId: d.actorId,
    action: 'irt-disclose',
    entityId: d.participantId,
    basis: d.actorId === 'system' ? 'system' : 'organizer',
    detail: { meeting: d.meetingId, via: d.via, mode: d.mode, partners: [...new Set(d.partnerIds)].sort((a, b) => a - b).join(','), scopes: [...d.scopes].sort().join(',') },
  });
}

// ---------------------------------------------------------------------------- availability

export type AvailabilityResult =
  | { kind: 'ok'; meetingId: number; round: number; changed: boolean }
  | { kind: 'not-attendee' }
  /** The meeting is no longer being planned, or the slot was replaced by a new round. */
  | { kind: 'closed' }
  | { kind: 'cancelled' }
  | { kind: 'not-found' };

/**
 * Slots take answers while they are the latest round and none of that round is confirmed, in a
 * meeting being planned (or a scheduled one the organizer is finding a new time for).
 */
function answerable(db: Db, meetingId: number, status: IrtMeetingRow['status'], round: number): boolean {
  if (status !== 'planning' && status !== 'scheduled') return false;
  const latest = db
    .select({ round: max(irtSlots.round), confirmed: sql<number>`max(case when ${irtSlots.confirmed} then ${irtSlots.round} else 0 end)` })
    .from(irtSlots)
    .where(eq(irtSlots.meetingId, meetingId))
    .get();
  return latest?.round === round && Number(latest.confirmed) < round;
}

/** An attendee's answer for one slot: upserted, so a later click changes it and a retry changes nothing. */
export function recordAvailability(db: Db, input: { slotId: number; slackUserId: string; answer: AvailabilityAnswer }, now: Date): AvailabilityResult {
  return inTransaction<AvailabilityResult>(db, () => {
    const slot = db
      .select({ id: irtSlots.id, meetingId: irtSlots.meetingId, round: irtSlots.round, status: irtMeetings.status, participantId: irtMeetings.participantId })
      .from(irtSlots)
      .innerJoin(irtMeetings, eq(irtMeetings.id, irtSlots.meetingId))
      .where(eq(irtSlots.id, input.slotId))
      .get();
    if (!slot) return NOT_FOUND;
    const attendee = db
      .select({ id: irtAttendees.id })
      .from(irtAttendees)
      .where(and(eq(irtAttendees.meetingId, slot.meetingId), eq(irtAttendees.slackUserId, input.slackUserId)))
      .get();
    if (!attendee) return { kind: 'not-attendee' };
    if (slot.status === 'cancelled') return { kind: 'cancelled' };
    if (!answerable(db, slot.meetingId, slot.status, slot.round)) return { kind: 'closed' };
    const before = db
      .select({ answer: irtAvailability.answer })
      .from(irtAvailability)
      .where(and(eq(irtAvailability.slotId, slot.id), eq(irtAvailability.attendeeId, attendee.id)))
      .get();
    if (before?.answer === input.answer) return { kind: 'ok', meetingId: slot.meetingId, round: slot.round, changed: false };
    db.insert(irtAvailability)
      .values({ slotId: slot.id, attendeeId: attendee.id, answer: input.answer, answeredAt: now.toISOString() })
      .onConflictDoUpdate({ target: [irtAvailability.slotId, irtAvailability.attendeeId], set: { answer: input.answer, answeredAt: now.toISOString() } })
      .run();
    audit(db, now, { actorId: input.slackUserId, action: 'irt-availability', entityId: slot.participantId, basis: 'attendee', detail: { meeting: slot.meetingId, slot: slot.id, answer: input.answer } });
    return { kind: 'ok', meetingId: slot.meetingId, round: slot.round, changed: true };
  });
}

// ------------------------------------------------------------------ confirming, re-proposing

export type ConfirmResult =
  | { kind: 'ok'; meetingId: number; sequence: number; rescheduled: boolean; alreadyConfirmed: boolean }
  | { kind: 'not-allowed' }
  /** The meeting was held: its time is history. */
  | { kind: 'closed' }
  | { kind: 'cancelled' }
  /** The slot is from a round that newer times replaced. */
  | { kind: 'not-offered' }
  /** The slot starts at or before now. */
  | { kind: 'past' }
  | { kind: 'not-found' };

/** How many times a meeting's time has been confirmed (the calendar invite's SEQUENCE counts from 0). */
function confirmations(db: Db, participantId: number, meetingId: number): number {
  return (
    db
      .select({ n: count() })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entity, 'participant'),
          eq(auditLog.entityId, String(participantId)),
          eq(auditLog.action, 'irt-confirm'),
          sql`json_extract(${auditLog.detail}, '$.meeting') = ${meetingId}`,
        ),
      )
      .get()?.n ?? 0
  );
}

/** The meeting's latest round of proposed times (0 when none). */
function latestRoundOf(db: Db, meetingId: number): number {
  return db.select({ round: max(irtSlots.round) }).from(irtSlots).where(eq(irtSlots.meetingId, meetingId)).get()?.round ?? 0;
}

/** Why a meeting takes no more scheduling: cancelled, or held. Null while it is planned or scheduled. */
function notOpen(status: IrtMeetingRow['status']): { kind: 'cancelled' } | { kind: 'closed' } | null {
  if (status === 'cancelled') return { kind: 'cancelled' };
  return status === 'planning' || status === 'scheduled' ? null : { kind: 'closed' };
}

/**
 * Confirms a slot (staff who may write the participant's file; see mayManageMeeting): the slot
 * is marked, the meeting is `scheduled` with the slot's times. Confirming another slot of a
 * scheduled meeting reschedules it (the invite's SEQUENCE goes up). Confirming the slot that is
 * already confirmed changes nothing. Only a slot of the latest round that starts after `now`
 * can be confirmed: a round replaced by new times, or a time already past, is refused.
 */
export function confirmSlot(db: Db, actor: Actor | null, slotId: number, now: Date): ConfirmResult {
  return inTransaction<ConfirmResult>(db, () => {
    const slot = db.select().from(irtSlots).where(eq(irtSlots.id, slotId)).get();
    if (!slot) return NOT_FOUND;
    const meeting = db.select().from(irtMeetings).where(eq(irtMeetings.id, slot.meetingId)).get()!;
    const basis = mayManageMeeting(db, actor, meeting);
    if (!basis || !actor) return { kind: 'not-allowed' };
    const closed = notOpen(meeting.status);
    if (closed) return closed;
    const done = confirmations(db, meeting.participantId, meeting.id);
    if (slot.confirmed) return { kind: 'ok', meetingId: meeting.id, sequence: Math.max(0, done - 1), rescheduled: done > 1, alreadyConfirmed: true };
    if (slot.round !== latestRoundOf(db, meeting.id)) return { kind: 'not-offered' };
    if (slot.startsAt <= now.toISOString()) return { kind: 'past' };
    db.update(irtSlots).set({ confirmed: false }).where(and(eq(irtSlots.meetingId, meeting.id), eq(irtSlots.confirmed, true))).run();
    db.update(irtSlots).set({ confirmed: true }).where(eq(irtSlots.id, slot.id)).run();
    db.update(irtMeetings)
      .set({ status: 'scheduled', startsAt: slot.startsAt, endsAt: slot.endsAt, updatedAt: now.toISOString() })
      .where(eq(irtMeetings.id, meeting.id))
      .run();
    audit(db, now, { actorId: actor.staffId, action: 'irt-confirm', entityId: meeting.participantId, basis, detail: { meeting: meeting.id, slot: slot.id } });
    return { kind: 'ok', meetingId: meeting.id, sequence: done, rescheduled: done > 0, alreadyConfirmed: false };
  });
}

export type ReproposeResult =
  | { kind: 'ok'; meetingId: number; round: number; slotIds: number[] }
  /** The pressed round is not the latest: new times were already proposed (a double click, or an old message). Nothing was written. */
  | { kind: 'already-proposed'; meetingId: number; latestRound: number }
  | { kind: 'not-allowed' }
  | { kind: 'closed' }
  | { kind: 'cancelled' }
  | { kind: 'not-found' }
  | { kind: 'no-slots' };

/**
 * A new round of slots after every slot proposed so far (staff who may write the file; see
 * mayManageMeeting). `pressedRound` is the round whose *Propose new times* was pressed (the
 * Slack handler always passes it): only the latest round may be replaced, so a double click or
 * a click on an older message adds nothing (`already-proposed`). Without it, the latest round
 * is replaced.
 */
export function proposeNextRound(db: Db, actor: Actor | null, meetingId: number, ctx: SchedulingContext, pressedRound?: number): ReproposeResult {
  return inTransaction<ReproposeResult>(db, () => {
    const meeting = db.select().from(irtMeetings).where(eq(irtMeetings.id, meetingId)).get();
    if (!meeting) return NOT_FOUND;
    const basis = mayManageMeeting(db, actor, meeting);
    if (!basis || !actor) return { kind: 'not-allowed' };
    const closed = notOpen(meeting.status);
    if (closed) return closed;
    const existing = db.select().from(irtSlots).where(eq(irtSlots.meetingId, meetingId)).all();
    const latest = Math.max(0, ...existing.map((s) => s.round));
    if (pressedRound !== undefined && pressedRound !== latest) return { kind: 'already-proposed', meetingId, latestRound: latest };
    const round = latest + 1;
    const lastEnd = existing.reduce((latestEnd, s) => (s.endsAt > latestEnd ? s.endsAt : latestEnd), ctx.now.toISOString());
    // The slots are proposed in the organizer's zone, whoever presses the button.
    const organizerTz = db.select({ tz: staff.tz }).from(staff).where(eq(staff.slackUserId, meeting.organizerId)).get()?.tz;
    const slots = proposeFor(db, meeting, { ...ctx, timeZone: organizerTz ?? ctx.timeZone }, {
      exceptMeetingId: meetingId,
      after: new Date(lastEnd),
      extraBusy: existing.map((s) => ({ startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) })),
    }).filter((s) => !existing.some((e) => e.startsAt === s.startsAt.toISOString()));
    if (slots.length === 0) return { kind: 'no-slots' };
    const at = ctx.now.toISOString();
    const slotIds = db
      .insert(irtSlots)
      .values(slots.map((s) => ({ meetingId, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), round, proposedAt: at })))
      .returning({ id: irtSlots.id })
      .all()
      .map((r) => r.id);
    // New times re-open planning; a confirmed time stays until another one is confirmed.
    db.update(irtMeetings).set({ updatedAt: at, ...(meeting.status === 'scheduled' ? {} : { status: 'planning' as const }) }).where(eq(irtMeetings.id, meetingId)).run();
    audit(db, ctx.now, { actorId: actor.staffId, action: 'irt-repropose', entityId: meeting.participantId, basis, detail: { meeting: meetingId, round, slots: slotIds.length } });
    return { kind: 'ok', meetingId, round, slotIds };
  });
}

/**
 * Takes back a round that never reached the thread (Slack refused the post), so the round it
 * was to replace is the latest again and its message keeps working. Only while it is the latest
 * round, nothing in it is confirmed and nobody answered it; audited `irt-repropose-withdrawn`
 * for the person whose *Propose new times* it was. Returns whether the round was taken back.
 */
export function withdrawRound(db: Db, meetingId: number, round: number, actorId: string, now: Date): boolean {
  return inTransaction(db, () => {
    const meeting = db.select({ participantId: irtMeetings.participantId }).from(irtMeetings).where(eq(irtMeetings.id, meetingId)).get();
    if (!meeting || round < 2 || latestRoundOf(db, meetingId) !== round) return false;
    const slots = db.select({ id: irtSlots.id, confirmed: irtSlots.confirmed }).from(irtSlots).where(and(eq(irtSlots.meetingId, meetingId), eq(irtSlots.round, round))).all();
    const ids = slots.map((s) => s.id);
    if (slots.some((s) => s.confirmed)) return false;
    if (db.select({ n: count() }).from(irtAvailability).where(inArray(irtAvailability.slotId, ids)).get()!.n > 0) return false;
    db.delete(irtSlots).where(inArray(irtSlots.id, ids)).run();
    audit(db, now, { actorId, action: 'irt-repropose-withdrawn', entityId: meeting.participantId, basis: 'system', detail: { meeting: meetingId, round, slots: ids.length } });
    return true;
  });
}

// -------------------------------------------------------------------------------- cancelling

/** Why a meeting was cancelled, as a code (the audit takes no free text). */
export const CANCEL_REASONS = ['no_longer_needed', 'participant_declined', 'other'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export type CancelResult =
  /** `wasScheduled`: a time had been confirmed, so attendees in Slack had been sent it (`startsAt`/`endsAt`). */
  | { kind: 'ok'; meetingId: number; participantId: number; wasScheduled: boolean; startsAt: string | null; endsAt: string | null }
  /** Cancelled before (a double click): nothing changed. */
  | { kind: 'already-cancelled' }
  /** The meeting was held: it cannot be cancelled. */
  | { kind: 'closed' }
  | { kind: 'not-allowed' }
  | { kind: 'not-found' };

/**
 * Cancels a meeting being planned or scheduled (staff who may write the participant's file;
 * the organizer only while they still may — see mayManageMeeting): status `cancelled`, audited
 * `irt-cancel`. A cancelled meeting takes no answers, confirmations or new times, keeps none of
 * the organizer's hours, gets no reminders and leaves the App Home; its confirmed time, if any,
 * stays on the row as history.
 */
export function cancelMeeting(db: Db, actor: Actor | null, meetingId: number, now: Date, reason?: CancelReason): CancelResult {
  return inTransaction<CancelResult>(db, () => {
    const meeting = db.select().from(irtMeetings).where(eq(irtMeetings.id, meetingId)).get();
    if (!meeting) return NOT_FOUND;
    const basis = mayManageMeeting(db, actor, meeting);
    if (!basis || !actor) return { kind: 'not-allowed' };
    if (meeting.status === 'cancelled') return { kind: 'already-cancelled' };
    if (meeting.status !== 'planning' && meeting.status !== 'scheduled') return { kind: 'closed' };
    db.update(irtMeetings).set({ status: 'cancelled', updatedAt: now.toISOString() }).where(and(eq(irtMeetings.id, meetingId), eq(irtMeetings.status, meeting.status))).run();
    audit(db, now, { actorId: actor.staffId, action: 'irt-cancel', entityId: meeting.participantId, basis, detail: { meeting: meetingId, was: meeting.status, ...(reason ? { reason } : {}) } });
    return { kind: 'ok', meetingId, participantId: meeting.participantId, wasScheduled: meeting.status === 'scheduled', startsAt: meeting.startsAt, endsAt: meeting.endsAt };
  });
}

// ------------------------------------------------------------------------------- reminders

/** System: scheduled meetings starting in (from, to], by irt_scheduled_idx. */
export function scheduledMeetingsStarting(db: Db, from: Date, to: Date): IrtMeetingRow[] {
  return db
    .select()
    .from(irtMeetings)
    .where(and(eq(irtMeetings.status, 'scheduled'), gt(irtMeetings.startsAt, from.toISOString()), lte(irtMeetings.startsAt, to.toISOString())))
    .orderBy(asc(irtMeetings.startsAt), asc(irtMeetings.id))
    .all();
}

/** System: open action items due on or before `date` (irt_action_items_open_due_idx). */
export function openActionItemsDueBy(db: Db, date: string): IrtActionItemRow[] {
  return db
    .select()
    .from(irtActionItems)
    .where(and(eq(irtActionItems.status, 'open'), lte(irtActionItems.dueDate, date)))
    .orderBy(asc(irtActionItems.dueDate), asc(irtActionItems.id))
    .all();
}

export interface ReminderClaim {
  key: string;
  kind: 'meeting_24h' | 'action_item_due';
  meetingId: number;
  actionItemId?: number;
  /** A user id (DM) or a channel id (thread). */
  recipient: string;
  owner: string;
  now: Date;
  leaseMs: number;
  maxAttempts: number;
}

/**
 * The digest's claim protocol on irt_reminders (unique reminder_key): insert if new, then take
 * the lease unless the reminder was sent, is held by a live lease, is backing off or is out of
 * attempts. Returns the row id when THIS caller holds the lease.
 */
export function claimReminder(db: Db, c: ReminderClaim): number | null {
  const now = c.now.toISOString();
  return db.$client
    .transaction(() => {
      db.insert(irtReminders)
        .values({ reminderKey: c.key, kind: c.kind, meetingId: c.meetingId, actionItemId: c.actionItemId ?? null, recipient: c.recipient, state: 'pending', attempts: 0, createdAt: now })
        .onConflictDoNothing({ target: irtReminders.reminderKey })
        .run();
      const row = db
        .update(irtReminders)
        .set({ state: 'pending', leaseOwner: c.owner, leaseExpiresAt: new Date(c.now.getTime() + c.leaseMs).toISOString(), attempts: sql`${irtReminders.attempts} + 1` })
        .where(
          and(
            eq(irtReminders.reminderKey, c.key),
            ne(irtReminders.state, 'sent'),
            or(sql`${irtReminders.leaseExpiresAt} IS NULL`, lt(irtReminders.leaseExpiresAt, now)),
            lt(irtReminders.attempts, c.maxAttempts),
          ),
        )
        .returning({ id: irtReminders.id })
        .get();
      return row?.id ?? null;
    })
    .immediate();
}

/** Keys already done or not claimable now (sent, leased, backing off, out of attempts): the job skips them without a write. */
export function settledReminderKeys(db: Db, keys: readonly string[], now: Date, maxAttempts: number): Set<string> {
  if (keys.length === 0) return new Set();
  const nowIso = now.toISOString();
  const rows = db
    .select({ key: irtReminders.reminderKey, state: irtReminders.state, lease: irtReminders.leaseExpiresAt, attempts: irtReminders.attempts })
    .from(irtReminders)
    .where(inArray(irtReminders.reminderKey, [...keys]))
    .all();
  return new Set(rows.filter((r) => r.state === 'sent' || r.attempts >= maxAttempts || (r.lease !== null && r.lease >= nowIso)).map((r) => r.key));
}

export function markReminderSent(db: Db, id: number, owner: string, ts: string | null, now: Date): boolean {
  return (
    db
      .update(irtReminders)
      .set({ state: 'sent', leaseOwner: owner, leaseExpiresAt: null, sentAt: now.toISOString(), slackMessageTs: ts })
      .where(and(eq(irtReminders.id, id), ne(irtReminders.state, 'sent')))
      .run().changes > 0
  );
}

/** A failed send releases the lease; the next claim waits `retryAfterMs`. */
export function markReminderFailed(db: Db, id: number, owner: string, now: Date, retryAfterMs: number): boolean {
  return (
    db
      .update(irtReminders)
      .set({ state: 'failed', leaseOwner: null, leaseExpiresAt: new Date(now.getTime() + Math.max(0, retryAfterMs)).toISOString() })
      .where(and(eq(irtReminders.id, id), eq(irtReminders.leaseOwner, owner), ne(irtReminders.state, 'sent')))
      .run().changes > 0
  );
}

export function reminderAttempts(db: Db, id: number): number {
  return db.select({ attempts: irtReminders.attempts }).from(irtReminders).where(eq(irtReminders.id, id)).get()?.attempts ?? 0;
}
