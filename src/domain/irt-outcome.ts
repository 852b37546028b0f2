// The outcome of an IRT meeting (issue #6 "After the meeting"; seed 001 "Facilitating"): the
// participant, helped by the team, names a goal, strengths and needs; partners say which of
// their services apply; the team writes a plan of action with timelines and the name of who is
// responsible for each step. Pure rules: when an outcome may be recorded, what a valid outcome
// is, the case note it becomes, what the planning thread may be told, and who may mark a step
// done. No Slack, no SQL; the clock and "today" are parameters.
import { summarySubject } from './case-note';
import { displayDate, isCalendarDate } from './dates';
import type { AccessDecision } from './access';
import { isNeedCategory, NEED_CATEGORY_LABELS, type FieldErrors, type NeedCategory } from './plan';

/** Longest answer per field: together they keep the note within a case note's 3,000 characters. */
export const OUTCOME_LIMITS = { goal: 500, strengths: 800, needDescription: 300, services: 400, otherServices: 1000, stepDescription: 300, lateExplanation: 1000 } as const;
/** A case note's narrative and next steps hold at most this many characters each. */
export const NOTE_TEXT_MAX = 3000;
/** Optional rows for needs found at the meeting. */
export const NEED_ROWS = 3;
/** Step rows the form starts with, and the most *Add step* may reach (4 blocks a step, well inside a modal's 100). */
export const FIRST_STEP_ROWS = 3;
export const MAX_STEP_ROWS = 10;
/**
 * Partner organizations with a services field of their own; the rest share one field, so the
 * form stays within a modal's 100 blocks however many organizations came.
 */
export const MAX_OWN_SERVICE_FIELDS = 10;

export type MeetingStatus = 'planning' | 'scheduled' | 'held' | 'cancelled';
export type LocationKind = 'in_person' | 'phone' | 'video';
export type AttendeeKind = 'participant' | 'natural_support' | 'partner_contact' | 'staff';

// ---------------------------------------------------------------------------------------------
// When an outcome may be recorded
// ---------------------------------------------------------------------------------------------

/** Why an outcome cannot be recorded now: no confirmed time yet, not started yet, already recorded, cancelled. */
export type OutcomeBlocker = 'not-scheduled' | 'not-yet-held' | 'already-recorded' | 'cancelled';

/** An outcome is recorded once, for a meeting with a confirmed time that has begun. */
export function outcomeBlocker(meeting: { status: MeetingStatus; startsAt: string | null }, now: Date): OutcomeBlocker | null {
  if (meeting.status === 'held') return 'already-recorded';
  if (meeting.status === 'cancelled') return 'cancelled';
  if (meeting.status !== 'scheduled' || !meeting.startsAt) return 'not-scheduled';
  if (Date.parse(meeting.startsAt) > now.getTime()) return 'not-yet-held';
  return null;
}

export function blockerText(blocker: OutcomeBlocker, startsOn: string | null): string {
  switch (blocker) {
    case 'already-recorded':
      return 'The outcome of this IRT meeting is already recorded.';
    case 'cancelled':
      return 'This IRT meeting was cancelled, so there is no outcome to record.';
    case 'not-scheduled':
      return 'This IRT meeting has no confirmed time yet. Confirm a slot first; record the outcome after the meeting.';
    case 'not-yet-held':
      return `This IRT meeting has not happened yet${startsOn ? ` (it is on ${displayDate(startsOn)})` : ''}. Record the outcome after the meeting.`;
  }
}

// ---------------------------------------------------------------------------------------------
// The case note the outcome becomes
// ---------------------------------------------------------------------------------------------

/** The note's method follows where the meeting was held. */
export function noteMethodFor(location: LocationKind): 'face_to_face' | 'phone' | 'video' {
  return location === 'in_person' ? 'face_to_face' : location;
}

/**
 * A contact with the participant when they attended (it resets the contact clock like any
 * direct contact); otherwise a collateral contact with the team, which never does.
 */
export function contactKindFor(participantAttended: boolean): 'participant' | 'collateral' {
  return participantAttended ? 'participant' : 'collateral';
}

/** Who the collateral contact was with when the participant did not attend. */
export const IRT_COLLATERAL_NAME = 'Integrated Resource Team';

// ---------------------------------------------------------------------------------------------
// The form, as entered, and what a valid outcome is
// ---------------------------------------------------------------------------------------------

/** `cm` = the participant's case manager; `a:<id>` = an attendee of the meeting. */
export type ResponsibleChoice = 'cm' | `a:${number}`;

export interface OutcomeDraft {
  attendedIds: number[];
  goal: string | null;
  strengths: string | null;
  needs: Array<{ category: string | null; description: string | null }>;
  /** One answer per partner organization present (empty answers allowed). */
  services: Array<{ partnerId: number; text: string | null }>;
  /** Past the form's first organizations, one answer for the rest (see MAX_OWN_SERVICE_FIELDS). */
  otherServices?: string | null;
  steps: Array<{ description: string | null; responsible: string | null; dueDate: string | null }>;
  nextIrtDate: string | null;
}

export interface OutcomeStep {
  description: string;
  responsible: { kind: 'case_manager' } | { kind: 'attendee'; attendeeId: number };
  dueDate: string;
}

/** A valid outcome: blank rows dropped, text trimmed. */
export interface Outcome {
  attendedIds: number[];
  goal: string;
  strengths: string;
  needs: Array<{ category: NeedCategory; description: string }>;
  services: Array<{ partnerId: number; text: string }>;
  /** What the partners without a field of their own offer, in one answer (null: none given). */
  otherServices?: string | null;
  steps: OutcomeStep[];
  nextIrtDate: string | null;
}

export interface OutcomeFacts {
  attendeeIds: readonly number[];
  partnerIds: readonly number[];
  /** The case manager's own date: step dues may not be before it, the next IRT must be after it. */
  today: string;
}

const blank = (s: string | null | undefined) => !s || s.trim() === '';

function textProblem(value: string | null, what: string, max: number, required: boolean): string | null {
  if (blank(value)) return required ? `Enter ${what}.` : null;
  return value!.trim().length > max ? `Keep ${what} to ${max} characters or fewer.` : null;
}

function parseResponsible(value: string | null, attendeeIds: readonly number[]): OutcomeStep['responsible'] | null {
  if (value === 'cm') return { kind: 'case_manager' };
  const m = /^a:(\d+)$/.exec(value ?? '');
  const id = m ? Number(m[1]) : NaN;
  return attendeeIds.includes(id) ? { kind: 'attendee', attendeeId: id } : null;
}

/**
 * Field problems keyed `attended`, `goal`, `strengths`, `needs.<i>.category|description`,
 * `services.<partnerId>`, `steps` (none written), `steps.<i>.description|responsible|dueDate`,
 * `nextIrtDate`; or the valid outcome. A step or need row left wholly blank is ignored; a row
 * partly filled must be completed.
 */
export function validateOutcome(draft: OutcomeDraft, facts: OutcomeFacts): { ok: true; outcome: Outcome } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const attendedIds = [...new Set(draft.attendedIds)];
  if (attendedIds.length === 0) errors.attended = 'Tick everyone who attended the meeting.';
  else if (attendedIds.some((id) => !facts.attendeeIds.includes(id))) errors.attended = 'Tick only people invited to this meeting.';

  const goal = textProblem(draft.goal, 'the goal the participant named', OUTCOME_LIMITS.goal, true);
  if (goal) errors.goal = goal;
  const strengths = textProblem(draft.strengths, 'the participant’s strengths', OUTCOME_LIMITS.strengths, true);
  if (strengths) errors.strengths = strengths;

  const needs: Outcome['needs'] = [];
  draft.needs.forEach((n, i) => {
    if (blank(n.category) && blank(n.description)) return;
    if (!isNeedCategory(n.category)) errors[`needs.${i}.category`] = 'Pick the kind of need.';
    const d = textProblem(n.description, 'the need', OUTCOME_LIMITS.needDescription, true);
    if (d) errors[`needs.${i}.description`] = d;
    if (isNeedCategory(n.category) && !d) needs.push({ category: n.category, description: n.description!.trim() });
  });

  const services: Outcome['services'] = [];
  for (const s of draft.services) {
    if (!facts.partnerIds.includes(s.partnerId)) continue;
    const p = textProblem(s.text, 'the services offered', OUTCOME_LIMITS.services, false);
    if (p) errors[`services.${s.partnerId}`] = p;
    else if (!blank(s.text)) services.push({ partnerId: s.partnerId, text: s.text!.trim() });
  }

  let otherServices: string | null = null;
  const others = textProblem(draft.otherServices ?? null, 'the services the other partners offered', OUTCOME_LIMITS.otherServices, false);
  if (others) errors['services.others'] = others;
  else if (!blank(draft.otherServices)) otherServices = draft.otherServices!.trim();

  const steps: OutcomeStep[] = [];
  draft.steps.forEach((s, i) => {
    if (blank(s.description) && blank(s.responsible) && blank(s.dueDate)) return;
    const d = textProblem(s.description, 'what will be done', OUTCOME_LIMITS.stepDescription, true);
    if (d) errors[`steps.${i}.description`] = d;
    const responsible = parseResponsible(s.responsible, facts.attendeeIds);
    if (!responsible) errors[`steps.${i}.responsible`] = 'Pick who is responsible for this step.';
    let due: string | null = null;
    if (blank(s.dueDate)) errors[`steps.${i}.dueDate`] = 'Pick the date this step is due.';
    else if (!isCalendarDate(s.dueDate!)) errors[`steps.${i}.dueDate`] = 'Pick the due date from the calendar.';
    else if (s.dueDate! < facts.today) errors[`steps.${i}.dueDate`] = `The due date ${displayDate(s.dueDate!)} is in the past. Pick today or a later day.`;
    else due = s.dueDate!;
    if (!d && responsible && due) steps.push({ description: s.description!.trim(), responsible, dueDate: due });
  });
  const anyStepRow = draft.steps.some((s) => !(blank(s.description) && blank(s.responsible) && blank(s.dueDate)));
  if (!anyStepRow) errors.steps = 'Write at least one step of the action plan: what, who and by when.';

  let nextIrtDate: string | null = null;
  if (!blank(draft.nextIrtDate)) {
    if (!isCalendarDate(draft.nextIrtDate!)) errors.nextIrtDate = 'Pick the next IRT date from the calendar.';
    else if (draft.nextIrtDate! <= facts.today) errors.nextIrtDate = 'The next IRT meeting must be after today. Leave it empty if none is planned.';
    else nextIrtDate = draft.nextIrtDate!;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, outcome: { attendedIds, goal: draft.goal!.trim(), strengths: draft.strengths!.trim(), needs, services, ...(otherServices ? { otherServices } : {}), steps, nextIrtDate } };
}

// ---------------------------------------------------------------------------------------------
// Composing the note
// ---------------------------------------------------------------------------------------------

export interface OutcomeNoteFacts {
  meetingDate: string;
  reason: 'needs' | 'celebrate' | 'other';
  calledBy: 'participant' | 'case_manager' | 'partner' | 'natural_support';
  /** Everyone invited, labelled as staff read them ("Joe Smith, Goodwill"). */
  attendees: ReadonlyArray<{ id: number; kind: AttendeeKind; label: string }>;
  partnerNames: ReadonlyMap<number, string>;
  caseManagerName: string;
}

const REASON_WORDS = { needs: 'needs arose', celebrate: 'to celebrate a completed goal', other: 'other reason' } as const;
const CALLED_BY_WORDS = { participant: 'the participant', case_manager: 'the case manager', partner: 'a partner', natural_support: 'a natural support' } as const;

/** Who a step's responsible choice names, in the words of the note. */
export function responsibleLabel(step: OutcomeStep, facts: Pick<OutcomeNoteFacts, 'attendees' | 'caseManagerName'>): string {
  if (step.responsible.kind === 'case_manager') return `${facts.caseManagerName} (case manager)`;
  const id = step.responsible.attendeeId;
  return facts.attendees.find((a) => a.id === id)?.label ?? 'an attendee';
}

export interface OutcomeNoteText {
  subject: string;
  body: string;
  nextSteps: string;
  othersPresent: string | null;
}

/**
 * The note: attendance, the participant's goal, strengths, needs and the services partners
 * offered in the narrative; the action plan and the next IRT date as next steps (seed 002's
 * "action plan, next steps, completion dates").
 */
export function composeOutcomeNote(outcome: Outcome, facts: OutcomeNoteFacts): OutcomeNoteText {
  const attended = facts.attendees.filter((a) => outcome.attendedIds.includes(a.id));
  const absent = facts.attendees.filter((a) => !outcome.attendedIds.includes(a.id));
  const lines = [
    `Integrated Resource Team meeting on ${displayDate(facts.meetingDate)} (${REASON_WORDS[facts.reason]}; called by ${CALLED_BY_WORDS[facts.calledBy]}).`,
    `Attended: ${attended.map((a) => a.label).join('; ')}.`,
    ...(absent.length ? [`Absent: ${absent.map((a) => a.label).join('; ')}.`] : []),
    '',
    `Goal named by the participant: ${outcome.goal}`,
    `Strengths: ${outcome.strengths}`,
  ];
  if (outcome.needs.length) {
    lines.push('Needs identified:', ...outcome.needs.map((n) => `- ${NEED_CATEGORY_LABELS[n.category]}: ${n.description}`));
  }
  if (outcome.services.length || outcome.otherServices) {
    lines.push(
      'Services offered:',
      ...outcome.services.map((s) => `- ${facts.partnerNames.get(s.partnerId) ?? 'Partner'}: ${s.text}`),
      ...(outcome.otherServices ? [`- Other partners: ${outcome.otherServices}`] : []),
    );
  }
  const steps = outcome.steps.map((s, i) => `${i + 1}. ${s.description} (${responsibleLabel(s, facts)}; by ${displayDate(s.dueDate)})`);
  const nextSteps = [`Action plan:`, ...steps, ...(outcome.nextIrtDate ? [`Next IRT meeting: ${displayDate(outcome.nextIrtDate)}.`] : [])].join('\n');
  const others = attended.filter((a) => a.kind !== 'participant').map((a) => a.label);
  return {
    subject: summarySubject('IRT meeting', outcome.goal),
    body: lines.join('\n'),
    nextSteps,
    othersPresent: others.length ? others.join('; ') : null,
  };
}

/**
 * A note holds 3,000 characters of narrative and of next steps. Too long → the problem lands on
 * the longest answer that feeds that part (`strengths`, `services.<id>`, `steps.<i>.description`).
 */
export function noteLengthProblems(text: OutcomeNoteText, outcome: Outcome): FieldErrors {
  const errors: FieldErrors = {};
  const message = (what: string, length: number) =>
    `Together the ${what} come to ${length.toLocaleString('en-US')} characters; a case note holds ${NOTE_TEXT_MAX.toLocaleString('en-US')}. Shorten this answer.`;
  if (text.body.length > NOTE_TEXT_MAX) {
    const candidates: Array<[string, number]> = [
      ['strengths', outcome.strengths.length],
      ['goal', outcome.goal.length],
      ...outcome.services.map((s): [string, number] => [`services.${s.partnerId}`, s.text.length]),
      ...(outcome.otherServices ? [['services.others', outcome.otherServices.length] as [string, number]] : []),
    ];
    const [field] = candidates.sort((a, b) => b[1] - a[1])[0]!;
    errors[field] = message('answers', text.body.length);
  }
  if (text.nextSteps.length > NOTE_TEXT_MAX) {
    let longest = 0;
    outcome.steps.forEach((s, i) => {
      if (s.description.length > outcome.steps[longest]!.description.length) longest = i;
    });
    errors[`steps.${longest}.description`] = message('action steps', text.nextSteps.length);
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// What the planning thread is told
// ---------------------------------------------------------------------------------------------

export interface ThreadSummary {
  stepCount: number;
  nextIrtDate: string | null;
}

/**
 * What the outcome message in the planning thread carries: logistics only, whoever reads the
 * thread — how many action steps there are and the next IRT date. No name, no goal, strengths,
 * needs, services or step text (they live in the case note, for staff). The message is a reply
 * whose ts is not kept, so it could never be rewritten if the thread later had to say less; each
 * step reaches the thread as its own reminder, judged when it is posted and rewritable after.
 */
export function threadSummary(data: { stepCount: number; nextIrtDate: string | null }): ThreadSummary {
  return { stepCount: data.stepCount, nextIrtDate: data.nextIrtDate };
}

// ---------------------------------------------------------------------------------------------
// Marking a step done
// ---------------------------------------------------------------------------------------------

export type DoneBasis = 'responsible' | 'organizer' | 'assigned' | 'supervisor' | 'admin';

/**
 * Who may mark an action step done: the person responsible for it (their Slack id on the
 * step), or staff who may write to the participant's file — recorded as `organizer` when that
 * is the meeting's organizer. Organizing the meeting alone is not enough: an organizer whose
 * participant was reassigned away from them is refused.
 */
export function mayMarkDone(
  clickerId: string,
  step: { responsibleSlackUserId: string | null },
  meeting: { organizerId: string },
  staffAccess: AccessDecision,
): DoneBasis | null {
  if (step.responsibleSlackUserId && step.responsibleSlackUserId === clickerId) return 'responsible';
  if (!staffAccess.allowed) return null;
  return meeting.organizerId === clickerId ? 'organizer' : staffAccess.basis;
}
