// Block Kit for case notes: the note modal, confirmations, amendments, notes under a card and
// search results. Pure functions of data.
import type { Datepicker, InputBlock, KnownBlock, PlainTextInput, PlainTextOption, StaticSelect, Timepicker, View } from '@slack/types';
import { displayDate, localDate } from '../../domain/dates';
import { highlightWarnings, type NoteWarning } from '../../domain/note-checks';
import { NEED_CATEGORIES, NEED_CATEGORY_LABELS } from '../../domain/plan';
import { escapeMrkdwn, truncate } from '../../domain/text';
import { SNIPPET_CLOSE, SNIPPET_OPEN, type NoteSearchHit, type NoteWithAmendments } from '../../db/notes';
import type { OpenPlanItems } from '../../db/plan';
import { ACTIONS, VIEWS } from '../ids';

export const NOTE_METHODS = [
  { value: 'phone', label: 'Phone' },
  { value: 'face_to_face', label: 'Face to face' },
  { value: 'email', label: 'Email' },
  { value: 'text', label: 'Text message' },
  { value: 'video', label: 'Video' },
  { value: 'mail', label: 'Mail' },
] as const;

export const CONTACT_KINDS = [
  { value: 'participant', label: 'The participant' },
  { value: 'collateral', label: 'Someone else about the participant' },
  { value: 'attempt', label: 'Attempted contact (no answer)' },
] as const;

export const COLLATERAL_RELATIONSHIPS = [
  { value: 'partner', label: 'Partner agency' },
  { value: 'employer', label: 'Employer' },
  { value: 'family', label: 'Family' },
  { value: 'natural_support', label: 'Friend or mentor' },
  { value: 'on_behalf', label: 'Calling on the participant’s behalf' },
  { value: 'other', label: 'Other' },
] as const;

/** The need categories of the plan (src/domain/plan.ts), as options. */
export const NEED_CATEGORY_OPTIONS = NEED_CATEGORIES.map((value) => ({ value, label: NEED_CATEGORY_LABELS[value] }));

export const NOTE_BLOCKS = {
  participant: 'participant',
  date: 'interaction_date',
  time: 'interaction_time',
  method: 'method',
  contactKind: 'contact_kind',
  collateralName: 'collateral_name',
  collateralRelationship: 'collateral_relationship',
  location: 'location',
  othersPresent: 'others_present',
  subject: 'subject',
  body: 'body',
  nextSteps: 'next_steps',
  nextApptDate: 'next_appointment_date',
  nextApptTime: 'next_appointment_time',
  emergent: 'emergent_need',
  needCategory: 'need_category',
  needDescription: 'need_description',
  needImpact: 'need_impact',
  employmentKind: 'employment_change',
  employer: 'employer',
  employmentDate: 'employment_date',
  wage: 'wage',
  lateExplanation: 'late_explanation',
  saveAnyway: 'save_anyway',
} as const;

/** The services and goals a note touches: one block per service update, its outcome, and per goal. */
export const NOTE_PLAN_BLOCKS = {
  intro: 'plan_links_intro',
  service: (serviceId: number) => `note_service_${serviceId}`,
  serviceOutcome: (serviceId: number) => `note_service_${serviceId}_outcome`,
  goal: (goalId: number) => `note_goal_${goalId}`,
} as const;
/** Services and goals offered on the note form (each); the rest are updated from the plan. */
export const NOTE_PLAN_ITEMS_MAX = 8;

export const SERVICE_UPDATE_CHOICES = [
  { value: 'started', label: 'Started' },
  { value: 'progress', label: 'Progress' },
  { value: 'completed_met', label: 'Completed — met the need' },
  { value: 'completed_not_met', label: 'Completed — did not meet the need' },
] as const;
export type ServiceUpdateChoice = (typeof SERVICE_UPDATE_CHOICES)[number]['value'];

export const AMEND_BLOCKS = { reason: 'amend_reason', text: 'amend_text', saveAnyway: 'save_anyway' } as const;

export const BODY_MAX = 3000;

/** What the modal shows: everything a case manager can fill in, as text, for pre-filling. */
export interface NoteDraft {
  participant?: { id: number; label: string } | null;
  date: string;
  time?: string | null;
  method?: string | null;
  contactKind: 'participant' | 'collateral' | 'attempt';
  collateralName?: string | null;
  collateralRelationship?: string | null;
  location?: string | null;
  othersPresent?: string | null;
  subject?: string | null;
  body?: string | null;
  nextSteps?: string | null;
  nextApptDate?: string | null;
  nextApptTime?: string | null;
  emergent?: boolean;
  needCategory?: string | null;
  needDescription?: string | null;
  needImpact?: string | null;
  employmentKind?: 'none' | 'hired' | 'terminated';
  employer?: string | null;
  employmentDate?: string | null;
  wage?: string | null;
  lateExplanation?: string | null;
  /** The participant's active services and open goals, offered when the participant is known as the form opens. */
  planItems?: OpenPlanItems | null;
  serviceUpdates?: Record<number, { choice: ServiceUpdateChoice; outcome: string | null }>;
  goalProgress?: Record<number, string>;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const md = (text: string) => ({ type: 'mrkdwn' as const, text });
const option = (o: { value: string; label: string }): PlainTextOption => ({ text: plain(o.label), value: o.value });

function input(blockId: string, label: string, element: InputBlock['element'], opts: { optional?: boolean; hint?: string } = {}): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    optional: opts.optional ?? true,
    ...(opts.hint ? { hint: plain(opts.hint) } : {}),
    element,
  };
}

function textInput(value: string | null | undefined, maxLength: number, multiline = false, placeholder?: string): PlainTextInput {
  return {
    type: 'plain_text_input',
    action_id: 'value',
    max_length: maxLength,
    multiline,
    ...(value ? { initial_value: value.slice(0, maxLength) } : {}),
    ...(placeholder ? { placeholder: plain(placeholder) } : {}),
  };
}

function select(options: readonly { value: string; label: string }[], value: string | null | undefined, placeholder: string): StaticSelect {
  const initial = options.find((o) => o.value === value);
  return {
    type: 'static_select',
    action_id: 'value',
    placeholder: plain(placeholder),
    options: options.map(option),
    ...(initial ? { initial_option: option(initial) } : {}),
  };
}

function datepicker(value: string | null | undefined): Datepicker {
  return { type: 'datepicker', action_id: 'value', ...(value ? { initial_date: value } : {}) };
}

function timepicker(value: string | null | undefined): Timepicker {
  return { type: 'timepicker', action_id: 'value', ...(value ? { initial_time: value } : {}) };
}

export interface NoteModalOptions {
  title?: string;
  /** Lines shown above the form: what quick entry could not understand, what is missing. */
  notices?: string[];
  /** Warnings found in the text on the previous submit, with the words highlighted. */
  warnings?: Array<{ field: string; label: string; text: string; warnings: NoteWarning[] }>;
  privateMetadata: string;
}

export function warningBlocks(warnings: NonNullable<NoteModalOptions['warnings']>): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  warnings.forEach((w, i) => {
    const advice = [...new Map(w.warnings.map((x) => [x.message, x])).values()]
      .slice(0, 8)
      .map((x) => `• ${escapeMrkdwn(x.message)} ${escapeMrkdwn(x.suggestion)}`)
      .join('\n');
    blocks.push({
      type: 'section',
      block_id: `warnings_${i}`,
      text: md(truncate(`:warning: *Check the ${w.label.toLowerCase()} before saving.*\n${advice}`, 3000)),
    });
    blocks.push({ type: 'section', block_id: `warnings_text_${i}`, text: md(truncate(`>${highlightWarnings(w.text, w.warnings).replace(/\n/g, '\n>')}`, 3000)) });
  });
  blocks.push({
    type: 'context',
    block_id: 'warnings_help',
    elements: [md('Revise the text below, or tick *Save anyway* at the bottom. Your choice is recorded with the note.')],
  });
  return blocks;
}

/** "Services and goals this note touches": only the participant's own active services and open goals. */
function planLinkBlocks(draft: NoteDraft): KnownBlock[] {
  const items = draft.planItems;
  if (!items || (items.services.length === 0 && items.goals.length === 0)) return [];
  const whose = draft.participant ? ` (${escapeMrkdwn(truncate(draft.participant.label, 80))})` : '';
  const services = items.services.slice(0, NOTE_PLAN_ITEMS_MAX);
  const goals = items.goals.slice(0, NOTE_PLAN_ITEMS_MAX);
  const more = items.services.length - services.length + (items.goals.length - goals.length);
  const blocks: KnownBlock[] = [
    { type: 'divider', block_id: 'divider_plan' },
    {
      type: 'section',
      block_id: NOTE_PLAN_BLOCKS.intro,
      text: md(
        `*Services and goals this note touches*${whose}: fill in only those it is about. Completing a service here closes it on the plan with its outcome.` +
          (more > 0 ? ` ${more} more are on the plan; update them from *Plan*.` : ''),
      ),
    },
  ];
  for (const s of services) {
    const current = draft.serviceUpdates?.[s.id];
    blocks.push(
      input(NOTE_PLAN_BLOCKS.service(s.id), `Service: ${truncate(s.name, 100)}`, select(SERVICE_UPDATE_CHOICES, current?.choice, 'How this note touches it'), {
        hint: `Started ${displayDate(s.startDate)}, planned end ${displayDate(s.plannedEndDate)}.`,
      }),
      input(NOTE_PLAN_BLOCKS.serviceOutcome(s.id), `Outcome: ${truncate(s.name, 100)}`, textInput(current?.outcome, 1000, true), {
        hint: 'Required when the service is completed.',
      }),
    );
  }
  for (const g of goals) {
    blocks.push(
      input(NOTE_PLAN_BLOCKS.goal(g.id), `Goal: ${truncate(g.specific, 120)}`, textInput(draft.goalProgress?.[g.id], 500, false, 'Progress toward this goal'), {
        hint: `${g.term === 'long' ? 'Long-term' : 'Short-term'}, target ${displayDate(g.targetDate)}.`,
      }),
    );
  }
  return blocks;
}

/** The case-note modal (minimum content of seed 002), pre-filled from a draft. */
export function noteModal(draft: NoteDraft, opts: NoteModalOptions): View {
  const blocks: KnownBlock[] = [];
  if (opts.notices?.length) {
    blocks.push({ type: 'section', block_id: 'notices', text: md(truncate(opts.notices.join('\n'), 3000)) });
  }
  if (opts.warnings?.length) blocks.push(...warningBlocks(opts.warnings));
  const participantOption = draft.participant ? { text: plain(truncate(draft.participant.label, 75)), value: String(draft.participant.id) } : undefined;
  blocks.push(
    input(
      NOTE_BLOCKS.participant,
      'Participant',
      {
        type: 'external_select',
        action_id: ACTIONS.participantSearch,
        min_query_length: 0,
        placeholder: plain('Type a name or MIS id'),
        ...(participantOption ? { initial_option: participantOption } : {}),
      },
      { optional: false },
    ),
    input(NOTE_BLOCKS.date, 'Date of the contact', datepicker(draft.date), { optional: false }),
    input(NOTE_BLOCKS.time, 'Time of the contact', timepicker(draft.time), { hint: 'Leave empty if you do not know the time.' }),
    input(NOTE_BLOCKS.method, 'Method', select(NOTE_METHODS, draft.method, 'How the contact happened'), { optional: false }),
    input(
      NOTE_BLOCKS.contactKind,
      'Contact with',
      {
        type: 'radio_buttons',
        action_id: 'value',
        options: CONTACT_KINDS.map(option),
        initial_option: option(CONTACT_KINDS.find((k) => k.value === draft.contactKind) ?? CONTACT_KINDS[0]),
      },
      { optional: false },
    ),
    input(NOTE_BLOCKS.collateralName, 'Name of the other person', textInput(draft.collateralName, 150), {
      hint: 'For a contact with someone else: a partner, employer, family member, or someone calling on the participant’s behalf.',
    }),
    input(NOTE_BLOCKS.collateralRelationship, 'Their relationship to the participant', select(COLLATERAL_RELATIONSHIPS, draft.collateralRelationship, 'Pick one')),
    input(NOTE_BLOCKS.location, 'Location', textInput(draft.location, 150, false, 'Office, remote, the participant’s home…'), {
      hint: 'Leave empty to use “Remote” for phone, email, text, video and mail, or your office for face to face.',
    }),
    input(NOTE_BLOCKS.othersPresent, 'Others present', textInput(draft.othersPresent, 500)),
    input(NOTE_BLOCKS.subject, 'Subject', textInput(draft.subject, 150), { hint: 'The service(s) provided, or a short summary. Left empty, a summary is made from the method and the text.' }),
    input(NOTE_BLOCKS.body, 'What happened', textInput(draft.body, BODY_MAX, true), {
      optional: false,
      hint: 'Facts only: the reason, what was discussed, objective information, assessment results, service justification. No opinions, no medical details.',
    }),
    input(NOTE_BLOCKS.nextSteps, 'Next steps', textInput(draft.nextSteps, 1000, true)),
    input(NOTE_BLOCKS.nextApptDate, 'Next appointment', datepicker(draft.nextApptDate)),
    input(NOTE_BLOCKS.nextApptTime, 'Next appointment time', timepicker(draft.nextApptTime)),
    ...planLinkBlocks(draft),
    { type: 'divider', block_id: 'divider_need' },
    input(
      NOTE_BLOCKS.emergent,
      'Emergent need',
      {
        type: 'checkboxes',
        action_id: 'value',
        options: [{ text: plain('This contact revealed a new need'), value: 'yes' }],
        ...(draft.emergent ? { initial_options: [{ text: plain('This contact revealed a new need'), value: 'yes' }] } : {}),
      },
      { hint: 'It is added to the participant’s needs so the plan can be updated.' },
    ),
    input(NOTE_BLOCKS.needCategory, 'Need category', select(NEED_CATEGORY_OPTIONS, draft.needCategory, 'Pick a category')),
    input(NOTE_BLOCKS.needDescription, 'The need', textInput(draft.needDescription, 500), { hint: 'A condition may be mentioned as existing, never what it is.' }),
    input(NOTE_BLOCKS.needImpact, 'How it affects the goal', textInput(draft.needImpact, 500)),
    { type: 'divider', block_id: 'divider_employment' },
    input(NOTE_BLOCKS.employmentKind, 'Employment change', {
      type: 'radio_buttons',
      action_id: 'value',
      options: [option({ value: 'none', label: 'None' }), option({ value: 'hired', label: 'Hired' }), option({ value: 'terminated', label: 'Job ended' })],
      initial_option: option(
        draft.employmentKind === 'hired' ? { value: 'hired', label: 'Hired' } : draft.employmentKind === 'terminated' ? { value: 'terminated', label: 'Job ended' } : { value: 'none', label: 'None' },
      ),
    }),
    input(NOTE_BLOCKS.employer, 'Employer', textInput(draft.employer, 200)),
    input(NOTE_BLOCKS.employmentDate, 'Start date (or last day)', datepicker(draft.employmentDate)),
    input(NOTE_BLOCKS.wage, 'Wage', textInput(draft.wage, 40, false, '18.50/hour'), { hint: 'An amount and hour, week, month or year.' }),
    { type: 'divider', block_id: 'divider_late' },
    input(NOTE_BLOCKS.lateExplanation, 'Why this note is late', textInput(draft.lateExplanation, 1000, true), {
      hint: 'Needed only when the note is entered after your program’s limit (10 calendar days unless your agency set another).',
    }),
  );
  if (opts.warnings?.length) {
    blocks.push(
      input(NOTE_BLOCKS.saveAnyway, 'Save anyway', {
        type: 'checkboxes',
        action_id: 'value',
        options: [{ text: plain('I have read the warnings; save the note as written'), value: 'yes' }],
      }),
    );
  }
  return {
    type: 'modal',
    callback_id: VIEWS.casenote,
    title: plain(opts.title ?? 'Case note'),
    submit: plain('Save note'),
    close: plain('Cancel'),
    private_metadata: opts.privateMetadata,
    blocks,
  };
}

export function amendModal(summary: string, opts: { privateMetadata: string; reason?: string | null; text?: string | null; warnings?: NoteModalOptions['warnings'] }): View {
  return {
    type: 'modal',
    callback_id: VIEWS.amend,
    title: plain('Amend a note'),
    submit: plain('Add amendment'),
    close: plain('Cancel'),
    private_metadata: opts.privateMetadata,
    blocks: [
      { type: 'section', block_id: 'amend_note', text: md(truncate(summary, 3000)) },
      { type: 'context', block_id: 'amend_help', elements: [md('Notes are never changed: your correction is kept under the note, with your name, the time and the reason.')] },
      ...(opts.warnings?.length ? warningBlocks(opts.warnings) : []),
      input(AMEND_BLOCKS.reason, 'Reason for the amendment', textInput(opts.reason, 300), { optional: false }),
      input(AMEND_BLOCKS.text, 'Correction or addition', textInput(opts.text, BODY_MAX, true), { optional: false }),
      ...(opts.warnings?.length
        ? [
            input(AMEND_BLOCKS.saveAnyway, 'Save anyway', {
              type: 'checkboxes',
              action_id: 'value',
              options: [{ text: plain('I have read the warnings; save as written'), value: 'yes' }],
            }),
          ]
        : []),
    ],
  };
}

const METHOD_LABEL: Record<string, string> = Object.fromEntries(NOTE_METHODS.map((m) => [m.value, m.label]));

export function methodLabel(method: string, contactKind: string): string {
  const label = METHOD_LABEL[method] ?? method;
  if (contactKind === 'attempt') return `Attempted ${label.toLowerCase()} contact`;
  if (contactKind === 'collateral') return `${label} (collateral contact)`;
  return label;
}

const TIMELINESS_LABEL: Record<string, string> = {
  on_time: '',
  late_best_practice: ' · entered after 48 hours',
  late_out_of_compliance: ' · late (out of compliance)',
};

/** One note as a section, with its amendments under it; bodies cut so a block stays under 3,000. */
export function noteBlocks(entry: NoteWithAmendments, opts: { bodyLimit: number; withAmendButton: boolean; amendmentsLimit?: number }): KnownBlock[] {
  const n = entry.note;
  const who = n.contactKind === 'collateral' && n.collateralName ? ` with ${escapeMrkdwn(truncate(n.collateralName, 80))}` : '';
  const head = `*${displayDate(n.interactionDate)} · ${methodLabel(n.method, n.contactKind)}${who}* — ${escapeMrkdwn(truncate(n.subject, 150))}`;
  const late = n.lateExplanation ? `\n_Late because:_ ${escapeMrkdwn(truncate(n.lateExplanation, 300))}` : '';
  const next = n.nextSteps ? `\n_Next steps:_ ${escapeMrkdwn(truncate(n.nextSteps, 300))}` : '';
  const text = `${head}\n${escapeMrkdwn(truncate(n.body, opts.bodyLimit))}${next}${late}`;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: `note_${n.id}`,
      text: md(truncate(text, 3000)),
      ...(opts.withAmendButton ? { accessory: { type: 'button' as const, action_id: ACTIONS.amendStart, text: plain('Amend'), value: String(n.id) } } : {}),
    },
    {
      type: 'context',
      block_id: `note_meta_${n.id}`,
      elements: [md(truncate(`By ${escapeMrkdwn(entry.authorName)} · ${escapeMrkdwn(n.location)}${TIMELINESS_LABEL[n.timeliness] ?? ''}${n.sourcePermalink ? ` · <${n.sourcePermalink}|from a Slack message>` : ''}`, 3000))],
    },
  ];
  if (entry.amendments.length) {
    // Every amendment keeps its line; their texts share what the heads leave of the budget.
    const limit = Math.min(opts.amendmentsLimit ?? 3000, 3000);
    const heads = entry.amendments.map(
      (a) => `:pencil2: *Amended ${displayDate(localDate(new Date(a.amendedAt), n.interactionTz))} by ${escapeMrkdwn(a.authorName)}* (${escapeMrkdwn(truncate(a.reason, 60))}): `,
    );
    const per = Math.floor((limit - heads.reduce((sum, h) => sum + h.length + 1, 0)) / entry.amendments.length);
    const lines = entry.amendments.map((a, i) => `${heads[i]}${escapeMrkdwn(truncate(a.text, Math.max(40, per)))}`);
    blocks.push({ type: 'section', block_id: `note_amendments_${n.id}`, text: md(truncate(lines.join('\n'), limit)) });
  }
  return blocks;
}

/** The latest notes under a card: 3 per page in a message (50 blocks), with paging. */
export const NOTES_PER_CARD_PAGE = 3;
/**
 * Slack refuses a message whose blocks hold more than 12,000 characters of text in all
 * (msg_blocks_too_long). Three notes at most ~3,300 each (3,000-character bodies, 10
 * amendments) leave room for the card above them.
 */
const CARD_NOTE_BODY_LIMIT = 700;
const CARD_NOTE_AMENDMENTS_LIMIT = 1600;

export function cardNotesBlocks(participantId: number, page: { total: number; notes: NoteWithAmendments[] }, offset: number, canWrite: boolean): KnownBlock[] {
  if (page.total === 0) return [{ type: 'context', block_id: 'notes_none', elements: [md('No case notes yet.')] }];
  const blocks: KnownBlock[] = [
    { type: 'divider', block_id: 'notes_divider' },
    { type: 'section', block_id: 'notes_title', text: md(`*Case notes* (${page.total}, newest first)`) },
  ];
  for (const entry of page.notes) {
    blocks.push(...noteBlocks(entry, { bodyLimit: CARD_NOTE_BODY_LIMIT, amendmentsLimit: CARD_NOTE_AMENDMENTS_LIMIT, withAmendButton: canWrite }));
  }
  const buttons = [];
  if (offset > 0) buttons.push({ type: 'button' as const, action_id: ACTIONS.notesPagePrev, text: plain('‹ Newer notes'), value: `${participantId}:${Math.max(0, offset - NOTES_PER_CARD_PAGE)}` });
  if (offset + NOTES_PER_CARD_PAGE < page.total) buttons.push({ type: 'button' as const, action_id: ACTIONS.notesPageNext, text: plain('Older notes ›'), value: `${participantId}:${offset + NOTES_PER_CARD_PAGE}` });
  if (buttons.length) blocks.push({ type: 'actions', block_id: 'notes_pager', elements: buttons });
  return blocks;
}

export function savedNoteBlocks(entry: NoteWithAmendments, participantName: string, extra: { duplicate: boolean; servicesCompleted?: number }): KnownBlock[] {
  const n = entry.note;
  const status = extra.duplicate
    ? `:information_source: This note was already saved a moment ago for *${escapeMrkdwn(participantName)}* — nothing new was added.`
    : `:white_check_mark: Note saved for *${escapeMrkdwn(participantName)}*.`;
  const understood = `*Date:* ${displayDate(n.interactionDate)} · *Method:* ${methodLabel(n.method, n.contactKind)} · *Location:* ${escapeMrkdwn(n.location)}`;
  return [
    { type: 'section', block_id: 'saved_status', text: md(status) },
    { type: 'section', block_id: 'saved_understood', text: md(truncate(`${understood}\n>${escapeMrkdwn(truncate(n.body, 2000)).replace(/\n/g, '\n>')}`, 3000)) },
    ...(n.timeliness === 'late_best_practice'
      ? [{ type: 'context' as const, block_id: 'saved_late', elements: [md('Entered more than 48 hours after the contact: best practice is within two days.')] }]
      : []),
    ...(extra.servicesCompleted
      ? [
          {
            type: 'context' as const,
            block_id: 'saved_plan',
            elements: [
              md(
                `${extra.servicesCompleted === 1 ? 'One service' : `${extra.servicesCompleted} services`} completed on the plan: the new plan version awaits the participant’s initials (open *Plan* to record them).`,
              ),
            ],
          },
        ]
      : []),
    {
      type: 'actions',
      block_id: 'saved_actions',
      elements: [
        { type: 'button', action_id: ACTIONS.addDetails, text: plain('Add details'), value: String(n.id) },
        { type: 'button', action_id: ACTIONS.amendStart, text: plain('Amend'), value: String(n.id) },
        { type: 'button', action_id: ACTIONS.openCard, text: plain('Open card'), value: String(n.participantId) },
      ],
    },
  ];
}

export function searchResultBlocks(query: string, hits: NoteSearchHit[], offset: number, more: boolean): KnownBlock[] {
  if (hits.length === 0) {
    return [{ type: 'section', block_id: 'search_none', text: md(`No case notes you can see match “${escapeMrkdwn(truncate(query, 200))}”.`) }];
  }
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: 'search_title', text: md(`*Case notes matching “${escapeMrkdwn(truncate(query, 200))}”* — newest first${offset ? `, from result ${offset + 1}` : ''}`) },
  ];
  for (const h of hits) {
    const snippet = escapeMrkdwn(h.snippet).replaceAll(SNIPPET_OPEN, '*').replaceAll(SNIPPET_CLOSE, '*');
    blocks.push({
      type: 'section',
      block_id: `search_${h.noteId}`,
      text: md(truncate(`*${escapeMrkdwn(truncate(h.participantName, 200))}* · ${displayDate(h.interactionDate)} · ${methodLabel(h.method, h.contactKind)}\n${snippet}`, 3000)),
      accessory: { type: 'button', action_id: ACTIONS.openCard, text: plain('Open card'), value: String(h.participantId) },
    });
  }
  const buttons = [];
  const value = (o: number) => JSON.stringify({ q: query.slice(0, 500), o });
  if (offset > 0) buttons.push({ type: 'button' as const, action_id: ACTIONS.searchPagePrev, text: plain('‹ Newer'), value: value(Math.max(0, offset - SEARCH_PAGE_SIZE)) });
  if (more) buttons.push({ type: 'button' as const, action_id: ACTIONS.searchPageNext, text: plain('Older ›'), value: value(offset + SEARCH_PAGE_SIZE) });
  if (buttons.length) blocks.push({ type: 'actions', block_id: 'search_pager', elements: buttons });
  return blocks;
}

export const SEARCH_PAGE_SIZE = 10;

export function casenoteHelpText(): string {
  return [
    '*Log a contact in one line:* `/casenote <who> [method] [date] <what happened>`',
    '• `/casenote maria g phone yesterday confirmed CASAS appt for 12/3, will bring ID`',
    '• *who* — name, preferred name or MIS id (the first letters are enough: `maria g`)',
    '• *method* — `phone`/`call`, `f2f`/`in person`, `email`, `text`/`sms`, `video`, `mail`; add `attempt` or `no answer` for an attempted contact',
    '• *date* (optional, right after the method) — `today`, `yesterday`, a weekday (`mon` = last Monday), `11/20`, `2026-11-20`; never in the future',
    'If something is missing or unclear the full form opens, filled in with what was understood.',
    '*Other ways in:* `/casenote` opens the form · `/casenote search <words>` searches your notes · the message shortcut *Save as case note* turns a Slack message into a note.',
  ].join('\n');
}
