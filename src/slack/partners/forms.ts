// Validation of the partner directory forms, keyed by block_id, and the map from the directory's
// field names (src/db/partners.ts) to the same block_ids.
import { z } from 'zod';
import { PARTNER_KINDS, type ContactInput, type PartnerInput } from '../../db/partners';
import { fieldErrors, parsePrivateMetadata, type FlatForm } from '../forms';
import type { Parsed } from '../participant/forms';
import { CONTACT_BLOCKS, PARTNER_BLOCKS } from './views';

/** What the directory modals carry: ids and paging only. */
export const directoryMetadataSchema = z.object({
  /** The directory modal a form was pushed from: updated after the submission. */
  directoryViewId: z.string().max(64).optional(),
  offset: z.number().int().min(0).optional(),
  showInactive: z.boolean().optional(),
  partnerId: z.number().int().positive().optional(),
  contactId: z.number().int().positive().optional(),
});
export type DirectoryMetadata = z.infer<typeof directoryMetadataSchema>;

export function parseDirectoryMetadata(raw: string | undefined): DirectoryMetadata {
  return parsePrivateMetadata(directoryMetadataSchema, raw);
}

const optionalText = (max: number, what: string) =>
  z
    .string()
    .max(max, `Keep ${what} under ${max} characters.`)
    .nullable()
    .optional()
    .transform((v) => v ?? null);
const optionalEmail = z
  .string()
  .max(200, 'Keep the email address under 200 characters.')
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'That does not look like an email address (name@example.org).')
  .nullable()
  .optional()
  .transform((v) => v ?? null);
/** The "In the directory" box: absent (an add form) → active. */
const listed = z
  .array(z.string())
  .nullable()
  .optional()
  .transform((v) => (v == null ? undefined : v.includes('yes')));

function parse<S extends z.ZodType>(schema: S, form: FlatForm): Parsed<z.infer<S>> {
  const parsed = schema.safeParse(form);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}

const partnerSchema = z
  .object({
    [PARTNER_BLOCKS.name]: z.string({ error: 'Enter the organization’s name.' }).max(200, 'Keep the name under 200 characters.'),
    [PARTNER_BLOCKS.kind]: z.enum(PARTNER_KINDS, { error: 'Pick the kind of organization.' }),
    [PARTNER_BLOCKS.serviceArea]: optionalText(300, 'the program or service area'),
    [PARTNER_BLOCKS.phone]: optionalText(50, 'the phone number'),
    [PARTNER_BLOCKS.email]: optionalEmail,
    [PARTNER_BLOCKS.active]: listed,
  })
  .transform((f): PartnerInput & { active?: boolean } => {
    const active = f[PARTNER_BLOCKS.active] as boolean | undefined;
    return {
      name: f[PARTNER_BLOCKS.name] as string,
      kind: f[PARTNER_BLOCKS.kind] as PartnerInput['kind'],
      serviceArea: f[PARTNER_BLOCKS.serviceArea] as string | null,
      phone: f[PARTNER_BLOCKS.phone] as string | null,
      email: f[PARTNER_BLOCKS.email] as string | null,
      ...(active !== undefined ? { active } : {}),
    };
  });
export const parsePartnerForm = (form: FlatForm) => parse(partnerSchema, form);
export const PARTNER_FIELD_BLOCKS: Record<string, string> = {
  name: PARTNER_BLOCKS.name,
  kind: PARTNER_BLOCKS.kind,
  serviceArea: PARTNER_BLOCKS.serviceArea,
  phone: PARTNER_BLOCKS.phone,
  email: PARTNER_BLOCKS.email,
};

const contactSchema = z
  .object({
    [CONTACT_BLOCKS.name]: z.string({ error: 'Enter the contact’s name.' }).max(200, 'Keep the name under 200 characters.'),
    [CONTACT_BLOCKS.title]: optionalText(200, 'the title'),
    [CONTACT_BLOCKS.slackUser]: z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'Pick the person from the list.').nullable().optional().transform((v) => v ?? null),
    [CONTACT_BLOCKS.email]: optionalEmail,
    [CONTACT_BLOCKS.phone]: optionalText(50, 'the phone number'),
    [CONTACT_BLOCKS.active]: listed,
  })
  .transform((f): ContactInput & { active?: boolean } => {
    const active = f[CONTACT_BLOCKS.active] as boolean | undefined;
    return {
      name: f[CONTACT_BLOCKS.name] as string,
      title: f[CONTACT_BLOCKS.title] as string | null,
      slackUserId: f[CONTACT_BLOCKS.slackUser] as string | null,
      email: f[CONTACT_BLOCKS.email] as string | null,
      phone: f[CONTACT_BLOCKS.phone] as string | null,
      ...(active !== undefined ? { active } : {}),
    };
  });
export const parseContactForm = (form: FlatForm) => parse(contactSchema, form);
export const CONTACT_FIELD_BLOCKS: Record<string, string> = {
  name: CONTACT_BLOCKS.name,
  title: CONTACT_BLOCKS.title,
  slackUserId: CONTACT_BLOCKS.slackUser,
  email: CONTACT_BLOCKS.email,
  phone: CONTACT_BLOCKS.phone,
};
