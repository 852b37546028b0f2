// The plan: assessments, needs, SMART goals, services tied to needs, referrals, plan versions
// and the participant's acknowledgments. Every function acts for an Actor: it asks
// src/domain/access.ts first (a refusal is "not found", like a missing record), runs in one
// transaction, and writes one audit row holding ids and field names only. Every committed change
// to needs, goals, services or referrals inserts a new plan version (snapshot + items) in the
// same transaction; a refused or invalid request writes nothing at all. The writes that create
// rows from a Slack modal take its `requestKey`: the same submission twice writes once.
import { and, asc, desc, eq, inArray, max, ne } from 'drizzle-orm';
import { decideAccess, mustAudit, type AccessBasis, type Actor } from '../domain/access';
import { addCalendarDays } from '../domain/due';
import {
  ASSESSMENT_TOOLS,
  FINAL_REFERRAL_STATUSES,
  NEED_CATEGORY_LABELS,
  NEED_SOURCES,
  NEED_STATUSES,
  PROVIDER_KINDS,
  REFERRAL_REVIEW_DAYS,
  cmOutcomeProblem,
  dateProblem,
  employmentCountsAsCmOutcome,
  isNeedCategory,
  outcomeQuarter,
  planKindsLabel,
  planSnapshot,
  referralTransitionProblem,
  requiredTextProblem,
  serviceDatesProblems,
  smartGoalProblems,
  snapshotItems,
  type AssessmentTool,
  type FieldErrors,
  type GoalTerm,
  type NeedCategory,
  type NeedSource,
  type NeedStatus,
  type PlanSnapshot,
  type ProviderKind,
  type ReferralStatus,
} from '../domain/plan';
import { strictestProfile, type ProfileId, type ProgramProfile } from '../domain/profiles';
import { recordAudit, type AuditEntry } from './audit';
import { inTransaction, type Db } from './connection';
import { accessFacts } from './participants';
import { onceForRequest, type ResultIds } from './requests';
import {
  assessments,
  assignments,
  caseNotes,
  enrollments,
  goals,
  needs,
  participants,
  planAcknowledgments,
  planVersionItems,
  planVersions,
  referralNeeds,
  referrals,
  serviceExtensions,
  serviceNeeds,
  services,
  staff,
  type GoalRow,
  type NeedRow,
  type PlanVersionRow,
  type ReferralRow,
  type ServiceRow,
} from './schema';

// ---------------------------------------------------------------------------
// Shared types
// ---------------------------------------------------------------------------

/** What every plan function needs besides the database and the actor. */
export interface PlanContext {
  /** The loaded program profiles (catalogs, plan kinds, outcome rules). */
  profiles: Record<ProfileId, ProgramProfile>;
  now: Date;
  /** The actor's local date (`YYYY-MM-DD`): "not in the past" and "not in the future" are judged by it. */
  today: string;
}

export type NotFound = { kind: 'not-found' };
/**
 * Field problems in plain words. Keys are input field names (`needIds`, `targetDate`, …);
 * `status` means the record's current state forbids the change; `needs.<i>.<field>` is a need
 * found in an assessment.
 */
export type Invalid = { kind: 'invalid'; errors: FieldErrors };
/** The plan version the change created. */
export interface VersionRef {
  planVersionId: number;
  versionNo: number;
}
export type PlanWriteResult<T extends object = object> = ({ kind: 'ok' } & VersionRef & T) | NotFound | Invalid;

/** For the functions that create rows from a Slack modal. */
export interface RequestOptions {
  /**
   * `view:<view id>:<hash>` of the submission (see `viewRequestKey`), recorded in
   * processed_slack_requests with the rows: the same submission again writes nothing and gets
   * the first answer (the same ids).
   */
  requestKey?: string;
}

const NOT_FOUND: NotFound = { kind: 'not-found' };
const invalid = (errors: FieldErrors): Invalid => ({ kind: 'invalid', errors });
const hasErrors = (errors: FieldErrors) => Object.keys(errors).length > 0;
const ids = (xs: readonly number[]) => xs.join(',');

// ---------------------------------------------------------------------------
// Internals: access, profiles, versions
// ---------------------------------------------------------------------------

const requestOf = (opts: RequestOptions, ctx: PlanContext) => (opts.requestKey ? { key: opts.requestKey, kind: 'view_submission' as const, at: ctx.now } : null);

/** A plan version by id, as a write's answer gives it. */
function versionRef(db: Db, id: number | undefined): VersionRef | null {
  if (id === undefined) return null;
  const row = db.select({ versionNo: planVersions.versionNo }).from(planVersions).where(eq(planVersions.id, id)).get();
  return row ? { planVersionId: id, versionNo: row.versionNo } : null;
}

/**
 * How a write that created one row and a plan version is recorded for its Slack request
 * (`need:88 plan_version:12`) and answered again from the record. `answer` rebuilds the rest of
 * the first answer from the created row's id (null if there is no such row).
 */
function createdCodec<T extends object>(db: Db, name: string, answer: (id: number) => T | null, idOf: (ok: { kind: 'ok' } & VersionRef & T) => number) {
  return {
    encode: (r: PlanWriteResult<T>): ResultIds | null => (r.kind === 'ok' ? { [name]: [idOf(r)], plan_version: [r.planVersionId] } : null),
    decode: (ids: ResultIds): PlanWriteResult<T> | null => {
      const id = ids[name]?.[0];
      const rest = id === undefined ? null : answer(id);
      const version = versionRef(db, ids['plan_version']?.[0]);
      return rest && version ? { kind: 'ok', ...version, ...rest } : null;
    },
  };
}

/** Write access to an existing participant: the basis, or null ("not found"). */
function writeBasis(db: Db, actor: Actor, participantId: number): AccessBasis | null {
  const exists = db.select({ id: participants.id }).from(participants).where(eq(participants.id, participantId)).get();
  if (!exists) return null;
  const decision = decideAccess(actor, accessFacts(db, participantId), 'write');
  return decision.allowed ? decision.basis : null;
}

/**
 * The frame of every addition to the plan: one transaction, write access to the participant's
 * file (else "not found"), and once per submitted view (a double submit gets the first answer).
 */
function addOnce<R>(
  db: Db,
  actor: Actor,
  participantId: number,
  ctx: PlanContext,
  opts: RequestOptions,
  codec: Parameters<typeof onceForRequest<R>>[3],
  work: (basis: AccessBasis) => R,
): R | NotFound {
  return inTransaction(db, () => {
    const basis = writeBasis(db, actor, participantId);
    if (!basis) return NOT_FOUND;
    return onceForRequest(db, requestOf(opts, ctx), () => work(basis), codec);
  });
}

function audit(db: Db, actor: Actor, now: Date, participantId: number, action: string, basis: AccessBasis, detail: AuditEntry['detail']): void {
  recordAudit(db, now, [{ actorId: actor.staffId, action, entity: 'participant', entityId: participantId, basis, detail }]);
}

function enrolledProfiles(db: Db, participantId: number, profiles: Record<ProfileId, ProgramProfile>) {
  const rows = db.select().from(enrollments).where(eq(enrollments.participantId, participantId)).orderBy(asc(enrollments.id)).all();
  return rows
    .map((e) => ({ enrollment: e, profile: profiles[e.profileId as ProfileId] as ProgramProfile | undefined }))
    .filter((x): x is { enrollment: typeof x.enrollment; profile: ProgramProfile } => !!x.profile);
}

/** The service catalogs a participant may be given services from: one per enrollment whose program has one. */
export function serviceCatalogsFor(db: Db, participantId: number, profiles: Record<ProfileId, ProgramProfile>): Array<{ enrollmentId: number; profile: ProgramProfile }> {
  return enrolledProfiles(db, participantId, profiles)
    .filter((x) => x.profile.services.length > 0)
    .map((x) => ({ enrollmentId: x.enrollment.id, profile: x.profile }));
}

function snapshotOf(db: Db, participantId: number, profiles: Record<ProfileId, ProgramProfile>): PlanSnapshot {
  const needRows = db.select().from(needs).where(eq(needs.participantId, participantId)).all();
  const goalRows = db.select().from(goals).where(eq(goals.participantId, participantId)).all();
  const serviceRows = db.select().from(services).where(eq(services.participantId, participantId)).all();
  const referralRows = db.select().from(referrals).where(eq(referrals.participantId, participantId)).all();
  const serviceLinks = linksOf(db, 'service', serviceRows.map((s) => s.id));
  const referralLinks = linksOf(db, 'referral', referralRows.map((r) => r.id));
  const primary = db
    .select({ staffId: assignments.staffId, name: staff.displayName })
    .from(assignments)
    .innerJoin(staff, eq(staff.slackUserId, assignments.staffId))
    .where(and(eq(assignments.participantId, participantId), eq(assignments.role, 'primary')))
    .get();
  return planSnapshot({
    participantId,
    planKinds: planKindsLabel(enrolledProfiles(db, participantId, profiles).map((p) => p.profile.planKind)),
    caseManager: primary ?? null,
    needs: needRows.map((n) => ({ id: n.id, category: n.category, description: n.description, source: n.source, status: n.status, metDate: n.metDate })),
    goals: goalRows.map((g) => ({
      id: g.id,
      term: g.term,
      parentGoalId: g.parentGoalId,
      specific: g.specific,
      measure: g.measure,
      attainableRelevant: g.attainableRelevant,
      targetDate: g.targetDate,
      status: g.status,
      achievedDate: g.achievedDate,
      isCmOutcome: g.isCmOutcome,
      outcomeQuarter: g.outcomeQuarter,
    })),
    services: serviceRows.map((s) => ({
      id: s.id,
      code: s.serviceCode,
      name: s.serviceName,
      needIds: serviceLinks.get(s.id) ?? [],
      providerKind: s.providerKind,
      providerName: s.providerName,
      startDate: s.startDate,
      plannedEndDate: s.plannedEndDate,
      actualEndDate: s.actualEndDate,
      status: s.status,
      needMet: s.needMet,
      outcome: s.outcome,
    })),
    referrals: referralRows.map((r) => ({
      id: r.id,
      partnerName: r.partnerName,
      needIds: referralLinks.get(r.id) ?? [],
      status: r.status,
      sentDate: r.sentDate,
      reviewDate: r.reviewDate,
      outcome: r.outcome,
    })),
  });
}

/** need ids per service (or referral) id. */
function linksOf(db: Db, kind: 'service' | 'referral', ownerIds: readonly number[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  if (ownerIds.length === 0) return out;
  const rows =
    kind === 'service'
      ? db.select({ owner: serviceNeeds.serviceId, need: serviceNeeds.needId }).from(serviceNeeds).where(inArray(serviceNeeds.serviceId, [...ownerIds])).all()
      : db.select({ owner: referralNeeds.referralId, need: referralNeeds.needId }).from(referralNeeds).where(inArray(referralNeeds.referralId, [...ownerIds])).all();
  for (const r of rows) out.set(r.owner, [...(out.get(r.owner) ?? []), r.need]);
  for (const list of out.values()) list.sort((a, b) => a - b);
  return out;
}

/** Inserts the next plan version (snapshot of the plan as it now stands) and its items. */
function writeVersion(db: Db, actor: Actor, participantId: number, reason: 'update' | 'review', changeSummary: string, ctx: PlanContext): VersionRef {
  const last = db.select({ n: max(planVersions.versionNo) }).from(planVersions).where(eq(planVersions.participantId, participantId)).get()?.n ?? 0;
  const snapshot = snapshotOf(db, participantId, ctx.profiles);
  const versionNo = last + 1;
  const row = db
    .insert(planVersions)
    .values({
      participantId,
      versionNo,
      reason: last === 0 ? 'initial' : reason,
      changeSummary,
      planKinds: snapshot.planKinds,
      snapshotJson: JSON.stringify(snapshot),
      createdAt: ctx.now.toISOString(),
      createdBy: actor.staffId,
    })
    .returning({ id: planVersions.id })
    .get();
  const items = snapshotItems(snapshot);
  if (items.length) db.insert(planVersionItems).values(items.map((i) => ({ planVersionId: row.id, ...i }))).run();
  return { planVersionId: row.id, versionNo };
}

/**
 * The needs a new service or referral would answer: at least one, each on this participant's
 * plan and not yet met. Returns the problem for the `needIds` field, or the needs.
 */
function needsToLink(db: Db, participantId: number, needIds: readonly number[] | null | undefined, what: 'service' | 'referral'): { problem: string } | { rows: NeedRow[] } {
  const wanted = [...new Set(needIds ?? [])];
  if (wanted.length === 0) {
    return {
      problem: `Every ${what} must answer a documented need: pick at least one of the participant’s needs (add the need first if it is not on the plan yet).`,
    };
  }
  const rows = db.select().from(needs).where(inArray(needs.id, wanted)).all();
  if (rows.length !== wanted.length || rows.some((n) => n.participantId !== participantId)) {
    return { problem: 'One of the chosen needs is not on this participant’s plan.' };
  }
  const met = rows.find((n) => n.status === 'met');
  if (met) {
    return { problem: `The ${categoryLabel(met.category).toLowerCase()} need is already met; a ${what} cannot be added for a met need.` };
  }
  return { rows };
}

function categoryLabel(category: string): string {
  return isNeedCategory(category) ? NEED_CATEGORY_LABELS[category] : category;
}

/** Moves open needs to "being addressed" once a service or referral answers them. */
function markBeingAddressed(db: Db, rows: readonly NeedRow[], actor: Actor, at: string): void {
  const open = rows.filter((n) => n.status === 'open').map((n) => n.id);
  if (open.length) db.update(needs).set({ status: 'being_addressed', updatedAt: at, updatedBy: actor.staffId }).where(inArray(needs.id, open)).run();
}

/** Whether anything other than the given service/referral still addresses a need: an active service or a referral not yet final. */
function stillAddressed(db: Db, needId: number, except: { serviceId?: number; referralId?: number }): boolean {
  const service = db
    .select({ id: services.id })
    .from(serviceNeeds)
    .innerJoin(services, eq(services.id, serviceNeeds.serviceId))
    .where(and(eq(serviceNeeds.needId, needId), eq(services.status, 'active'), except.serviceId ? ne(services.id, except.serviceId) : undefined))
    .get();
  if (service) return true;
  const referral = db
    .select({ id: referrals.id, status: referrals.status })
    .from(referralNeeds)
    .innerJoin(referrals, eq(referrals.id, referralNeeds.referralId))
    .where(and(eq(referralNeeds.needId, needId), except.referralId ? ne(referrals.id, except.referralId) : undefined))
    .all();
  return referral.some((r) => !FINAL_REFERRAL_STATUSES.includes(r.status));
}

export interface NeedEffects {
  /** Linked needs now marked met (met_date = the end date). */
  needsMet: number[];
  /** Linked needs that stay on the plan because something else still addresses them. */
  needsStillAddressed: number[];
  /** Linked needs back to "open": this ended without meeting them and nothing else addresses them. */
  needsReopened: number[];
}

/**
 * What ending a service or referral does to its needs.
 * - It met the need: each linked need not yet met becomes met on `endDate` — unless another
 *   active service (or a referral not yet final) still addresses it; then it stays
 *   "being addressed" and the case manager marks it met when that ends (`needsStillAddressed`
 *   tells the caller which). The other service was planned for the need, so closing the need
 *   under it would leave a service with no open need.
 * - It did not: each linked need that nothing else addresses goes back to "open", so the
 *   "open needs with no service or referral" rule asks for a next step.
 */
function settleNeeds(
  db: Db,
  needIds: readonly number[],
  met: boolean,
  endDate: string,
  except: { serviceId?: number; referralId?: number },
  actor: Actor,
  at: string,
): NeedEffects {
  const effects: NeedEffects = { needsMet: [], needsStillAddressed: [], needsReopened: [] };
  if (needIds.length === 0) return effects;
  const rows = db.select().from(needs).where(inArray(needs.id, [...needIds])).orderBy(asc(needs.id)).all();
  for (const n of rows) {
    if (n.status === 'met') continue;
    const other = stillAddressed(db, n.id, except);
    if (met && !other) {
      db.update(needs).set({ status: 'met', metDate: endDate, updatedAt: at, updatedBy: actor.staffId }).where(eq(needs.id, n.id)).run();
      effects.needsMet.push(n.id);
    } else if (other) {
      effects.needsStillAddressed.push(n.id);
    } else if (n.status !== 'open') {
      db.update(needs).set({ status: 'open', updatedAt: at, updatedBy: actor.staffId }).where(eq(needs.id, n.id)).run();
      effects.needsReopened.push(n.id);
    }
  }
  return effects;
}

function notePartOf(db: Db, noteId: number, participantId: number): boolean {
  const row = db.select({ participantId: caseNotes.participantId }).from(caseNotes).where(eq(caseNotes.id, noteId)).get();
  return row?.participantId === participantId;
}

function notInFuture(date: string, today: string, what: string): string | null {
  return dateProblem(date, what) ?? (date > today ? `${what.charAt(0).toUpperCase()}${what.slice(1)} is in the future.` : null);
}

// ---------------------------------------------------------------------------
// Needs and assessments
// ---------------------------------------------------------------------------

export interface NeedInput {
  category: NeedCategory | string;
  description: string;
  /** How the need hurts progress toward the goal; required for an emergent need. */
  impact?: string | null;
}

export interface NewNeed extends NeedInput {
  participantId: number;
  source: NeedSource;
  /** The documenting note: required unless the source is an assessment (for `irt`, the outcome note). */
  sourceNoteId?: number | null;
  /** Required when the source is an assessment. */
  assessmentId?: number | null;
}

function needInputProblems(n: NeedInput, source: NeedSource, prefix = ''): FieldErrors {
  const errors: FieldErrors = {};
  if (!isNeedCategory(n.category)) errors[`${prefix}category`] = 'Pick a need category.';
  const d = requiredTextProblem(n.description, 'the need');
  if (d) errors[`${prefix}description`] = d;
  if (source === 'emergent') {
    const i = requiredTextProblem(n.impact, 'how the need affects progress toward the goal');
    if (i) errors[`${prefix}impact`] = i;
  } else if (n.impact && n.impact.trim().length > 1000) {
    errors[`${prefix}impact`] = 'Keep the impact to 1000 characters or fewer.';
  }
  return errors;
}

/** The one place a need row is written: from an assessment, a note (emergent) or an IRT outcome. The caller has checked access and validated it. */
export function insertNeed(db: Db, actor: Actor, participantId: number, n: NeedInput, source: NeedSource, links: { sourceNoteId: number | null; assessmentId: number | null }, at: string): number {
  return db
    .insert(needs)
    .values({
      participantId,
      category: n.category,
      description: n.description.trim(),
      impact: n.impact?.trim() || null,
      source,
      sourceNoteId: links.sourceNoteId,
      assessmentId: links.assessmentId,
      status: 'open',
      recordedAt: at,
      recordedBy: actor.staffId,
      updatedAt: at,
      updatedBy: actor.staffId,
    })
    .returning({ id: needs.id })
    .get().id;
}

export interface NewAssessment {
  participantId: number;
  assessmentDate: string;
  tool: AssessmentTool;
  /** The instrument's name; required when `tool` is `instrument`. */
  instrumentName?: string | null;
  /** Summary of results. */
  summary: string;
  /** The note documenting the assessment, if any. */
  noteId?: number | null;
  /** Needs found: recorded with source `assessment` and this assessment's id. */
  needs?: NeedInput[];
}

export type AssessmentResult =
  | ({ kind: 'ok'; assessmentId: number; needIds: number[] } & (VersionRef | { planVersionId: null; versionNo: null }))
  | NotFound
  | Invalid;

/** An assessment's request record: `assessment:5 need:88,89 plan_version:12` (no need, no version: `need: plan_version:`). */
function assessmentCodec(db: Db) {
  return {
    encode: (r: AssessmentResult): ResultIds | null =>
      r.kind === 'ok' ? { assessment: [r.assessmentId], need: r.needIds, plan_version: r.planVersionId === null ? [] : [r.planVersionId] } : null,
    decode: (ids: ResultIds): AssessmentResult | null => {
      const assessmentId = ids['assessment']?.[0];
      const needIds = [...(ids['need'] ?? [])];
      const versionId = ids['plan_version']?.[0];
      const version = versionId === undefined ? { planVersionId: null, versionNo: null } : versionRef(db, versionId);
      return assessmentId !== undefined && version ? { kind: 'ok', assessmentId, needIds, ...version } : null;
    },
  };
}

/**
 * Records an assessment and the needs found in it. Needs found change the plan, so they make a
 * new plan version; an assessment that found no need does not (`planVersionId` null).
 */
export function addAssessment(
  db: Db,
  actor: Actor,
  input: NewAssessment,
  ctx: PlanContext,
  opts: RequestOptions = {},
): AssessmentResult {
  return addOnce(db, actor, input.participantId, ctx, opts, assessmentCodec(db), (basis) => {
    const errors: FieldErrors = {};
    const date = notInFuture(input.assessmentDate, ctx.today, 'the assessment date');
    if (date) errors.assessmentDate = date;
    if (!(ASSESSMENT_TOOLS as readonly string[]).includes(input.tool)) errors.tool = 'Pick how the participant was assessed.';
    if (input.tool === 'instrument') {
      const name = requiredTextProblem(input.instrumentName, 'the name of the instrument', 200);
      if (name) errors.instrumentName = name;
    }
    const summary = requiredTextProblem(input.summary, 'a summary of the results', 3000);
    if (summary) errors.summary = summary;
    if (input.noteId != null && !notePartOf(db, input.noteId, input.participantId)) errors.noteId = 'That note is not in this participant’s file.';
    (input.needs ?? []).forEach((n, i) => Object.assign(errors, needInputProblems(n, 'assessment', `needs.${i}.`)));
    if (hasErrors(errors)) return invalid(errors);

    const at = ctx.now.toISOString();
    const assessmentId = db
      .insert(assessments)
      .values({
        participantId: input.participantId,
        assessmentDate: input.assessmentDate,
        tool: input.tool,
        instrumentName: input.instrumentName?.trim() || null,
        summary: input.summary.trim(),
        noteId: input.noteId ?? null,
        createdAt: at,
        createdBy: actor.staffId,
      })
      .returning({ id: assessments.id })
      .get().id;
    const needIds = (input.needs ?? []).map((n) => insertNeed(db, actor, input.participantId, n, 'assessment', { sourceNoteId: input.noteId ?? null, assessmentId }, at));
    const version = needIds.length
      ? writeVersion(db, actor, input.participantId, 'update', `Assessment: ${needIds.length} need${needIds.length === 1 ? '' : 's'} found`, ctx)
      : { planVersionId: null, versionNo: null };
    audit(db, actor, ctx.now, input.participantId, 'assessment-add', basis, {
      assessment: assessmentId,
      needs: ids(needIds),
      version: version.planVersionId,
    });
    return { kind: 'ok', assessmentId, needIds, ...version };
  });
}

/** Adds a need to the plan (data-model rules: emergent needs say their impact; every need is documented by a note or an assessment). */
export function addNeed(db: Db, actor: Actor, input: NewNeed, ctx: PlanContext, opts: RequestOptions = {}): PlanWriteResult<{ needId: number }> {
  return addOnce(db, actor, input.participantId, ctx, opts, createdCodec(db, 'need', (id) => ({ needId: id }), (r) => r.needId), (basis) => {
    const errors: FieldErrors = {};
    if (!(NEED_SOURCES as readonly string[]).includes(input.source)) errors.source = 'Pick where the need came from.';
    Object.assign(errors, needInputProblems(input, input.source));
    if (input.source === 'assessment') {
      if (input.assessmentId == null) errors.assessmentId = 'Pick the assessment the need was found in.';
      else {
        const a = db.select({ participantId: assessments.participantId }).from(assessments).where(eq(assessments.id, input.assessmentId)).get();
        if (a?.participantId !== input.participantId) errors.assessmentId = 'That assessment is not in this participant’s file.';
      }
    } else if (input.sourceNoteId == null) {
      errors.sourceNoteId = input.source === 'irt' ? 'Pick the IRT meeting’s outcome note.' : 'Pick the case note that documents the need.';
    }
    if (input.sourceNoteId != null && !notePartOf(db, input.sourceNoteId, input.participantId)) errors.sourceNoteId = 'That note is not in this participant’s file.';
    if (hasErrors(errors)) return invalid(errors);

    const needId = insertNeed(db, actor, input.participantId, input, input.source, { sourceNoteId: input.sourceNoteId ?? null, assessmentId: input.assessmentId ?? null }, ctx.now.toISOString());
    const version = writeVersion(db, actor, input.participantId, 'update', `Need added: ${categoryLabel(input.category)}`, ctx);
    audit(db, actor, ctx.now, input.participantId, 'need-add', basis, { need: needId, version: version.planVersionId });
    return { kind: 'ok', needId, ...version };
  });
}

/** Sets a need's status; `met` needs the date it was met (not in the future), other statuses clear it. */
export function updateNeedStatus(db: Db, actor: Actor, needId: number, update: { status: NeedStatus; metDate?: string | null }, ctx: PlanContext): PlanWriteResult {
  return inTransaction(db, () => {
    const need = db.select().from(needs).where(eq(needs.id, needId)).get();
    if (!need) return NOT_FOUND;
    const basis = writeBasis(db, actor, need.participantId);
    if (!basis) return NOT_FOUND;
    const errors: FieldErrors = {};
    if (!(NEED_STATUSES as readonly string[]).includes(update.status)) errors.status = 'Pick open, being addressed or met.';
    else if (update.status === need.status && (update.status !== 'met' || update.metDate === need.metDate)) errors.status = 'The need already has that status.';
    if (update.status === 'met') {
      const d = notInFuture(update.metDate ?? '', ctx.today, 'the date the need was met');
      if (d) errors.metDate = d;
    }
    if (hasErrors(errors)) return invalid(errors);

    const metDate = update.status === 'met' ? update.metDate! : null;
    db.update(needs).set({ status: update.status, metDate, updatedAt: ctx.now.toISOString(), updatedBy: actor.staffId }).where(eq(needs.id, needId)).run();
    const words = { open: 'open', being_addressed: 'being addressed', met: 'met' }[update.status];
    const version = writeVersion(db, actor, need.participantId, 'update', `Need ${words}: ${categoryLabel(need.category)}`, ctx);
    audit(db, actor, ctx.now, need.participantId, 'need-update', basis, { need: needId, fields: 'status', version: version.planVersionId });
    return { kind: 'ok', ...version };
  });
}

// ---------------------------------------------------------------------------
// Goals
// ---------------------------------------------------------------------------

export interface NewGoal {
  participantId: number;
  term: GoalTerm;
  /** A short-term step's long-term goal. */
  parentGoalId?: number | null;
  specific: string;
  measure: string;
  attainableRelevant: string;
  targetDate: string | null;
  /**
   * Getting or keeping a job. Stored on the goal; in refugee programs such a goal is never a
   * case-management outcome (see `cmOutcomeProblem`).
   */
  isEmployment?: boolean;
}

/** Adds a SMART goal (see `smartGoalProblems`); the target date may not be before `ctx.today`. */
export function addGoal(db: Db, actor: Actor, input: NewGoal, ctx: PlanContext, opts: RequestOptions = {}): PlanWriteResult<{ goalId: number }> {
  return addOnce(db, actor, input.participantId, ctx, opts, createdCodec(db, 'goal', (id) => ({ goalId: id }), (r) => r.goalId), (basis) => {
    const parent =
      input.parentGoalId != null
        ? db
            .select({ term: goals.term, status: goals.status, targetDate: goals.targetDate, participantId: goals.participantId })
            .from(goals)
            .where(eq(goals.id, input.parentGoalId))
            .get()
        : undefined;
    const errors = smartGoalProblems(input, ctx.today, parent && parent.participantId === input.participantId ? parent : null);
    if (hasErrors(errors)) return invalid(errors);

    const at = ctx.now.toISOString();
    const goalId = db
      .insert(goals)
      .values({
        participantId: input.participantId,
        term: input.term,
        parentGoalId: input.parentGoalId ?? null,
        specific: input.specific.trim(),
        measure: input.measure.trim(),
        attainableRelevant: input.attainableRelevant.trim(),
        targetDate: input.targetDate!,
        status: 'open',
        isEmployment: input.isEmployment === true,
        createdAt: at,
        createdBy: actor.staffId,
        updatedAt: at,
        updatedBy: actor.staffId,
      })
      .returning({ id: goals.id })
      .get().id;
    const version = writeVersion(db, actor, input.participantId, 'update', `Goal added (${input.term}-term)`, ctx);
    audit(db, actor, ctx.now, input.participantId, 'goal-add', basis, { goal: goalId, employment: input.isEmployment === true, version: version.planVersionId });
    return { kind: 'ok', goalId, ...version };
  });
}

export type GoalStatusUpdate =
  | {
      status: 'achieved';
      achievedDate: string;
      /**
       * Record the achievement as a case-management outcome (reported in the quarter of
       * `achievedDate`). Refused for an employment goal (`goals.is_employment`) in refugee
       * programs, and past one per quarter where a profile says so.
       */
      cmOutcome?: boolean;
    }
  | { status: 'discontinued' };

/**
 * Closes an open goal: achieved (with its date, optionally a case-management outcome) or
 * discontinued. Only open goals change; the outcome respects the participant's programs
 * (one per quarter where a profile says so; never employment in refugee programs).
 */
export function updateGoalStatus(db: Db, actor: Actor, goalId: number, update: GoalStatusUpdate, ctx: PlanContext): PlanWriteResult<{ outcomeQuarter: string | null }> {
  return inTransaction(db, () => {
    const goal = db.select().from(goals).where(eq(goals.id, goalId)).get();
    if (!goal) return NOT_FOUND;
    const basis = writeBasis(db, actor, goal.participantId);
    if (!basis) return NOT_FOUND;
    const errors: FieldErrors = {};
    if (goal.status !== 'open') errors.status = `This goal is already ${goal.status}.`;
    else if (update.status !== 'achieved' && update.status !== 'discontinued') errors.status = 'Pick achieved or discontinued.';
    let quarter: string | null = null;
    if (!errors.status && update.status === 'achieved') {
      const d = notInFuture(update.achievedDate, ctx.today, 'the date the goal was achieved');
      if (d) errors.achievedDate = d;
      else if (update.cmOutcome === true) {
        quarter = outcomeQuarter(update.achievedDate);
        const enrolled = enrolledProfiles(db, goal.participantId, ctx.profiles).map((p) => p.profile);
        const existing = db
          .select({ quarter: goals.outcomeQuarter })
          .from(goals)
          .where(and(eq(goals.participantId, goal.participantId), eq(goals.isCmOutcome, true), ne(goals.id, goalId)))
          .all()
          .map((r) => r.quarter)
          .filter((q): q is string => q !== null);
        const problem = cmOutcomeProblem({
          profileIds: enrolled.map((p) => p.id),
          oneOutcomePerQuarter: enrolled.length > 0 && strictestProfile(enrolled).oneOutcomePerQuarter,
          employmentGoal: goal.isEmployment,
          quarter,
          existingOutcomeQuarters: existing,
        });
        if (problem) errors.isCmOutcome = problem;
      }
    }
    if (hasErrors(errors)) return invalid(errors);

    const at = ctx.now.toISOString();
    const achieved = update.status === 'achieved';
    db.update(goals)
      .set({
        status: update.status,
        achievedDate: achieved ? update.achievedDate : null,
        isCmOutcome: quarter !== null,
        outcomeQuarter: quarter,
        updatedAt: at,
        updatedBy: actor.staffId,
      })
      .where(eq(goals.id, goalId))
      .run();
    const summary = achieved ? `Goal achieved${quarter ? ` (case-management outcome, ${quarter})` : ''}` : 'Goal discontinued';
    const version = writeVersion(db, actor, goal.participantId, 'update', summary, ctx);
    audit(db, actor, ctx.now, goal.participantId, 'goal-update', basis, {
      goal: goalId,
      fields: quarter ? 'status,is_cm_outcome' : 'status',
      version: version.planVersionId,
    });
    return { kind: 'ok', outcomeQuarter: quarter, ...version };
  });
}

// ---------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------

export interface NewService {
  participantId: number;
  /** The enrollment whose catalog applies; or give `profileId`. With neither, the participant's only enrollment. */
  enrollmentId?: number | null;
  profileId?: string | null;
  serviceCode: string;
  /** The needs it answers: at least one, on this participant's plan, not met. */
  needIds: number[];
  providerKind: ProviderKind;
  /** Required for a partner provider. */
  providerName?: string | null;
  startDate: string;
  /** Default: start + the catalog's default duration (required when the catalog has none). */
  plannedEndDate?: string | null;
}

/**
 * Adds a service from the enrollment's profile catalog, tied to one or more of the
 * participant's needs. Refused (nothing written, no version) with the error on `needIds` when
 * no need is given, a need belongs to someone else, or a need is already met; on `serviceCode`
 * when the code is not in that program's catalog. Linked open needs become "being addressed".
 */
export function addService(
  db: Db,
  actor: Actor,
  input: NewService,
  ctx: PlanContext,
  opts: RequestOptions = {},
): PlanWriteResult<{ serviceId: number; plannedEndDate: string }> {
  const codec = createdCodec(
    db,
    'service',
    (id) => {
      const row = db.select({ plannedEndDate: services.plannedEndDate }).from(services).where(eq(services.id, id)).get();
      return row ? { serviceId: id, plannedEndDate: row.plannedEndDate } : null;
    },
    (r) => r.serviceId,
  );
  return addOnce(db, actor, input.participantId, ctx, opts, codec, (basis) => {
    const errors: FieldErrors = {};
    const linked = needsToLink(db, input.participantId, input.needIds, 'service');
    if ('problem' in linked) errors.needIds = linked.problem;

    const enrolled = enrolledProfiles(db, input.participantId, ctx.profiles);
    const match =
      input.enrollmentId != null
        ? enrolled.find((e) => e.enrollment.id === input.enrollmentId)
        : input.profileId != null
          ? enrolled.find((e) => e.enrollment.profileId === input.profileId)
          : enrolled.length === 1
            ? enrolled[0]
            : undefined;
    const definition = match?.profile.services.find((s) => s.code === input.serviceCode);
    if (!match) errors.enrollmentId = 'Pick one of the participant’s programs.';
    else if (!definition) errors.serviceCode = `That service is not in the ${match.profile.name} catalog of allowable services.`;
    if (!(PROVIDER_KINDS as readonly string[]).includes(input.providerKind)) errors.providerKind = 'Pick in house or a partner.';
    else if (input.providerKind === 'partner') {
      const p = requiredTextProblem(input.providerName, 'the partner providing the service', 200);
      if (p) errors.providerName = p;
    }
    let plannedEnd: string | null = null;
    if (definition) {
      const dates = serviceDatesProblems(input.startDate, input.plannedEndDate, definition);
      Object.assign(errors, dates);
      if (!hasErrors(dates)) plannedEnd = input.plannedEndDate || addCalendarDays(input.startDate, definition.defaultDurationDays!);
    } else {
      const s = dateProblem(input.startDate, 'the start date');
      if (s) errors.startDate = s;
    }
    if (hasErrors(errors) || 'problem' in linked || !match || !definition || !plannedEnd) return invalid(errors);

    const at = ctx.now.toISOString();
    const serviceId = db
      .insert(services)
      .values({
        participantId: input.participantId,
        enrollmentId: match.enrollment.id,
        serviceCode: definition.code,
        serviceName: definition.name,
        providerKind: input.providerKind,
        providerName: input.providerKind === 'partner' ? input.providerName!.trim() : input.providerName?.trim() || null,
        startDate: input.startDate,
        plannedEndDate: plannedEnd,
        status: 'active',
        createdAt: at,
        createdBy: actor.staffId,
        updatedAt: at,
        updatedBy: actor.staffId,
      })
      .returning({ id: services.id })
      .get().id;
    db.insert(serviceNeeds).values(linked.rows.map((n) => ({ serviceId, needId: n.id }))).run();
    markBeingAddressed(db, linked.rows, actor, at);
    const version = writeVersion(db, actor, input.participantId, 'update', `Service added: ${definition.name}`, ctx);
    audit(db, actor, ctx.now, input.participantId, 'service-add', basis, {
      service: serviceId,
      needs: ids(linked.rows.map((n) => n.id)),
      version: version.planVersionId,
    });
    return { kind: 'ok', serviceId, plannedEndDate: plannedEnd, ...version };
  });
}

function serviceDefinitionOf(db: Db, service: ServiceRow, profiles: Record<ProfileId, ProgramProfile>) {
  const enrollment = db.select({ profileId: enrollments.profileId }).from(enrollments).where(eq(enrollments.id, service.enrollmentId)).get();
  const profile = enrollment ? (profiles[enrollment.profileId as ProfileId] as ProgramProfile | undefined) : undefined;
  return profile?.services.find((s) => s.code === service.serviceCode);
}

export interface OpenPlanItems {
  /** Active services, soonest planned end first. */
  services: Array<{ id: number; name: string; startDate: string; plannedEndDate: string }>;
  /** Open goals, soonest target first. */
  goals: Array<{ id: number; term: GoalTerm; specific: string; targetDate: string }>;
}

/**
 * What a note about the participant may touch: their active services and open goals. For
 * someone who may write the participant's file (the note's author), else null.
 */
export function openPlanItems(db: Db, actor: Actor, participantId: number): OpenPlanItems | null {
  if (!writeBasis(db, actor, participantId)) return null;
  return {
    services: db
      .select({ id: services.id, name: services.serviceName, startDate: services.startDate, plannedEndDate: services.plannedEndDate })
      .from(services)
      .where(and(eq(services.participantId, participantId), eq(services.status, 'active')))
      .orderBy(asc(services.plannedEndDate), asc(services.id))
      .all(),
    goals: db
      .select({ id: goals.id, term: goals.term, specific: goals.specific, targetDate: goals.targetDate })
      .from(goals)
      .where(and(eq(goals.participantId, participantId), eq(goals.status, 'open')))
      .orderBy(asc(goals.targetDate), asc(goals.id))
      .all(),
  };
}

/** The participant's active services whose catalog entry lets them be extended (for the plan modal's *Extend* buttons). */
export function extendableServiceIds(db: Db, plan: Pick<PlanView, 'services'>, profiles: Record<ProfileId, ProgramProfile>): Set<number> {
  return new Set(plan.services.filter((s) => s.status === 'active' && serviceDefinitionOf(db, s, profiles)?.extendable === true).map((s) => s.id));
}

/** How the participant's programs treat case-management outcomes (for the goal status form's hint). */
export function outcomeRulesFor(db: Db, participantId: number, profiles: Record<ProfileId, ProgramProfile>): { oneOutcomePerQuarter: boolean; employmentCounts: boolean } {
  const enrolled = enrolledProfiles(db, participantId, profiles).map((p) => p.profile);
  return {
    oneOutcomePerQuarter: enrolled.length > 0 && strictestProfile(enrolled).oneOutcomePerQuarter,
    employmentCounts: employmentCountsAsCmOutcome(enrolled.map((p) => p.id)),
  };
}

/** Pushes an active, extendable service's planned end date later, keeping the history and the reason. */
export function extendService(
  db: Db,
  actor: Actor,
  serviceId: number,
  input: { newEndDate: string; reason: string },
  ctx: PlanContext,
): PlanWriteResult<{ extensionId: number }> {
  return inTransaction(db, () => {
    const service = db.select().from(services).where(eq(services.id, serviceId)).get();
    if (!service) return NOT_FOUND;
    const basis = writeBasis(db, actor, service.participantId);
    if (!basis) return NOT_FOUND;
    const errors: FieldErrors = {};
    const definition = serviceDefinitionOf(db, service, ctx.profiles);
    if (service.status !== 'active') errors.status = `${service.serviceName} has ended; it cannot be extended.`;
    else if (!definition?.extendable) errors.newEndDate = `${service.serviceName} cannot be extended in this program.`;
    else {
      const d = dateProblem(input.newEndDate, 'the new end date');
      if (d) errors.newEndDate = d;
      else if (input.newEndDate <= service.plannedEndDate) errors.newEndDate = `Pick a date after the current planned end (${service.plannedEndDate}).`;
    }
    const r = requiredTextProblem(input.reason, 'the reason for the extension');
    if (r) errors.reason = r;
    if (hasErrors(errors)) return invalid(errors);

    const at = ctx.now.toISOString();
    const extensionId = db
      .insert(serviceExtensions)
      .values({
        serviceId,
        participantId: service.participantId,
        previousEndDate: service.plannedEndDate,
        newEndDate: input.newEndDate,
        reason: input.reason.trim(),
        extendedBy: actor.staffId,
        extendedAt: at,
      })
      .returning({ id: serviceExtensions.id })
      .get().id;
    db.update(services).set({ plannedEndDate: input.newEndDate, updatedAt: at, updatedBy: actor.staffId }).where(eq(services.id, serviceId)).run();
    const version = writeVersion(db, actor, service.participantId, 'update', `Service extended: ${service.serviceName}`, ctx);
    audit(db, actor, ctx.now, service.participantId, 'service-extend', basis, { service: serviceId, extension: extensionId, version: version.planVersionId });
    return { kind: 'ok', extensionId, ...version };
  });
}

export interface ServiceCompletion {
  actualEndDate: string;
  /** Did it meet the need? Required. */
  needMet: boolean;
  /** The outcome in words. Required. */
  outcome: string;
  /** Default `completed`; `discontinued` for a service that stopped early. */
  status?: 'completed' | 'discontinued';
}

/**
 * Ends an active service with its required outcome. When it met the need, the linked needs
 * become met on the end date, except those another active service (or open referral) still
 * addresses; when it did not, linked needs nothing else addresses go back to open
 * (see NeedEffects).
 */
export function completeService(db: Db, actor: Actor, serviceId: number, input: ServiceCompletion, ctx: PlanContext): PlanWriteResult<NeedEffects> {
  return inTransaction(db, () => {
    const service = db.select().from(services).where(eq(services.id, serviceId)).get();
    if (!service) return NOT_FOUND;
    const basis = writeBasis(db, actor, service.participantId);
    if (!basis) return NOT_FOUND;
    const errors: FieldErrors = {};
    const status = input.status ?? 'completed';
    if (service.status !== 'active') errors.status = `${service.serviceName} is already ${service.status}.`;
    else if (status !== 'completed' && status !== 'discontinued') errors.status = 'Pick completed or discontinued.';
    const d = notInFuture(input.actualEndDate, ctx.today, 'the end date');
    if (d) errors.actualEndDate = d;
    else if (input.actualEndDate < service.startDate) errors.actualEndDate = `The end date is before the start date (${service.startDate}).`;
    if (typeof input.needMet !== 'boolean') errors.needMet = 'Say whether the service met the need.';
    const o = requiredTextProblem(input.outcome, 'the outcome of the service');
    if (o) errors.outcome = o;
    if (hasErrors(errors)) return invalid(errors);

    const at = ctx.now.toISOString();
    db.update(services)
      .set({ status, actualEndDate: input.actualEndDate, needMet: input.needMet, outcome: input.outcome.trim(), updatedAt: at, updatedBy: actor.staffId })
      .where(eq(services.id, serviceId))
      .run();
    const needIds = linksOf(db, 'service', [serviceId]).get(serviceId) ?? [];
    const effects = settleNeeds(db, needIds, input.needMet, input.actualEndDate, { serviceId }, actor, at);
    const version = writeVersion(db, actor, service.participantId, 'update', `Service ${status}: ${service.serviceName}${input.needMet ? ' (need met)' : ''}`, ctx);
    audit(db, actor, ctx.now, service.participantId, 'service-update', basis, {
      service: serviceId,
      fields: 'status,actual_end_date,need_met,outcome',
      needsMet: ids(effects.needsMet),
      version: version.planVersionId,
    });
    return { kind: 'ok', ...effects, ...version };
  });
}

// ---------------------------------------------------------------------------
// Referrals
// ---------------------------------------------------------------------------

export interface NewReferral {
  participantId: number;
  /** The partner or community service (display name; may be outside the partner directory). */
  partnerName: string;
  /** At least one of the participant's needs, not met. */
  needIds: number[];
  sentDate: string;
  /** Default: sent date + 30 days. */
  reviewDate?: string | null;
}

/** Records a referral sent for one or more needs; its review date becomes a due item until the status is final. */
export function addReferral(
  db: Db,
  actor: Actor,
  input: NewReferral,
  ctx: PlanContext,
  opts: RequestOptions = {},
): PlanWriteResult<{ referralId: number; reviewDate: string }> {
  const codec = createdCodec(
    db,
    'referral',
    (id) => {
      const row = db.select({ reviewDate: referrals.reviewDate }).from(referrals).where(eq(referrals.id, id)).get();
      return row ? { referralId: id, reviewDate: row.reviewDate } : null;
    },
    (r) => r.referralId,
  );
  return addOnce(db, actor, input.participantId, ctx, opts, codec, (basis) => {
    const errors: FieldErrors = {};
    const linked = needsToLink(db, input.participantId, input.needIds, 'referral');
    if ('problem' in linked) errors.needIds = linked.problem;
    const p = requiredTextProblem(input.partnerName, 'the partner or service referred to', 200);
    if (p) errors.partnerName = p;
    const s = notInFuture(input.sentDate, ctx.today, 'the date sent');
    if (s) errors.sentDate = s;
    let reviewDate: string | null = null;
    if (input.reviewDate) {
      const r = dateProblem(input.reviewDate, 'the review date');
      if (r) errors.reviewDate = r;
      else if (!s && input.reviewDate < input.sentDate) errors.reviewDate = 'The review date is before the date sent.';
      else reviewDate = input.reviewDate;
    } else if (!s) reviewDate = addCalendarDays(input.sentDate, REFERRAL_REVIEW_DAYS);
    if (hasErrors(errors) || 'problem' in linked || !reviewDate) return invalid(errors);

    const at = ctx.now.toISOString();
    const referralId = db
      .insert(referrals)
      .values({
        participantId: input.participantId,
        partnerName: input.partnerName.trim(),
        status: 'sent',
        sentDate: input.sentDate,
        statusDate: input.sentDate,
        reviewDate,
        createdAt: at,
        createdBy: actor.staffId,
        updatedAt: at,
        updatedBy: actor.staffId,
      })
      .returning({ id: referrals.id })
      .get().id;
    db.insert(referralNeeds).values(linked.rows.map((n) => ({ referralId, needId: n.id }))).run();
    markBeingAddressed(db, linked.rows, actor, at);
    const version = writeVersion(db, actor, input.participantId, 'update', 'Referral sent', ctx);
    audit(db, actor, ctx.now, input.participantId, 'referral-add', basis, {
      referral: referralId,
      needs: ids(linked.rows.map((n) => n.id)),
      version: version.planVersionId,
    });
    return { kind: 'ok', referralId, reviewDate, ...version };
  });
}

export interface ReferralStatusUpdate {
  status: Exclude<ReferralStatus, 'sent'>;
  statusDate: string;
  /** Required when completed. */
  outcome?: string | null;
  /** A new review date while the referral is still open (e.g. after it is accepted). */
  reviewDate?: string | null;
  /** Completed: did it meet the need? Same effect on the linked needs as a completed service. */
  needMet?: boolean | null;
}

/**
 * Moves a referral along sent → accepted → completed (or declined). A final status settles the
 * linked needs like the end of a service (met only when `needMet` is true).
 */
export function updateReferralStatus(db: Db, actor: Actor, referralId: number, input: ReferralStatusUpdate, ctx: PlanContext): PlanWriteResult<NeedEffects> {
  return inTransaction(db, () => {
    const referral = db.select().from(referrals).where(eq(referrals.id, referralId)).get();
    if (!referral) return NOT_FOUND;
    const basis = writeBasis(db, actor, referral.participantId);
    if (!basis) return NOT_FOUND;
    const errors: FieldErrors = {};
    const t = referralTransitionProblem(referral.status, input.status);
    if (t) errors.status = t;
    const d = notInFuture(input.statusDate, ctx.today, 'the status date');
    if (d) errors.statusDate = d;
    else if (input.statusDate < referral.sentDate) errors.statusDate = `The status date is before the date sent (${referral.sentDate}).`;
    if (input.status === 'completed') {
      const o = requiredTextProblem(input.outcome, 'the outcome of the referral');
      if (o) errors.outcome = o;
    }
    const final = FINAL_REFERRAL_STATUSES.includes(input.status);
    if (input.reviewDate && !final) {
      const r = dateProblem(input.reviewDate, 'the review date');
      if (r) errors.reviewDate = r;
      else if (input.reviewDate < input.statusDate) errors.reviewDate = 'The review date is before the status date.';
    }
    if (hasErrors(errors)) return invalid(errors);

    const at = ctx.now.toISOString();
    db.update(referrals)
      .set({
        status: input.status,
        statusDate: input.statusDate,
        outcome: input.outcome?.trim() || referral.outcome,
        reviewDate: !final && input.reviewDate ? input.reviewDate : referral.reviewDate,
        updatedAt: at,
        updatedBy: actor.staffId,
      })
      .where(eq(referrals.id, referralId))
      .run();
    const effects: NeedEffects = final
      ? settleNeeds(db, linksOf(db, 'referral', [referralId]).get(referralId) ?? [], input.status === 'completed' && input.needMet === true, input.statusDate, { referralId }, actor, at)
      : { needsMet: [], needsStillAddressed: [], needsReopened: [] };
    const version = writeVersion(db, actor, referral.participantId, 'update', `Referral ${input.status}`, ctx);
    audit(db, actor, ctx.now, referral.participantId, 'referral-update', basis, {
      referral: referralId,
      fields: 'status',
      needsMet: ids(effects.needsMet),
      version: version.planVersionId,
    });
    return { kind: 'ok', ...effects, ...version };
  });
}

// ---------------------------------------------------------------------------
// Versions: review and acknowledgment
// ---------------------------------------------------------------------------

/** A plan review with the participant: a `review` version even with no change (clears "plan review due"). */
export function reviewPlan(db: Db, actor: Actor, participantId: number, ctx: PlanContext): PlanWriteResult {
  return inTransaction(db, () => {
    const basis = writeBasis(db, actor, participantId);
    if (!basis) return NOT_FOUND;
    const any = db.select({ id: planVersions.id }).from(planVersions).where(eq(planVersions.participantId, participantId)).get();
    if (!any) return invalid({ plan: 'There is no plan to review yet: add a need or a goal first.' });
    const version = writeVersion(db, actor, participantId, 'review', 'Plan reviewed with the participant; no change', ctx);
    audit(db, actor, ctx.now, participantId, 'plan-review', basis, { version: version.planVersionId });
    return { kind: 'ok', ...version };
  });
}

export interface Acknowledgment {
  /** The participant's initials as written on the copy. */
  initials: string;
  /** The date the participant initialed (not in the future). */
  date: string;
  copyGiven: boolean;
}

export type AcknowledgeResult = { kind: 'ok'; acknowledgmentId: number } | { kind: 'already-acknowledged'; acknowledgmentId: number } | NotFound | Invalid;

/** Records the participant's initials and date on a version; one per version (a second is refused). */
export function acknowledgePlanVersion(db: Db, actor: Actor, versionId: number, input: Acknowledgment, ctx: PlanContext): AcknowledgeResult {
  return inTransaction(db, () => {
    const version = db.select({ participantId: planVersions.participantId }).from(planVersions).where(eq(planVersions.id, versionId)).get();
    if (!version) return NOT_FOUND;
    const basis = writeBasis(db, actor, version.participantId);
    if (!basis) return NOT_FOUND;
    const existing = db.select({ id: planAcknowledgments.id }).from(planAcknowledgments).where(eq(planAcknowledgments.planVersionId, versionId)).get();
    if (existing) return { kind: 'already-acknowledged', acknowledgmentId: existing.id };
    const errors: FieldErrors = {};
    const initials = input.initials?.trim() ?? '';
    if (!initials) errors.initials = 'Enter the participant’s initials.';
    else if (initials.length > 10 || !/\p{L}/u.test(initials)) errors.initials = 'Initials are a few letters (at most 10 characters).';
    const d = notInFuture(input.date, ctx.today, 'the date initialed');
    if (d) errors.date = d;
    if (typeof input.copyGiven !== 'boolean') errors.copyGiven = 'Say whether the participant was given a copy.';
    if (hasErrors(errors)) return invalid(errors);

    const acknowledgmentId = db
      .insert(planAcknowledgments)
      .values({
        planVersionId: versionId,
        participantId: version.participantId,
        initials,
        acknowledgedDate: input.date,
        copyGiven: input.copyGiven,
        recordedBy: actor.staffId,
        recordedAt: ctx.now.toISOString(),
      })
      .returning({ id: planAcknowledgments.id })
      .get().id;
    audit(db, actor, ctx.now, version.participantId, 'plan-acknowledge', basis, { version: versionId, acknowledgment: acknowledgmentId, copyGiven: input.copyGiven });
    return { kind: 'ok', acknowledgmentId };
  });
}

/**
 * Keeps the Slack file id of a version's printable copy once it is uploaded (the only column of
 * a version that ever changes; a later print of the same version keeps the newest file).
 * Anyone who may read the plan may print it.
 */
export function recordPlanPdf(db: Db, actor: Actor, versionId: number, fileId: string, ctx: Pick<PlanContext, 'now'>): { kind: 'ok' } | NotFound | Invalid {
  return inTransaction(db, () => {
    const version = db.select({ participantId: planVersions.participantId }).from(planVersions).where(eq(planVersions.id, versionId)).get();
    if (!version) return NOT_FOUND;
    const decision = decideAccess(actor, accessFacts(db, version.participantId), 'read');
    if (!decision.allowed) return NOT_FOUND;
    if (!/^F[A-Z0-9]{2,40}$/.test(fileId)) return invalid({ fileId: 'That is not a Slack file id.' });
    db.update(planVersions).set({ pdfFileId: fileId }).where(eq(planVersions.id, versionId)).run();
    audit(db, actor, ctx.now, version.participantId, 'plan-print', decision.basis, { version: versionId, fields: 'pdf_file_id' });
    return { kind: 'ok' };
  });
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

export interface PlanVersionSummary {
  id: number;
  versionNo: number;
  reason: PlanVersionRow['reason'];
  changeSummary: string;
  createdAt: string;
  createdBy: string;
  pdfFileId: string | null;
  acknowledged: boolean;
  acknowledgment: { initials: string; date: string; copyGiven: boolean } | null;
}

export interface PlanView {
  participantId: number;
  assessments: Array<typeof assessments.$inferSelect>;
  needs: NeedRow[];
  goals: GoalRow[];
  services: Array<ServiceRow & { needIds: number[]; extensions: Array<typeof serviceExtensions.$inferSelect> }>;
  referrals: Array<ReferralRow & { needIds: number[] }>;
  /** The latest version, or null when the participant has no plan yet. */
  latestVersion: PlanVersionSummary | null;
}

function versionSummary(db: Db, row: PlanVersionRow): PlanVersionSummary {
  const ack = db.select().from(planAcknowledgments).where(eq(planAcknowledgments.planVersionId, row.id)).get();
  return {
    id: row.id,
    versionNo: row.versionNo,
    reason: row.reason,
    changeSummary: row.changeSummary,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    pdfFileId: row.pdfFileId,
    acknowledged: !!ack,
    acknowledgment: ack ? { initials: ack.initials, date: ack.acknowledgedDate, copyGiven: ack.copyGiven } : null,
  };
}

/** Read access (audited as `read` for readers who are not assigned). */
function readBasis(db: Db, actor: Actor, participantId: number, now: Date, detail: AuditEntry['detail']): boolean {
  const exists = db.select({ id: participants.id }).from(participants).where(eq(participants.id, participantId)).get();
  if (!exists) return false;
  const decision = decideAccess(actor, accessFacts(db, participantId), 'read');
  if (!decision.allowed) return false;
  if (mustAudit(decision, 'read')) audit(db, actor, now, participantId, 'read', decision.basis, detail);
  return true;
}

/**
 * The participant's plan as it stands: assessments, needs, goals, services (with their needs and
 * extensions), referrals (with their needs), and the latest version with its acknowledgment.
 * Ordered by id. Audited like a card read for readers who are not assigned.
 */
export function readPlan(db: Db, actor: Actor, participantId: number, ctx: Pick<PlanContext, 'now'>): { kind: 'ok'; plan: PlanView } | NotFound {
  return inTransaction(db, () => {
    if (!readBasis(db, actor, participantId, ctx.now, { plan: participantId })) return NOT_FOUND;
    const serviceRows = db.select().from(services).where(eq(services.participantId, participantId)).orderBy(asc(services.id)).all();
    const referralRows = db.select().from(referrals).where(eq(referrals.participantId, participantId)).orderBy(asc(referrals.id)).all();
    const serviceLinks = linksOf(db, 'service', serviceRows.map((s) => s.id));
    const referralLinks = linksOf(db, 'referral', referralRows.map((r) => r.id));
    const extensions = serviceRows.length
      ? db.select().from(serviceExtensions).where(inArray(serviceExtensions.serviceId, serviceRows.map((s) => s.id))).orderBy(asc(serviceExtensions.id)).all()
      : [];
    const latest = db.select().from(planVersions).where(eq(planVersions.participantId, participantId)).orderBy(desc(planVersions.versionNo)).limit(1).get();
    return {
      kind: 'ok',
      plan: {
        participantId,
        assessments: db.select().from(assessments).where(eq(assessments.participantId, participantId)).orderBy(asc(assessments.assessmentDate), asc(assessments.id)).all(),
        needs: db.select().from(needs).where(eq(needs.participantId, participantId)).orderBy(asc(needs.id)).all(),
        goals: db.select().from(goals).where(eq(goals.participantId, participantId)).orderBy(asc(goals.id)).all(),
        services: serviceRows.map((s) => ({ ...s, needIds: serviceLinks.get(s.id) ?? [], extensions: extensions.filter((e) => e.serviceId === s.id) })),
        referrals: referralRows.map((r) => ({ ...r, needIds: referralLinks.get(r.id) ?? [] })),
        latestVersion: latest ? versionSummary(db, latest) : null,
      },
    };
  });
}

/** One plan version with its frozen snapshot (for the printable copy). Audited like a card read for readers who are not assigned. */
export function readPlanVersion(
  db: Db,
  actor: Actor,
  versionId: number,
  ctx: Pick<PlanContext, 'now'>,
): { kind: 'ok'; version: PlanVersionSummary; participantId: number; planKinds: string; snapshot: PlanSnapshot } | NotFound {
  return inTransaction(db, () => {
    const row = db.select().from(planVersions).where(eq(planVersions.id, versionId)).get();
    if (!row) return NOT_FOUND;
    if (!readBasis(db, actor, row.participantId, ctx.now, { version: versionId })) return NOT_FOUND;
    return {
      kind: 'ok',
      version: versionSummary(db, row),
      participantId: row.participantId,
      planKinds: row.planKinds,
      snapshot: JSON.parse(row.snapshotJson) as PlanSnapshot,
    };
  });
}
