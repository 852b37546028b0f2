// After an IRT meeting: the outcome form's facts, recording the outcome (one transaction: the
// case note, the meeting held, attendance, needs found, action steps, audit), marking a step
// done, and the meetings awaiting an outcome. Access goes through src/domain/access.ts (write
// access to the participant's file); a refusal looks like a missing record. Audit rows hold ids.
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import { decideAccess, mustAudit, type AccessBasis, type Actor } from '../domain/access';
import { localDate } from '../domain/dates';
import {
  composeOutcomeNote,
  contactKindFor,
  IRT_COLLATERAL_NAME,
  mayMarkDone,
  noteLengthProblems,
  noteMethodFor,
  outcomeBlocker,
  validateOutcome,
  type AttendeeKind,
  type DoneBasis,
  type OutcomeBlocker,
  type OutcomeDraft,
} from '../domain/irt-outcome';
import { defaultLocation } from '../domain/case-note';
import type { FieldErrors } from '../domain/plan';
import type { ProfileId, ProgramProfile } from '../domain/profiles';
import { recordAudit } from './audit';
import type { Db } from './connection';
import { meetingDetail, type MeetingDetail } from './irt';
import { saveNote, type CheckChoice, type StoredWarning } from './notes';
import { insertNeed } from './plan';
import { accessFacts } from './participants';
import { assignments, caseNotes, irtActionItems, irtAttendees, irtMeetings, staff, type IrtActionItemRow, type IrtMeetingRow } from './schema';

export interface OutcomeAttendee {
  id: number;
  kind: AttendeeKind;
  /** As staff read it: "María González (participant)", "Joe Smith, Goodwill", "Hassan (brother)". */
  label: string;
  /** The plain name, for the action item's responsible person. */
  name: string;
  slackUserId: string | null;
  partnerId: number | null;
  attendance: 'unknown' | 'attended' | 'absent';
}

export interface OutcomeForm {
  meeting: IrtMeetingRow;
  participant: { id: number; fullName: string; preferredName: string | null };
  attendees: OutcomeAttendee[];
  /** The organizations of the partner contacts invited, once each, in invitation order. */
  partners: Array<{ id: number; name: string }>;
  /** The participant's primary case manager (the "case manager" a step may name). */
  caseManager: { staffId: string; name: string } | null;
  /** The meeting's local date in the reader's zone. */
  meetingDate: string;
}

export type OutcomeFormResult = { kind: 'ok'; form: OutcomeForm } | { kind: 'not-found' } | { kind: 'blocked'; blocker: OutcomeBlocker; meetingDate: string | null };

const NOT_FOUND = { kind: 'not-found' } as const;

function writeDecision(db: Db, actor: Actor | null, participantId: number) {
  return decideAccess(actor, accessFacts(db, participantId), 'write');
}

function labelled(detail: MeetingDetail, staffNames: Map<string, string>): OutcomeAttendee[] {
  return detail.attendees.map((a) => {
    let name: string;
    let label: string;
    switch (a.kind) {
      case 'participant':
        name = detail.participant.fullName;
        label = `${name} (participant)`;
        break;
      case 'staff':
        name = staffNames.get(a.staffId ?? '') ?? a.name ?? 'Staff';
        label = `${name} (staff)`;
        break;
      case 'partner_contact':
        name = a.name ?? 'Partner contact';
        label = a.partnerName ? `${name}, ${a.partnerName}` : name;
        break;
      default:
        name = a.name ?? 'Natural support';
        label = a.relationship ? `${name} (${a.relationship})` : `${name} (natural support)`;
    }
    return { id: a.id, kind: a.kind, label, name, slackUserId: a.slackUserId ?? (a.kind === 'staff' ? a.staffId : null), partnerId: a.partnerId, attendance: a.attendance };
  });
}

function formOf(db: Db, detail: MeetingDetail, timeZone: string): OutcomeForm {
  const staffIds = detail.attendees.map((a) => a.staffId).filter((id): id is string => !!id);
  const primary = db
    .select({ staffId: assignments.staffId, name: staff.displayName })
    .from(assignments)
    .innerJoin(staff, eq(staff.slackUserId, assignments.staffId))
    .where(and(eq(assignments.participantId, detail.participant.id), eq(assignments.role, 'primary')))
    .get();
  const staffNames = new Map(
    (staffIds.length ? db.select({ id: staff.slackUserId, name: staff.displayName }).from(staff).where(inArray(staff.slackUserId, staffIds)).all() : []).map((r) => [r.id, r.name]),
  );
  const partners = new Map<number, string>();
  for (const a of detail.attendees) if (a.partnerId && !partners.has(a.partnerId)) partners.set(a.partnerId, a.partnerName ?? 'Partner');
  return {
    meeting: detail.meeting,
    participant: detail.participant,
    attendees: labelled(detail, staffNames),
    partners: [...partners.entries()].map(([id, name]) => ({ id, name })),
    caseManager: primary ?? null,
    meetingDate: localDate(new Date(detail.meeting.startsAt ?? detail.meeting.createdAt), timeZone),
  };
}

/**
 * What the outcome form needs, for someone who may write the participant's file: the meeting,
 * its attendees and partner organizations, the case manager. A meeting whose outcome cannot
 * be recorded now says why (only to those allowed). Reads by someone not assigned are audited.
 */
export function outcomeFormFor(db: Db, actor: Actor | null, meetingId: number, ctx: { now: Date; timeZone: string }, opts: { audit: boolean } = { audit: true }): OutcomeFormResult {
  const detail = meetingDetail(db, meetingId);
  if (!detail || !actor) return NOT_FOUND;
  const decision = writeDecision(db, actor, detail.meeting.participantId);
  if (!decision.allowed) return NOT_FOUND;
  const blocker = outcomeBlocker(detail.meeting, ctx.now);
  const meetingDate = detail.meeting.startsAt ? localDate(new Date(detail.meeting.startsAt), ctx.timeZone) : null;
  if (blocker) return { kind: 'blocked', blocker, meetingDate };
  if (opts.audit && mustAudit(decision, 'read')) {
    recordAudit(db, ctx.now, [{ actorId: actor.staffId, action: 'irt-read', entity: 'participant', entityId: detail.meeting.participantId, basis: decision.basis, detail: { meeting: meetingId } }]);
  }
  return { kind: 'ok', form: formOf(db, detail, ctx.timeZone) };
}

// ---------------------------------------------------------------------------------- recording

export interface OutcomeContext {
  profiles: Record<ProfileId, ProgramProfile>;
  now: Date;
  /** The case manager's own date and zone: dues and the note's interaction date are theirs. */
  today: string;
  timeZone: string;
  /** The writer's office: the note's location for an in-person meeting held without a recorded place. */
  office?: string | null;
}

export interface RecordOutcomeInput {
  meetingId: number;
  draft: OutcomeDraft;
  lateExplanation: string | null;
  /** Warnings the note checks found and the writer's answer (as on every note). */
  checkWarnings: StoredWarning[];
  checkChoice: CheckChoice;
  /** The modal submission: a double submit records once. */
  view: { id: string; hash: string };
}

export interface RecordedStep {
  id: number;
  description: string;
  responsibleKind: IrtActionItemRow['responsibleKind'];
  responsibleName: string;
  responsibleSlackUserId: string | null;
  dueDate: string;
}

export interface RecordedOutcome {
  meetingId: number;
  participantId: number;
  noteId: number;
  needIds: number[];
  steps: RecordedStep[];
  nextIrtDate: string | null;
}

export type RecordOutcomeResult =
  | { kind: 'recorded'; outcome: RecordedOutcome }
  /** This very submission was recorded already: nothing new was written. */
  | { kind: 'duplicate'; meetingId: number; participantId: number; noteId: number }
  | { kind: 'not-found' }
  | { kind: 'blocked'; blocker: OutcomeBlocker; meetingDate: string | null }
  /** Field problems (keys as in `validateOutcome`). Nothing was written. */
  | { kind: 'invalid'; errors: FieldErrors }
  /** The note is past the program's limit and needs the reason. Nothing was written. */
  | { kind: 'explanation-required'; lastCompliantDate: string };

/**
 * Records the outcome in ONE immediate transaction: the case note (source `irt_outcome`, through
 * `saveNote`, so timeliness, checks and its own audit row work as for every note), the meeting
 * `held` with goal, strengths, next IRT date and the note, attendance on each attendee, the
 * needs found (source `irt`, documented by the note), the action steps, and an `irt-outcome`
 * audit row. Refused or invalid → nothing is written.
 */
export function recordOutcome(db: Db, actor: Actor | null, input: RecordOutcomeInput, ctx: OutcomeContext): RecordOutcomeResult {
  return db.$client
    .transaction((): RecordOutcomeResult => {
      const detail = meetingDetail(db, input.meetingId);
      if (!detail || !actor) return NOT_FOUND;
      const { meeting } = detail;
      const decision = writeDecision(db, actor, meeting.participantId);
      if (!decision.allowed) return NOT_FOUND;
      const blocker = outcomeBlocker(meeting, ctx.now);
      if (blocker) {
        const same = db
          .select({ id: caseNotes.id })
          .from(caseNotes)
          .where(and(eq(caseNotes.slackViewId, input.view.id), eq(caseNotes.slackViewHash, input.view.hash)))
          .get();
        if (same && same.id === meeting.outcomeNoteId) return { kind: 'duplicate', meetingId: meeting.id, participantId: meeting.participantId, noteId: same.id };
        return { kind: 'blocked', blocker, meetingDate: meeting.startsAt ? localDate(new Date(meeting.startsAt), ctx.timeZone) : null };
      }

      const form = formOf(db, detail, ctx.timeZone);
      const checked = validateOutcome(input.draft, { attendeeIds: form.attendees.map((a) => a.id), partnerIds: form.partners.map((p) => p.id), today: ctx.today });
      if (!checked.ok) return { kind: 'invalid', errors: checked.errors };
      const outcome = checked.outcome;
      const noteFacts = {
        meetingDate: form.meetingDate,
        reason: meeting.reason,
        calledBy: meeting.calledBy,
        attendees: form.attendees,
        partnerNames: new Map(form.partners.map((p) => [p.id, p.name])),
        caseManagerName: form.caseManager?.name ?? 'Case manager',
      };
      const text = composeOutcomeNote(outcome, noteFacts);
      const tooLong = noteLengthProblems(text, outcome);
      if (Object.keys(tooLong).length) return { kind: 'invalid', errors: tooLong };

      const participantAttended = form.attendees.some((a) => a.kind === 'participant' && outcome.attendedIds.includes(a.id));
      const method = noteMethodFor(meeting.locationKind);
      const saved = saveNote(
        db,
        actor,
        {
          participantId: meeting.participantId,
          source: 'irt_outcome',
          contactKind: contactKindFor(participantAttended),
          method,
          collateralName: participantAttended ? null : IRT_COLLATERAL_NAME,
          collateralRelationship: participantAttended ? null : 'partner',
          interactionAt: new Date(meeting.startsAt!),
          interactionTz: ctx.timeZone,
          timeKnown: true,
          location: meeting.locationKind === 'in_person' && meeting.locationDetail?.trim() ? meeting.locationDetail.trim() : defaultLocation(method, ctx.office),
          subject: text.subject,
          body: text.body,
          othersPresent: text.othersPresent,
          nextSteps: text.nextSteps,
          lateExplanation: input.lateExplanation,
          checkWarnings: input.checkWarnings,
          checkChoice: input.checkChoice,
          view: input.view,
        },
        ctx.profiles,
        ctx.now,
      );
      if (saved.kind === 'not-found') return NOT_FOUND;
      if (saved.kind === 'explanation-required') return saved;
      if (saved.kind === 'duplicate') return { kind: 'duplicate', meetingId: meeting.id, participantId: meeting.participantId, noteId: saved.noteId };
      const noteId = saved.noteId;
      const at = ctx.now.toISOString();

      db.update(irtMeetings)
        .set({ status: 'held', goalStatement: outcome.goal, strengths: outcome.strengths, nextIrtDate: outcome.nextIrtDate, outcomeNoteId: noteId, updatedAt: at })
        .where(eq(irtMeetings.id, meeting.id))
        .run();
      const attended = form.attendees.filter((a) => outcome.attendedIds.includes(a.id)).map((a) => a.id);
      const absent = form.attendees.filter((a) => !outcome.attendedIds.includes(a.id)).map((a) => a.id);
      if (attended.length) db.update(irtAttendees).set({ attendance: 'attended' }).where(inArray(irtAttendees.id, attended)).run();
      if (absent.length) db.update(irtAttendees).set({ attendance: 'absent' }).where(inArray(irtAttendees.id, absent)).run();

      const needIds = outcome.needs.map((n) => insertNeed(db, actor, meeting.participantId, n, 'irt', { sourceNoteId: noteId, assessmentId: null }, at));

      const steps: RecordedStep[] = outcome.steps.map((s) => {
        const attendee = s.responsible.kind === 'attendee' ? form.attendees.find((a) => a.id === (s.responsible as { attendeeId: number }).attendeeId)! : null;
        const values = attendee
          ? { responsibleKind: attendee.kind, responsibleAttendeeId: attendee.id, responsibleName: attendee.name, responsibleSlackUserId: attendee.slackUserId }
          : {
              responsibleKind: 'staff' as const,
              responsibleAttendeeId: form.attendees.find((a) => a.kind === 'staff' && a.slackUserId === form.caseManager?.staffId)?.id ?? null,
              responsibleName: form.caseManager?.name ?? 'Case manager',
              responsibleSlackUserId: form.caseManager?.staffId ?? null,
            };
        const row = db
          .insert(irtActionItems)
          .values({ meetingId: meeting.id, participantId: meeting.participantId, description: s.description, dueDate: s.dueDate, status: 'open', createdAt: at, createdBy: actor.staffId, ...values })
          .returning({ id: irtActionItems.id })
          .get();
        return { id: row.id, description: s.description, dueDate: s.dueDate, responsibleKind: values.responsibleKind, responsibleName: values.responsibleName, responsibleSlackUserId: values.responsibleSlackUserId };
      });

      recordAudit(db, ctx.now, [
        {
          actorId: actor.staffId,
          action: 'irt-outcome',
          entity: 'participant',
          entityId: meeting.participantId,
          basis: decision.basis,
          detail: { meeting: meeting.id, note: noteId, needs: needIds.join(','), steps: steps.map((s) => s.id).join(','), attended: attended.length, absent: absent.length },
        },
      ]);
      return { kind: 'recorded', outcome: { meetingId: meeting.id, participantId: meeting.participantId, noteId, needIds, steps, nextIrtDate: outcome.nextIrtDate } };
    })
    .immediate();
}

// ------------------------------------------------------------------------------- marking done

export type MarkDoneResult =
  | { kind: 'done'; item: IrtActionItemRow; basis: DoneBasis }
  /** Marked done before: nothing changed. */
  | { kind: 'already-done'; item: IrtActionItemRow }
  | { kind: 'refused' }
  | { kind: 'not-found' };

/**
 * Marks an action step done for the person who clicked: the person responsible for it, the
 * meeting's organizer, or staff who may write the participant's file (`actor`, when the
 * clicker is staff). A second click changes nothing.
 */
export function markActionItemDone(db: Db, clicker: { userId: string; actor: Actor | null }, itemId: number, now: Date): MarkDoneResult {
  return db.$client
    .transaction((): MarkDoneResult => {
      const item = db.select().from(irtActionItems).where(eq(irtActionItems.id, itemId)).get();
      if (!item) return NOT_FOUND;
      const meeting = db.select({ organizerId: irtMeetings.organizerId }).from(irtMeetings).where(eq(irtMeetings.id, item.meetingId)).get();
      if (!meeting) return NOT_FOUND;
      const basis = mayMarkDone(clicker.userId, item, meeting, writeDecision(db, clicker.actor, item.participantId));
      if (!basis) return { kind: 'refused' };
      if (item.status === 'done') return { kind: 'already-done', item };
      const at = now.toISOString();
      db.update(irtActionItems).set({ status: 'done', doneAt: at, doneBy: clicker.userId }).where(and(eq(irtActionItems.id, itemId), eq(irtActionItems.status, 'open'))).run();
      recordAudit(db, now, [{ actorId: clicker.userId, action: 'irt-step-done', entity: 'participant', entityId: item.participantId, basis, detail: { meeting: item.meetingId, step: itemId } }]);
      return { kind: 'done', item: { ...item, status: 'done', doneAt: at, doneBy: clicker.userId }, basis };
    })
    .immediate();
}

// ------------------------------------------------------------------------ awaiting an outcome

/** Scheduled meetings of a participant that have begun and await their outcome, for someone who may record it (else none). */
export function meetingsAwaitingOutcome(db: Db, actor: Actor | null, participantId: number, now: Date): Array<{ id: number; startsAt: string }> {
  if (!writeDecision(db, actor, participantId).allowed) return [];
  return db
    .select({ id: irtMeetings.id, startsAt: irtMeetings.startsAt })
    .from(irtMeetings)
    .where(and(eq(irtMeetings.participantId, participantId), eq(irtMeetings.status, 'scheduled'), lte(irtMeetings.startsAt, now.toISOString())))
    .orderBy(asc(irtMeetings.startsAt))
    .all()
    .filter((m): m is { id: number; startsAt: string } => m.startsAt !== null);
}

/** The basis on which the actor may write the participant's file, or null. */
export function outcomeWriteBasis(db: Db, actor: Actor | null, participantId: number): AccessBasis | null {
  const d = writeDecision(db, actor, participantId);
  return d.allowed ? d.basis : null;
}
