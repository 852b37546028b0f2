// Validation of the participant modals, in words a case manager understands. Keys are block_ids.
import { z } from 'zod';
import { fieldErrors, optionalText, parsePrivateMetadata, type FlatForm } from '../forms';
import { isCalendarDate } from '../../domain/dates';
import type { ProfileId } from '../../domain/profiles';
import { CONTACT_METHODS, ENROLL_BLOCKS, REASSIGN_BLOCKS, STATUS_BLOCKS } from './views';


const pastOrToday = (today: string, what: string) =>
  z
    .string({ error: `Pick the ${what}.` })
    .refine(isCalendarDate, `Pick the ${what} from the calendar.`)
    .refine((d) => d <= today, `The ${what} cannot be in the future.`);

export function enrollFormSchema(profileIds: readonly ProfileId[], today: string) {
  const programShape = Object.fromEntries(
    profileIds.map((id) => [`${ENROLL_BLOCKS.programPrefix}${id}`, pastOrToday(today, 'enrollment date').nullable().optional()]),
  );
  return z
    .object({
      [ENROLL_BLOCKS.fullName]: z
        .string({ error: 'Enter the participant’s full name.' })
        .max(200, 'The name can be at most 200 characters.')
        .refine((v) => /\p{L}/u.test(v), 'Enter the participant’s full name.'),
      [ENROLL_BLOCKS.preferredName]: optionalText(100, 'The preferred name'),
      [ENROLL_BLOCKS.language]: z.string({ error: 'Enter the participant’s preferred language.' }).max(100, 'The language can be at most 100 characters.'),
      [ENROLL_BLOCKS.interpreter]: z.array(z.string()).nullable().optional().transform((v) => (v ?? []).includes('yes')),
      ...programShape,
      [ENROLL_BLOCKS.misId]: z
        .string()
        .regex(/^[A-Za-z0-9-]{1,40}$/, 'The state MIS id can only contain letters, digits and dashes.')
        .nullable()
        .optional()
        .transform((v) => v?.toUpperCase() ?? null),
      [ENROLL_BLOCKS.phone]: z
        .string()
        .regex(/^\+?[\d\s().-]+$/, 'Enter the phone number with digits only, like 608-555-0142.')
        .refine((v) => {
          const digits = v.replace(/\D/g, '').length;
          return digits >= 7 && digits <= 15;
        }, 'A phone number has between 7 and 15 digits.')
        .nullable()
        .optional()
        .transform((v) => v ?? null),
      [ENROLL_BLOCKS.email]: z.email('Enter an email address like name@example.org.').max(254).nullable().optional().transform((v) => v ?? null),
      [ENROLL_BLOCKS.contactMethod]: z.enum(
        CONTACT_METHODS.map((m) => m.value),
        { error: 'Pick how the participant prefers to be contacted.' },
      ),
      [ENROLL_BLOCKS.caseManager]: z.string({ error: 'Pick the case manager.' }),
      [ENROLL_BLOCKS.otherStaff]: z.array(z.string()).nullable().optional().transform((v) => v ?? []),
    })
    .transform((raw) => {
      const form = raw as Record<string, unknown>;
      return {
      fullName: form[ENROLL_BLOCKS.fullName] as string,
      preferredName: form[ENROLL_BLOCKS.preferredName] as string | null,
      preferredLanguage: form[ENROLL_BLOCKS.language] as string,
      interpreterNeeded: form[ENROLL_BLOCKS.interpreter] as boolean,
      programs: profileIds
        .map((profileId) => ({ profileId, enrollmentDate: form[`${ENROLL_BLOCKS.programPrefix}${profileId}`] as string | null | undefined }))
        .filter((p): p is { profileId: ProfileId; enrollmentDate: string } => !!p.enrollmentDate),
      misId: form[ENROLL_BLOCKS.misId] as string | null,
      phone: form[ENROLL_BLOCKS.phone] as string | null,
      email: form[ENROLL_BLOCKS.email] as string | null,
      preferredContactMethod: form[ENROLL_BLOCKS.contactMethod] as string,
      primaryCaseManagerId: form[ENROLL_BLOCKS.caseManager] as string,
      otherStaffIds: form[ENROLL_BLOCKS.otherStaff] as string[],
      };
    });
}

export function statusChangeFormSchema(today: string, kind: 'close' | 'reopen') {
  return z
    .object({
      [STATUS_BLOCKS.reason]: z.string({ error: `Say why the case is ${kind === 'close' ? 'closing' : 'reopening'}.` }).max(1000, 'Keep the reason under 1,000 characters.'),
      [STATUS_BLOCKS.date]: pastOrToday(today, kind === 'close' ? 'closing date' : 'reopening date'),
    })
    .transform((f) => ({ reason: f[STATUS_BLOCKS.reason] as string, effectiveDate: f[STATUS_BLOCKS.date] as string }));
}

export const reassignFormSchema = z
  .object({ [REASSIGN_BLOCKS.caseManager]: z.string({ error: 'Pick the new case manager.' }) })
  .transform((f) => ({ newCaseManagerId: f[REASSIGN_BLOCKS.caseManager] as string }));

/** What the modals carry in private_metadata: ids and the reply address, never participant data. */
export const modalMetadataSchema = z.object({
  participantId: z.number().int().positive().optional(),
  responseUrl: z.url().optional(),
  /** The card modal a form was pushed from; refreshed in place after the submission. */
  cardViewId: z.string().max(64).optional(),
});
export type ModalMetadata = z.infer<typeof modalMetadataSchema>;

export function parseMetadata(raw: string | undefined): ModalMetadata {
  return parsePrivateMetadata(modalMetadataSchema, raw);
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

/** Validates the enrollment modal; every problem comes back at once, keyed by block_id. */
export function parseEnrollForm(form: FlatForm, profileIds: readonly ProfileId[], today: string): Parsed<z.infer<ReturnType<typeof enrollFormSchema>>> {
  const parsed = enrollFormSchema(profileIds, today).safeParse(form);
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  const programBlocks = profileIds.map((id) => `${ENROLL_BLOCKS.programPrefix}${id}`);
  if (!programBlocks.some((b) => form[b])) errors[programBlocks[0]!] = 'Pick an enrollment date for at least one program.';
  return parsed.success && Object.keys(errors).length === 0 ? { ok: true, data: parsed.data } : { ok: false, errors };
}
