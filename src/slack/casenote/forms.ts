// Validation of the case-note and amendment modals, keyed by block_id, in plain words.
import { z } from 'zod';
import { NEED_CATEGORIES } from '../../domain/plan';
import { isCalendarDate } from '../../domain/dates';
import { fieldErrors, optionalText, parsePrivateMetadata, type FlatForm } from '../forms';
import type { Parsed } from '../participant/forms';
import {
  AMEND_BLOCKS,
  BODY_MAX,
  COLLATERAL_RELATIONSHIPS,
  CONTACT_KINDS,
  NOTE_BLOCKS,
  NOTE_METHODS,
  NOTE_PLAN_BLOCKS,
  SERVICE_UPDATE_CHOICES,
  type NoteDraft,
  type ServiceUpdateChoice,
} from './views';

const B = NOTE_BLOCKS;
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Pick a time.').nullable().optional().transform((v) => v ?? null);
const date = (what: string) => z.string({ error: `Pick the ${what}.` }).refine(isCalendarDate, `Pick the ${what} from the calendar.`);
const yes = z.array(z.string()).nullable().optional().transform((v) => (v ?? []).includes('yes'));

const WAGE = /^\$?\s*(\d{1,6}(?:[.,]\d{1,2})?)\s*(?:\/|per|an?|each)?\s*(hour|hr|h|week|wk|month|mo|year|yr)?\.?$/i;
const WAGE_PERIOD: Record<string, 'hour' | 'week' | 'month' | 'year'> = { hour: 'hour', hr: 'hour', h: 'hour', week: 'week', wk: 'week', month: 'month', mo: 'month', year: 'year', yr: 'year' };

/** "18.50/hour", "$18.50 per hr", "52000/year" → cents and period; null when it does not read as a wage. */
export function parseWage(text: string): { wageCents: number; wagePeriod: 'hour' | 'week' | 'month' | 'year' } | null {
  const m = WAGE.exec(text.trim());
  if (!m) return null;
  const amount = Number(m[1]!.replace(',', '.'));
  return { wageCents: Math.round(amount * 100), wagePeriod: WAGE_PERIOD[(m[2] ?? 'hour').toLowerCase()]! };
}

const noteSchema = (today: string) =>
  z.object({
    [B.participant]: z.string({ error: 'Pick the participant.' }).regex(/^\d+$/, 'Pick the participant.').transform(Number),
    [B.date]: date('date of the contact').refine((d) => d <= today, 'The contact cannot be in the future.'),
    [B.time]: time,
    [B.method]: z.enum(NOTE_METHODS.map((m) => m.value), { error: 'Pick how the contact happened.' }),
    [B.contactKind]: z.enum(CONTACT_KINDS.map((k) => k.value)).nullable().optional().transform((v) => v ?? 'participant'),
    [B.collateralName]: optionalText(150, 'The name'),
    [B.collateralRelationship]: z.enum(COLLATERAL_RELATIONSHIPS.map((r) => r.value)).nullable().optional().transform((v) => v ?? null),
    [B.location]: optionalText(150, 'The location'),
    [B.othersPresent]: optionalText(500, 'Others present'),
    [B.subject]: optionalText(150, 'The subject'),
    [B.body]: z.string({ error: 'Write what happened.' }).max(BODY_MAX, `Keep the note under ${BODY_MAX.toLocaleString('en-US')} characters.`),
    [B.nextSteps]: optionalText(1000, 'Next steps'),
    [B.nextApptDate]: date('next appointment date').refine((d) => d >= today, 'The next appointment must be today or later.').nullable().optional().transform((v) => v ?? null),
    [B.nextApptTime]: time,
    [B.emergent]: yes,
    [B.needCategory]: z.enum(NEED_CATEGORIES).nullable().optional().transform((v) => v ?? null),
    [B.needDescription]: optionalText(500, 'The need'),
    [B.needImpact]: optionalText(500, 'How it affects the goal'),
    [B.employmentKind]: z.enum(['none', 'hired', 'terminated']).nullable().optional().transform((v) => v ?? 'none'),
    [B.employer]: optionalText(200, 'The employer'),
    [B.employmentDate]: date('date').nullable().optional().transform((v) => v ?? null),
    [B.wage]: optionalText(40, 'The wage'),
    [B.lateExplanation]: optionalText(1000, 'The explanation'),
    [B.saveAnyway]: yes,
  });

export interface NoteForm {
  participantId: number;
  date: string;
  time: string | null;
  method: string;
  contactKind: 'participant' | 'collateral' | 'attempt';
  collateralName: string | null;
  collateralRelationship: string | null;
  location: string | null;
  othersPresent: string | null;
  subject: string | null;
  body: string;
  nextSteps: string | null;
  nextApptDate: string | null;
  nextApptTime: string | null;
  emergentNeed: { category: string; description: string; impact: string } | null;
  employmentChange: { kind: 'hired' | 'terminated'; employerName: string; effectiveDate: string; wageCents: number | null; wagePeriod: 'hour' | 'week' | 'month' | 'year' | null } | null;
  lateExplanation: string | null;
  saveAnyway: boolean;
  /** The services the note touches, as picked (form order). */
  serviceUpdates: Array<{ serviceId: number; choice: ServiceUpdateChoice; outcome: string | null }>;
  /** Progress lines toward goals (form order). */
  goalProgress: Array<{ goalId: number; progress: string }>;
}

const SERVICE_BLOCK = /^note_service_(\d+)$/;
const GOAL_BLOCK = /^note_goal_(\d+)$/;
const asText = (v: FlatForm[string] | undefined): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/**
 * The "services and goals" part of the note form. A service needs a choice when its outcome is
 * filled in, and an outcome when it is completed; a goal counts when its progress line is.
 */
function parsePlanLinks(form: FlatForm, errors: Record<string, string>): Pick<NoteForm, 'serviceUpdates' | 'goalProgress'> {
  const serviceUpdates: NoteForm['serviceUpdates'] = [];
  const goalProgress: NoteForm['goalProgress'] = [];
  const choices: readonly string[] = SERVICE_UPDATE_CHOICES.map((c) => c.value);
  for (const [blockId, value] of Object.entries(form)) {
    const service = SERVICE_BLOCK.exec(blockId);
    if (service) {
      const serviceId = Number(service[1]);
      const outcomeBlock = NOTE_PLAN_BLOCKS.serviceOutcome(serviceId);
      const outcome = asText(form[outcomeBlock]);
      const choice = asText(value);
      if (!choice) {
        if (outcome) errors[blockId] = 'Pick how this note touches the service, or clear its outcome.';
        continue;
      }
      if (!choices.includes(choice)) {
        errors[blockId] = 'Pick started, progress or completed.';
        continue;
      }
      if (choice.startsWith('completed') && !outcome) errors[outcomeBlock] = 'Describe the outcome: completing the service closes it on the plan.';
      else if (outcome && outcome.length > 1000) errors[outcomeBlock] = 'Keep the outcome to 1000 characters or fewer.';
      serviceUpdates.push({ serviceId, choice: choice as ServiceUpdateChoice, outcome });
      continue;
    }
    const goal = GOAL_BLOCK.exec(blockId);
    const progress = goal ? asText(value) : null;
    if (goal && progress) {
      if (progress.length > 500) errors[blockId] = 'Keep the progress line to 500 characters or fewer.';
      goalProgress.push({ goalId: Number(goal[1]), progress });
    }
  }
  return { serviceUpdates, goalProgress };
}

/** Validates the note modal; every problem at once, keyed by block_id. */
export function parseNoteForm(form: FlatForm, today: string): Parsed<NoteForm> {
  const parsed = noteSchema(today).safeParse(form);
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  if (!parsed.success) {
    return { ok: false, errors };
  }
  const f = parsed.data as Record<string, unknown>;
  const get = <T>(k: string) => f[k] as T;
  const contactKind = get<NoteForm['contactKind']>(B.contactKind);
  if (contactKind === 'collateral' && !get<string | null>(B.collateralName)) errors[B.collateralName] = 'Name the person you spoke with about the participant.';
  let emergentNeed: NoteForm['emergentNeed'] = null;
  if (get<boolean>(B.emergent)) {
    const category = get<string | null>(B.needCategory);
    const description = get<string | null>(B.needDescription);
    const impact = get<string | null>(B.needImpact);
    if (!category) errors[B.needCategory] = 'Pick the category of the new need.';
    if (!description) errors[B.needDescription] = 'Describe the new need.';
    if (!impact) errors[B.needImpact] = 'Say how the need affects progress toward the goal.';
    if (category && description && impact) emergentNeed = { category, description, impact };
  }
  let employmentChange: NoteForm['employmentChange'] = null;
  const kind = get<'none' | 'hired' | 'terminated'>(B.employmentKind);
  if (kind !== 'none') {
    const employerName = get<string | null>(B.employer);
    const effectiveDate = get<string | null>(B.employmentDate);
    const wageText = get<string | null>(B.wage);
    const wage = wageText ? parseWage(wageText) : null;
    if (!employerName) errors[B.employer] = 'Name the employer.';
    if (!effectiveDate) errors[B.employmentDate] = kind === 'hired' ? 'Pick the first day of work.' : 'Pick the last day of work.';
    if (wageText && !wage) errors[B.wage] = 'Write the wage like 18.50/hour, 700/week or 52000/year.';
    if (employerName && effectiveDate && (!wageText || wage)) {
      employmentChange = { kind, employerName, effectiveDate, wageCents: wage?.wageCents ?? null, wagePeriod: wage?.wagePeriod ?? null };
    }
  }
  if (get<string | null>(B.nextApptTime) && !get<string | null>(B.nextApptDate)) errors[B.nextApptDate] = 'Pick the date of the next appointment.';
  const links = parsePlanLinks(form, errors);
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    data: {
      participantId: get<number>(B.participant),
      date: get<string>(B.date),
      time: get<string | null>(B.time),
      method: get<string>(B.method),
      contactKind,
      collateralName: get<string | null>(B.collateralName),
      collateralRelationship: get<string | null>(B.collateralRelationship),
      location: get<string | null>(B.location),
      othersPresent: get<string | null>(B.othersPresent),
      subject: get<string | null>(B.subject),
      body: get<string>(B.body),
      nextSteps: get<string | null>(B.nextSteps),
      nextApptDate: get<string | null>(B.nextApptDate),
      nextApptTime: get<string | null>(B.nextApptTime),
      emergentNeed,
      employmentChange,
      lateExplanation: get<string | null>(B.lateExplanation),
      saveAnyway: get<boolean>(B.saveAnyway),
      ...links,
    },
  };
}

/** The form as submitted, back into a draft, to show it again with the warnings. */
export function draftFromForm(f: NoteForm, participantLabel: string): NoteDraft {
  return {
    participant: { id: f.participantId, label: participantLabel },
    date: f.date,
    time: f.time,
    method: f.method,
    contactKind: f.contactKind,
    collateralName: f.collateralName,
    collateralRelationship: f.collateralRelationship,
    location: f.location,
    othersPresent: f.othersPresent,
    subject: f.subject,
    body: f.body,
    nextSteps: f.nextSteps,
    nextApptDate: f.nextApptDate,
    nextApptTime: f.nextApptTime,
    emergent: !!f.emergentNeed,
    needCategory: f.emergentNeed?.category ?? null,
    needDescription: f.emergentNeed?.description ?? null,
    needImpact: f.emergentNeed?.impact ?? null,
    employmentKind: f.employmentChange?.kind ?? 'none',
    employer: f.employmentChange?.employerName ?? null,
    employmentDate: f.employmentChange?.effectiveDate ?? null,
    wage: f.employmentChange?.wageCents != null ? `${(f.employmentChange.wageCents / 100).toFixed(2)}/${f.employmentChange.wagePeriod ?? 'hour'}` : null,
    lateExplanation: f.lateExplanation,
    serviceUpdates: Object.fromEntries(f.serviceUpdates.map((u) => [u.serviceId, { choice: u.choice, outcome: u.outcome }])),
    goalProgress: Object.fromEntries(f.goalProgress.map((g) => [g.goalId, g.progress])),
  };
}

/** The db's plan-link problems (`services.<id>`, `services.<id>.outcome`, `goals.<id>`) keyed by the form's blocks. */
export function planLinkErrors(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    const m = /^(services|goals)\.(\d+)(\.outcome)?$/.exec(key);
    if (!m) continue;
    const id = Number(m[2]);
    const block = m[1] === 'goals' ? NOTE_PLAN_BLOCKS.goal(id) : m[3] ? NOTE_PLAN_BLOCKS.serviceOutcome(id) : NOTE_PLAN_BLOCKS.service(id);
    out[block] = out[block] ? `${out[block]} ${message}` : message;
  }
  return out;
}

export const amendSchema = z
  .object({
    [AMEND_BLOCKS.reason]: z.string({ error: 'Say why you are amending the note.' }).max(300, 'Keep the reason under 300 characters.'),
    [AMEND_BLOCKS.text]: z.string({ error: 'Write the correction or addition.' }).max(BODY_MAX, `Keep it under ${BODY_MAX.toLocaleString('en-US')} characters.`),
    [AMEND_BLOCKS.saveAnyway]: yes,
  })
  .transform((f) => ({ reason: f[AMEND_BLOCKS.reason] as string, text: f[AMEND_BLOCKS.text] as string, saveAnyway: f[AMEND_BLOCKS.saveAnyway] as boolean }));

/** What the note modals carry in private_metadata: ids and the reply address only. */
export const noteMetadataSchema = z.object({
  responseUrl: z.url().optional(),
  /** Warnings were shown on an earlier submit: a clean save now counts as "revised". */
  warned: z.boolean().optional(),
  source: z.enum(['quick_entry', 'modal', 'message_shortcut']).optional(),
  permalink: z.url().optional(),
  /** "Add details" after a quick entry: the details become an amendment of this note. */
  detailsFor: z.number().int().positive().optional(),
  noteId: z.number().int().positive().optional(),
  cardViewId: z.string().max(64).optional(),
});
export type NoteMetadata = z.infer<typeof noteMetadataSchema>;

export function parseNoteMetadata(raw: string | undefined): NoteMetadata {
  return parsePrivateMetadata(noteMetadataSchema, raw);
}
