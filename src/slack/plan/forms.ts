// Validation of the plan sub-modals, keyed by block_id, and the map from the plan module's field
// names to the same block_ids. The shape is checked here; the plan rules live in src/db/plan.ts.
import { z } from 'zod';
import { isCalendarDate } from '../../domain/dates';
import type { FieldErrors } from '../../domain/plan';
import { fieldErrors, parsePrivateMetadata, type FlatForm } from '../forms';
import type { Parsed } from '../participant/forms';
import {
  ACK_BLOCKS,
  ASSESSMENT_BLOCKS,
  ASSESSMENT_NEED_ROWS,
  assessmentNeedBlocks,
  COMPLETE_BLOCKS,
  EXTEND_BLOCKS,
  GOAL_BLOCKS,
  GOAL_STATUS_BLOCKS,
  NEED_BLOCKS,
  NEED_STATUS_BLOCKS,
  REFERRAL_BLOCKS,
  REFERRAL_STATUS_BLOCKS,
  REVIEW_BLOCKS,
  SERVICE_BLOCKS,
} from './views';

/** What the plan modals carry: ids and the reply address, never participant data. */
export const planMetadataSchema = z.object({
  participantId: z.number().int().positive().optional(),
  /** The plan modal a sub-modal was pushed from: updated after the submission. */
  planViewId: z.string().max(64).optional(),
  serviceId: z.number().int().positive().optional(),
  referralId: z.number().int().positive().optional(),
  versionId: z.number().int().positive().optional(),
  needId: z.number().int().positive().optional(),
  goalId: z.number().int().positive().optional(),
  responseUrl: z.url().optional(),
});
export type PlanMetadata = z.infer<typeof planMetadataSchema>;

export function parsePlanMetadata(raw: string | undefined): PlanMetadata {
  return parsePrivateMetadata(planMetadataSchema, raw);
}

const optionalText = z.string().nullable().optional().transform((v) => v ?? null);
const requiredText = (message: string) => z.string({ error: message });
const date = (what: string) => z.string({ error: `Pick ${what}.` }).refine(isCalendarDate, `Pick ${what} from the calendar.`);
const optionalDate = (what: string) => date(what).nullable().optional().transform((v) => v ?? null);
const ids = z
  .array(z.string())
  .nullable()
  .optional()
  .transform((v) => (v ?? []).map(Number).filter((n) => Number.isSafeInteger(n) && n > 0));
const yesNo = (message: string) => z.enum(['yes', 'no'], { error: message }).transform((v) => v === 'yes');
/** A single ticked checkbox (value `yes`) → true. */
const ticked = z
  .array(z.string())
  .nullable()
  .optional()
  .transform((v) => (v ?? []).includes('yes'));

function parse<S extends z.ZodType>(schema: S, form: FlatForm): Parsed<z.infer<S>> {
  const parsed = schema.safeParse(form);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}

/** The plan module's field problems keyed by this modal's block_ids (unknown fields land on `fallback`). */
export function blockErrors(errors: FieldErrors, map: Record<string, string>, fallback: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const block = map[field] ?? fallback;
    out[block] = out[block] ? `${out[block]} ${message}` : message;
  }
  return out;
}

// ----------------------------------------------------------------------------------- need

const needSchema = z
  .object({
    [NEED_BLOCKS.category]: requiredText('Pick a need category.'),
    [NEED_BLOCKS.description]: requiredText('Describe the need.'),
    [NEED_BLOCKS.source]: z.enum(['assessment', 'emergent', 'irt'], { error: 'Pick where the need came from.' }),
    [NEED_BLOCKS.document]: z.string({ error: 'Pick the note or assessment that documents the need.' }).regex(/^[an]:\d+$/, 'Pick the note or assessment that documents the need.'),
    [NEED_BLOCKS.impact]: optionalText,
  })
  .transform((f) => {
    const doc = f[NEED_BLOCKS.document] as string;
    const id = Number(doc.slice(2));
    return {
      category: f[NEED_BLOCKS.category] as string,
      description: f[NEED_BLOCKS.description] as string,
      source: f[NEED_BLOCKS.source] as 'assessment' | 'emergent' | 'irt',
      assessmentId: doc.startsWith('a:') ? id : null,
      sourceNoteId: doc.startsWith('n:') ? id : null,
      impact: f[NEED_BLOCKS.impact] as string | null,
    };
  });
export const parseNeedForm = (form: FlatForm) => parse(needSchema, form);
export const NEED_FIELD_BLOCKS = {
  category: NEED_BLOCKS.category,
  description: NEED_BLOCKS.description,
  impact: NEED_BLOCKS.impact,
  source: NEED_BLOCKS.source,
  assessmentId: NEED_BLOCKS.document,
  sourceNoteId: NEED_BLOCKS.document,
};

// ----------------------------------------------------------------------------------- goal

const goalSchema = z
  .object({
    [GOAL_BLOCKS.term]: z.enum(['long', 'short'], { error: 'Choose long-term or short-term.' }),
    [GOAL_BLOCKS.parent]: z.string().regex(/^\d+$/).nullable().optional().transform((v) => (v ? Number(v) : null)),
    [GOAL_BLOCKS.specific]: requiredText('Say what the participant will achieve.'),
    [GOAL_BLOCKS.measure]: requiredText('Say how achievement will be measured.'),
    [GOAL_BLOCKS.attainableRelevant]: requiredText('Say why the goal is attainable and relevant for the participant.'),
    [GOAL_BLOCKS.targetDate]: date('the target date'),
    [GOAL_BLOCKS.employment]: ticked,
  })
  .transform((f) => ({
    term: f[GOAL_BLOCKS.term] as 'long' | 'short',
    parentGoalId: f[GOAL_BLOCKS.parent] as number | null,
    specific: f[GOAL_BLOCKS.specific] as string,
    measure: f[GOAL_BLOCKS.measure] as string,
    attainableRelevant: f[GOAL_BLOCKS.attainableRelevant] as string,
    targetDate: f[GOAL_BLOCKS.targetDate] as string,
    isEmployment: f[GOAL_BLOCKS.employment] as boolean,
  }));
export const parseGoalForm = (form: FlatForm) => parse(goalSchema, form);
export const GOAL_FIELD_BLOCKS = {
  term: GOAL_BLOCKS.term,
  parentGoalId: GOAL_BLOCKS.parent,
  specific: GOAL_BLOCKS.specific,
  measure: GOAL_BLOCKS.measure,
  attainableRelevant: GOAL_BLOCKS.attainableRelevant,
  targetDate: GOAL_BLOCKS.targetDate,
  isEmployment: GOAL_BLOCKS.employment,
};

// -------------------------------------------------------------------------------- service

const serviceSchema = z
  .object({
    [SERVICE_BLOCKS.service]: z.string({ error: 'Pick a service from the catalog.' }).regex(/^\d+:[a-z0-9-]+$/, 'Pick a service from the catalog.'),
    // No need is not a shape problem: the plan refuses it with its own words (on this block).
    [SERVICE_BLOCKS.needs]: ids,
    [SERVICE_BLOCKS.providerKind]: z.enum(['in_house', 'partner'], { error: 'Pick in house or a partner.' }),
    [SERVICE_BLOCKS.providerName]: optionalText,
    [SERVICE_BLOCKS.startDate]: date('the start date'),
    [SERVICE_BLOCKS.plannedEnd]: optionalDate('the planned end date'),
  })
  .transform((f) => {
    const [enrollment, code] = (f[SERVICE_BLOCKS.service] as string).split(':') as [string, string];
    return {
      enrollmentId: Number(enrollment),
      serviceCode: code,
      needIds: f[SERVICE_BLOCKS.needs] as number[],
      providerKind: f[SERVICE_BLOCKS.providerKind] as 'in_house' | 'partner',
      providerName: f[SERVICE_BLOCKS.providerName] as string | null,
      startDate: f[SERVICE_BLOCKS.startDate] as string,
      plannedEndDate: f[SERVICE_BLOCKS.plannedEnd] as string | null,
    };
  });
export const parseServiceForm = (form: FlatForm) => parse(serviceSchema, form);
export const SERVICE_FIELD_BLOCKS = {
  needIds: SERVICE_BLOCKS.needs,
  enrollmentId: SERVICE_BLOCKS.service,
  serviceCode: SERVICE_BLOCKS.service,
  providerKind: SERVICE_BLOCKS.providerKind,
  providerName: SERVICE_BLOCKS.providerName,
  startDate: SERVICE_BLOCKS.startDate,
  plannedEndDate: SERVICE_BLOCKS.plannedEnd,
};

const completeSchema = z
  .object({
    [COMPLETE_BLOCKS.endDate]: date('the end date'),
    [COMPLETE_BLOCKS.status]: z.enum(['completed', 'discontinued']).nullable().optional().transform((v) => v ?? 'completed'),
    [COMPLETE_BLOCKS.needMet]: yesNo('Say whether the service met the need.'),
    [COMPLETE_BLOCKS.outcome]: requiredText('Describe the outcome of the service.'),
  })
  .transform((f) => ({
    actualEndDate: f[COMPLETE_BLOCKS.endDate] as string,
    status: f[COMPLETE_BLOCKS.status] as 'completed' | 'discontinued',
    needMet: f[COMPLETE_BLOCKS.needMet] as boolean,
    outcome: f[COMPLETE_BLOCKS.outcome] as string,
  }));
export const parseCompleteForm = (form: FlatForm) => parse(completeSchema, form);
export const COMPLETE_FIELD_BLOCKS = {
  actualEndDate: COMPLETE_BLOCKS.endDate,
  status: COMPLETE_BLOCKS.status,
  needMet: COMPLETE_BLOCKS.needMet,
  outcome: COMPLETE_BLOCKS.outcome,
};

// ------------------------------------------------------------------------------- referral

const referralSchema = z
  .object({
    [REFERRAL_BLOCKS.partner]: requiredText('Name the partner or service the participant is referred to.'),
    [REFERRAL_BLOCKS.needs]: ids,
    [REFERRAL_BLOCKS.sentDate]: date('the date sent'),
    [REFERRAL_BLOCKS.reviewDate]: optionalDate('the review date'),
  })
  .transform((f) => ({
    partnerName: f[REFERRAL_BLOCKS.partner] as string,
    needIds: f[REFERRAL_BLOCKS.needs] as number[],
    sentDate: f[REFERRAL_BLOCKS.sentDate] as string,
    reviewDate: f[REFERRAL_BLOCKS.reviewDate] as string | null,
  }));
export const parseReferralForm = (form: FlatForm) => parse(referralSchema, form);
export const REFERRAL_FIELD_BLOCKS = {
  partnerName: REFERRAL_BLOCKS.partner,
  needIds: REFERRAL_BLOCKS.needs,
  sentDate: REFERRAL_BLOCKS.sentDate,
  reviewDate: REFERRAL_BLOCKS.reviewDate,
};

const referralStatusSchema = z
  .object({
    [REFERRAL_STATUS_BLOCKS.status]: z.enum(['accepted', 'completed', 'declined'], { error: 'Pick the new status.' }),
    [REFERRAL_STATUS_BLOCKS.date]: date('the date'),
    [REFERRAL_STATUS_BLOCKS.outcome]: optionalText,
    [REFERRAL_STATUS_BLOCKS.needMet]: z.enum(['yes', 'no']).nullable().optional().transform((v) => (v == null ? null : v === 'yes')),
    [REFERRAL_STATUS_BLOCKS.reviewDate]: optionalDate('the next review date'),
  })
  .transform((f) => ({
    status: f[REFERRAL_STATUS_BLOCKS.status] as 'accepted' | 'completed' | 'declined',
    statusDate: f[REFERRAL_STATUS_BLOCKS.date] as string,
    outcome: f[REFERRAL_STATUS_BLOCKS.outcome] as string | null,
    needMet: f[REFERRAL_STATUS_BLOCKS.needMet] as boolean | null,
    reviewDate: f[REFERRAL_STATUS_BLOCKS.reviewDate] as string | null,
  }));
export const parseReferralStatusForm = (form: FlatForm) => parse(referralStatusSchema, form);
export const REFERRAL_STATUS_FIELD_BLOCKS = {
  status: REFERRAL_STATUS_BLOCKS.status,
  statusDate: REFERRAL_STATUS_BLOCKS.date,
  outcome: REFERRAL_STATUS_BLOCKS.outcome,
  needMet: REFERRAL_STATUS_BLOCKS.needMet,
  reviewDate: REFERRAL_STATUS_BLOCKS.reviewDate,
};

// ------------------------------------------------------------------------ acknowledgment

const ackSchema = z
  .object({
    [ACK_BLOCKS.initials]: requiredText('Enter the participant’s initials.'),
    [ACK_BLOCKS.date]: date('the date initialed'),
    [ACK_BLOCKS.copyGiven]: yesNo('Say whether the participant was given a copy.'),
  })
  .transform((f) => ({ initials: f[ACK_BLOCKS.initials] as string, date: f[ACK_BLOCKS.date] as string, copyGiven: f[ACK_BLOCKS.copyGiven] as boolean }));
export const parseAckForm = (form: FlatForm) => parse(ackSchema, form);
export const ACK_FIELD_BLOCKS = { initials: ACK_BLOCKS.initials, date: ACK_BLOCKS.date, copyGiven: ACK_BLOCKS.copyGiven };

const reviewSchema = z.object({
  [REVIEW_BLOCKS.confirm]: z.array(z.string()).nullable().optional().refine((v) => (v ?? []).includes('yes'), 'Tick the box once you have reviewed the plan with the participant.'),
});
export const parseReviewForm = (form: FlatForm) => parse(reviewSchema, form);

// ----------------------------------------------------------------------------- assessment

const needRowFields = Object.fromEntries(
  Array.from({ length: ASSESSMENT_NEED_ROWS }, (_, i) => {
    const b = assessmentNeedBlocks(i);
    return [
      [b.category, z.string().nullable().optional().transform((v) => v ?? null)],
      [b.description, optionalText],
    ];
  }).flat(),
) as Record<string, z.ZodType<string | null>>;

function needRow(form: object, i: number): { category: string | null; description: string | null } {
  const b = assessmentNeedBlocks(i);
  const f = form as Record<string, string | null | undefined>;
  return { category: f[b.category] ?? null, description: f[b.description] ?? null };
}

const assessmentSchema = z
  .object({
    [ASSESSMENT_BLOCKS.date]: date('the date of the assessment'),
    [ASSESSMENT_BLOCKS.tool]: z.enum(['interview', 'form', 'casas', 'instrument', 'other'], { error: 'Pick how the participant was assessed.' }),
    [ASSESSMENT_BLOCKS.instrument]: optionalText,
    [ASSESSMENT_BLOCKS.summary]: requiredText('Summarize the results of the assessment.'),
    [ASSESSMENT_BLOCKS.note]: z.string().regex(/^\d+$/, 'Pick a note from the list.').nullable().optional().transform((v) => (v ? Number(v) : null)),
    ...needRowFields,
  })
  .superRefine((f, issue) => {
    // A need row is both parts or neither: a half-filled row is named on the part that is missing.
    for (let i = 0; i < ASSESSMENT_NEED_ROWS; i++) {
      const b = assessmentNeedBlocks(i);
      const { category, description } = needRow(f, i);
      if (description && !category) issue.addIssue({ code: 'custom', path: [b.category], message: `Pick the category of need ${i + 1}.` });
      if (category && !description) issue.addIssue({ code: 'custom', path: [b.description], message: `Say what the participant needs (need ${i + 1}).` });
    }
  })
  .transform((f) => {
    const rows: Array<{ row: number; category: string; description: string }> = [];
    for (let i = 0; i < ASSESSMENT_NEED_ROWS; i++) {
      const { category, description } = needRow(f, i);
      if (category && description) rows.push({ row: i, category, description });
    }
    return {
      assessmentDate: f[ASSESSMENT_BLOCKS.date] as string,
      tool: f[ASSESSMENT_BLOCKS.tool] as 'interview' | 'form' | 'casas' | 'instrument' | 'other',
      instrumentName: f[ASSESSMENT_BLOCKS.instrument] as string | null,
      summary: f[ASSESSMENT_BLOCKS.summary] as string,
      noteId: f[ASSESSMENT_BLOCKS.note] as number | null,
      needs: rows,
    };
  });
export const parseAssessmentForm = (form: FlatForm) => parse(assessmentSchema, form);

/**
 * The plan's field names for an assessment → block ids. Needs are numbered in the order
 * submitted (`needs.<k>.<field>`), which skips empty rows: `rows[k]` is the form row of need k.
 */
export function assessmentFieldBlocks(rows: readonly number[]): Record<string, string> {
  const map: Record<string, string> = {
    assessmentDate: ASSESSMENT_BLOCKS.date,
    tool: ASSESSMENT_BLOCKS.tool,
    instrumentName: ASSESSMENT_BLOCKS.instrument,
    summary: ASSESSMENT_BLOCKS.summary,
    noteId: ASSESSMENT_BLOCKS.note,
  };
  rows.forEach((row, k) => {
    const b = assessmentNeedBlocks(row);
    map[`needs.${k}.category`] = b.category;
    map[`needs.${k}.description`] = b.description;
    map[`needs.${k}.impact`] = b.description;
  });
  return map;
}

// ------------------------------------------------------------------------ service extension

const extendSchema = z
  .object({
    [EXTEND_BLOCKS.newEnd]: date('the new planned end date'),
    [EXTEND_BLOCKS.reason]: requiredText('Say why the service is extended.'),
  })
  .transform((f) => ({ newEndDate: f[EXTEND_BLOCKS.newEnd] as string, reason: f[EXTEND_BLOCKS.reason] as string }));
export const parseExtendForm = (form: FlatForm) => parse(extendSchema, form);
export const EXTEND_FIELD_BLOCKS = { newEndDate: EXTEND_BLOCKS.newEnd, reason: EXTEND_BLOCKS.reason, status: EXTEND_BLOCKS.newEnd };

// ------------------------------------------------------------------------------ need status

const needStatusSchema = z
  .object({
    [NEED_STATUS_BLOCKS.status]: z.enum(['open', 'being_addressed', 'met'], { error: 'Pick open, being addressed or met.' }),
    [NEED_STATUS_BLOCKS.metDate]: optionalDate('the date the need was met'),
  })
  .transform((f) => ({
    status: f[NEED_STATUS_BLOCKS.status] as 'open' | 'being_addressed' | 'met',
    metDate: f[NEED_STATUS_BLOCKS.metDate] as string | null,
  }));
export const parseNeedStatusForm = (form: FlatForm) => parse(needStatusSchema, form);
export const NEED_STATUS_FIELD_BLOCKS = { status: NEED_STATUS_BLOCKS.status, metDate: NEED_STATUS_BLOCKS.metDate };

// ------------------------------------------------------------------------------ goal status

const goalStatusSchema = z
  .object({
    [GOAL_STATUS_BLOCKS.status]: z.enum(['achieved', 'discontinued'], { error: 'Pick achieved or discontinued.' }),
    [GOAL_STATUS_BLOCKS.achievedDate]: optionalDate('the date the goal was achieved'),
    [GOAL_STATUS_BLOCKS.cmOutcome]: ticked,
  })
  .superRefine((f, issue) => {
    if (f[GOAL_STATUS_BLOCKS.status] === 'discontinued' && f[GOAL_STATUS_BLOCKS.cmOutcome]) {
      issue.addIssue({ code: 'custom', path: [GOAL_STATUS_BLOCKS.cmOutcome], message: 'Only an achieved goal can be a case-management outcome.' });
    }
  })
  .transform((f) =>
    f[GOAL_STATUS_BLOCKS.status] === 'achieved'
      ? { status: 'achieved' as const, achievedDate: (f[GOAL_STATUS_BLOCKS.achievedDate] as string | null) ?? '', cmOutcome: f[GOAL_STATUS_BLOCKS.cmOutcome] as boolean }
      : { status: 'discontinued' as const },
  );
export const parseGoalStatusForm = (form: FlatForm) => parse(goalStatusSchema, form);
export const GOAL_STATUS_FIELD_BLOCKS = { status: GOAL_STATUS_BLOCKS.status, achievedDate: GOAL_STATUS_BLOCKS.achievedDate, isCmOutcome: GOAL_STATUS_BLOCKS.cmOutcome };
