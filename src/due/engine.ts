// Runs every registered due rule over a set of participants: one query per rule for the whole
// set, then pure evaluation. Both /caseload, the App Home and the digest call this.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { assignments, dueItemState, enrollments, participants } from '../db/schema';
import { localDate } from '../domain/dates';
import { compareByUrgency, compareItems, daysBetween, DUE_SOON_DAYS, visibleItems, type DueContext, type DueItem, type DueParticipant, type DueState } from '../domain/due';
import type { HolidayCalendar } from '../domain/holidays';
import { strictestProfile, type EffectiveRules, type ProfileId, type ProgramProfile } from '../domain/profiles';
import { DUE_RULES } from './registry';
import { chunks, type DueRule } from './rule';

/** The viewer's "today" and the agency's holidays (working-day rules skip them). */
export function dueContext(now: Date, timeZone: string, holidays?: HolidayCalendar): DueContext {
  return { now, timeZone, today: localDate(now, timeZone), soonDays: DUE_SOON_DAYS, ...(holidays ? { holidays } : {}) };
}

/** Enrollments → the strictest rules and first enrollment date of each participant. */
function dueParticipants(db: Db, ids: readonly number[], profiles: Record<ProfileId, ProgramProfile>): DueParticipant[] {
  const byParticipant = new Map<number, { profiles: ProgramProfile[]; enrolledOn: string }>();
  for (const chunk of chunks(ids)) {
    for (const e of db
      .select({ participantId: enrollments.participantId, profileId: enrollments.profileId, date: enrollments.enrollmentDate })
      .from(enrollments)
      .where(inArray(enrollments.participantId, chunk))
      .all()) {
      const entry = byParticipant.get(e.participantId) ?? { profiles: [], enrolledOn: e.date };
      const profile = profiles[e.profileId as ProfileId];
      if (profile) entry.profiles.push(profile);
      if (e.date < entry.enrolledOn) entry.enrolledOn = e.date;
      byParticipant.set(e.participantId, entry);
    }
  }
  return [...byParticipant.entries()]
    .filter(([, e]) => e.profiles.length > 0)
    .map(([id, e]) => ({ id, enrolledOn: e.enrolledOn, rules: effectiveRules(profiles, e.profiles) }));
}

/** strictestProfile per combination of programs, computed once per loaded profile set. */
const rulesByCombination = new WeakMap<Record<ProfileId, ProgramProfile>, Map<string, EffectiveRules>>();

function effectiveRules(all: Record<ProfileId, ProgramProfile>, enrolled: ProgramProfile[]): EffectiveRules {
  let cache = rulesByCombination.get(all);
  if (!cache) rulesByCombination.set(all, (cache = new Map()));
  const key = enrolled.map((p) => p.id).join('+');
  let rules = cache.get(key);
  if (!rules) cache.set(key, (rules = strictestProfile(enrolled)));
  return rules;
}

function loadState(db: Db, ids: readonly number[]): Map<string, DueState> {
  const state = new Map<string, DueState>();
  for (const chunk of chunks(ids)) {
    for (const r of db
      .select({ key: dueItemState.itemKey, snoozedUntil: dueItemState.snoozedUntil, clearedAt: dueItemState.clearedAt })
      .from(dueItemState)
      .where(inArray(dueItemState.participantId, chunk))
      .all()) {
      state.set(r.key, { snoozedUntil: r.snoozedUntil, cleared: r.clearedAt !== null });
    }
  }
  return state;
}

/**
 * Every due item of the given participants, most urgent first. `forFigures` keeps snoozed
 * compliance items (supervisors' numbers); otherwise snoozed and cleared items are hidden.
 */
export function dueItemsFor(
  db: Db,
  participantIds: readonly number[],
  profiles: Record<ProfileId, ProgramProfile>,
  ctx: DueContext,
  opts: { forFigures?: boolean; rules?: ReadonlyArray<DueRule<any>> } = {},
): Map<number, DueItem[]> {
  const result = new Map<number, DueItem[]>();
  if (participantIds.length === 0) return result;
  const people = dueParticipants(db, participantIds, profiles);
  const ruleCtx: DueContext = { ...ctx, profiles: ctx.profiles ?? profiles };
  const all: DueItem[] = [];
  for (const rule of opts.rules ?? DUE_RULES) {
    const applicable = people.filter((p) => rule.appliesTo(p.rules));
    if (applicable.length === 0) continue;
    const loaded = rule.load(db, applicable.map((p) => p.id), ruleCtx);
    all.push(...rule.evaluate(loaded, applicable, ruleCtx));
  }
  const shown = visibleItems(all, loadState(db, participantIds), ctx.today, opts.forFigures);
  for (const item of shown.sort(compareItems)) result.set(item.participantId, [...(result.get(item.participantId) ?? []), item]);
  return result;
}

export interface CaseloadEntry {
  id: number;
  fullName: string;
  preferredName: string | null;
  role: 'primary' | 'secondary';
  latestEnrollment: string;
  items: DueItem[];
}

export interface CaseloadDue {
  entries: CaseloadEntry[];
  counts: { active: number; overdue: number; dueToday: number; dueThisWeek: number };
}

/**
 * Figures for a list of items. "This week" counts only items due within DUE_SOON_DAYS of
 * `today`: some rules (releases expiring, services ending) list items further out.
 */
export function countItems(items: readonly DueItem[], today: string): Omit<CaseloadDue['counts'], 'active'> & { participantsOverdue: number } {
  return {
    overdue: items.filter((i) => i.severity === 'overdue').length,
    dueToday: items.filter((i) => i.severity === 'due_today').length,
    dueThisWeek: items.filter((i) => i.severity === 'due_soon' && daysBetween(today, i.dueDate) <= DUE_SOON_DAYS).length,
    participantsOverdue: new Set(items.filter((i) => i.severity === 'overdue').map((i) => i.participantId)).size,
  };
}

/**
 * A worker's whole active caseload with its due items, most urgent first. The caller has
 * decided the viewer may see this worker's caseload (their own, or a supervisor's team).
 */
export function caseloadDue(db: Db, workerId: string, profiles: Record<ProfileId, ProgramProfile>, ctx: DueContext, opts: { forFigures?: boolean } = {}): CaseloadDue {
  return caseloadsDue(db, [workerId], profiles, ctx, opts).get(workerId)!;
}

/**
 * Several workers' caseloads in one engine pass (one query per rule for all of them), as the
 * digest builds them for everyone due at the same minute in one zone. Same result per worker
 * as `caseloadDue`; a participant shared by two workers is evaluated once.
 */
export function caseloadsDue(
  db: Db,
  workerIds: readonly string[],
  profiles: Record<ProfileId, ProgramProfile>,
  ctx: DueContext,
  opts: { forFigures?: boolean } = {},
): Map<string, CaseloadDue> {
  const latestEnrollment = sql<string>`(select max(${enrollments.enrollmentDate}) from ${enrollments} where ${enrollments.participantId} = ${participants.id})`;
  const rowsByWorker = new Map<string, Array<Omit<CaseloadEntry, 'items'>>>(workerIds.map((id) => [id, []]));
  for (const chunk of chunks(workerIds)) {
    const rows = db
      .select({ staffId: assignments.staffId, id: participants.id, fullName: participants.fullName, preferredName: participants.preferredName, role: assignments.role, latestEnrollment })
      .from(assignments)
      .innerJoin(participants, eq(participants.id, assignments.participantId))
      // `+status`: walk assignments by staff id (their index) rather than every active participant.
      .where(and(chunk.length === 1 ? eq(assignments.staffId, chunk[0]!) : inArray(assignments.staffId, chunk), sql`+${participants.status} = 'active'`))
      .all();
    for (const { staffId, ...row } of rows) rowsByWorker.get(staffId)?.push(row);
  }
  // Newest enrollment first, then by id: sorted here, per worker, not by SQLite for all of them.
  for (const rows of rowsByWorker.values()) rows.sort((a, b) => (a.latestEnrollment === b.latestEnrollment ? a.id - b.id : a.latestEnrollment < b.latestEnrollment ? 1 : -1));
  const allIds = [...new Set([...rowsByWorker.values()].flatMap((rows) => rows.map((r) => r.id)))];
  const due = dueItemsFor(db, allIds, profiles, ctx, opts);
  const result = new Map<string, CaseloadDue>();
  for (const [workerId, rows] of rowsByWorker) {
    const entries = rows.map((r) => ({ ...r, items: due.get(r.id) ?? [] })).sort(compareByUrgency);
    const { overdue, dueToday, dueThisWeek } = countItems(entries.flatMap((e) => e.items), ctx.today);
    result.set(workerId, { entries, counts: { active: rows.length, overdue, dueToday, dueThisWeek } });
  }
  return result;
}
