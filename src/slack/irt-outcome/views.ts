// Block Kit for after an IRT meeting: the *Record outcome* modal, the private confirmation, the
// short outcome message in the planning thread, the reminder message once a step is done, and
// the card's line for a meeting awaiting its outcome. Pure functions of data.
import type { Checkboxes, Datepicker, InputBlock, KnownBlock, PlainTextInput, PlainTextOption, StaticSelect, View } from '@slack/types';
import { displayDate, localDate } from '../../domain/dates';
import { MAX_OWN_SERVICE_FIELDS, MAX_STEP_ROWS, NEED_ROWS, OUTCOME_LIMITS, type OutcomeDraft, type ThreadSummary } from '../../domain/irt-outcome';
import { highlightWarnings, type NoteWarning } from '../../domain/note-checks';
import { NEED_CATEGORIES, NEED_CATEGORY_LABELS } from '../../domain/plan';
import { escapeMrkdwn, truncate } from '../../domain/text';
import type { OutcomeForm, RecordedOutcome } from '../../db/irt-outcome';
import { ACTIONS, VIEWS } from '../ids';

/** Checkboxes hold at most 10 options: attendance is split into blocks of 10. */
const ATTENDANCE_PER_BLOCK = 10;
/** A select holds 100 options; one is the case manager. */
const MAX_RESPONSIBLE_OPTIONS = 99;
/** Warned fields listed above the form (each one section). */
const MAX_WARNED_FIELDS = 6;

export const OUTCOME_BLOCKS = {
  intro: 'outcome_intro',
  attended: (k: number) => `outcome_attended_${k}`,
  goal: 'outcome_goal',
  strengths: 'outcome_strengths',
  needCategory: (i: number) => `outcome_need_category_${i}`,
  needDescription: (i: number) => `outcome_need_desc_${i}`,
  services: (partnerId: number) => `outcome_services_${partnerId}`,
  otherServices: 'outcome_services_others',
  stepDescription: (i: number) => `outcome_step_desc_${i}`,
  stepResponsible: (i: number) => `outcome_step_who_${i}`,
  stepDue: (i: number) => `outcome_step_due_${i}`,
  addStep: 'outcome_add_step',
  nextIrt: 'outcome_next_irt',
  late: 'outcome_late',
  saveAnyway: 'outcome_save_anyway',
} as const;

/** What the form shows in its inputs: the draft as entered so far (attendance null = not given), plus the late explanation. */
export interface OutcomeValues extends Omit<OutcomeDraft, 'attendedIds'> {
  attendedIds: number[] | null;
  lateExplanation: string | null;
}

export interface OutcomeModalOptions {
  steps: number;
  /** The meeting is old enough that the note may be late: ask why (optional). */
  askLate: boolean;
  warnings?: Array<{ field: string; label: string; text: string; warnings: NoteWarning[] }>;
  privateMetadata: string;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const md = (text: string) => ({ type: 'mrkdwn' as const, text });
const option = (label: string, value: string): PlainTextOption => ({ text: plain(truncate(label, 75)), value });

function input(blockId: string, label: string, element: InputBlock['element'], opts: { optional?: boolean; hint?: string } = {}): KnownBlock {
  return { type: 'input', block_id: blockId, label: plain(truncate(label, 2000)), optional: opts.optional ?? true, ...(opts.hint ? { hint: plain(opts.hint) } : {}), element };
}

function textInput(value: string | null | undefined, maxLength: number, multiline: boolean, placeholder?: string): PlainTextInput {
  return {
    type: 'plain_text_input',
    action_id: 'value',
    max_length: maxLength,
    multiline,
    ...(value ? { initial_value: value.slice(0, maxLength) } : {}),
    ...(placeholder ? { placeholder: plain(placeholder) } : {}),
  };
}

function select(options: PlainTextOption[], value: string | null | undefined, placeholder: string): StaticSelect {
  const initial = options.find((o) => o.value === value);
  return { type: 'static_select', action_id: 'value', placeholder: plain(placeholder), options, ...(initial ? { initial_option: initial } : {}) };
}

function datepicker(value: string | null | undefined, placeholder: string): Datepicker {
  return { type: 'datepicker', action_id: 'value', placeholder: plain(placeholder), ...(value ? { initial_date: value } : {}) };
}

const KIND_WORDS = { participant: 'participant', staff: 'staff', partner_contact: 'partner', natural_support: 'natural support' } as const;

/** The choices for who is responsible for a step: the case manager, then every attendee. */
export function responsibleOptions(form: OutcomeForm): PlainTextOption[] {
  const cm = form.caseManager ? `Case manager (${form.caseManager.name})` : 'Case manager';
  return [option(cm, 'cm'), ...form.attendees.slice(0, MAX_RESPONSIBLE_OPTIONS).map((a) => option(a.label, `a:${a.id}`))];
}

function attendanceBlocks(form: OutcomeForm, attended: number[] | null): KnownBlock[] {
  // Before anyone ticks anything: those already marked attended, else everyone (most people come).
  const marked = form.attendees.filter((a) => a.attendance === 'attended').map((a) => a.id);
  const ticked = new Set(attended ?? (marked.length ? marked : form.attendees.map((a) => a.id)));
  const blocks: KnownBlock[] = [];
  for (let k = 0; k * ATTENDANCE_PER_BLOCK < form.attendees.length; k++) {
    const group = form.attendees.slice(k * ATTENDANCE_PER_BLOCK, (k + 1) * ATTENDANCE_PER_BLOCK);
    const options = group.map((a) => ({ text: plain(truncate(a.label, 75)), value: String(a.id), description: plain(KIND_WORDS[a.kind]) }));
    const initial = options.filter((o) => ticked.has(Number(o.value)));
    const element: Checkboxes = { type: 'checkboxes', action_id: 'value', options, ...(initial.length ? { initial_options: initial } : {}) };
    blocks.push(input(OUTCOME_BLOCKS.attended(k), k === 0 ? 'Who attended' : 'Who attended (continued)', element, k === 0 ? { hint: 'Untick anyone who did not come.' } : {}));
  }
  return blocks;
}

function warningSections(warnings: NonNullable<OutcomeModalOptions['warnings']>): KnownBlock[] {
  const shown = warnings.slice(0, MAX_WARNED_FIELDS);
  const blocks: KnownBlock[] = shown.map((w, i) => {
    const advice = [...new Map(w.warnings.map((x) => [x.message, x])).values()]
      .slice(0, 4)
      .map((x) => `• ${escapeMrkdwn(x.message)} ${escapeMrkdwn(x.suggestion)}`)
      .join('\n');
    const quoted = `>${highlightWarnings(truncate(w.text, 1200), w.warnings.filter((x) => x.end <= 1200)).replace(/\n/g, '\n>')}`;
    return { type: 'section', block_id: `outcome_warning_${i}`, text: md(truncate(`:warning: *Check ${escapeMrkdwn(w.label.toLowerCase())}:*\n${advice}\n${quoted}`, 3000)) };
  });
  const more = warnings.length - shown.length;
  blocks.push({
    type: 'context',
    block_id: 'outcome_warnings_help',
    elements: [md(`${more > 0 ? `…and ${more} more answers to check. ` : ''}The outcome becomes a case note: revise the answers below, or tick *Save anyway* at the bottom. Your choice is recorded with the note.`)],
  });
  return blocks;
}

/** The *Record outcome* modal, pre-filled from the meeting's attendees and from `values`. */
export function outcomeModal(form: OutcomeForm, values: OutcomeValues | null, opts: OutcomeModalOptions): View {
  const v = values;
  const blocks: KnownBlock[] = [];
  const where = { in_person: 'in person', phone: 'by phone', video: 'by video' }[form.meeting.locationKind];
  blocks.push({
    type: 'section',
    block_id: OUTCOME_BLOCKS.intro,
    text: md(
      truncate(
        `*IRT meeting with ${escapeMrkdwn(form.participant.fullName)}* · ${displayDate(form.meetingDate)}, ${where}\n` +
          'The outcome becomes a case note; needs found go on the plan; each step is a due item until it is marked done.',
        3000,
      ),
    ),
  });
  if (opts.warnings?.length) blocks.push(...warningSections(opts.warnings));

  blocks.push(...attendanceBlocks(form, v?.attendedIds ?? null));
  blocks.push(
    input(OUTCOME_BLOCKS.goal, 'Goal named by the participant', textInput(v?.goal, OUTCOME_LIMITS.goal, true, 'In the participant’s words'), { optional: false }),
    input(OUTCOME_BLOCKS.strengths, 'Strengths', textInput(v?.strengths, OUTCOME_LIMITS.strengths, true, 'What the participant and the team see going well'), { optional: false }),
  );

  blocks.push({ type: 'header', block_id: 'outcome_needs_header', text: plain('Needs identified') });
  const categories = NEED_CATEGORIES.map((c) => option(NEED_CATEGORY_LABELS[c], c));
  for (let i = 0; i < NEED_ROWS; i++) {
    const n = v?.needs[i];
    blocks.push(
      input(OUTCOME_BLOCKS.needCategory(i), `Need ${i + 1}: kind`, select(categories, n?.category, 'Kind of need')),
      input(OUTCOME_BLOCKS.needDescription(i), `Need ${i + 1}: what is needed`, textInput(n?.description, OUTCOME_LIMITS.needDescription, false), i === 0 ? { hint: 'Each need is added to the participant’s plan. Say that a condition exists, never what it is.' } : {}),
    );
  }

  if (form.partners.length) {
    blocks.push({ type: 'header', block_id: 'outcome_services_header', text: plain('Services offered by partners') });
    const own = form.partners.slice(0, MAX_OWN_SERVICE_FIELDS);
    const rest = form.partners.slice(MAX_OWN_SERVICE_FIELDS);
    for (const p of own) {
      const text = v?.services.find((s) => s.partnerId === p.id)?.text;
      blocks.push(input(OUTCOME_BLOCKS.services(p.id), `Services offered by ${p.name}`, textInput(text, OUTCOME_LIMITS.services, true)));
    }
    if (rest.length) {
      const names = rest.map((p) => p.name).join(', ');
      blocks.push(
        input(OUTCOME_BLOCKS.otherServices, `Services offered by the other ${rest.length} partners`, textInput(v?.otherServices, OUTCOME_LIMITS.otherServices, true), {
          hint: truncate(`Say which partner offers what: ${names}.`, 2000),
        }),
      );
    }
  }

  blocks.push({ type: 'header', block_id: 'outcome_steps_header', text: plain('Action plan') });
  blocks.push({
    type: 'context',
    block_id: 'outcome_steps_help',
    elements: [md('Each step: what will be done, who is responsible and by when. The person responsible gets a reminder in the planning thread on the due date.')],
  });
  const who = responsibleOptions(form);
  for (let i = 0; i < opts.steps; i++) {
    const s = v?.steps[i];
    blocks.push(
      input(OUTCOME_BLOCKS.stepDescription(i), `Step ${i + 1}: what will be done`, textInput(s?.description, OUTCOME_LIMITS.stepDescription, false)),
      input(OUTCOME_BLOCKS.stepResponsible(i), `Step ${i + 1}: who is responsible`, select(who, s?.responsible, 'Pick a person')),
      input(OUTCOME_BLOCKS.stepDue(i), `Step ${i + 1}: due by`, datepicker(s?.dueDate, 'Due date')),
    );
  }
  if (opts.steps < MAX_STEP_ROWS) {
    blocks.push({ type: 'actions', block_id: OUTCOME_BLOCKS.addStep, elements: [{ type: 'button', action_id: ACTIONS.irtOutcomeAddStep, text: plain('Add step'), value: String(form.meeting.id) }] });
  }

  blocks.push(input(OUTCOME_BLOCKS.nextIrt, 'Next IRT meeting', datepicker(v?.nextIrtDate, 'Pick a date'), { hint: 'Leave empty if no next meeting is planned yet.' }));
  if (opts.askLate) {
    blocks.push(
      input(OUTCOME_BLOCKS.late, 'Why is this outcome recorded late?', textInput(v?.lateExplanation, OUTCOME_LIMITS.lateExplanation, true), {
        hint: 'Needed only when the note is past the program’s limit for entering notes.',
      }),
    );
  }
  if (opts.warnings?.length) {
    blocks.push(
      input(OUTCOME_BLOCKS.saveAnyway, 'Save anyway', { type: 'checkboxes', action_id: 'value', options: [{ text: plain('Save the outcome as written'), value: 'yes' }] }, {
        hint: 'Tick to keep the wording flagged above.',
      }),
    );
  }

  return {
    type: 'modal',
    callback_id: VIEWS.irtOutcome,
    title: plain('Record IRT outcome'),
    submit: plain('Save outcome'),
    close: plain('Cancel'),
    private_metadata: opts.privateMetadata,
    blocks,
  };
}

// ------------------------------------------------------------------------------ after saving

/** The private confirmation to the case manager. */
export function outcomeConfirmation(
  recorded: RecordedOutcome,
  who: { participantName: string; meetingDate: string },
  thread: { posted: boolean } | null,
): { text: string; blocks: KnownBlock[] } {
  const lines = [
    `:white_check_mark: *IRT outcome recorded for ${escapeMrkdwn(who.participantName)}* (meeting of ${displayDate(who.meetingDate)}).`,
    '• Saved as a case note in the participant’s file.',
  ];
  if (recorded.needIds.length) {
    const n = recorded.needIds.length;
    lines.push(`• ${n} need${n === 1 ? '' : 's'} added to the plan. Add ${n === 1 ? 'it' : 'them'} to a plan version with the participant.`);
  }
  const n = recorded.steps.length;
  lines.push(`• ${n} action step${n === 1 ? '' : 's'}, each on your caseload until marked done:`);
  for (const [i, s] of recorded.steps.entries()) {
    lines.push(`    ${i + 1}. ${escapeMrkdwn(truncate(s.description, 150))} — ${escapeMrkdwn(truncate(s.responsibleName, 60))}, by ${displayDate(s.dueDate)}`);
  }
  if (recorded.nextIrtDate) lines.push(`• Next IRT meeting: ${displayDate(recorded.nextIrtDate)}.`);
  if (thread) lines.push(thread.posted ? '• A short summary was posted in the planning thread.' : '• Tickler could not post the summary in the planning thread.');
  return {
    text: `IRT outcome recorded for ${who.participantName}`,
    blocks: [
      { type: 'section', block_id: 'irt_outcome_saved', text: md(truncate(lines.join('\n'), 3000)) },
      {
        type: 'actions',
        block_id: 'irt_outcome_saved_actions',
        elements: [{ type: 'button', action_id: ACTIONS.openCard, text: plain('Open card'), value: String(recorded.participantId) }],
      },
    ],
  };
}

/** The outcome message in the planning thread: logistics only ("Outcome recorded · 3 action steps · next IRT Jan 12, 2027"). */
export function outcomeThreadMessage(summary: ThreadSummary): { text: string; blocks: KnownBlock[] } {
  const n = summary.stepCount;
  const parts = ['Outcome recorded', `${n} action step${n === 1 ? '' : 's'}`, ...(summary.nextIrtDate ? [`next IRT ${displayDate(summary.nextIrtDate)}`] : [])];
  return {
    text: parts.join(' · '),
    blocks: [
      { type: 'section', block_id: 'irt_outcome_thread', text: md(`:clipboard: *${parts[0]}* · ${parts.slice(1).join(' · ')}`) },
      ...(n > 0 ? [{ type: 'context' as const, block_id: 'irt_outcome_thread_help', elements: [md('Whoever is responsible for a step gets a reminder in this thread on its due date, with a *Done* button.')] }] : []),
    ],
  };
}

/**
 * The reminder message once its step is done: the *Done* button goes, a line says who did it.
 * Built from the message as Slack sent it (the reminder job wrote it); unknown blocks are kept.
 */
export function doneMessage(original: { text?: string | undefined; blocks?: unknown[] | undefined }, doneBy: string, doneOn: string, itemId: number): { text: string; blocks: KnownBlock[] } {
  type Loose = { type?: string; block_id?: string; elements?: Array<{ action_id?: string }>; accessory?: { action_id?: string } };
  const kept: KnownBlock[] = [];
  for (const raw of original.blocks ?? []) {
    const b = raw as Loose;
    if (b.block_id === `irt_step_done_${itemId}`) continue;
    if (b.type === 'actions' && Array.isArray(b.elements)) {
      const elements = b.elements.filter((e) => e.action_id !== ACTIONS.irtActionDone);
      if (elements.length) kept.push({ ...b, elements } as unknown as KnownBlock);
      continue;
    }
    if (b.type === 'section' && b.accessory?.action_id === ACTIONS.irtActionDone) {
      const { accessory: _gone, ...rest } = b;
      kept.push(rest as unknown as KnownBlock);
      continue;
    }
    kept.push(raw as KnownBlock);
  }
  const line = `:white_check_mark: Done by <@${doneBy}> on ${displayDate(doneOn)}`;
  kept.push({ type: 'context', block_id: `irt_step_done_${itemId}`, elements: [md(line)] });
  return { text: `${original.text ? `${original.text} — ` : ''}done by <@${doneBy}>`, blocks: kept };
}

export const DONE_REFUSED_TEXT = 'Only the person responsible for this step, the meeting’s organizer or staff working with the participant can mark it done.';
export const OUTCOME_REFUSED_TEXT = 'Only staff working with this participant can record the outcome of this IRT meeting.';
export const STEP_GONE_TEXT = 'Tickler cannot find this step any more.';

export function alreadyDoneText(doneBy: string | null, doneAt: string | null, timeZone: string): string {
  const when = doneAt ? ` on ${displayDate(localDate(new Date(doneAt), timeZone))}` : '';
  return `This step was already marked done${doneBy ? ` by <@${doneBy}>` : ''}${when}.`;
}

/** The card's line for each meeting whose outcome is still to be recorded. */
export function awaitingOutcomeBlocks(meetings: ReadonlyArray<{ id: number; startsOn: string }>): KnownBlock[] {
  return meetings.slice(0, 3).map((m) => ({
    type: 'section' as const,
    block_id: `card_irt_outcome_${m.id}`,
    text: md(`:busts_in_silhouette: IRT meeting of ${displayDate(m.startsOn)}: outcome not recorded yet.`),
    accessory: { type: 'button' as const, action_id: ACTIONS.irtOutcomeStart, text: plain('Record outcome'), value: String(m.id) },
  }));
}
