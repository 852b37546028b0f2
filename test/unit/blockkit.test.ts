import { describe, expect, it } from 'vitest';
import { validateBlocks, validateMessage, validateView } from '../harness/blockkit';

// ------------------------------------------------------------------------------ factories

type Json = Record<string, unknown>;

/** A string of n characters. */
const str = (n: number, ch = 'x'): string => ch.repeat(n);
const url = (n: number): string => `https://example.org/${str(n - 20)}`;
const many = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

const plain = (text: string) => ({ type: 'plain_text', text });
const md = (text: string) => ({ type: 'mrkdwn', text });

const option = (text: string, value = text) => ({ text: plain(text), value });
const options = (n: number) => many(n, (i) => option(`Option ${i}`, `v${i}`));
const group = (label: string, opts: unknown[]) => ({ label: plain(label), options: opts });
const confirm = (extra: Json = {}) => ({
  title: plain('Are you sure?'),
  text: plain('This cannot be undone.'),
  confirm: plain('Yes'),
  deny: plain('No'),
  ...extra,
});

// elements
const button = (extra: Json = {}) => ({ type: 'button', text: plain('Go'), action_id: 'go', ...extra });
const staticSelect = (extra: Json = {}) => ({ type: 'static_select', action_id: 'pick', options: options(3), ...extra });
const groupedSelect = (groups: unknown[], extra: Json = {}) => ({ type: 'static_select', action_id: 'pick', option_groups: groups, ...extra });
const multiSelect = (extra: Json = {}) => ({ type: 'multi_static_select', action_id: 'picks', options: options(3), ...extra });
const externalSelect = (extra: Json = {}) => ({ type: 'external_select', action_id: 'client', ...extra });
const overflow = (n: number) => ({ type: 'overflow', action_id: 'more', options: options(n) });
const checkboxes = (n: number, extra: Json = {}) => ({ type: 'checkboxes', action_id: 'checks', options: options(n), ...extra });
const radios = (n: number, extra: Json = {}) => ({ type: 'radio_buttons', action_id: 'radio', options: options(n), ...extra });
const textInput = (extra: Json = {}) => ({ type: 'plain_text_input', action_id: 'note', ...extra });
const datepicker = (initial_date: unknown) => ({ type: 'datepicker', action_id: 'date', initial_date });
const timepicker = (initial_time: unknown) => ({ type: 'timepicker', action_id: 'time', initial_time });
const datetimepicker = (initial_date_time: unknown) => ({ type: 'datetimepicker', action_id: 'when', initial_date_time });

// blocks
const section = (text = 'Hello', extra: Json = {}) => ({ type: 'section', text: md(text), ...extra });
const header = (text: string) => ({ type: 'header', text: plain(text) });
const divider = () => ({ type: 'divider' });
const actions = (...elements: unknown[]) => ({ type: 'actions', elements });
const context = (...elements: unknown[]) => ({ type: 'context', elements });
const input = (element: unknown, extra: Json = {}) => ({ type: 'input', label: plain('Label'), element, ...extra });

// surfaces
const modal = (blocks: unknown[], extra: Json = {}) => ({ type: 'modal', title: plain('Tickler'), close: plain('Cancel'), blocks, ...extra });
const home = (blocks: unknown[], extra: Json = {}) => ({ type: 'home', blocks, ...extra });

/** Sections holding exactly n characters of text in total (3000 per section). */
const textSections = (n: number) => many(Math.ceil(n / 3000), (i) => section(str(Math.min(3000, n - i * 3000))));

/** A home view whose JSON is exactly `bytes` bytes long (ASCII only). */
function homeViewOfSize(bytes: number): Json {
  const sizeOf = (v: unknown) => Buffer.byteLength(JSON.stringify(v));
  const withTexts = (lengths: number[]) => home(lengths.map((n) => section(str(n))));
  let count = 1;
  while (sizeOf(withTexts(many(count, () => 3000))) < bytes) count++;
  const overhead = sizeOf(withTexts(many(count, () => 0)));
  const last = bytes - overhead - (count - 1) * 3000;
  const view = withTexts([...many(count - 1, () => 3000), last]);
  expect(sizeOf(view)).toBe(bytes);
  return view;
}

// validation shortcuts
const inMessage = (...blocks: unknown[]) => validateBlocks(blocks, 'message');
const inModal = (...blocks: unknown[]) => validateBlocks(blocks, 'modal');
const asAccessory = (element: unknown) => inMessage(section('Pick one', { accessory: element }));
const inActions = (...elements: unknown[]) => inMessage(actions(...elements));
const asInput = (element: unknown) => inModal(input(element));

// ------------------------------------------------------------------------- limit tables

interface Bound {
  name: string;
  /** the boundary value: accepted */
  at: number;
  /** builds the payload for a given size and validates it */
  build: (n: number) => string[];
  /** the exact error for one step past the boundary */
  rejected: string;
}

/** Upper limits: `at` passes, `at + 1` fails with exactly `rejected`. */
const UPPER: Bound[] = [
  // surfaces
  { name: 'blocks per message (validateBlocks)', at: 50, build: (n) => validateBlocks(many(n, (i) => section(`s${i}`)), 'message'), rejected: 'blocks: 51 items > 50' },
  { name: 'blocks per message (validateMessage)', at: 50, build: (n) => validateMessage({ text: 'fallback', blocks: many(n, divider) }), rejected: 'blocks: 51 items > 50' },
  { name: 'blocks per modal (validateBlocks)', at: 100, build: (n) => validateBlocks(many(n, divider), 'modal'), rejected: 'blocks: 101 items > 100' },
  { name: 'blocks per home tab (validateBlocks)', at: 100, build: (n) => validateBlocks(many(n, divider), 'home'), rejected: 'blocks: 101 items > 100' },
  { name: 'blocks per modal view', at: 100, build: (n) => validateView(modal(many(n, divider))), rejected: 'view.blocks: 101 items > 100' },
  { name: 'blocks per home view', at: 100, build: (n) => validateView(home(many(n, divider))), rejected: 'view.blocks: 101 items > 100' },
  { name: 'modal title', at: 24, build: (n) => validateView(modal([], { title: plain(str(n)) })), rejected: 'view.title.text: 25 chars > 24' },
  { name: 'modal submit', at: 24, build: (n) => validateView(modal([], { submit: plain(str(n)) })), rejected: 'view.submit.text: 25 chars > 24' },
  { name: 'modal close', at: 24, build: (n) => validateView(modal([], { close: plain(str(n)) })), rejected: 'view.close.text: 25 chars > 24' },
  { name: 'private_metadata', at: 3000, build: (n) => validateView(modal([], { private_metadata: str(n) })), rejected: 'view.private_metadata: 3001 chars > 3000' },
  { name: 'callback_id', at: 255, build: (n) => validateView(modal([], { callback_id: str(n) })), rejected: 'view.callback_id: 256 chars > 255' },
  { name: 'external_id', at: 255, build: (n) => validateView(home([], { external_id: str(n) })), rejected: 'view.external_id: 256 chars > 255' },
  { name: 'view payload size', at: 250_000, build: (n) => validateView(homeViewOfSize(n)), rejected: 'view: 250001 bytes > 250000 (view_too_large)' },
  { name: 'message text', at: 40_000, build: (n) => validateMessage({ text: str(n) }), rejected: 'text: 40001 chars > 40000 (msg_too_long)' },
  { name: 'total text across message blocks', at: 12_000, build: (n) => validateMessage({ text: 'fallback', blocks: textSections(n) }), rejected: 'blocks: 12001 chars of text across blocks > 12000 (msg_blocks_too_long)' },

  // ids
  { name: 'block_id', at: 255, build: (n) => inMessage(section('x', { block_id: str(n) })), rejected: 'blocks[0].block_id: 256 chars > 255' },
  { name: 'action_id', at: 255, build: (n) => inActions(button({ action_id: str(n) })), rejected: 'blocks[0].elements[0].action_id: 256 chars > 255' },

  // blocks
  { name: 'section text', at: 3000, build: (n) => inMessage(section(str(n))), rejected: 'blocks[0].text.text: 3001 chars > 3000' },
  { name: 'section fields count', at: 10, build: (n) => inMessage({ type: 'section', fields: many(n, () => md('f')) }), rejected: 'blocks[0].fields: 11 items > 10' },
  { name: 'section field length', at: 2000, build: (n) => inMessage({ type: 'section', fields: [md(str(n))] }), rejected: 'blocks[0].fields[0].text: 2001 chars > 2000' },
  { name: 'header text', at: 150, build: (n) => inMessage(header(str(n))), rejected: 'blocks[0].text.text: 151 chars > 150' },
  { name: 'context elements', at: 10, build: (n) => inMessage(context(...many(n, () => md('c')))), rejected: 'blocks[0].elements: 11 items > 10' },
  { name: 'actions elements', at: 25, build: (n) => inActions(...many(n, (i) => button({ action_id: `b${i}` }))), rejected: 'blocks[0].elements: 26 items > 25' },
  { name: 'input label', at: 2000, build: (n) => inModal(input(textInput(), { label: plain(str(n)) })), rejected: 'blocks[0].label.text: 2001 chars > 2000' },
  { name: 'input hint', at: 2000, build: (n) => inModal(input(textInput(), { hint: plain(str(n)) })), rejected: 'blocks[0].hint.text: 2001 chars > 2000' },
  { name: 'image block alt_text', at: 2000, build: (n) => inMessage({ type: 'image', image_url: url(30), alt_text: str(n) }), rejected: 'blocks[0].alt_text: 2001 chars > 2000' },
  { name: 'image block image_url', at: 3000, build: (n) => inMessage({ type: 'image', image_url: url(n), alt_text: 'a' }), rejected: 'blocks[0].image_url: 3001 chars > 3000' },

  // elements
  { name: 'placeholder', at: 150, build: (n) => asAccessory(staticSelect({ placeholder: plain(str(n)) })), rejected: 'blocks[0].accessory.placeholder.text: 151 chars > 150' },
  { name: 'plain_text_input max_length', at: 3000, build: (n) => asInput(textInput({ max_length: n })), rejected: 'blocks[0].element.max_length: 3001 > 3000' },
  { name: 'plain_text_input min_length', at: 3000, build: (n) => asInput(textInput({ min_length: n })), rejected: 'blocks[0].element.min_length: 3001 > 3000' },
  { name: 'button text', at: 75, build: (n) => inActions(button({ text: plain(str(n)) })), rejected: 'blocks[0].elements[0].text.text: 76 chars > 75' },
  { name: 'button value', at: 2000, build: (n) => inActions(button({ value: str(n) })), rejected: 'blocks[0].elements[0].value: 2001 chars > 2000' },
  { name: 'button url', at: 3000, build: (n) => inActions(button({ url: url(n) })), rejected: 'blocks[0].elements[0].url: 3001 chars > 3000' },
  { name: 'button accessibility_label', at: 75, build: (n) => inActions(button({ accessibility_label: str(n) })), rejected: 'blocks[0].elements[0].accessibility_label: 76 chars > 75' },
  { name: 'static_select options', at: 100, build: (n) => asAccessory(staticSelect({ options: options(n) })), rejected: 'blocks[0].accessory.options: 101 items > 100' },
  { name: 'multi_static_select options', at: 100, build: (n) => asAccessory(multiSelect({ options: options(n) })), rejected: 'blocks[0].accessory.options: 101 items > 100' },
  { name: 'static_select option_groups', at: 100, build: (n) => asAccessory(groupedSelect(many(n, (i) => group(`G${i}`, [option(`o${i}`)])))), rejected: 'blocks[0].accessory.option_groups: 101 items > 100' },
  { name: 'options in one option_group', at: 100, build: (n) => asAccessory(groupedSelect([group('G', options(n))])), rejected: 'blocks[0].accessory.option_groups[0].options: 101 items > 100' },
  { name: 'option_group label', at: 75, build: (n) => asAccessory(groupedSelect([group(str(n), options(1))])), rejected: 'blocks[0].accessory.option_groups[0].label.text: 76 chars > 75' },
  { name: 'option text', at: 75, build: (n) => asAccessory(staticSelect({ options: [option(str(n), 'v')] })), rejected: 'blocks[0].accessory.options[0].text.text: 76 chars > 75' },
  { name: 'option value', at: 150, build: (n) => asAccessory(staticSelect({ options: [option('A', str(n))] })), rejected: 'blocks[0].accessory.options[0].value: 151 chars > 150' },
  { name: 'option description', at: 75, build: (n) => asAccessory(staticSelect({ options: [{ ...option('A'), description: plain(str(n)) }] })), rejected: 'blocks[0].accessory.options[0].description.text: 76 chars > 75' },
  { name: 'overflow option url', at: 3000, build: (n) => asAccessory({ ...overflow(1), options: [{ ...option('Open'), url: url(n) }] }), rejected: 'blocks[0].accessory.options[0].url: 3001 chars > 3000' },
  { name: 'overflow options', at: 5, build: (n) => asAccessory(overflow(n)), rejected: 'blocks[0].accessory.options: 6 items > 5' },
  { name: 'checkboxes options', at: 10, build: (n) => asInput(checkboxes(n)), rejected: 'blocks[0].element.options: 11 items > 10' },
  { name: 'radio_buttons options', at: 10, build: (n) => asInput(radios(n)), rejected: 'blocks[0].element.options: 11 items > 10' },
  { name: 'confirm title', at: 100, build: (n) => inActions(button({ confirm: confirm({ title: plain(str(n)) }) })), rejected: 'blocks[0].elements[0].confirm.title.text: 101 chars > 100' },
  { name: 'confirm text', at: 300, build: (n) => inActions(button({ confirm: confirm({ text: md(str(n)) }) })), rejected: 'blocks[0].elements[0].confirm.text.text: 301 chars > 300' },
  { name: 'confirm confirm', at: 30, build: (n) => inActions(button({ confirm: confirm({ confirm: plain(str(n)) }) })), rejected: 'blocks[0].elements[0].confirm.confirm.text: 31 chars > 30' },
  { name: 'confirm deny', at: 30, build: (n) => inActions(button({ confirm: confirm({ deny: plain(str(n)) }) })), rejected: 'blocks[0].elements[0].confirm.deny.text: 31 chars > 30' },
];

/** Lower limits: `at` passes, `at - 1` fails with exactly `rejected`. */
const LOWER: Bound[] = [
  { name: 'section text', at: 1, build: (n) => inMessage(section(str(n))), rejected: 'blocks[0].text.text: must not be empty' },
  { name: 'context elements', at: 1, build: (n) => inMessage(context(...many(n, () => md('c')))), rejected: 'blocks[0].elements: 0 items < 1' },
  { name: 'actions elements', at: 1, build: (n) => inActions(...many(n, (i) => button({ action_id: `b${i}` }))), rejected: 'blocks[0].elements: 0 items < 1' },
  { name: 'overflow options', at: 1, build: (n) => asAccessory(overflow(n)), rejected: 'blocks[0].accessory.options: 0 items < 1' },
  { name: 'static_select options', at: 1, build: (n) => asAccessory(staticSelect({ options: options(n) })), rejected: 'blocks[0].accessory.options: 0 items < 1' },
  { name: 'checkboxes initial_options', at: 1, build: (n) => asInput(checkboxes(3, { initial_options: options(3).slice(0, n) })), rejected: 'blocks[0].element.initial_options: 0 items < 1' },
  { name: 'external_select min_query_length', at: 0, build: (n) => asAccessory(externalSelect({ min_query_length: n })), rejected: 'blocks[0].accessory.min_query_length: -1 < 0' },
  { name: 'multi-select max_selected_items', at: 1, build: (n) => asAccessory(multiSelect({ max_selected_items: n })), rejected: 'blocks[0].accessory.max_selected_items: 0 < 1' },
  { name: 'plain_text_input max_length', at: 1, build: (n) => asInput(textInput({ max_length: n })), rejected: 'blocks[0].element.max_length: 0 < 1' },
  { name: 'plain_text_input min_length', at: 0, build: (n) => asInput(textInput({ min_length: n })), rejected: 'blocks[0].element.min_length: -1 < 0' },
  { name: 'datetimepicker initial_date_time', at: 0, build: (n) => asInput(datetimepicker(n)), rejected: 'blocks[0].element.initial_date_time: -1 < 0' },
];

describe('limits: exactly at the limit passes, one past it fails', () => {
  it.each(UPPER)('$name ≤ $at', ({ at, build, rejected }) => {
    expect(build(at)).toEqual([]);
    expect(build(at + 1)).toEqual([rejected]);
  });

  it.each(LOWER)('$name ≥ $at', ({ at, build, rejected }) => {
    expect(build(at)).toEqual([]);
    expect(build(at - 1)).toEqual([rejected]);
  });

  it('counts characters as code points, not UTF-16 units', () => {
    expect(inMessage(header(str(150, '😀')))).toEqual([]);
    expect(inMessage(header(str(151, '😀')))).toEqual(['blocks[0].text.text: 151 chars > 150']);
  });
});

// ------------------------------------------------------------------------------ structure

describe('block and element structure', () => {
  it('rejects a duplicate block_id within a surface', () => {
    expect(inMessage(section('a', { block_id: 'b1' }), section('b', { block_id: 'b1' }))).toEqual([
      'blocks[1].block_id: duplicate block_id "b1" (also blocks[0])',
    ]);
    expect(validateView(modal([divider(), { type: 'divider', block_id: 'd' }, { type: 'divider', block_id: 'd' }]))).toEqual([
      'view.blocks[2].block_id: duplicate block_id "d" (also view.blocks[1])',
    ]);
  });

  it('rejects a duplicate action_id within one block, but not across blocks', () => {
    expect(inActions(button({ action_id: 'a' }), button({ action_id: 'a' }))).toEqual([
      'blocks[0].elements[1].action_id: duplicate action_id "a" in this block',
    ]);
    expect(inMessage(actions(button({ action_id: 'a' })), actions(button({ action_id: 'a' })))).toEqual([]);
  });

  it('rejects unknown block types, element types and fields', () => {
    expect(inMessage({ type: 'carousel_of_doom' })).toEqual(['blocks[0].type: unknown block type "carousel_of_doom"']);
    expect(inActions({ type: 'slider', action_id: 's' })).toEqual(['blocks[0].elements[0].type: unknown element type "slider"']);
    expect(inMessage(section('x', { acessory: button() }))).toEqual(['blocks[0].acessory: unknown field']);
    expect(inActions(button({ colour: 'red' }))).toEqual(['blocks[0].elements[0].colour: unknown field']);
    expect(inMessage({ type: 'toString' })).toEqual(['blocks[0].type: unknown block type "toString"']);
  });

  it('ignores fields whose value is undefined (JSON drops them)', () => {
    expect(inActions(button({ url: undefined, style: undefined }))).toEqual([]);
  });

  it('rejects elements in containers that do not accept them', () => {
    expect(asInput(button())).toEqual(['blocks[0].element.type: element type "button" is not allowed in an input block']);
    expect(inActions(textInput())).toEqual(['blocks[0].elements[0].type: element type "plain_text_input" is not allowed in an actions block']);
    expect(asAccessory(datetimepicker(1628633820))).toEqual([
      'blocks[0].accessory.type: element type "datetimepicker" is not allowed in a section accessory',
    ]);
    expect(inMessage(context(button()))).toEqual([
      'blocks[0].elements[0].type: element type "button" is not allowed in a context block (only image, plain_text, mrkdwn)',
    ]);
  });

  it('rejects input blocks in messages but accepts them in modals and home tabs', () => {
    expect(inMessage(input(textInput()))).toEqual([
      'blocks[0].type: "input" blocks are not allowed in a message (only modal, home)',
    ]);
    expect(inModal(input(textInput()))).toEqual([]);
    expect(validateBlocks([input(textInput())], 'home')).toEqual([]);
  });

  it('requires input blocks to have a label and an element', () => {
    expect(inModal({ type: 'input', element: textInput() })).toEqual(['blocks[0].label: required']);
    expect(inModal({ type: 'input', label: plain('Note') })).toEqual(['blocks[0].element: required']);
  });

  it('requires a section to have text or fields', () => {
    expect(inMessage({ type: 'section' })).toEqual(['blocks[0]: section needs text or fields']);
    expect(inMessage({ type: 'section', fields: [md('*Due*'), plain('Tomorrow')] })).toEqual([]);
  });

  it('rejects focus_on_load on more than one element', () => {
    expect(inModal(input(textInput({ focus_on_load: true })), input(textInput({ action_id: 'n2', focus_on_load: true })))).toEqual([
      'blocks[1].element.focus_on_load: only one element per surface may set focus_on_load (first: blocks[0].element.focus_on_load)',
    ]);
  });

  it('rejects a blocks value that is not an array, and accepts a JSON string', () => {
    expect(validateBlocks({ type: 'divider' }, 'message')).toEqual(['blocks: must be an array, got {"type":"divider"}']);
    expect(validateBlocks(JSON.stringify([divider()]), 'message')).toEqual([]);
    expect(validateBlocks('[{', 'message')).toEqual(['blocks: is a string but not valid JSON']);
  });

  it('accepts a minimal rich_text block and checks its children', () => {
    const rich = { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'hi' }] }] };
    expect(inMessage(rich)).toEqual([]);
    expect(inMessage({ type: 'rich_text', elements: [{ type: 'paragraph', elements: [] }] })).toEqual([
      'blocks[0].elements[0].type: must be one of rich_text_section, rich_text_list, rich_text_quote, rich_text_preformatted, got "paragraph"',
    ]);
  });
});

describe('text objects', () => {
  it('must be objects with a type and a text string', () => {
    expect(inMessage({ type: 'section', text: 'raw string' })).toEqual(['blocks[0].text: must be a text object { type, text }, got "raw string"']);
    expect(inMessage({ type: 'section', text: { text: 'no type' } })).toEqual(['blocks[0].text.type: must be "plain_text" or "mrkdwn", got undefined']);
    expect(inMessage({ type: 'section', text: { type: 'mrkdwn', text: 42 } })).toEqual(['blocks[0].text.text: must be a string, got 42']);
  });

  it('rejects empty mrkdwn and plain_text', () => {
    expect(inMessage(section(''))).toEqual(['blocks[0].text.text: must not be empty']);
    expect(inMessage(header(''))).toEqual(['blocks[0].text.text: must not be empty']);
  });

  it('requires plain_text where Slack does', () => {
    expect(inMessage({ type: 'header', text: md('Title') })).toEqual(['blocks[0].text.type: must be "plain_text", got "mrkdwn"']);
    expect(inActions(button({ text: md('Go') }))).toEqual(['blocks[0].elements[0].text.type: must be "plain_text", got "mrkdwn"']);
    expect(inModal(input(textInput(), { label: md('Label') }))).toEqual(['blocks[0].label.type: must be "plain_text", got "mrkdwn"']);
    expect(asAccessory(staticSelect({ options: [{ text: md('*A*'), value: 'a' }] }))).toEqual([
      'blocks[0].accessory.options[0].text.type: must be "plain_text", got "mrkdwn"',
    ]);
    expect(validateView(modal([], { title: md('Tickler') }))).toEqual(['view.title.type: must be "plain_text", got "mrkdwn"']);
  });

  it('allows mrkdwn option text in checkboxes and radio buttons', () => {
    const mrkdwnOption = { text: md('*Urgent*'), value: 'urgent', description: md('_today_') };
    expect(asInput(checkboxes(0, { options: [mrkdwnOption] }))).toEqual([]);
    expect(asInput(radios(0, { options: [mrkdwnOption] }))).toEqual([]);
  });

  it('rejects url on options outside overflow menus', () => {
    expect(asAccessory(staticSelect({ options: [{ ...option('A'), url: url(30) }] }))).toEqual(['blocks[0].accessory.options[0].url: unknown field']);
  });
});

describe('selects and initial values', () => {
  it('requires exactly one of options / option_groups on static selects', () => {
    expect(asAccessory(staticSelect({ option_groups: [group('G', options(1))] }))).toEqual([
      'blocks[0].accessory: needs exactly one of options or option_groups',
    ]);
    expect(asAccessory({ type: 'static_select', action_id: 'pick' })).toEqual(['blocks[0].accessory: needs exactly one of options or option_groups']);
  });

  it('requires initial_option to be one of the options', () => {
    expect(asAccessory(staticSelect({ initial_option: option('Option 1', 'v1') }))).toEqual([]);
    // key order does not matter, content does
    expect(asAccessory(staticSelect({ initial_option: { value: 'v1', text: { text: 'Option 1', type: 'plain_text' } } }))).toEqual([]);
    expect(asAccessory(staticSelect({ initial_option: option('Option 9', 'v9') }))).toEqual([
      'blocks[0].accessory.initial_option: must exactly match one of the options',
    ]);
    expect(asAccessory(staticSelect({ initial_option: option('Renamed', 'v1') }))).toEqual([
      'blocks[0].accessory.initial_option: must exactly match one of the options',
    ]);
  });

  it('looks for initial_option inside option_groups', () => {
    const groups = [group('Mine', [option('Ana', 'c1')]), group('Team', [option('Bo', 'c2')])];
    expect(asAccessory(groupedSelect(groups, { initial_option: option('Bo', 'c2') }))).toEqual([]);
    expect(asAccessory(groupedSelect(groups, { initial_option: option('Cy', 'c3') }))).toEqual([
      'blocks[0].accessory.initial_option: must exactly match one of the options',
    ]);
  });

  it('requires initial_options of multi-selects and checkboxes to be among the options', () => {
    expect(asAccessory(multiSelect({ initial_options: [option('Option 0', 'v0'), option('Option 2', 'v2')] }))).toEqual([]);
    expect(asAccessory(multiSelect({ initial_options: [option('Option 5', 'v5')] }))).toEqual([
      'blocks[0].accessory.initial_options[0]: must exactly match one of the options',
    ]);
    expect(asInput(checkboxes(3, { initial_options: [option('Nope', 'x')] }))).toEqual([
      'blocks[0].element.initial_options[0]: must exactly match one of the options',
    ]);
    expect(asInput(radios(3, { initial_option: option('Option 2', 'v2') }))).toEqual([]);
    expect(asInput(radios(3, { initial_option: option('Option 3', 'v3') }))).toEqual([
      'blocks[0].element.initial_option: must exactly match one of the options',
    ]);
  });

  it('does not require external_select initial_option to be in a (remote) list', () => {
    expect(asAccessory(externalSelect({ initial_option: option('Ana Diaz', 'client-1'), min_query_length: 1 }))).toEqual([]);
  });

  it('requires min_query_length to be a non-negative integer', () => {
    expect(asAccessory(externalSelect({ min_query_length: 1.5 }))).toEqual(['blocks[0].accessory.min_query_length: must be an integer, got 1.5']);
    expect(asAccessory(externalSelect({ min_query_length: '1' }))).toEqual(['blocks[0].accessory.min_query_length: must be an integer, got "1"']);
  });

  it('rejects plain_text_input with min_length > max_length', () => {
    expect(asInput(textInput({ min_length: 10, max_length: 10 }))).toEqual([]);
    expect(asInput(textInput({ min_length: 11, max_length: 10 }))).toEqual(['blocks[0].element.min_length: 11 > max_length 10']);
  });

  it('checks number_input values', () => {
    const num = (extra: Json) => ({ type: 'number_input', action_id: 'n', is_decimal_allowed: false, ...extra });
    expect(asInput(num({ min_value: '1', max_value: '10', initial_value: '3' }))).toEqual([]);
    expect(asInput(num({ initial_value: '2.5' }))).toEqual(['blocks[0].element.initial_value: must be a whole number string, got "2.5"']);
    expect(asInput(num({ is_decimal_allowed: true, initial_value: '2.5' }))).toEqual([]);
    expect(asInput(num({ min_value: '10', max_value: '1' }))).toEqual(['blocks[0].element.min_value: 10 > max_value 1']);
    expect(asInput({ type: 'number_input', action_id: 'n' })).toEqual(['blocks[0].element.is_decimal_allowed: required']);
  });
});

describe('date and time pickers', () => {
  it.each(['2024-02-29', '2025-12-31', '2025-01-01'])('accepts datepicker initial_date %s', (date) => {
    expect(asInput(datepicker(date))).toEqual([]);
  });

  it.each(['2025-02-29', '2025-02-30', '2025-13-01', '2025-1-5', '05/01/2025', '2025-01-01T00:00:00Z', ''])(
    'rejects datepicker initial_date %j',
    (date) => {
      expect(asInput(datepicker(date))).toEqual([
        `blocks[0].element.initial_date: must be a real date in YYYY-MM-DD format, got ${JSON.stringify(date)}`,
      ]);
    },
  );

  it.each(['00:00', '09:30', '23:59'])('accepts timepicker initial_time %s', (time) => {
    expect(asInput(timepicker(time))).toEqual([]);
  });

  it.each(['24:00', '9:30', '12:60', '12:30:00', '9:30 PM'])('rejects timepicker initial_time %j', (time) => {
    expect(asInput(timepicker(time))).toEqual([`blocks[0].element.initial_time: must be HH:mm (24-hour), got ${JSON.stringify(time)}`]);
  });

  it('requires datetimepicker initial_date_time to be whole Unix seconds', () => {
    expect(asInput(datetimepicker(1628633820))).toEqual([]);
    expect(asInput(datetimepicker(1628633820.5))).toEqual(['blocks[0].element.initial_date_time: must be an integer, got 1628633820.5']);
    expect(asInput(datetimepicker('1628633820'))).toEqual(['blocks[0].element.initial_date_time: must be an integer, got "1628633820"']);
    // milliseconds instead of seconds
    expect(asInput(datetimepicker(1628633820000))).toEqual(['blocks[0].element.initial_date_time: 1628633820000 > 9999999999']);
  });
});

// ----------------------------------------------------------------------------------- views

describe('validateView', () => {
  it('rejects a modal with an input block but no submit', () => {
    expect(validateView(modal([input(textInput())]))).toEqual(['view.submit: required when the modal contains an input block']);
    expect(validateView(modal([input(textInput())], { submit: plain('Save') }))).toEqual([]);
  });

  it('requires a modal title, but not a home title', () => {
    expect(validateView({ type: 'modal', blocks: [] })).toEqual(['view.title: required']);
    expect(validateView(home([section()]))).toEqual([]);
  });

  it('rejects unknown view types and modal-only fields on home', () => {
    expect(validateView({ type: 'workflow_step', blocks: [] })).toEqual(['view.type: must be "modal" or "home", got "workflow_step"']);
    expect(validateView(home([], { submit: plain('Save') }))).toEqual(['view.submit: unknown field']);
    expect(validateView(modal([], { sumbit: plain('Save') }))).toEqual(['view.sumbit: unknown field']);
  });

  it('requires blocks', () => {
    expect(validateView({ type: 'home' })).toEqual(['view.blocks: required']);
  });

  it('accepts a view sent as a JSON string', () => {
    expect(validateView(JSON.stringify(home([section()])))).toEqual([]);
  });

  it('accepts a realistic "new reminder" modal', () => {
    const view = {
      type: 'modal',
      callback_id: 'reminder_create',
      private_metadata: JSON.stringify({ channelId: 'C0123ABCD', caseId: 42 }),
      title: plain('New reminder'),
      submit: plain('Save'),
      close: plain('Cancel'),
      notify_on_close: false,
      blocks: [
        { type: 'section', block_id: 'intro', text: md('Set a follow-up for one of your clients. :alarm_clock:') },
        {
          type: 'input',
          block_id: 'client',
          label: plain('Client'),
          element: {
            type: 'external_select',
            action_id: 'client_select',
            placeholder: plain('Search by name'),
            min_query_length: 1,
            initial_option: option('Ana Diaz', 'client-17'),
          },
        },
        {
          type: 'input',
          block_id: 'kind',
          label: plain('Type'),
          element: groupedSelect(
            [group('Employment', [option('Job interview', 'interview'), option('Paperwork', 'paperwork')]), group('Housing', [option('Lease renewal', 'lease')])],
            { action_id: 'kind_select', initial_option: option('Paperwork', 'paperwork') },
          ),
        },
        { type: 'input', block_id: 'due_date', label: plain('Date'), element: { ...datepicker('2025-03-14'), focus_on_load: true } },
        { type: 'input', block_id: 'due_time', label: plain('Time'), element: { ...timepicker('09:30'), timezone: 'America/Chicago' } },
        {
          type: 'input',
          block_id: 'note',
          optional: true,
          label: plain('Note'),
          hint: plain('Visible only to you and your supervisor.'),
          element: textInput({ multiline: true, max_length: 500, placeholder: plain('What needs to happen?') }),
        },
        {
          type: 'input',
          block_id: 'repeat',
          optional: true,
          label: plain('Repeat'),
          element: radios(0, {
            action_id: 'repeat_radio',
            options: [option('Never', 'never'), option('Weekly', 'weekly'), option('Monthly', 'monthly')],
            initial_option: option('Never', 'never'),
          }),
        },
        {
          type: 'input',
          block_id: 'notify',
          optional: true,
          label: plain('Also notify'),
          element: { type: 'multi_users_select', action_id: 'notify_users', max_selected_items: 3, initial_users: ['U0123ABCD'] },
        },
        {
          type: 'input',
          block_id: 'post_to',
          optional: true,
          label: plain('Post in'),
          element: {
            type: 'conversations_select',
            action_id: 'post_channel',
            default_to_current_conversation: true,
            response_url_enabled: true,
            filter: { include: ['public', 'private'], exclude_bot_users: true },
          },
        },
        context(md('Reminders are sent at the chosen time in *your* time zone.')),
      ],
    };
    expect(validateView(view)).toEqual([]);
  });

  it('accepts a realistic Home tab', () => {
    const view = home(
      [
        header('Your reminders'),
        {
          type: 'section',
          block_id: 'summary',
          fields: [md('*Due today*\n3'), md('*Overdue*\n1'), md('*This week*\n7'), md('*Clients*\n24')],
        },
        actions(
          button({ action_id: 'new_reminder', text: plain('New reminder'), style: 'primary', value: 'new' }),
          button({ action_id: 'open_settings', text: plain('Settings') }),
          { type: 'overflow', action_id: 'home_more', options: [option('Export CSV', 'export'), { ...option('Help', 'help'), url: 'https://example.org/help' }] },
        ),
        divider(),
        section('*Ana Diaz* — job interview paperwork\nDue <!date^1741944600^{date_short_pretty} at {time}|Mar 14>', {
          block_id: 'rem-101',
          accessory: {
            type: 'overflow',
            action_id: 'reminder_menu',
            options: [option('Mark done', 'done:101'), option('Snooze 1 day', 'snooze:101'), option('Delete', 'delete:101')],
            confirm: confirm({ style: 'danger' }),
          },
        }),
        section('*Bo Chen* — lease renewal', {
          block_id: 'rem-102',
          accessory: button({ action_id: 'done', text: plain('Done'), value: 'done:102', confirm: confirm() }),
        }),
        context({ type: 'image', image_url: 'https://example.org/logo.png', alt_text: 'Tickler' }, md('Last synced just now')),
        { type: 'image', image_url: 'https://example.org/chart.png', alt_text: 'Reminders per week', title: plain('This month') },
        { type: 'input', block_id: 'quick_add', dispatch_action: true, label: plain('Quick add'), element: textInput({ dispatch_action_config: { trigger_actions_on: ['on_enter_pressed'] } }) },
      ],
      { callback_id: 'home', private_metadata: '{"v":1}', external_id: 'home-U0123ABCD' },
    );
    expect(validateView(view)).toEqual([]);
  });
});

// -------------------------------------------------------------------------------- messages

describe('validateMessage', () => {
  it('requires text or blocks', () => {
    expect(validateMessage({})).toEqual(['message: text or blocks is required (no_text)']);
    expect(validateMessage({ text: '' })).toEqual(['message: text or blocks is required (no_text)']);
    expect(validateMessage({ blocks: [] })).toEqual(['message: text or blocks is required (no_text)']);
    expect(validateMessage({ text: 'Reminder: call Ana' })).toEqual([]);
    expect(validateMessage({ blocks: [section()] })).toEqual([]);
  });

  it('ignores other chat.postMessage arguments', () => {
    expect(validateMessage({ channel: 'C0123ABCD', thread_ts: '1.2', text: 'hi', unfurl_links: false })).toEqual([]);
  });

  it('validates blocks sent as a JSON string (how @slack/web-api form-encodes them)', () => {
    expect(validateMessage({ text: 'hi', blocks: JSON.stringify([section()]) })).toEqual([]);
    expect(validateMessage({ text: 'hi', blocks: JSON.stringify([input(textInput())]) })).toEqual([
      'blocks[0].type: "input" blocks are not allowed in a message (only modal, home)',
    ]);
    expect(validateMessage({ text: 'hi', blocks: '[{' })).toEqual(['blocks: is a string but not valid JSON (invalid_blocks_format)']);
  });

  it('reports block errors with their path', () => {
    expect(validateMessage({ text: 'fallback', blocks: [divider(), divider(), divider(), section(str(3001))] })).toEqual([
      'blocks[3].text.text: 3001 chars > 3000',
    ]);
  });

  it('rejects non-object messages and non-string text', () => {
    expect(validateMessage('hi')).toEqual(['message: must be an object, got "hi"']);
    expect(validateMessage({ text: 42 })).toEqual(['text: must be a string, got 42', 'message: text or blocks is required (no_text)']);
  });
});
