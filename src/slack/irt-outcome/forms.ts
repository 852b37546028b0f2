// The *Record outcome* modal's state → the outcome draft (zod checks the shape of each input,
// keyed by block_id), the domain's field problems → the same block_ids, and the modal's
// metadata (ids only). The rules of a valid outcome live in src/domain/irt-outcome.ts.
import { z } from 'zod';
import { isCalendarDate } from '../../domain/dates';
import { FIRST_STEP_ROWS, MAX_STEP_ROWS, NEED_ROWS } from '../../domain/irt-outcome';
import type { FieldErrors } from '../../domain/plan';
import { fieldErrors, parsePrivateMetadata, type FlatForm } from '../forms';
import type { Parsed } from '../participant/forms';
import { OUTCOME_BLOCKS, type OutcomeValues } from './views';

export const outcomeMetadataSchema = z.object({
  meetingId: z.number().int().positive(),
  steps: z.number().int().min(1).max(MAX_STEP_ROWS).default(FIRST_STEP_ROWS),
  askLate: z.boolean().default(false),
  /** The previous submit showed wording warnings: a clean submit now counts as "revised". */
  warned: z.boolean().optional(),
  /** Where the form was opened from a message (the card): the confirmation goes there. */
  responseUrl: z.url().optional(),
});
export type OutcomeMetadata = z.infer<typeof outcomeMetadataSchema>;

export function parseOutcomeMetadata(raw: string | undefined): Partial<OutcomeMetadata> {
  return parsePrivateMetadata(outcomeMetadataSchema, raw);
}

/** Which dynamic blocks the submitted view had (read from the state Slack sent). */
export interface OutcomeLayout {
  attendanceBlocks: number;
  partnerIds: number[];
  steps: number;
  hasLate: boolean;
  hasSaveAnyway: boolean;
  /** The one field for the partners past the first ones. */
  hasOtherServices: boolean;
}

export function layoutOf(form: FlatForm): OutcomeLayout {
  const keys = Object.keys(form);
  const numbers = (re: RegExp) => keys.map((k) => re.exec(k)?.[1]).filter((x): x is string => x !== undefined).map(Number);
  const steps = numbers(/^outcome_step_(?:desc|who|due)_(\d+)$/);
  return {
    attendanceBlocks: Math.max(0, ...numbers(/^outcome_attended_(\d+)$/).map((k) => k + 1)),
    partnerIds: [...new Set(numbers(/^outcome_services_(\d+)$/))].filter((id) => Number.isSafeInteger(id) && id > 0),
    steps: Math.min(MAX_STEP_ROWS, Math.max(0, ...steps.map((i) => i + 1))),
    hasLate: OUTCOME_BLOCKS.late in form,
    hasSaveAnyway: OUTCOME_BLOCKS.saveAnyway in form,
    hasOtherServices: OUTCOME_BLOCKS.otherServices in form,
  };
}

const text = z
  .string({ error: 'Enter text.' })
  .nullable()
  .optional()
  .transform((v) => v ?? null);
const choice = (message: string, pattern: RegExp) =>
  z
    .string({ error: message })
    .regex(pattern, message)
    .nullable()
    .optional()
    .transform((v) => v ?? null);
const date = (what: string) =>
  z
    .string({ error: `Pick ${what} from the calendar.` })
    .refine(isCalendarDate, `Pick ${what} from the calendar.`)
    .nullable()
    .optional()
    .transform((v) => v ?? null);
const ids = z
  .array(z.string().regex(/^\d+$/, 'Tick people from the list.'), { error: 'Tick people from the list.' })
  .nullable()
  .optional()
  .transform((v) => (v ?? []).map(Number));
const ticks = z
  .array(z.string())
  .nullable()
  .optional()
  .transform((v) => (v ?? []).includes('yes'));

/** The submitted form as the domain reads it, plus the late explanation and *Save anyway*. */
export interface ParsedOutcome {
  values: OutcomeValues;
  saveAnyway: boolean;
}

export function parseOutcomeForm(form: FlatForm): Parsed<ParsedOutcome> & { layout: OutcomeLayout } {
  const layout = layoutOf(form);
  const shape: Record<string, z.ZodType> = {
    [OUTCOME_BLOCKS.goal]: text,
    [OUTCOME_BLOCKS.strengths]: text,
    [OUTCOME_BLOCKS.nextIrt]: date('the next IRT date'),
    [OUTCOME_BLOCKS.late]: text,
    [OUTCOME_BLOCKS.saveAnyway]: ticks,
  };
  for (let k = 0; k < layout.attendanceBlocks; k++) shape[OUTCOME_BLOCKS.attended(k)] = ids;
  for (let i = 0; i < NEED_ROWS; i++) {
    shape[OUTCOME_BLOCKS.needCategory(i)] = choice('Pick the kind of need from the list.', /^[a-z_]+$/);
    shape[OUTCOME_BLOCKS.needDescription(i)] = text;
  }
  for (const id of layout.partnerIds) shape[OUTCOME_BLOCKS.services(id)] = text;
  if (layout.hasOtherServices) shape[OUTCOME_BLOCKS.otherServices] = text;
  for (let i = 0; i < layout.steps; i++) {
    shape[OUTCOME_BLOCKS.stepDescription(i)] = text;
    shape[OUTCOME_BLOCKS.stepResponsible(i)] = choice('Pick who is responsible from the list.', /^(cm|a:\d+)$/);
    shape[OUTCOME_BLOCKS.stepDue(i)] = date('the due date');
  }
  const parsed = z.object(shape).safeParse(form);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), layout };
  const f = parsed.data as Record<string, unknown>;
  const str = (key: string) => (f[key] as string | null | undefined) ?? null;
  const attendedIds: number[] = [];
  for (let k = 0; k < layout.attendanceBlocks; k++) attendedIds.push(...((f[OUTCOME_BLOCKS.attended(k)] as number[] | undefined) ?? []));
  const values: OutcomeValues = {
    attendedIds: layout.attendanceBlocks ? attendedIds : null,
    goal: str(OUTCOME_BLOCKS.goal),
    strengths: str(OUTCOME_BLOCKS.strengths),
    needs: Array.from({ length: NEED_ROWS }, (_, i) => ({ category: str(OUTCOME_BLOCKS.needCategory(i)), description: str(OUTCOME_BLOCKS.needDescription(i)) })),
    services: layout.partnerIds.map((partnerId) => ({ partnerId, text: str(OUTCOME_BLOCKS.services(partnerId)) })),
    otherServices: layout.hasOtherServices ? str(OUTCOME_BLOCKS.otherServices) : null,
    steps: Array.from({ length: layout.steps }, (_, i) => ({
      description: str(OUTCOME_BLOCKS.stepDescription(i)),
      responsible: str(OUTCOME_BLOCKS.stepResponsible(i)),
      dueDate: str(OUTCOME_BLOCKS.stepDue(i)),
    })),
    nextIrtDate: str(OUTCOME_BLOCKS.nextIrt),
    lateExplanation: str(OUTCOME_BLOCKS.late),
  };
  return { ok: true, data: { values, saveAnyway: f[OUTCOME_BLOCKS.saveAnyway] === true }, layout };
}

/**
 * The domain's field problems (`goal`, `needs.1.category`, `steps.0.dueDate`, …) keyed by this
 * modal's block_ids; anything without a block of its own lands on the goal.
 */
export function outcomeBlockErrors(errors: FieldErrors): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (block: string, message: string) => {
    out[block] = out[block] ? `${out[block]} ${message}` : message;
  };
  for (const [field, message] of Object.entries(errors)) {
    const [head, index, part] = field.split('.');
    const i = Number(index);
    if (head === 'attended') put(OUTCOME_BLOCKS.attended(0), message);
    else if (head === 'goal') put(OUTCOME_BLOCKS.goal, message);
    else if (head === 'strengths') put(OUTCOME_BLOCKS.strengths, message);
    else if (head === 'needs' && part === 'category') put(OUTCOME_BLOCKS.needCategory(i), message);
    else if (head === 'needs') put(OUTCOME_BLOCKS.needDescription(i), message);
    else if (head === 'services' && index === 'others') put(OUTCOME_BLOCKS.otherServices, message);
    else if (head === 'services') put(OUTCOME_BLOCKS.services(i), message);
    else if (head === 'steps' && index === undefined) put(OUTCOME_BLOCKS.stepDescription(0), message);
    else if (head === 'steps' && part === 'responsible') put(OUTCOME_BLOCKS.stepResponsible(i), message);
    else if (head === 'steps' && part === 'dueDate') put(OUTCOME_BLOCKS.stepDue(i), message);
    else if (head === 'steps') put(OUTCOME_BLOCKS.stepDescription(i), message);
    else if (head === 'nextIrtDate') put(OUTCOME_BLOCKS.nextIrt, message);
    else put(OUTCOME_BLOCKS.goal, message);
  }
  return out;
}

/** The free-text answers the note checks read, with the block each came from and its label. */
export function checkedTexts(values: OutcomeValues, partnerNames: ReadonlyMap<number, string>): Array<{ field: string; label: string; text: string | null }> {
  return [
    { field: OUTCOME_BLOCKS.goal, label: 'the goal', text: values.goal },
    { field: OUTCOME_BLOCKS.strengths, label: 'the strengths', text: values.strengths },
    ...values.needs.map((n, i) => ({ field: OUTCOME_BLOCKS.needDescription(i), label: `need ${i + 1}`, text: n.description })),
    ...values.services.map((s) => ({ field: OUTCOME_BLOCKS.services(s.partnerId), label: `the services of ${partnerNames.get(s.partnerId) ?? 'a partner'}`, text: s.text })),
    { field: OUTCOME_BLOCKS.otherServices, label: 'the services of the other partners', text: values.otherServices ?? null },
    ...values.steps.map((s, i) => ({ field: OUTCOME_BLOCKS.stepDescription(i), label: `step ${i + 1}`, text: s.description })),
    { field: OUTCOME_BLOCKS.late, label: 'the late explanation', text: values.lateExplanation },
  ];
}
