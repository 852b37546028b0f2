/**
 * Exact validator for Slack Block Kit surfaces.
 *
 * The fake Slack Web API in our tests uses it to reject what real Slack rejects
 * (`invalid_blocks` on chat.*, `invalid_arguments` on views.*, `msg_blocks_too_long`,
 * `view_too_large`). Limits come from the shared reference (block-kit-limits.md) and
 * Slack's Block Kit reference.
 *
 * Every error is a human-readable string naming the JSON path, e.g.
 * `blocks[3].text.text: 3001 chars > 3000`. Lengths are counted in Unicode code points.
 *
 * The checks are table-driven: BLOCKS maps each block type to its allowed fields, surfaces
 * and checker; ELEMENTS does the same for block elements. Anything not in these tables
 * (an unknown block type, element type or field) is an error, so the tables are also the
 * list of what the fake Slack supports.
 */

export type Surface = 'message' | 'modal' | 'home';

type Obj = Record<string, unknown>;

// ---------------------------------------------------------------------------------- limits

const LIMIT = {
  blocks: { message: 50, modal: 100, home: 100 } satisfies Record<Surface, number>,
  blockId: 255,
  actionId: 255,
  textObject: 3000,
  sectionText: 3000,
  sectionFields: 10,
  sectionField: 2000,
  header: 150,
  contextElements: 10,
  actionsElements: 25,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  plainTextInputLength: 3000,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  accessibilityLabel: 75,
  selectOptions: 100,
  optionGroups: 100,
  optionGroupLabel: 75,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  overflowOptions: 5,
  choiceOptions: 10, // checkboxes, radio_buttons
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  imageAltText: 2000,
  imageTitle: 2000,
  viewTitle: 24,
  viewButton: 24, // submit, close
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
  viewBytes: 250_000,
  messageText: 40_000,
  messageBlocksText: 12_000,
  maxUnixSeconds: 9_999_999_999, // 10 digits: catches milliseconds passed as seconds
} as const;

// ------------------------------------------------------------------------- context & basics

interface Ctx {
  readonly surface: Surface;
  readonly errors: string[];
  /** block_id -> path of the block that first used it */
  readonly blockIds: Map<string, string>;
  /** paths of elements with focus_on_load: true */
  readonly focused: string[];
}

function newCtx(surface: Surface): Ctx {
  return { surface, errors: [], blockIds: new Map(), focused: [] };
}

function fail(ctx: Ctx, path: string, message: string): void {
  ctx.errors.push(`${path}: ${message}`);
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  return v === undefined ? 'undefined' : JSON.stringify(v);
}

/** Length in Unicode code points (an emoji counts once). */
function chars(s: string): number {
  return Array.from(s).length;
}

/** Own-property lookup, so "toString" or "__proto__" are not mistaken for table entries. */
function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Fields whose value is `undefined` are dropped by JSON.stringify, so Slack never sees them. */
function present(obj: Obj, key: string): boolean {
  return obj[key] !== undefined;
}

/** Accepts an object or its JSON string (how @slack/web-api form-encodes blocks and views). */
function parseMaybeJson(v: unknown): { value: unknown } | { error: string } {
  if (typeof v !== 'string') return { value: v };
  try {
    return { value: JSON.parse(v) as unknown };
  } catch {
    return { error: 'is a string but not valid JSON' };
  }
}

/** Key-order-insensitive JSON equality (Slack requires initial options to match exactly). */
function sameJson(a: unknown, b: unknown): boolean {
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canon);
    if (isObj(v)) {
      return Object.fromEntries(
        Object.keys(v)
          .filter((k) => v[k] !== undefined)
          .sort()
          .map((k) => [k, canon(v[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

// ------------------------------------------------------------------------- field helpers

function checkKeys(ctx: Ctx, obj: Obj, path: string, allowed: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (present(obj, key) && !allowed.includes(key)) fail(ctx, `${path}.${key}`, 'unknown field');
  }
}

function required(ctx: Ctx, obj: Obj, key: string, path: string): boolean {
  if (present(obj, key)) return true;
  fail(ctx, `${path}.${key}`, 'required');
  return false;
}

function maxChars(ctx: Ctx, path: string, s: string, max: number): void {
  const n = chars(s);
  if (n > max) fail(ctx, path, `${n} chars > ${max}`);
}

function optString(ctx: Ctx, obj: Obj, key: string, path: string, max?: number): string | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') {
    fail(ctx, `${path}.${key}`, `must be a string, got ${show(v)}`);
    return undefined;
  }
  if (max !== undefined) maxChars(ctx, `${path}.${key}`, v, max);
  return v;
}

function reqString(ctx: Ctx, obj: Obj, key: string, path: string, max?: number): string | undefined {
  return required(ctx, obj, key, path) ? optString(ctx, obj, key, path, max) : undefined;
}

function optBool(ctx: Ctx, obj: Obj, key: string, path: string): boolean | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') {
    fail(ctx, `${path}.${key}`, `must be a boolean, got ${show(v)}`);
    return undefined;
  }
  return v;
}

function optInt(ctx: Ctx, obj: Obj, key: string, path: string, min: number, max?: number): number | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    fail(ctx, `${path}.${key}`, `must be an integer, got ${show(v)}`);
    return undefined;
  }
  if (v < min) fail(ctx, `${path}.${key}`, `${v} < ${min}`);
  else if (max !== undefined && v > max) fail(ctx, `${path}.${key}`, `${v} > ${max}`);
  return v;
}

function optEnum(ctx: Ctx, obj: Obj, key: string, path: string, values: readonly string[]): void {
  const v = obj[key];
  if (v !== undefined && (typeof v !== 'string' || !values.includes(v))) {
    fail(ctx, `${path}.${key}`, `must be one of ${values.map((x) => `"${x}"`).join(', ')}, got ${show(v)}`);
  }
}

/** Checks that `v` is an array with min..max items; returns it (or undefined when not an array). */
function checkList(ctx: Ctx, v: unknown, path: string, min: number, max: number): unknown[] | undefined {
  if (!Array.isArray(v)) {
    fail(ctx, path, `must be an array, got ${show(v)}`);
    return undefined;
  }
  if (v.length > max) fail(ctx, path, `${v.length} items > ${max}`);
  if (v.length < min) fail(ctx, path, `${v.length} items < ${min}`);
  return v;
}

function optList(ctx: Ctx, obj: Obj, key: string, path: string, min: number, max: number): unknown[] | undefined {
  return present(obj, key) ? checkList(ctx, obj[key], `${path}.${key}`, min, max) : undefined;
}

function reqList(ctx: Ctx, obj: Obj, key: string, path: string, min: number, max: number): unknown[] | undefined {
  return required(ctx, obj, key, path) ? checkList(ctx, obj[key], `${path}.${key}`, min, max) : undefined;
}

// ---------------------------------------------------------------------- composition objects

interface TextRule {
  /** only `plain_text` is accepted (headers, labels, button text, select options, …) */
  plain?: boolean;
  /** maximum length of `.text` (never above the text object's own 3000) */
  max?: number;
}

/** Text object: `{ type: 'plain_text' | 'mrkdwn', text: string (1..3000), emoji? | verbatim? }`. */
function checkText(ctx: Ctx, v: unknown, path: string, rule: TextRule = {}): void {
  if (!isObj(v)) {
    fail(ctx, path, `must be a text object { type, text }, got ${show(v)}`);
    return;
  }
  const type = v['type'];
  if (type !== 'plain_text' && type !== 'mrkdwn') {
    fail(ctx, `${path}.type`, `must be "plain_text"${rule.plain ? '' : ' or "mrkdwn"'}, got ${show(type)}`);
    return;
  }
  if (rule.plain && type !== 'plain_text') fail(ctx, `${path}.type`, `must be "plain_text", got "${type}"`);
  checkKeys(ctx, v, path, type === 'plain_text' ? ['type', 'text', 'emoji'] : ['type', 'text', 'verbatim']);
  optBool(ctx, v, type === 'plain_text' ? 'emoji' : 'verbatim', path);
  const text = v['text'];
  if (typeof text !== 'string') {
    fail(ctx, `${path}.text`, `must be a string, got ${show(text)}`);
    return;
  }
  if (text.length === 0) fail(ctx, `${path}.text`, 'must not be empty');
  else maxChars(ctx, `${path}.text`, text, Math.min(rule.max ?? LIMIT.textObject, LIMIT.textObject));
}

function optText(ctx: Ctx, obj: Obj, key: string, path: string, rule: TextRule = {}): void {
  if (present(obj, key)) checkText(ctx, obj[key], `${path}.${key}`, rule);
}

function reqText(ctx: Ctx, obj: Obj, key: string, path: string, rule: TextRule = {}): void {
  if (required(ctx, obj, key, path)) checkText(ctx, obj[key], `${path}.${key}`, rule);
}

interface OptionRule {
  /** checkboxes and radio buttons may use mrkdwn for text and description */
  mrkdwn: boolean;
  /** only overflow menus allow `url` on options */
  url: boolean;
}

const SELECT_OPTION: OptionRule = { mrkdwn: false, url: false };
const OVERFLOW_OPTION: OptionRule = { mrkdwn: false, url: true };
const CHOICE_OPTION: OptionRule = { mrkdwn: true, url: false };

/** Option object: `{ text, value, description?, url? }`. */
function checkOption(ctx: Ctx, v: unknown, path: string, rule: OptionRule): void {
  if (!isObj(v)) {
    fail(ctx, path, `must be an option object { text, value }, got ${show(v)}`);
    return;
  }
  checkKeys(ctx, v, path, rule.url ? ['text', 'value', 'description', 'url'] : ['text', 'value', 'description']);
  reqText(ctx, v, 'text', path, { plain: !rule.mrkdwn, max: LIMIT.optionText });
  reqString(ctx, v, 'value', path, LIMIT.optionValue);
  optText(ctx, v, 'description', path, { plain: !rule.mrkdwn, max: LIMIT.optionDescription });
  if (rule.url) optString(ctx, v, 'url', path, LIMIT.url);
}

function checkOptionArray(ctx: Ctx, items: unknown[] | undefined, path: string, rule: OptionRule): unknown[] {
  items?.forEach((o, i) => checkOption(ctx, o, `${path}[${i}]`, rule));
  return items ?? [];
}

/** Option group: `{ label: plain_text ≤75, options: 1..100 }`. Returns its options. */
function checkOptionGroup(ctx: Ctx, v: unknown, path: string): unknown[] {
  if (!isObj(v)) {
    fail(ctx, path, `must be an option group { label, options }, got ${show(v)}`);
    return [];
  }
  checkKeys(ctx, v, path, ['label', 'options']);
  reqText(ctx, v, 'label', path, { plain: true, max: LIMIT.optionGroupLabel });
  const options = reqList(ctx, v, 'options', path, 1, LIMIT.selectOptions);
  return checkOptionArray(ctx, options, `${path}.options`, SELECT_OPTION);
}

/** `initial_option`: a valid option that (when a pool is known) exactly matches one of the options. */
function checkInitialOption(ctx: Ctx, el: Obj, path: string, pool: unknown[] | undefined, rule: OptionRule): void {
  if (!present(el, 'initial_option')) return;
  const p = `${path}.initial_option`;
  checkOption(ctx, el['initial_option'], p, rule);
  if (pool && !pool.some((o) => sameJson(o, el['initial_option']))) {
    fail(ctx, p, 'must exactly match one of the options');
  }
}

/** `initial_options`: 1+ valid options, each (when a pool is known) exactly matching an option. */
function checkInitialOptions(ctx: Ctx, el: Obj, path: string, pool: unknown[] | undefined, rule: OptionRule): void {
  const items = optList(ctx, el, 'initial_options', path, 1, LIMIT.selectOptions);
  items?.forEach((o, i) => {
    const p = `${path}.initial_options[${i}]`;
    checkOption(ctx, o, p, rule);
    if (pool && !pool.some((x) => sameJson(x, o))) fail(ctx, p, 'must exactly match one of the options');
  });
}

/** Confirmation dialog: `{ title? ≤100, text ≤300, confirm? ≤30, deny? ≤30, style? }`. */
function checkConfirm(ctx: Ctx, v: unknown, path: string): void {
  if (!isObj(v)) {
    fail(ctx, path, `must be a confirm object { title, text, confirm, deny }, got ${show(v)}`);
    return;
  }
  checkKeys(ctx, v, path, ['title', 'text', 'confirm', 'deny', 'style']);
  optText(ctx, v, 'title', path, { plain: true, max: LIMIT.confirmTitle });
  reqText(ctx, v, 'text', path, { max: LIMIT.confirmText });
  optText(ctx, v, 'confirm', path, { plain: true, max: LIMIT.confirmButton });
  optText(ctx, v, 'deny', path, { plain: true, max: LIMIT.confirmButton });
  optEnum(ctx, v, 'style', path, ['primary', 'danger']);
}

function checkDispatchActionConfig(ctx: Ctx, v: unknown, path: string): void {
  if (!isObj(v)) {
    fail(ctx, path, `must be an object { trigger_actions_on }, got ${show(v)}`);
    return;
  }
  checkKeys(ctx, v, path, ['trigger_actions_on']);
  const triggers = optList(ctx, v, 'trigger_actions_on', path, 1, 2);
  triggers?.forEach((t, i) => {
    if (t !== 'on_enter_pressed' && t !== 'on_character_entered') {
      fail(ctx, `${path}.trigger_actions_on[${i}]`, `must be "on_enter_pressed" or "on_character_entered", got ${show(t)}`);
    }
  });
}

function checkConversationFilter(ctx: Ctx, v: unknown, path: string): void {
  if (!isObj(v)) {
    fail(ctx, path, `must be a filter object, got ${show(v)}`);
    return;
  }
  checkKeys(ctx, v, path, ['include', 'exclude_external_shared_channels', 'exclude_bot_users']);
  if (Object.keys(v).filter((k) => present(v, k)).length === 0) fail(ctx, path, 'must set at least one field');
  const include = optList(ctx, v, 'include', path, 1, 4);
  include?.forEach((t, i) => {
    if (typeof t !== 'string' || !['im', 'mpim', 'private', 'public'].includes(t)) {
      fail(ctx, `${path}.include[${i}]`, `must be one of "im", "mpim", "private", "public", got ${show(t)}`);
    }
  });
  optBool(ctx, v, 'exclude_external_shared_channels', path);
  optBool(ctx, v, 'exclude_bot_users', path);
}

/** Image source: exactly one of `image_url` (≤3000) or `slack_file` ({ url } or { id }). */
function checkImageSource(ctx: Ctx, obj: Obj, path: string): void {
  const hasUrl = present(obj, 'image_url');
  const hasFile = present(obj, 'slack_file');
  if (hasUrl === hasFile) fail(ctx, path, 'needs exactly one of image_url or slack_file');
  optString(ctx, obj, 'image_url', path, LIMIT.url);
  if (hasFile) {
    const file = obj['slack_file'];
    const p = `${path}.slack_file`;
    if (!isObj(file)) {
      fail(ctx, p, `must be an object { url } or { id }, got ${show(file)}`);
      return;
    }
    checkKeys(ctx, file, p, ['url', 'id']);
    if (present(file, 'url') === present(file, 'id')) fail(ctx, p, 'needs exactly one of url or id');
    optString(ctx, file, 'url', p);
    optString(ctx, file, 'id', p);
  }
}

// -------------------------------------------------------------------------------- elements

interface ElementSpec {
  /** every field the element may carry, `type` included */
  readonly keys: readonly string[];
  /** type-specific checks; common fields (action_id, placeholder, confirm, …) are checked generically */
  readonly check?: (ctx: Ctx, el: Obj, path: string) => void;
}

const INTERACTIVE = ['type', 'action_id'] as const;
const SELECT_BASE = [...INTERACTIVE, 'placeholder', 'confirm', 'focus_on_load'] as const;
const TEXT_INPUT_BASE = [...INTERACTIVE, 'placeholder', 'dispatch_action_config', 'focus_on_load', 'initial_value'] as const;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
const NUMBER_RE = /^-?\d+(\.\d+)?$/;

function isRealDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function checkStringArray(ctx: Ctx, el: Obj, key: string, path: string): void {
  const items = optList(ctx, el, key, path, 1, Number.POSITIVE_INFINITY);
  items?.forEach((v, i) => {
    if (typeof v !== 'string') fail(ctx, `${path}.${key}[${i}]`, `must be a string, got ${show(v)}`);
  });
}

/** static_select / multi_static_select: exactly one of options (≤100) or option_groups (≤100). */
function checkStaticSelect(multi: boolean) {
  return (ctx: Ctx, el: Obj, path: string): void => {
    const hasOptions = present(el, 'options');
    const hasGroups = present(el, 'option_groups');
    if (hasOptions === hasGroups) fail(ctx, path, 'needs exactly one of options or option_groups');
    let pool: unknown[] = [];
    if (hasOptions) {
      const options = checkList(ctx, el['options'], `${path}.options`, 1, LIMIT.selectOptions);
      pool = checkOptionArray(ctx, options, `${path}.options`, SELECT_OPTION);
    } else if (hasGroups) {
      const groups = checkList(ctx, el['option_groups'], `${path}.option_groups`, 1, LIMIT.optionGroups);
      pool = (groups ?? []).flatMap((g, i) => checkOptionGroup(ctx, g, `${path}.option_groups[${i}]`));
    }
    if (multi) checkInitialOptions(ctx, el, path, pool, SELECT_OPTION);
    else checkInitialOption(ctx, el, path, pool, SELECT_OPTION);
  };
}

function checkMaxSelected(ctx: Ctx, el: Obj, path: string): void {
  optInt(ctx, el, 'max_selected_items', path, 1);
}

const ELEMENTS: Readonly<Record<string, ElementSpec>> = {
  button: {
    keys: [...INTERACTIVE, 'text', 'value', 'url', 'style', 'confirm', 'accessibility_label'],
    check: (ctx, el, path) => {
      reqText(ctx, el, 'text', path, { plain: true, max: LIMIT.buttonText });
      optString(ctx, el, 'value', path, LIMIT.buttonValue);
      optString(ctx, el, 'url', path, LIMIT.url);
      optEnum(ctx, el, 'style', path, ['primary', 'danger']);
      optString(ctx, el, 'accessibility_label', path, LIMIT.accessibilityLabel);
    },
  },

  static_select: {
    keys: [...SELECT_BASE, 'options', 'option_groups', 'initial_option'],
    check: checkStaticSelect(false),
  },
  multi_static_select: {
    keys: [...SELECT_BASE, 'options', 'option_groups', 'initial_options', 'max_selected_items'],
    check: (ctx, el, path) => {
      checkStaticSelect(true)(ctx, el, path);
      checkMaxSelected(ctx, el, path);
    },
  },
  external_select: {
    keys: [...SELECT_BASE, 'initial_option', 'min_query_length'],
    check: (ctx, el, path) => {
      checkInitialOption(ctx, el, path, undefined, SELECT_OPTION);
      optInt(ctx, el, 'min_query_length', path, 0);
    },
  },
  multi_external_select: {
    keys: [...SELECT_BASE, 'initial_options', 'min_query_length', 'max_selected_items'],
    check: (ctx, el, path) => {
      checkInitialOptions(ctx, el, path, undefined, SELECT_OPTION);
      optInt(ctx, el, 'min_query_length', path, 0);
      checkMaxSelected(ctx, el, path);
    },
  },
  users_select: {
    keys: [...SELECT_BASE, 'initial_user'],
    check: (ctx, el, path) => void optString(ctx, el, 'initial_user', path),
  },
  multi_users_select: {
    keys: [...SELECT_BASE, 'initial_users', 'max_selected_items'],
    check: (ctx, el, path) => {
      checkStringArray(ctx, el, 'initial_users', path);
      checkMaxSelected(ctx, el, path);
    },
  },
  conversations_select: {
    keys: [...SELECT_BASE, 'initial_conversation', 'default_to_current_conversation', 'response_url_enabled', 'filter'],
    check: (ctx, el, path) => {
      optString(ctx, el, 'initial_conversation', path);
      optBool(ctx, el, 'default_to_current_conversation', path);
      optBool(ctx, el, 'response_url_enabled', path);
      if (present(el, 'filter')) checkConversationFilter(ctx, el['filter'], `${path}.filter`);
    },
  },
  multi_conversations_select: {
    keys: [...SELECT_BASE, 'initial_conversations', 'default_to_current_conversation', 'filter', 'max_selected_items'],
    check: (ctx, el, path) => {
      checkStringArray(ctx, el, 'initial_conversations', path);
      optBool(ctx, el, 'default_to_current_conversation', path);
      if (present(el, 'filter')) checkConversationFilter(ctx, el['filter'], `${path}.filter`);
      checkMaxSelected(ctx, el, path);
    },
  },
  channels_select: {
    keys: [...SELECT_BASE, 'initial_channel', 'response_url_enabled'],
    check: (ctx, el, path) => {
      optString(ctx, el, 'initial_channel', path);
      optBool(ctx, el, 'response_url_enabled', path);
    },
  },
  multi_channels_select: {
    keys: [...SELECT_BASE, 'initial_channels', 'max_selected_items'],
    check: (ctx, el, path) => {
      checkStringArray(ctx, el, 'initial_channels', path);
      checkMaxSelected(ctx, el, path);
    },
  },

  overflow: {
    keys: [...INTERACTIVE, 'options', 'confirm'],
    check: (ctx, el, path) => {
      const options = reqList(ctx, el, 'options', path, 1, LIMIT.overflowOptions);
      checkOptionArray(ctx, options, `${path}.options`, OVERFLOW_OPTION);
    },
  },
  checkboxes: {
    keys: [...INTERACTIVE, 'options', 'initial_options', 'confirm', 'focus_on_load'],
    check: (ctx, el, path) => {
      const options = reqList(ctx, el, 'options', path, 1, LIMIT.choiceOptions);
      const pool = checkOptionArray(ctx, options, `${path}.options`, CHOICE_OPTION);
      checkInitialOptions(ctx, el, path, pool, CHOICE_OPTION);
    },
  },
  radio_buttons: {
    keys: [...INTERACTIVE, 'options', 'initial_option', 'confirm', 'focus_on_load'],
    check: (ctx, el, path) => {
      const options = reqList(ctx, el, 'options', path, 1, LIMIT.choiceOptions);
      const pool = checkOptionArray(ctx, options, `${path}.options`, CHOICE_OPTION);
      checkInitialOption(ctx, el, path, pool, CHOICE_OPTION);
    },
  },

  datepicker: {
    keys: [...INTERACTIVE, 'initial_date', 'placeholder', 'confirm', 'focus_on_load'],
    check: (ctx, el, path) => {
      const date = optString(ctx, el, 'initial_date', path);
      if (date !== undefined && !isRealDate(date)) {
        fail(ctx, `${path}.initial_date`, `must be a real date in YYYY-MM-DD format, got ${show(date)}`);
      }
    },
  },
  timepicker: {
    keys: [...INTERACTIVE, 'initial_time', 'timezone', 'placeholder', 'confirm', 'focus_on_load'],
    check: (ctx, el, path) => {
      const time = optString(ctx, el, 'initial_time', path);
      if (time !== undefined && !TIME_RE.test(time)) {
        fail(ctx, `${path}.initial_time`, `must be HH:mm (24-hour), got ${show(time)}`);
      }
      optString(ctx, el, 'timezone', path);
    },
  },
  datetimepicker: {
    keys: [...INTERACTIVE, 'initial_date_time', 'confirm', 'focus_on_load'],
    check: (ctx, el, path) => void optInt(ctx, el, 'initial_date_time', path, 0, LIMIT.maxUnixSeconds),
  },

  plain_text_input: {
    keys: [...TEXT_INPUT_BASE, 'multiline', 'min_length', 'max_length'],
    check: (ctx, el, path) => {
      optString(ctx, el, 'initial_value', path);
      optBool(ctx, el, 'multiline', path);
      const min = optInt(ctx, el, 'min_length', path, 0, LIMIT.plainTextInputLength);
      const max = optInt(ctx, el, 'max_length', path, 1, LIMIT.plainTextInputLength);
      if (min !== undefined && max !== undefined && min > max) {
        fail(ctx, `${path}.min_length`, `${min} > max_length ${max}`);
      }
    },
  },
  email_text_input: {
    keys: TEXT_INPUT_BASE,
    check: (ctx, el, path) => void optString(ctx, el, 'initial_value', path),
  },
  url_text_input: {
    keys: TEXT_INPUT_BASE,
    check: (ctx, el, path) => void optString(ctx, el, 'initial_value', path),
  },
  number_input: {
    keys: [...TEXT_INPUT_BASE, 'is_decimal_allowed', 'min_value', 'max_value'],
    check: (ctx, el, path) => {
      if (required(ctx, el, 'is_decimal_allowed', path)) optBool(ctx, el, 'is_decimal_allowed', path);
      const decimals = el['is_decimal_allowed'] === true;
      const num = (key: string): number | undefined => {
        const s = optString(ctx, el, key, path);
        if (s === undefined) return undefined;
        if (!NUMBER_RE.test(s) || (!decimals && s.includes('.'))) {
          fail(ctx, `${path}.${key}`, `must be a ${decimals ? 'decimal' : 'whole'} number string, got ${show(s)}`);
          return undefined;
        }
        return Number(s);
      };
      num('initial_value');
      const min = num('min_value');
      const max = num('max_value');
      if (min !== undefined && max !== undefined && min > max) fail(ctx, `${path}.min_value`, `${min} > max_value ${max}`);
    },
  },

  image: {
    keys: ['type', 'image_url', 'slack_file', 'alt_text'],
    check: (ctx, el, path) => {
      checkImageSource(ctx, el, path);
      reqString(ctx, el, 'alt_text', path, LIMIT.imageAltText);
    },
  },
};

/** Which element types each container accepts. */
const SELECTS = [
  'static_select', 'external_select', 'users_select', 'conversations_select', 'channels_select',
  'multi_static_select', 'multi_external_select', 'multi_users_select', 'multi_conversations_select',
  'multi_channels_select',
] as const;
const SECTION_ACCESSORY: ReadonlySet<string> = new Set([
  'button', 'checkboxes', 'datepicker', 'image', 'overflow', 'radio_buttons', 'timepicker', ...SELECTS,
]);
const ACTIONS_ELEMENTS: ReadonlySet<string> = new Set([
  'button', 'checkboxes', 'datepicker', 'datetimepicker', 'overflow', 'radio_buttons', 'timepicker', ...SELECTS,
]);
const INPUT_ELEMENTS: ReadonlySet<string> = new Set([
  'checkboxes', 'datepicker', 'datetimepicker', 'email_text_input', 'number_input', 'plain_text_input',
  'radio_buttons', 'timepicker', 'url_text_input', ...SELECTS,
]);
const CONTEXT_ELEMENTS: ReadonlySet<string> = new Set(['image']);

/**
 * Validates one element against ELEMENTS, restricted to the types `allowed` in its container.
 * Returns its action_id (for uniqueness checks) when it has one.
 */
function checkElement(ctx: Ctx, v: unknown, path: string, allowed: ReadonlySet<string>, where: string): string | undefined {
  if (!isObj(v)) {
    fail(ctx, path, `must be an element object, got ${show(v)}`);
    return undefined;
  }
  const type = v['type'];
  if (typeof type !== 'string') {
    fail(ctx, `${path}.type`, `required string, got ${show(type)}`);
    return undefined;
  }
  const spec = lookup(ELEMENTS, type);
  if (!spec) {
    fail(ctx, `${path}.type`, `unknown element type "${type}"`);
    return undefined;
  }
  if (!allowed.has(type)) {
    fail(ctx, `${path}.type`, `element type "${type}" is not allowed in ${where}`);
    return undefined;
  }
  checkKeys(ctx, v, path, spec.keys);
  // Fields shared by many elements, checked the same way everywhere.
  const actionId = optString(ctx, v, 'action_id', path, LIMIT.actionId);
  optText(ctx, v, 'placeholder', path, { plain: true, max: LIMIT.placeholder });
  if (present(v, 'confirm') && spec.keys.includes('confirm')) checkConfirm(ctx, v['confirm'], `${path}.confirm`);
  if (present(v, 'dispatch_action_config') && spec.keys.includes('dispatch_action_config')) {
    checkDispatchActionConfig(ctx, v['dispatch_action_config'], `${path}.dispatch_action_config`);
  }
  if (optBool(ctx, v, 'focus_on_load', path) === true) ctx.focused.push(`${path}.focus_on_load`);
  spec.check?.(ctx, v, path);
  return actionId;
}

// ---------------------------------------------------------------------------------- blocks

interface BlockSpec {
  readonly keys: readonly string[];
  /** surfaces the block may appear on (default: all) */
  readonly surfaces?: readonly Surface[];
  readonly check: (ctx: Ctx, block: Obj, path: string) => void;
}

const RICH_TEXT_CHILDREN = ['rich_text_section', 'rich_text_list', 'rich_text_quote', 'rich_text_preformatted'];

const BLOCKS: Readonly<Record<string, BlockSpec>> = {
  section: {
    keys: ['type', 'block_id', 'text', 'fields', 'accessory', 'expand'],
    check: (ctx, b, path) => {
      if (!present(b, 'text') && !present(b, 'fields')) fail(ctx, path, 'section needs text or fields');
      optText(ctx, b, 'text', path, { max: LIMIT.sectionText });
      const fields = optList(ctx, b, 'fields', path, 1, LIMIT.sectionFields);
      fields?.forEach((f, i) => checkText(ctx, f, `${path}.fields[${i}]`, { max: LIMIT.sectionField }));
      if (present(b, 'accessory')) {
        checkElement(ctx, b['accessory'], `${path}.accessory`, SECTION_ACCESSORY, 'a section accessory');
      }
      optBool(ctx, b, 'expand', path);
    },
  },

  header: {
    keys: ['type', 'block_id', 'text'],
    check: (ctx, b, path) => reqText(ctx, b, 'text', path, { plain: true, max: LIMIT.header }),
  },

  context: {
    keys: ['type', 'block_id', 'elements'],
    check: (ctx, b, path) => {
      const elements = reqList(ctx, b, 'elements', path, 1, LIMIT.contextElements);
      elements?.forEach((e, i) => {
        const p = `${path}.elements[${i}]`;
        const type = isObj(e) ? e['type'] : undefined;
        if (type === 'plain_text' || type === 'mrkdwn') checkText(ctx, e, p);
        else checkElement(ctx, e, p, CONTEXT_ELEMENTS, 'a context block (only image, plain_text, mrkdwn)');
      });
    },
  },

  actions: {
    keys: ['type', 'block_id', 'elements'],
    check: (ctx, b, path) => {
      const elements = reqList(ctx, b, 'elements', path, 1, LIMIT.actionsElements);
      const seen = new Set<string>();
      elements?.forEach((e, i) => {
        const p = `${path}.elements[${i}]`;
        const actionId = checkElement(ctx, e, p, ACTIONS_ELEMENTS, 'an actions block');
        if (actionId === undefined) return;
        if (seen.has(actionId)) fail(ctx, `${p}.action_id`, `duplicate action_id "${actionId}" in this block`);
        seen.add(actionId);
      });
    },
  },

  input: {
    keys: ['type', 'block_id', 'label', 'element', 'hint', 'optional', 'dispatch_action'],
    surfaces: ['modal', 'home'],
    check: (ctx, b, path) => {
      reqText(ctx, b, 'label', path, { plain: true, max: LIMIT.label });
      if (required(ctx, b, 'element', path)) {
        checkElement(ctx, b['element'], `${path}.element`, INPUT_ELEMENTS, 'an input block');
      }
      optText(ctx, b, 'hint', path, { plain: true, max: LIMIT.hint });
      optBool(ctx, b, 'optional', path);
      optBool(ctx, b, 'dispatch_action', path);
    },
  },

  divider: {
    keys: ['type', 'block_id'],
    check: () => undefined,
  },

  image: {
    keys: ['type', 'block_id', 'image_url', 'slack_file', 'alt_text', 'title'],
    check: (ctx, b, path) => {
      checkImageSource(ctx, b, path);
      reqString(ctx, b, 'alt_text', path, LIMIT.imageAltText);
      optText(ctx, b, 'title', path, { plain: true, max: LIMIT.imageTitle });
    },
  },

  // Minimal: the top-level shape only; the inline rich-text elements are not validated.
  rich_text: {
    keys: ['type', 'block_id', 'elements'],
    check: (ctx, b, path) => {
      const elements = reqList(ctx, b, 'elements', path, 1, Number.POSITIVE_INFINITY);
      elements?.forEach((e, i) => {
        const p = `${path}.elements[${i}]`;
        if (!isObj(e)) return fail(ctx, p, `must be an object, got ${show(e)}`);
        if (typeof e['type'] !== 'string' || !RICH_TEXT_CHILDREN.includes(e['type'])) {
          fail(ctx, `${p}.type`, `must be one of ${RICH_TEXT_CHILDREN.join(', ')}, got ${show(e['type'])}`);
        }
        if (!Array.isArray(e['elements'])) fail(ctx, `${p}.elements`, 'must be an array');
      });
    },
  },
};

function checkBlock(ctx: Ctx, v: unknown, path: string): void {
  if (!isObj(v)) {
    fail(ctx, path, `must be a block object, got ${show(v)}`);
    return;
  }
  const type = v['type'];
  if (typeof type !== 'string') {
    fail(ctx, `${path}.type`, `required string, got ${show(type)}`);
    return;
  }
  const spec = lookup(BLOCKS, type);
  if (!spec) {
    fail(ctx, `${path}.type`, `unknown block type "${type}"`);
    return;
  }
  if (spec.surfaces && !spec.surfaces.includes(ctx.surface)) {
    fail(ctx, `${path}.type`, `"${type}" blocks are not allowed in a ${ctx.surface} (only ${spec.surfaces.join(', ')})`);
  }
  checkKeys(ctx, v, path, spec.keys);
  const blockId = optString(ctx, v, 'block_id', path, LIMIT.blockId);
  if (blockId !== undefined) {
    const first = ctx.blockIds.get(blockId);
    if (first !== undefined) fail(ctx, `${path}.block_id`, `duplicate block_id "${blockId}" (also ${first})`);
    else ctx.blockIds.set(blockId, path);
  }
  spec.check(ctx, v, path);
}

function checkBlockList(ctx: Ctx, v: unknown, path: string): unknown[] | undefined {
  const blocks = checkList(ctx, v, path, 0, LIMIT.blocks[ctx.surface]);
  blocks?.forEach((b, i) => checkBlock(ctx, b, `${path}[${i}]`));
  if (ctx.focused.length > 1) {
    for (const p of ctx.focused.slice(1)) fail(ctx, p, `only one element per surface may set focus_on_load (first: ${ctx.focused[0]})`);
  }
  return blocks;
}

/** Sum of the visible text (text objects and rich-text `text`) in a blocks array. */
function totalText(v: unknown): number {
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + totalText(x), 0);
  if (!isObj(v)) return 0;
  let n = 0;
  const type = v['type'];
  const text = v['text'];
  if (typeof text === 'string' && (type === 'plain_text' || type === 'mrkdwn' || type === 'text' || type === 'link')) {
    n += chars(text);
  }
  for (const [key, child] of Object.entries(v)) if (key !== 'text' || typeof child !== 'string') n += totalText(child);
  return n;
}

// ------------------------------------------------------------------------------ public API

/** Validates a blocks array for a surface. Returns human-readable error strings naming the path, e.g. "blocks[3].text.text: 3001 chars > 3000"; [] when valid. */
export function validateBlocks(blocks: unknown, surface: Surface): string[] {
  const parsed = parseMaybeJson(blocks);
  if ('error' in parsed) return [`blocks: ${parsed.error}`];
  const ctx = newCtx(surface);
  checkBlockList(ctx, parsed.value, 'blocks');
  return ctx.errors;
}

/** Validates a view object as sent to views.open/update/push/publish (type 'modal' or 'home'). */
export function validateView(view: unknown): string[] {
  const parsed = parseMaybeJson(view);
  if ('error' in parsed) return [`view: ${parsed.error}`];
  const v = parsed.value;
  if (!isObj(v)) return [`view: must be a view object, got ${show(v)}`];
  const type = v['type'];
  if (type !== 'modal' && type !== 'home') return [`view.type: must be "modal" or "home", got ${show(type)}`];

  const ctx = newCtx(type);
  const path = 'view';
  const common = ['type', 'blocks', 'private_metadata', 'callback_id', 'external_id'];
  checkKeys(ctx, v, path, type === 'modal' ? [...common, 'title', 'submit', 'close', 'clear_on_close', 'notify_on_close'] : common);

  const blocks = required(ctx, v, 'blocks', path) ? checkBlockList(ctx, v['blocks'], `${path}.blocks`) : undefined;
  if (type === 'modal') {
    reqText(ctx, v, 'title', path, { plain: true, max: LIMIT.viewTitle });
    optText(ctx, v, 'submit', path, { plain: true, max: LIMIT.viewButton });
    optText(ctx, v, 'close', path, { plain: true, max: LIMIT.viewButton });
    optBool(ctx, v, 'clear_on_close', path);
    optBool(ctx, v, 'notify_on_close', path);
    const hasInput = (blocks ?? []).some((b) => isObj(b) && b['type'] === 'input');
    if (hasInput && !present(v, 'submit')) fail(ctx, `${path}.submit`, 'required when the modal contains an input block');
  }
  optString(ctx, v, 'private_metadata', path, LIMIT.privateMetadata);
  optString(ctx, v, 'callback_id', path, LIMIT.callbackId);
  optString(ctx, v, 'external_id', path, LIMIT.externalId);

  const bytes = Buffer.byteLength(JSON.stringify(v), 'utf8');
  if (bytes > LIMIT.viewBytes) fail(ctx, path, `${bytes} bytes > ${LIMIT.viewBytes} (view_too_large)`);
  return ctx.errors;
}

/** Validates chat.postMessage / chat.postEphemeral / chat.update / response_url message args: { text?, blocks? } (text or blocks required; text ≤ 40000; total text across blocks ≤ 12000 → msg_blocks_too_long style error). */
export function validateMessage(message: unknown): string[] {
  if (!isObj(message)) return [`message: must be an object, got ${show(message)}`];
  const ctx = newCtx('message');

  const rawText = message['text'];
  let text = '';
  if (rawText !== undefined && typeof rawText !== 'string') fail(ctx, 'text', `must be a string, got ${show(rawText)}`);
  if (typeof rawText === 'string') {
    text = rawText;
    if (chars(text) > LIMIT.messageText) fail(ctx, 'text', `${chars(text)} chars > ${LIMIT.messageText} (msg_too_long)`);
  }

  let blockCount = 0;
  if (present(message, 'blocks')) {
    const parsed = parseMaybeJson(message['blocks']);
    if ('error' in parsed) {
      fail(ctx, 'blocks', `${parsed.error} (invalid_blocks_format)`);
    } else {
      blockCount = checkBlockList(ctx, parsed.value, 'blocks')?.length ?? 0;
      const total = totalText(parsed.value);
      if (total > LIMIT.messageBlocksText) {
        fail(ctx, 'blocks', `${total} chars of text across blocks > ${LIMIT.messageBlocksText} (msg_blocks_too_long)`);
      }
    }
  }

  // Slack also accepts a message made of attachments alone (they are not validated here).
  const attachments = parseMaybeJson(message['attachments']);
  const hasAttachments = 'value' in attachments && Array.isArray(attachments.value) && attachments.value.length > 0;
  if (text === '' && blockCount === 0 && !hasAttachments) fail(ctx, 'message', 'text or blocks is required (no_text)');
  return ctx.errors;
}
