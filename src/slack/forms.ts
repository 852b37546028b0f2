// Turns a modal's `view.state.values` into a flat form keyed by block_id, and zod issues into
// `response_action: "errors"` keyed by the same block_ids, so the message lands on the field.
import { z } from 'zod';

type StateValue = {
  type?: string;
  value?: string | null;
  selected_date?: string | null;
  selected_time?: string | null;
  selected_date_time?: number | null;
  selected_option?: { value: string } | null;
  selected_options?: Array<{ value: string }>;
  selected_user?: string | null;
  selected_users?: string[];
  selected_conversation?: string | null;
  selected_channel?: string | null;
};

export type FlatForm = Record<string, string | string[] | number | null>;

function readElement(v: StateValue): string | string[] | number | null {
  switch (v.type) {
    case 'datepicker':
      return v.selected_date ?? null;
    case 'timepicker':
      return v.selected_time ?? null;
    case 'datetimepicker':
      return v.selected_date_time ?? null;
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return v.selected_option?.value ?? null;
    case 'checkboxes':
    case 'multi_static_select':
    case 'multi_external_select':
      return (v.selected_options ?? []).map((o) => o.value);
    case 'users_select':
      return v.selected_user ?? null;
    case 'multi_users_select':
      return v.selected_users ?? [];
    case 'conversations_select':
      return v.selected_conversation ?? null;
    case 'channels_select':
      return v.selected_channel ?? null;
    default: {
      const text = v.value ?? null;
      return text === null || text.trim() === '' ? null : text.trim();
    }
  }
}

/** One value per input block (each of our input blocks holds exactly one element). */
export function flattenState(values: Record<string, Record<string, StateValue>> | undefined): FlatForm {
  const form: FlatForm = {};
  for (const [blockId, actions] of Object.entries(values ?? {})) {
    const first = Object.values(actions)[0];
    if (first) form[blockId] = readElement(first);
  }
  return form;
}

/** Zod issues → `{ [block_id]: message }`, the first message per field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const blockId = String(issue.path[0] ?? '');
    if (blockId && !(blockId in errors)) errors[blockId] = issue.message;
  }
  return errors;
}

/** Reads a modal's private_metadata (ids and a reply address); anything unreadable is `{}`. */
export function parsePrivateMetadata<T extends z.ZodType<object>>(schema: T, raw: string | undefined): Partial<z.infer<T>> {
  try {
    const parsed = schema.safeParse(JSON.parse(raw || '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** An optional free-text field: empty becomes null; longer than `max` is refused, in words. */
export const optionalText = (max: number, what: string) =>
  z
    .string()
    .max(max, `${what} can be at most ${max} characters.`)
    .nullable()
    .optional()
    .transform((v) => v ?? null);
