// Validation of the IRT planning modal, in words a case manager understands, keyed by block_id.
// The shape is checked here; the release gate, access and who is active staff are judged by
// src/db/irt.ts (with src/domain/) when the meeting is planned.
import { z } from 'zod';
import { IRT_CALLERS, IRT_LOCATION_KINDS, IRT_REASONS } from '../../domain/irt';
import type { NewIrtMeeting } from '../../db/irt';
import { fieldErrors, optionalText, parsePrivateMetadata, type FlatForm } from '../forms';
import type { Parsed } from '../participant/forms';
import { IRT_BLOCKS, SUPPORT_ROWS, supportBlocks } from './views';

/** What the planning modal carries: ids and the reply address of /irt, never participant data. */
export const irtMetadataSchema = z.object({
  participantId: z.number().int().positive(),
  responseUrl: z.url().optional(),
});
export type IrtMetadata = z.infer<typeof irtMetadataSchema>;

export function parseIrtMetadata(raw: string | undefined): Partial<IrtMetadata> {
  return parsePrivateMetadata(irtMetadataSchema, raw);
}

const picked = z
  .array(z.string())
  .nullable()
  .optional()
  .transform((v) => v ?? []);

const supportShape = Object.fromEntries(
  Array.from({ length: SUPPORT_ROWS }, (_, i) => {
    const b = supportBlocks(i);
    return [
      [b.name, optionalText(100, 'A name')],
      [b.relationship, optionalText(60, 'The relationship')],
      [b.contact, optionalText(120, 'The phone or email')],
    ];
  }).flat(),
);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[+()\d][\d\s().+-]{5,}(\s*(x|ext\.?)\s*\d+)?$/i;

/** The form, validated and turned into what src/db/irt.ts plans from (minus the participant). */
export type PlanForm = Omit<NewIrtMeeting, 'participantId'>;

const planSchema = z
  .object({
    [IRT_BLOCKS.reason]: z.enum(IRT_REASONS, { error: 'Pick why the team is meeting.' }),
    [IRT_BLOCKS.reasonDetail]: optionalText(500, 'The reason'),
    [IRT_BLOCKS.urgent]: picked.transform((v) => v.includes('urgent')),
    [IRT_BLOCKS.calledBy]: z.enum(IRT_CALLERS, { error: 'Pick who called the meeting.' }),
    [IRT_BLOCKS.partners]: picked.pipe(z.array(z.string().regex(/^\d+$/, 'Pick partner contacts from the directory.'))).transform((v) => v.map(Number)),
    [IRT_BLOCKS.staff]: picked.pipe(z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'Pick colleagues from this workspace.'))),
    [IRT_BLOCKS.locationKind]: z.enum(IRT_LOCATION_KINDS, { error: 'Pick in person, phone or video.' }),
    [IRT_BLOCKS.locationDetail]: z
      .string({ error: 'Say where the team meets: a room or address, a phone bridge, or a video link.' })
      .max(500, 'Keep the location under 500 characters.'),
    [IRT_BLOCKS.channel]: z
      .string({ error: 'Pick the channel for the planning thread.' })
      .regex(/^[CG][A-Z0-9]+$/, 'Pick a channel for the planning thread (a private one, so the thread can name the participant), not a direct message.'),
    [IRT_BLOCKS.materials]: picked,
    [IRT_BLOCKS.communication]: z
      .string({ error: 'Enter how the participant prefers to be contacted (e.g. text message in Spanish).' })
      .max(200, 'Keep it under 200 characters.'),
    ...supportShape,
  })
  .transform((f): PlanForm => {
    const materials = f[IRT_BLOCKS.materials] as string[];
    const naturalSupports = Array.from({ length: SUPPORT_ROWS }, (_, i) => supportBlocks(i))
      .filter((b) => f[b.name])
      .map((b) => {
        const contact = f[b.contact] as string | null;
        const isEmail = !!contact && EMAIL.test(contact);
        return { name: f[b.name] as string, relationship: f[b.relationship] as string | null, email: isEmail ? contact : null, phone: contact && !isEmail ? contact : null };
      });
    return {
      reason: f[IRT_BLOCKS.reason] as PlanForm['reason'],
      reasonDetail: f[IRT_BLOCKS.reasonDetail] as string | null,
      urgent: f[IRT_BLOCKS.urgent] as boolean,
      calledBy: f[IRT_BLOCKS.calledBy] as PlanForm['calledBy'],
      locationKind: f[IRT_BLOCKS.locationKind] as PlanForm['locationKind'],
      locationDetail: f[IRT_BLOCKS.locationDetail] as string,
      planningChannelId: f[IRT_BLOCKS.channel] as string,
      bringAssessment: materials.includes('assessment'),
      bringPlan: materials.includes('plan'),
      bringResources: materials.includes('resources'),
      preferredCommunication: f[IRT_BLOCKS.communication] as string,
      naturalSupports,
      partnerContactIds: f[IRT_BLOCKS.partners] as number[],
      staffIds: f[IRT_BLOCKS.staff] as string[],
    };
  });

/** Checks across fields, judged on the raw form so they show together with every other problem. */
function crossFieldErrors(form: FlatForm): Record<string, string> {
  const errors: Record<string, string> = {};
  const text = (blockId: string) => (typeof form[blockId] === 'string' ? (form[blockId] as string) : null);
  if (form[IRT_BLOCKS.reason] === 'other' && !text(IRT_BLOCKS.reasonDetail)) errors[IRT_BLOCKS.reasonDetail] = 'Say why the team is meeting.';
  for (let i = 0; i < SUPPORT_ROWS; i++) {
    const b = supportBlocks(i);
    const contact = text(b.contact);
    if (!text(b.name) && (text(b.relationship) || contact)) errors[b.name] = 'Enter the natural support’s name, or clear the row.';
    if (contact && !EMAIL.test(contact) && !PHONE.test(contact)) errors[b.contact] = 'Enter a phone number or an email address.';
  }
  return errors;
}

export function parsePlanForm(form: FlatForm): Parsed<PlanForm> {
  const parsed = planSchema.safeParse(form);
  const errors = { ...crossFieldErrors(form), ...(parsed.success ? {} : fieldErrors(parsed.error)) };
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, data: parsed.data };
}

/** src/db/irt.ts field names → this modal's block_ids. */
export const PLAN_FIELD_BLOCKS: Record<string, string> = {
  partnerContactIds: IRT_BLOCKS.partners,
  staffIds: IRT_BLOCKS.staff,
  slots: IRT_BLOCKS.urgent,
};
