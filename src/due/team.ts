// Supervisors' view of caseloads: who may look at whose caseload, and per-worker figures.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../db/audit';
import type { Db } from '../db/connection';
import { assignments, staff } from '../db/schema';
import { getStaff, teamMemberIds } from '../db/staff';
import { canManageWorker, type Actor } from '../domain/access';
import type { DueContext } from '../domain/due';
import type { ProfileId, ProgramProfile } from '../domain/profiles';
import { caseloadDue, countItems } from './engine';
import { noteTimelinessByWorker } from './note-timeliness';

/** A worker's own caseload, or — for their supervisor or an admin — a worker's (audited). */
export function mayViewCaseload(db: Db, actor: Actor, workerId: string, now: Date): boolean {
  if (workerId === actor.staffId) return actor.active;
  const worker = getStaff(db, workerId);
  if (!worker || !canManageWorker(actor, { staffId: worker.slackUserId, supervisorId: worker.supervisorId })) return false;
  recordAudit(db, now, [{ actorId: actor.staffId, action: 'read', entity: 'caseload', entityId: workerId, basis: actor.role }]);
  return true;
}

/** The workers whose figures a person sees in `/caseload team`: their team, or everyone for an admin. */
export function teamWorkerIds(db: Db, actor: Actor): string[] {
  if (!actor.active) return [];
  if (actor.role === 'admin') {
    return db
      .selectDistinct({ id: staff.slackUserId })
      .from(staff)
      .innerJoin(assignments, eq(assignments.staffId, staff.slackUserId))
      .where(eq(staff.active, true))
      .orderBy(asc(staff.displayName))
      .all()
      .map((r) => r.id);
  }
  if (actor.role !== 'supervisor') return [];
  const ids = teamMemberIds(db, actor.staffId);
  if (ids.length === 0) return [];
  return db
    .select({ id: staff.slackUserId })
    .from(staff)
    .where(and(inArray(staff.slackUserId, ids), eq(staff.active, true)))
    .orderBy(asc(staff.displayName))
    .all()
    .map((r) => r.id);
}

export interface WorkerFigures {
  workerId: string;
  name: string;
  active: number;
  overdue: number;
  participantsOverdue: number;
  dueToday: number;
  notes: number;
  shareWithin48h: number | null;
  shareWithinLimit: number | null;
}

/**
 * Overdue counts include snoozed compliance items: a snooze does not hide a miss from a
 * supervisor. Each worker's items are computed in their own "today" (`ctxOf`).
 */
export function teamFigures(
  db: Db,
  workerIds: readonly string[],
  profiles: Record<ProfileId, ProgramProfile>,
  ctxOf: (workerId: string) => DueContext,
  now: Date,
): WorkerFigures[] {
  const timeliness = noteTimelinessByWorker(db, workerIds, now);
  return workerIds.map((workerId) => {
    const ctx = ctxOf(workerId);
    const due = caseloadDue(db, workerId, profiles, ctx, { forFigures: true });
    const counts = countItems(due.entries.flatMap((e) => e.items), ctx.today);
    const t = timeliness.get(workerId);
    return {
      workerId,
      name: getStaff(db, workerId)?.displayName ?? workerId,
      active: due.counts.active,
      overdue: counts.overdue,
      participantsOverdue: counts.participantsOverdue,
      dueToday: counts.dueToday,
      notes: t?.notes ?? 0,
      shareWithin48h: t?.shareWithin48h ?? null,
      shareWithinLimit: t?.shareWithinLimit ?? null,
    };
  });
}
