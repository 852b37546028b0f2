// Validation of the release forms, keyed by block_id, and the map from the release fields
// (src/domain/release-gate.ts) to the same block_ids. Shapes here; the rules live in the domain.
import { z } from 'zod';
import { isCalendarDate } from '../../domain/dates';
import { isShareScope, type ShareScope } from '../../domain/release-gate';
import { fieldErrors, parsePrivateMetadata, type FlatForm } from '../forms';
import type { Parsed } from '../participant/forms';
import { RELEASE_BLOCKS, REVOKE_BLOCKS } from './views';

/** What the release modals carry: ids only. */
export const releaseMetadataSchema = z.object({
  participantId: z.number().int().positive().optional(),
  releaseId: z.number().int().positive().optional(),
  /** The releases list a form was pushed from: updated after the submission. */
  releasesViewId: z.string().max(64).optional(),
});
export type ReleaseMetadata = z.infer<typeof releaseMetadataSchema>;

export function parseReleaseMetadata(raw: string | undefined): ReleaseMetadata {
  return parsePrivateMetadata(releaseMetadataSchema, raw);
}

/** The value of a *Record release* button: the participant, and the partner when known. */
export const recordButtonSchema = z.object({ participantId: z.number().int().positive(), partnerId: z.number().int().positive().optional() });

export function parseRecordButton(value: string | undefined): z.infer<typeof recordButtonSchema> | null {
  try {
    const parsed = recordButtonSchema.safeParse(JSON.parse(value ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const date = (what: string) => z.string({ error: `Pick ${what}.` }).refine(isCalendarDate, `Pick ${what} from the calendar.`);
const ticked = z.array(z.string()).nullable().optional().transform((v) => v ?? []);

function parse<S extends z.ZodType>(schema: S, form: FlatForm): Parsed<z.infer<S>> {
  const parsed = schema.safeParse(form);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}

const recordSchema = z
  .object({
    [RELEASE_BLOCKS.partner]: z.string({ error: 'Pick the partner organization from the directory.' }).regex(/^\d+$/, 'Pick the partner organization from the directory.'),
    [RELEASE_BLOCKS.signed]: date('the date the release was signed'),
    [RELEASE_BLOCKS.expiry]: date('the expiry date').nullable().optional().transform((v) => v ?? null),
    [RELEASE_BLOCKS.scopes]: ticked.refine((v) => v.every((s) => isShareScope(s) && s !== 'medical'), 'Pick what the release allows from the list.'),
    [RELEASE_BLOCKS.medical]: ticked.refine((v) => v.every((s) => s === 'medical'), 'Tick the box, or leave it empty.'),
    [RELEASE_BLOCKS.document]: z.string().max(500, 'Keep where the signed copy is kept under 500 characters.').nullable().optional().transform((v) => v ?? null),
  })
  .transform((f) => ({
    partnerId: Number(f[RELEASE_BLOCKS.partner]),
    signedDate: f[RELEASE_BLOCKS.signed] as string,
    expiryDate: f[RELEASE_BLOCKS.expiry] as string | null,
    scopes: [...(f[RELEASE_BLOCKS.scopes] as string[]), ...(f[RELEASE_BLOCKS.medical] as string[])] as ShareScope[],
    documentLocation: f[RELEASE_BLOCKS.document] as string | null,
  }));
export const parseRecordForm = (form: FlatForm) => parse(recordSchema, form);
export const RECORD_FIELD_BLOCKS: Record<string, string> = {
  partnerId: RELEASE_BLOCKS.partner,
  signedDate: RELEASE_BLOCKS.signed,
  expiryDate: RELEASE_BLOCKS.expiry,
  scopes: RELEASE_BLOCKS.scopes,
  documentLocation: RELEASE_BLOCKS.document,
};

const revokeSchema = z
  .object({
    [REVOKE_BLOCKS.date]: date('the date the release was revoked'),
    [REVOKE_BLOCKS.reason]: z.string({ error: 'Say why the release is revoked.' }).max(500, 'Keep the reason under 500 characters.'),
  })
  .transform((f) => ({ revokedDate: f[REVOKE_BLOCKS.date] as string, reason: f[REVOKE_BLOCKS.reason] as string }));
export const parseRevokeForm = (form: FlatForm) => parse(revokeSchema, form);
export const REVOKE_FIELD_BLOCKS: Record<string, string> = { revokedDate: REVOKE_BLOCKS.date, reason: REVOKE_BLOCKS.reason };
