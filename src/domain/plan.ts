// The plan (IEP / EDP / FSP): vocabularies, SMART goal checks, service end dates, outcome
// quarters and the outcome rules, and the frozen snapshot a plan version holds.
// Pure module: no Slack, no SQL, no clock (callers pass "today", the actor's local date).
//
// Sources (../shared/domain.md "The cycle"): goals are S.M.A.R.T. (002); every service has a
// documented need and every need stays on the plan until met (000, 002); WIOA services default
// to 90 days, youth counseling 180, training extendable (002); refugee QPR: one
// case-management outcome per client per quarter, employment reported elsewhere (004).
import { isCalendarDate } from './dates';
import { addCalendarDays } from './due';
import { PLAN_KINDS, type PlanKind, type ProfileId, type ServiceDefinition } from './profiles';

// ---------------------------------------------------------------------------
// Vocabularies (stored as text; these lists are the only allowed values)
// ---------------------------------------------------------------------------

/**
 * Need categories (issue #5); the note modal's emergent-need options are built from this list.
 * `mental_health_services` records that such services are needed, never what the condition is.
 */
export const NEED_CATEGORIES = [
  'employment',
  'training_education',
  'housing',
  'child_care',
  'transportation',
  'health_care_access',
  'mental_health_services',
  'food',
  'clothing_tools',
  'language_esl',
  'legal_documents_id',
  'financial_budget',
  'other',
] as const;
export type NeedCategory = (typeof NEED_CATEGORIES)[number];

export const NEED_CATEGORY_LABELS: Record<NeedCategory, string> = {
  employment: 'Employment',
  training_education: 'Training / education',
  housing: 'Housing',
  child_care: 'Child care',
  transportation: 'Transportation',
  health_care_access: 'Health-care access',
  mental_health_services: 'Mental-health services',
  food: 'Food',
  clothing_tools: 'Clothing / tools',
  language_esl: 'Language / ESL',
  legal_documents_id: 'Legal documents / ID',
  financial_budget: 'Financial / budget',
  other: 'Other',
};

export function isNeedCategory(value: unknown): value is NeedCategory {
  return typeof value === 'string' && (NEED_CATEGORIES as readonly string[]).includes(value);
}

/** How the participant was assessed; `instrument` = another named, valid measurement tool. */
export const ASSESSMENT_TOOLS = ['interview', 'form', 'casas', 'instrument', 'other'] as const;
export type AssessmentTool = (typeof ASSESSMENT_TOOLS)[number];
export const ASSESSMENT_TOOL_LABELS: Record<AssessmentTool, string> = {
  interview: 'Interview',
  form: 'Form',
  casas: 'CASAS',
  instrument: 'Another named instrument',
  other: 'Other',
};

export const NEED_SOURCES = ['assessment', 'emergent', 'irt'] as const;
export type NeedSource = (typeof NEED_SOURCES)[number];
export const NEED_STATUSES = ['open', 'being_addressed', 'met'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

export const GOAL_TERMS = ['long', 'short'] as const;
export type GoalTerm = (typeof GOAL_TERMS)[number];
export const GOAL_STATUSES = ['open', 'achieved', 'discontinued'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const PROVIDER_KINDS = ['in_house', 'partner'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];
export const SERVICE_STATUSES = ['active', 'completed', 'discontinued'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export const REFERRAL_STATUSES = ['sent', 'accepted', 'completed', 'declined'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
/** A referral is reviewed (a due item) until its status is final. */
export const FINAL_REFERRAL_STATUSES: readonly ReferralStatus[] = ['completed', 'declined'];
/** Default review date of a referral: sent date + 30 days. */
export const REFERRAL_REVIEW_DAYS = 30;

/** Field problems in plain words, keyed by the input field (the Slack layer maps them to blocks). */
export type FieldErrors = Record<string, string>;

/** Longest free text accepted in a plan field (well under Slack's 3,000-character input limit). */
export const PLAN_TEXT_MAX = 1000;

/** A problem with a required free-text field, or null. */
export function requiredTextProblem(value: string | null | undefined, what: string, max = PLAN_TEXT_MAX): string | null {
  const text = value?.trim() ?? '';
  if (!text) return `Enter ${what}.`;
  if (text.length > max) return `Keep ${what} to ${max} characters or fewer.`;
  return null;
}

/** A problem with a `YYYY-MM-DD` date field, or null (`what` is e.g. "the target date"). */
export function dateProblem(value: string | null | undefined, what: string): string | null {
  if (!value) return `Pick ${what}.`;
  if (!isCalendarDate(value)) return `${capitalize(what)} is not a real date.`;
  return null;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------
// SMART goals
// ---------------------------------------------------------------------------

export interface GoalDraft {
  term: GoalTerm;
  /** S: what the participant will achieve. */
  specific: string;
  /** M: how achievement is measured. */
  measure: string;
  /** A/R: why it is attainable and relevant. */
  attainableRelevant: string;
  /** T: the target date (`YYYY-MM-DD`), required. */
  targetDate: string | null;
  parentGoalId?: number | null;
}

/** The long-term goal a short-term step sits under, as the caller found it. */
export interface ParentGoalFacts {
  term: GoalTerm;
  status: GoalStatus;
  targetDate: string;
}

/** A goal statement shorter than this many words is not "specific". */
export const SPECIFIC_MIN_WORDS = 3;

/**
 * The SMART problems of a new goal, keyed by field (`specific`, `measure`,
 * `attainableRelevant`, `targetDate`, `parentGoalId`, `term`); empty when the goal is SMART.
 * - specific: required, at least three words (a single word such as "Job" says nothing
 *   about what will be achieved);
 * - measure, attainableRelevant: required;
 * - targetDate: required, a real date, not before `today` (the actor's local date) at creation;
 * - a short-term goal under a long-term one: the parent must be an open long-term goal, and
 *   the step's target date may not be after the parent's. A long-term goal has no parent.
 * `parent` is what the caller found for `parentGoalId` (null = no such goal on this
 * participant's plan).
 */
export function smartGoalProblems(draft: GoalDraft, today: string, parent: ParentGoalFacts | null = null): FieldErrors {
  const errors: FieldErrors = {};
  if (!(GOAL_TERMS as readonly string[]).includes(draft.term)) errors.term = 'Choose long-term or short-term.';
  const specific = requiredTextProblem(draft.specific, 'what the participant will achieve');
  if (specific) errors.specific = specific;
  else if (wordCount(draft.specific) < SPECIFIC_MIN_WORDS) {
    errors.specific = `Say specifically what the participant will achieve, in at least ${SPECIFIC_MIN_WORDS} words.`;
  }
  const measure = requiredTextProblem(draft.measure, 'how achievement will be measured');
  if (measure) errors.measure = measure;
  const ar = requiredTextProblem(draft.attainableRelevant, 'why the goal is attainable and relevant for the participant');
  if (ar) errors.attainableRelevant = ar;
  const target = dateProblem(draft.targetDate, 'the target date');
  if (target) errors.targetDate = target;
  else if (draft.targetDate! < today) errors.targetDate = 'The target date has passed; pick today or a later date.';

  if (draft.parentGoalId != null) {
    if (draft.term === 'long') errors.parentGoalId = 'A long-term goal does not sit under another goal; leave the long-term goal empty.';
    else if (!parent) errors.parentGoalId = 'That long-term goal is not on this participant’s plan.';
    else if (parent.term !== 'long') errors.parentGoalId = 'Pick a long-term goal: a short-term step sits under a long-term goal.';
    else if (parent.status !== 'open') errors.parentGoalId = 'That long-term goal is no longer open.';
    else if (!errors.targetDate && draft.targetDate! > parent.targetDate) {
      errors.targetDate = `A short-term step must be reached by its long-term goal’s target date (${parent.targetDate}).`;
    }
  }
  return errors;
}

function wordCount(text: string): number {
  return text.trim().split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

// ---------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------

/**
 * The planned end date of a service started on `start`: start + the catalog's default
 * duration in calendar days (a 90-day service started 2026-11-30 ends 2027-02-28), or null when
 * the catalog has no default (refugee and TANF services: the case manager sets the end date).
 */
export function plannedEndDate(start: string, service: Pick<ServiceDefinition, 'defaultDurationDays'>): string | null {
  return service.defaultDurationDays === null ? null : addCalendarDays(start, service.defaultDurationDays);
}

/**
 * Problems with a service's start and planned end. An end the case manager chose is kept, but
 * never before the start, and — for a service that is not `extendable` — never past the default
 * duration (a 90-day service cannot be planned for a year; training can, seed 002). With no
 * default duration the end date is required.
 */
export function serviceDatesProblems(start: string, chosenEnd: string | null | undefined, service: ServiceDefinition): FieldErrors {
  const errors: FieldErrors = {};
  const startProblem = dateProblem(start, 'the start date');
  if (startProblem) return { startDate: startProblem };
  const defaultEnd = plannedEndDate(start, service);
  if (chosenEnd == null || chosenEnd === '') {
    if (defaultEnd === null) errors.plannedEndDate = `${service.name} has no default length in this program; pick the planned end date.`;
    return errors;
  }
  const endProblem = dateProblem(chosenEnd, 'the planned end date');
  if (endProblem) errors.plannedEndDate = endProblem;
  else if (chosenEnd < start) errors.plannedEndDate = 'The planned end date is before the start date.';
  else if (defaultEnd !== null && !service.extendable && chosenEnd > defaultEnd) {
    errors.plannedEndDate = `${service.name} lasts at most ${service.defaultDurationDays} days (until ${defaultEnd}) and cannot be extended.`;
  }
  return errors;
}

// ---------------------------------------------------------------------------
// Case-management outcomes
// ---------------------------------------------------------------------------

/**
 * The reporting quarter of an outcome achieved on `date`, as a federal fiscal-year label:
 * the fiscal year starts October 1 and is named after the calendar year it ends in, so
 * Oct–Dec 2026 → `FY2027-Q1`, Jan–Mar 2027 → `FY2027-Q2`, Apr–Jun → `FY2027-Q3`,
 * Jul–Sep 2027 → `FY2027-Q4`. Chosen because the refugee QPR (seed 004) reports on the
 * federal fiscal year (ORR); the one label is used for storage and the quarterly report.
 */
export function outcomeQuarter(date: string): string {
  if (!isCalendarDate(date)) throw new RangeError(`outcomeQuarter: "${date}" is not a date written YYYY-MM-DD`);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const fiscalYear = month >= 10 ? year + 1 : year;
  const quarter = month >= 10 ? 1 : Math.floor((month - 1) / 3) + 2;
  return `FY${fiscalYear}-Q${quarter}`;
}

/** Whether one more case-management outcome may be recorded in `quarter`. */
export function canRecordCmOutcome(existingOutcomeQuarters: readonly string[], quarter: string, oneOutcomePerQuarter: boolean): boolean {
  return !oneOutcomePerQuarter || !existingOutcomeQuarters.includes(quarter);
}

/** Refugee programs: employment is reported as a placement, never as a case-management goal (004). */
export const EMPLOYMENT_NOT_CM_OUTCOME_PROFILES: readonly ProfileId[] = ['refugee-ss', 'refugee-tap'];

/** Whether an employment goal may count as a case-management outcome for someone enrolled in these programs. */
export function employmentCountsAsCmOutcome(profileIds: readonly ProfileId[]): boolean {
  return !profileIds.some((id) => EMPLOYMENT_NOT_CM_OUTCOME_PROFILES.includes(id));
}

export const EMPLOYMENT_OUTCOME_PROBLEM =
  'This is an employment goal: in refugee programs employment is reported as a job placement, not as a case-management outcome. Leave the outcome box unticked.';

/**
 * Why a goal may not be recorded as a case-management outcome, or null when it may.
 * `employmentGoal` is the goal's own "employment goal" flag (`goals.is_employment`, ticked
 * when the goal is added): the goals table has no category, and guessing from words in the
 * statement would refuse goals such as "get a driver's license to reach job interviews". An
 * employment goal is refused when any enrolled profile is a refugee profile.
 * `oneOutcomePerQuarter` is the strictest value over the enrolled profiles.
 */
export function cmOutcomeProblem(input: {
  profileIds: readonly ProfileId[];
  oneOutcomePerQuarter: boolean;
  employmentGoal: boolean;
  quarter: string;
  existingOutcomeQuarters: readonly string[];
}): string | null {
  if (input.employmentGoal && !employmentCountsAsCmOutcome(input.profileIds)) return EMPLOYMENT_OUTCOME_PROBLEM;
  if (!canRecordCmOutcome(input.existingOutcomeQuarters, input.quarter, input.oneOutcomePerQuarter)) {
    return `A case-management outcome is already recorded for ${input.quarter}; only one per participant per quarter is reportable.`;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Plan versions
// ---------------------------------------------------------------------------

/**
 * The `plan_kinds` label of a version: the distinct plan kinds of the enrolled profiles, in
 * PLAN_KINDS order, joined with ", " (`IEP`, `FSP+EDP`, `IEP, FSP+EDP` when co-enrolled).
 */
export function planKindsLabel(kinds: readonly PlanKind[]): string {
  const label = PLAN_KINDS.filter((k) => kinds.includes(k)).join(', ');
  return label || 'IEP';
}

export interface SnapshotNeed {
  id: number;
  category: string;
  description: string;
  source: NeedSource;
  status: NeedStatus;
  metDate: string | null;
}

export interface SnapshotGoal {
  id: number;
  term: GoalTerm;
  parentGoalId: number | null;
  specific: string;
  measure: string;
  attainableRelevant: string;
  targetDate: string;
  status: GoalStatus;
  achievedDate: string | null;
  isCmOutcome: boolean;
  outcomeQuarter: string | null;
}

export interface SnapshotService {
  id: number;
  code: string;
  name: string;
  needIds: number[];
  providerKind: ProviderKind;
  providerName: string | null;
  startDate: string;
  plannedEndDate: string;
  actualEndDate: string | null;
  status: ServiceStatus;
  needMet: boolean | null;
  outcome: string | null;
}

export interface SnapshotReferral {
  id: number;
  partnerName: string;
  needIds: number[];
  status: ReferralStatus;
  sentDate: string;
  reviewDate: string;
  outcome: string | null;
}

export type ResponsibleParty = 'case_manager' | 'participant' | 'provider';

export interface Responsibility {
  party: ResponsibleParty;
  /** The case manager's or provider's name; null for the participant. */
  name: string | null;
  tasks: string[];
}

/** What a plan version freezes: the content the participant initials and gets a copy of. */
export interface PlanSnapshot {
  /** Shape version of this JSON, for readers of old rows. */
  format: 1;
  participantId: number;
  planKinds: string;
  caseManager: { staffId: string; name: string } | null;
  needs: SnapshotNeed[];
  goals: SnapshotGoal[];
  services: Array<SnapshotService & { responsible: { party: 'case_manager' | 'provider'; name: string | null } }>;
  referrals: Array<SnapshotReferral & { responsible: { party: 'provider'; name: string } }>;
  responsibilities: Responsibility[];
}

export interface PlanSnapshotInput {
  participantId: number;
  planKinds: string;
  caseManager: { staffId: string; name: string } | null;
  needs: readonly SnapshotNeed[];
  goals: readonly SnapshotGoal[];
  services: readonly SnapshotService[];
  referrals: readonly SnapshotReferral[];
}

const byId = <T extends { id: number }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => a.id - b.id);

/**
 * The frozen snapshot of a plan version. It holds every need, goal, service and referral of the
 * participant — met, achieved and closed ones too, with their status — so a version shows the
 * whole plan history and "was this need on the plan" is a lookup. Items are ordered by id.
 * Who is responsible for what: in-house services fall to the case manager, partner services
 * and referrals to the provider; the participant works toward the open goals and takes part
 * in the active services; the case manager arranges, follows up and reviews the plan.
 */
export function planSnapshot(input: PlanSnapshotInput): PlanSnapshot {
  const services = byId(input.services).map((s) => ({
    ...s,
    needIds: [...s.needIds].sort((a, b) => a - b),
    responsible:
      s.providerKind === 'partner'
        ? { party: 'provider' as const, name: s.providerName }
        : { party: 'case_manager' as const, name: input.caseManager?.name ?? null },
  }));
  const referrals = byId(input.referrals).map((r) => ({
    ...r,
    needIds: [...r.needIds].sort((a, b) => a - b),
    responsible: { party: 'provider' as const, name: r.partnerName },
  }));
  const goals = byId(input.goals);
  const activeServices = services.filter((s) => s.status === 'active');
  const openReferrals = referrals.filter((r) => !FINAL_REFERRAL_STATUSES.includes(r.status));

  const caseManagerTasks = [
    'Arrange the services and referrals on this plan and follow up with each provider.',
    ...activeServices.filter((s) => s.providerKind === 'in_house').map((s) => `Provide ${s.name} (until ${s.plannedEndDate}).`),
    ...openReferrals.map((r) => `Review the referral to ${r.partnerName} by ${r.reviewDate}.`),
    'Review this plan with the participant after each service ends and whenever it changes.',
  ];
  const participantTasks = [
    ...goals.filter((g) => g.status === 'open').map((g) => `Work toward: ${g.specific} (by ${g.targetDate}).`),
    ...activeServices.map((s) => `Take part in ${s.name}.`),
    ...openReferrals.map((r) => `Follow up with ${r.partnerName}.`),
    'Tell the case manager about any change that affects this plan.',
  ];
  const providers = new Map<string, string[]>();
  for (const s of activeServices) {
    if (s.providerKind !== 'partner') continue;
    const name = s.providerName?.trim() || 'Partner provider';
    providers.set(name, [...(providers.get(name) ?? []), `Provide ${s.name} (until ${s.plannedEndDate}).`]);
  }
  for (const r of openReferrals) {
    providers.set(r.partnerName, [...(providers.get(r.partnerName) ?? []), 'Respond to the referral.']);
  }
  const responsibilities: Responsibility[] = [
    { party: 'case_manager', name: input.caseManager?.name ?? null, tasks: caseManagerTasks },
    { party: 'participant', name: null, tasks: participantTasks },
    ...[...providers].map(([name, tasks]) => ({ party: 'provider' as const, name, tasks })),
  ];
  return {
    format: 1,
    participantId: input.participantId,
    planKinds: input.planKinds,
    caseManager: input.caseManager,
    needs: byId(input.needs),
    goals,
    services,
    referrals,
    responsibilities,
  };
}

/** The `plan_version_items` rows of a snapshot: one per need, goal, service and referral. */
export function snapshotItems(snapshot: PlanSnapshot): Array<{ itemKind: 'need' | 'goal' | 'service' | 'referral'; itemId: number }> {
  return [
    ...snapshot.needs.map((n) => ({ itemKind: 'need' as const, itemId: n.id })),
    ...snapshot.goals.map((g) => ({ itemKind: 'goal' as const, itemId: g.id })),
    ...snapshot.services.map((s) => ({ itemKind: 'service' as const, itemId: s.id })),
    ...snapshot.referrals.map((r) => ({ itemKind: 'referral' as const, itemId: r.id })),
  ];
}

// ---------------------------------------------------------------------------
// Referrals
// ---------------------------------------------------------------------------

const REFERRAL_NEXT: Record<ReferralStatus, readonly ReferralStatus[]> = {
  sent: ['accepted', 'completed', 'declined'],
  accepted: ['completed', 'declined'],
  completed: [],
  declined: [],
};

/** Why a referral may not move from `from` to `to`, or null: sent → accepted → completed, or declined; final statuses stay. */
export function referralTransitionProblem(from: ReferralStatus, to: ReferralStatus): string | null {
  if (!(REFERRAL_STATUSES as readonly string[]).includes(to)) return 'Choose sent, accepted, completed or declined.';
  if (from === to) return `The referral is already ${from}.`;
  if (FINAL_REFERRAL_STATUSES.includes(from)) return `The referral is ${from}; its status can no longer change.`;
  if (!REFERRAL_NEXT[from].includes(to)) return `A referral that is ${from} cannot go back to ${to}.`;
  return null;
}
