// Participant records, always read and written on behalf of an Actor: each function asks
// src/domain/access.ts first and writes the audit log, so no caller can skip either.
import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { decideAccess, mustAudit, visibilityScope, type AccessAction, type AccessBasis, type Actor } from '../domain/access';
import { foldForSearch } from '../domain/text';
import { recordAudit } from './audit';
import { inTransaction, type Db } from './connection';
import {
  assignments,
  enrollments,
  participantStatusChanges,
  participants,
  staff,
  type EnrollmentRow,
  type ParticipantRow,
} from './schema';
import { teamMemberIds } from './staff';

export interface NewParticipant {
  fullName: string;
  preferredName: string | null;
  preferredLanguage: string;
  interpreterNeeded: boolean;
  programs: Array<{ profileId: string; enrollmentDate: string }>;
  misId: string | null;
  phone: string | null;
  email: string | null;
  preferredContactMethod: string;
  primaryCaseManagerId: string;
  otherStaffIds: string[];
}

export class MisIdTakenError extends Error {
  constructor() {
    super('MIS id already enrolled');
  }
}

export interface AssignedStaff {
  staffId: string;
  displayName: string;
  role: 'primary' | 'secondary';
}

export interface ParticipantCard {
  participant: ParticipantRow;
  enrollments: EnrollmentRow[];
  staff: AssignedStaff[];
  latestStatusChange: { status: 'active' | 'closed'; effectiveDate: string; reason: string } | null;
  /** What the reader may do next; the card shows buttons accordingly. */
  may: { write: boolean; reassign: boolean };
}

export type ParticipantSummary = Pick<ParticipantRow, 'id' | 'fullName' | 'preferredName' | 'misId' | 'status'>;

export function searchTextFor(p: { fullName: string; preferredName: string | null; misId: string | null }): string {
  return foldForSearch([p.fullName, p.preferredName ?? '', p.misId ?? ''].join(' | '));
}

/** The facts `decideAccess` needs about one participant: who is assigned, and their supervisors. */
export function accessFacts(db: Db, participantId: number) {
  return {
    assignments: db
      .select({ staffId: assignments.staffId, supervisorId: staff.supervisorId })
      .from(assignments)
      .innerJoin(staff, eq(staff.slackUserId, assignments.staffId))
      .where(eq(assignments.participantId, participantId))
      .all(),
  };
}

/** Decides, and audits when the rule says so. Returns the basis, or null for "not found". */
function authorize(
  db: Db,
  actor: Actor | null,
  participantId: number,
  action: AccessAction,
  now: Date,
  auditAction: string,
  detail?: Record<string, string | number | boolean | null>,
): AccessBasis | null {
  const exists = db.select({ id: participants.id }).from(participants).where(eq(participants.id, participantId)).get();
  if (!exists) return null;
  const decision = decideAccess(actor, accessFacts(db, participantId), action);
  if (!decision.allowed || !actor) return null;
  if (mustAudit(decision, action)) {
    recordAudit(db, now, [{ actorId: actor.staffId, action: auditAction, entity: 'participant', entityId: participantId, basis: decision.basis, detail }]);
  }
  return decision.basis;
}

export function misIdTaken(db: Db, misId: string): boolean {
  return !!db.select({ id: participants.id }).from(participants).where(eq(participants.misId, misId)).get();
}

/** Enrolls a participant. Any active staff member may enroll; the new file is theirs to see only if assigned. */
export function enrollParticipant(db: Db, actor: Actor, input: NewParticipant, now: Date): number {
  if (!actor.active || actor.membership !== 'full') throw new Error('inactive staff cannot enroll');
  const at = now.toISOString();
  return inTransaction(db, () => {
    if (input.misId && misIdTaken(db, input.misId)) throw new MisIdTakenError();
    const firstEnrollment = [...input.programs].map((p) => p.enrollmentDate).sort()[0];
    if (!firstEnrollment) throw new Error('a participant needs at least one program');
    const row = db
      .insert(participants)
      .values({
        fullName: input.fullName,
        preferredName: input.preferredName,
        searchText: searchTextFor(input),
        preferredLanguage: input.preferredLanguage,
        interpreterNeeded: input.interpreterNeeded,
        misId: input.misId,
        phone: input.phone,
        email: input.email,
        preferredContactMethod: input.preferredContactMethod,
        status: 'active',
        statusDate: firstEnrollment,
        createdAt: at,
        createdBy: actor.staffId,
      })
      .returning({ id: participants.id })
      .get();
    db.insert(enrollments)
      .values(input.programs.map((p) => ({ participantId: row.id, profileId: p.profileId, enrollmentDate: p.enrollmentDate, createdAt: at })))
      .run();
    const others = [...new Set(input.otherStaffIds)].filter((id) => id !== input.primaryCaseManagerId);
    db.insert(assignments)
      .values([
        { participantId: row.id, staffId: input.primaryCaseManagerId, role: 'primary' as const, assignedAt: at, assignedBy: actor.staffId },
        ...others.map((staffId) => ({ participantId: row.id, staffId, role: 'secondary' as const, assignedAt: at, assignedBy: actor.staffId })),
      ])
      .run();
    recordAudit(db, now, [
      { actorId: actor.staffId, action: 'enroll', entity: 'participant', entityId: row.id, basis: 'enrolled', detail: { programs: input.programs.length } },
    ]);
    return row.id;
  });
}

function loadCard(db: Db, participantId: number): Omit<ParticipantCard, 'may'> | null {
  const participant = db.select().from(participants).where(eq(participants.id, participantId)).get();
  if (!participant) return null;
  return {
    participant,
    enrollments: db.select().from(enrollments).where(eq(enrollments.participantId, participantId)).orderBy(asc(enrollments.enrollmentDate)).all(),
    staff: db
      .select({ staffId: assignments.staffId, displayName: staff.displayName, role: assignments.role })
      .from(assignments)
      .innerJoin(staff, eq(staff.slackUserId, assignments.staffId))
      .where(eq(assignments.participantId, participantId))
      .orderBy(asc(assignments.role), asc(staff.displayName))
      .all(),
    latestStatusChange:
      db
        .select({ status: participantStatusChanges.status, effectiveDate: participantStatusChanges.effectiveDate, reason: participantStatusChanges.reason })
        .from(participantStatusChanges)
        .where(eq(participantStatusChanges.participantId, participantId))
        .orderBy(desc(participantStatusChanges.id))
        .limit(1)
        .get() ?? null,
  };
}

/** The participant card, or null when it does not exist or the actor may not see it (same answer). */
export function readParticipantCard(db: Db, actor: Actor | null, participantId: number, now: Date): ParticipantCard | null {
  const basis = authorize(db, actor, participantId, 'read', now, 'read');
  if (!basis || !actor) return null;
  const card = loadCard(db, participantId);
  if (!card) return null;
  const facts = accessFacts(db, participantId);
  return {
    ...card,
    may: {
      write: decideAccess(actor, facts, 'write').allowed,
      reassign: decideAccess(actor, facts, 'reassign').allowed,
    },
  };
}

/** The actor's visibility scope, with their team looked up when they supervise one. */
export function scopeFor(db: Db, actor: Actor | null) {
  return visibilityScope(actor, actor?.role === 'supervisor' ? teamMemberIds(db, actor.staffId) : []);
}

/** SQL condition on participants.id for the actor's scope: undefined = everyone, false = no one. */
export function visibleParticipantsCondition(db: Db, actor: Actor | null): SQL | undefined | false {
  const scope = scopeFor(db, actor);
  if (scope.kind === 'none') return false;
  if (scope.kind === 'all') return undefined;
  return inArray(
    participants.id,
    db.select({ id: assignments.participantId }).from(assignments).where(inArray(assignments.staffId, scope.staffIds)),
  );
}

function likePattern(text: string): string {
  return `%${foldForSearch(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Participants the actor may see whose name, preferred name or MIS id contains `query`
 * (case and accents ignored). Active first, then by name.
 */
export function searchParticipants(db: Db, actor: Actor | null, query: string, limit: number): ParticipantSummary[] {
  const scope = visibleParticipantsCondition(db, actor);
  if (scope === false) return [];
  const text = query.trim();
  const match = text ? sql`${participants.searchText} like ${likePattern(text)} escape '\\'` : undefined;
  return db
    .select({ id: participants.id, fullName: participants.fullName, preferredName: participants.preferredName, misId: participants.misId, status: participants.status })
    .from(participants)
    .where(and(scope, match))
    .orderBy(asc(participants.status), asc(participants.fullName), asc(participants.id))
    .limit(limit)
    .all();
}

export type WriteResult = 'ok' | 'not-found' | 'unchanged';

/** Closes or reopens a case, with the reason and date kept in the status history. */
export function changeParticipantStatus(
  db: Db,
  actor: Actor | null,
  participantId: number,
  change: { status: 'active' | 'closed'; effectiveDate: string; reason: string },
  now: Date,
): WriteResult {
  return inTransaction(db, () => {
    const basis = authorize(db, actor, participantId, 'write', now, change.status === 'closed' ? 'close' : 'reopen');
    if (!basis || !actor) return 'not-found';
    const current = db.select({ status: participants.status }).from(participants).where(eq(participants.id, participantId)).get();
    if (current?.status === change.status) return 'unchanged';
    db.update(participants).set({ status: change.status, statusDate: change.effectiveDate }).where(eq(participants.id, participantId)).run();
    db.insert(participantStatusChanges)
      .values({ participantId, ...change, changedBy: actor.staffId, changedAt: now.toISOString() })
      .run();
    return 'ok';
  });
}

function setPrimary(db: Db, participantId: number, newStaffId: string, actorId: string, at: string): void {
  db.delete(assignments).where(and(eq(assignments.participantId, participantId), or(eq(assignments.role, 'primary'), eq(assignments.staffId, newStaffId)))).run();
  db.insert(assignments).values({ participantId, staffId: newStaffId, role: 'primary', assignedAt: at, assignedBy: actorId }).run();
}

/** Makes `newStaffId` the participant's primary case manager (supervisors of the team and admins). */
export function reassignParticipant(db: Db, actor: Actor | null, participantId: number, newStaffId: string, now: Date): WriteResult {
  return inTransaction(db, () => {
    const target = db.select({ active: staff.active }).from(staff).where(eq(staff.slackUserId, newStaffId)).get();
    if (!target?.active) throw new Error('the new case manager must be active staff');
    const basis = authorize(db, actor, participantId, 'reassign', now, 'reassign', { to: newStaffId });
    if (!basis || !actor) return 'not-found';
    setPrimary(db, participantId, newStaffId, actor.staffId, now.toISOString());
    return 'ok';
  });
}

/**
 * Moves every participant for whom `fromStaffId` is primary to `toStaffId` (a worker leaving,
 * or covering a vacation). Only participants the actor may reassign move; returns how many.
 */
export function reassignCaseload(db: Db, actor: Actor | null, fromStaffId: string, toStaffId: string, now: Date): number {
  return inTransaction(db, () => {
    const target = db.select({ active: staff.active }).from(staff).where(eq(staff.slackUserId, toStaffId)).get();
    if (!target?.active) throw new Error('the new case manager must be active staff');
    const ids = db
      .select({ id: assignments.participantId })
      .from(assignments)
      .where(and(eq(assignments.staffId, fromStaffId), eq(assignments.role, 'primary')))
      .all()
      .map((r) => r.id);
    let moved = 0;
    for (const id of ids) {
      const basis = authorize(db, actor, id, 'reassign', now, 'reassign', { to: toStaffId });
      if (!basis || !actor) continue;
      setPrimary(db, id, toStaffId, actor.staffId, now.toISOString());
      moved++;
    }
    if (actor && moved > 0) {
      recordAudit(db, now, [{ actorId: actor.staffId, action: 'reassign-caseload', entity: 'caseload', entityId: fromStaffId, basis: actor.role, detail: { to: toStaffId, moved } }]);
    }
    return moved;
  });
}

/**
 * A participant's name and ids for labelling something the actor is already working on (a note
 * they are writing, a confirmation). Access-checked; not audited on its own — the write it
 * accompanies is.
 */
export function participantSummaryFor(db: Db, actor: Actor | null, participantId: number): ParticipantSummary | null {
  if (!decideAccess(actor, accessFacts(db, participantId), 'read').allowed) return null;
  return (
    db
      .select({ id: participants.id, fullName: participants.fullName, preferredName: participants.preferredName, misId: participants.misId, status: participants.status })
      .from(participants)
      .where(eq(participants.id, participantId))
      .get() ?? null
  );
}
