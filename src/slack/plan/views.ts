// Block Kit for the plan: the plan modal, its sub-modals and the ephemeral summary. Pure
// functions of data, no Slack calls, no policy decisions. Long plans are collapsed: each section
// shows at most PLAN_ITEMS_PER_SECTION items (open ones first) and says how many more there are.
import type { KnownBlock, View } from '@slack/types';
import { displayDate } from '../../domain/dates';
import {
  ASSESSMENT_TOOLS,
  ASSESSMENT_TOOL_LABELS,
  FINAL_REFERRAL_STATUSES,
  NEED_CATEGORIES,
  NEED_CATEGORY_LABELS,
  isNeedCategory,
  type NeedStatus,
  type ReferralStatus,
} from '../../domain/plan';
import type { ProgramProfile } from '../../domain/profiles';
import { escapeMrkdwn, truncate } from '../../domain/text';
import type { PlanView } from '../../db/plan';
import { ACTIONS, VIEWS } from '../ids';

/** Items shown per section of the plan modal; the rest are counted ("and K more"). */
export const PLAN_ITEMS_PER_SECTION = 8;
/** Assessments listed (newest first) in the plan modal; the rest are counted. */
export const PLAN_ASSESSMENTS_SHOWN = 5;
/** Rows for needs found in the *Add assessment* form (more can be added later with *Add a need*). */
export const ASSESSMENT_NEED_ROWS = 3;
/** Items listed per section of the ephemeral summary. */
export const SUMMARY_ITEMS_PER_SECTION = 10;
/** Options offered in a select (Block Kit allows 100). */
const MAX_OPTIONS = 100;

export const NEED_BLOCKS = { category: 'need_category', description: 'need_description', source: 'need_source', document: 'need_document', impact: 'need_impact' } as const;
export const GOAL_BLOCKS = {
  term: 'goal_term',
  parent: 'goal_parent',
  specific: 'goal_specific',
  measure: 'goal_measure',
  attainableRelevant: 'goal_attainable_relevant',
  targetDate: 'goal_target_date',
  employment: 'goal_employment',
} as const;
export const SERVICE_BLOCKS = { service: 'service_pick', needs: 'service_needs', providerKind: 'service_provider_kind', providerName: 'service_provider_name', startDate: 'service_start', plannedEnd: 'service_planned_end' } as const;
export const COMPLETE_BLOCKS = { endDate: 'complete_end_date', status: 'complete_status', needMet: 'complete_need_met', outcome: 'complete_outcome' } as const;
export const REFERRAL_BLOCKS = { partner: 'referral_partner', needs: 'referral_needs', sentDate: 'referral_sent', reviewDate: 'referral_review' } as const;
export const REFERRAL_STATUS_BLOCKS = { status: 'referral_status', date: 'referral_status_date', outcome: 'referral_outcome', needMet: 'referral_need_met', reviewDate: 'referral_next_review' } as const;
export const ACK_BLOCKS = { initials: 'ack_initials', date: 'ack_date', copyGiven: 'ack_copy_given' } as const;
export const REVIEW_BLOCKS = { confirm: 'review_confirm' } as const;
export const ASSESSMENT_BLOCKS = { date: 'assessment_date', tool: 'assessment_tool', instrument: 'assessment_instrument', summary: 'assessment_summary', note: 'assessment_note' } as const;
/** The block ids of need row `i` (0-based) in the *Add assessment* form. */
export const assessmentNeedBlocks = (i: number) => ({ category: `assessment_need_${i + 1}_category`, description: `assessment_need_${i + 1}_description` });
export const EXTEND_BLOCKS = { newEnd: 'extend_new_end', reason: 'extend_reason' } as const;
export const NEED_STATUS_BLOCKS = { status: 'need_status', metDate: 'need_met_date' } as const;
export const GOAL_STATUS_BLOCKS = { status: 'goal_status', achievedDate: 'goal_achieved_date', cmOutcome: 'goal_cm_outcome' } as const;

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const md = (text: string) => ({ type: 'mrkdwn' as const, text });
const option = (text: string, value: string) => ({ text: plain(truncate(text, 75)), value });

export function needLabel(n: { category: string; description: string }): string {
  const category = isNeedCategory(n.category) ? NEED_CATEGORY_LABELS[n.category] : n.category;
  return `${category}: ${n.description}`;
}

const NEED_STATUS_WORDS = { open: 'open', being_addressed: 'being addressed', met: 'met' } as const;
const GOAL_STATUS_WORDS = { open: 'open', achieved: 'achieved', discontinued: 'discontinued' } as const;
const SERVICE_STATUS_WORDS = { active: 'active', completed: 'completed', discontinued: 'discontinued' } as const;

export interface PlanHeader {
  participantId: number;
  name: string;
  /** The reader may add and update plan items. */
  mayWrite: boolean;
  /** Active services whose catalog entry allows an extension (they get an *Extend* button). */
  extendableServiceIds?: ReadonlySet<number>;
}

/** Open items first (in id order), then closed ones; at most `limit`. */
function openFirst<T>(items: readonly T[], isOpen: (t: T) => boolean, limit: number): { shown: T[]; more: number } {
  const ordered = [...items.filter(isOpen), ...items.filter((t) => !isOpen(t))];
  return { shown: ordered.slice(0, limit), more: Math.max(0, ordered.length - limit) };
}

function needNames(plan: PlanView, ids: readonly number[]): string {
  const byId = new Map(plan.needs.map((n) => [n.id, n]));
  return ids.map((id) => byId.get(id)).filter((n) => !!n).map((n) => (isNeedCategory(n!.category) ? NEED_CATEGORY_LABELS[n!.category] : n!.category)).join(', ') || '—';
}

function versionLine(plan: PlanView): string {
  const v = plan.latestVersion;
  if (!v) return 'No plan version yet: add a need or a goal to start the plan.';
  const ack = v.acknowledgment
    ? `acknowledged by the participant (${escapeMrkdwn(v.acknowledgment.initials)}, ${displayDate(v.acknowledgment.date)}${v.acknowledgment.copyGiven ? ', copy given' : ''})`
    : '*awaiting the participant’s acknowledgment*';
  return `*Version ${v.versionNo}* · ${escapeMrkdwn(truncate(v.changeSummary, 200))} · ${ack}`;
}

function moreBlock(blockId: string, more: number, what: string): KnownBlock[] {
  return more > 0 ? [{ type: 'context', block_id: blockId, elements: [md(`…and ${more} more ${what} (all of them are in the printable copy).`)] }] : [];
}

function needText(n: Pick<PlanView['needs'][number], 'category' | 'description' | 'status' | 'metDate'>): string {
  const status = n.status === 'met' && n.metDate ? `met ${displayDate(n.metDate)}` : NEED_STATUS_WORDS[n.status];
  return `*${escapeMrkdwn(truncate(needLabel(n), 500))}* — ${status}`;
}

function goalText(g: PlanView['goals'][number]): string {
  const status = g.status === 'achieved' && g.achievedDate ? `achieved ${displayDate(g.achievedDate)}` : GOAL_STATUS_WORDS[g.status];
  const marks = [g.isEmployment ? 'employment goal' : null, g.isCmOutcome ? `case-management outcome ${g.outcomeQuarter ?? ''}`.trim() : null].filter((m) => m);
  return `*${g.term === 'long' ? 'Long-term' : 'Short-term'}:* ${escapeMrkdwn(truncate(g.specific, 600))}\nMeasure: ${escapeMrkdwn(truncate(g.measure, 400))} · by ${displayDate(g.targetDate)} · ${status}${marks.length ? ` · ${marks.join(' · ')}` : ''}`;
}

function assessmentLine(plan: PlanView, a: PlanView['assessments'][number]): string {
  const tool = a.tool === 'instrument' && a.instrumentName ? a.instrumentName : ASSESSMENT_TOOL_LABELS[a.tool];
  const found = plan.needs.filter((n) => n.assessmentId === a.id).length;
  return `• ${displayDate(a.assessmentDate)} · ${escapeMrkdwn(truncate(tool, 80))} — ${escapeMrkdwn(truncate(a.summary.replace(/\s+/g, ' '), 200))}${found ? ` · ${found} need${found === 1 ? '' : 's'} found` : ''}`;
}

function serviceText(plan: PlanView, s: PlanView['services'][number]): string {
  const provider = s.providerKind === 'partner' ? escapeMrkdwn(truncate(s.providerName ?? 'partner', 100)) : 'in house';
  const when = s.status === 'active' ? `${displayDate(s.startDate)} → ${displayDate(s.plannedEndDate)}` : `ended ${s.actualEndDate ? displayDate(s.actualEndDate) : '—'}`;
  const outcome = s.status !== 'active' ? ` · ${s.needMet ? 'met the need' : 'did not meet the need'}` : '';
  return `*${escapeMrkdwn(truncate(s.serviceName, 100))}* (${provider}) — ${SERVICE_STATUS_WORDS[s.status]}${outcome}\n${when} · for ${escapeMrkdwn(truncate(needNames(plan, s.needIds), 300))}`;
}

function referralText(plan: PlanView, r: PlanView['referrals'][number]): string {
  const review = FINAL_REFERRAL_STATUSES.includes(r.status) ? '' : ` · review by ${displayDate(r.reviewDate)}`;
  return `*${escapeMrkdwn(truncate(r.partnerName, 200))}* — ${r.status}\nSent ${displayDate(r.sentDate)}${review} · for ${escapeMrkdwn(truncate(needNames(plan, r.needIds), 300))}`;
}

/** The plan modal: summary, status of the latest version, and the buttons that push sub-modals. */
export function planModal(plan: PlanView, header: PlanHeader, privateMetadata: string): View {
  const value = String(header.participantId);
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: 'plan_who', text: md(`*${escapeMrkdwn(truncate(header.name, 300))}*\n${versionLine(plan)}`) },
  ];
  const button = (actionId: string, text: string, extra: { style?: 'primary' } = {}) => ({ type: 'button' as const, action_id: actionId, text: plain(text), value, ...extra });
  if (header.mayWrite) {
    blocks.push({
      type: 'actions',
      block_id: 'plan_add',
      elements: [
        button(ACTIONS.planAddNeed, 'Add a need'),
        button(ACTIONS.planAddGoal, 'Add a goal'),
        button(ACTIONS.planAddService, 'Add a service'),
        button(ACTIONS.planAddReferral, 'Add a referral'),
        button(ACTIONS.planAddAssessment, 'Add an assessment'),
      ],
    });
  }
  const versionButtons = [];
  if (header.mayWrite && plan.latestVersion && !plan.latestVersion.acknowledged) {
    versionButtons.push(button(ACTIONS.planAcknowledge, 'Record acknowledgment', { style: 'primary' }));
  }
  if (header.mayWrite && plan.latestVersion) versionButtons.push(button(ACTIONS.planReview, 'Mark plan reviewed'));
  versionButtons.push(button(ACTIONS.planPostSummary, 'Post summary to me'));
  if (plan.latestVersion) versionButtons.push(button(ACTIONS.planPrint, 'Print copy'));
  blocks.push({ type: 'actions', block_id: 'plan_version', elements: versionButtons });

  const openNeeds = plan.needs.filter((n) => n.status !== 'met').length;
  blocks.push({ type: 'header', block_id: 'plan_needs_header', text: plain(`Needs (${openNeeds} open of ${plan.needs.length})`) });
  if (plan.needs.length === 0) blocks.push({ type: 'context', block_id: 'plan_needs_none', elements: [md('No needs yet.')] });
  const needs = openFirst(plan.needs, (n) => n.status !== 'met', PLAN_ITEMS_PER_SECTION);
  for (const n of needs.shown) {
    blocks.push({
      type: 'section',
      block_id: `plan_need_${n.id}`,
      text: md(needText(n)),
      ...(header.mayWrite ? { accessory: { type: 'button' as const, action_id: ACTIONS.planNeedStatus, text: plain('Update status'), value: String(n.id) } } : {}),
    });
  }
  blocks.push(...moreBlock('plan_needs_more', needs.more, 'needs'));

  const openGoals = plan.goals.filter((g) => g.status === 'open').length;
  blocks.push({ type: 'header', block_id: 'plan_goals_header', text: plain(`Goals (${openGoals} open of ${plan.goals.length})`) });
  if (plan.goals.length === 0) blocks.push({ type: 'context', block_id: 'plan_goals_none', elements: [md('No goals yet.')] });
  const goals = openFirst(plan.goals, (g) => g.status === 'open', PLAN_ITEMS_PER_SECTION);
  for (const g of goals.shown) {
    blocks.push({
      type: 'section',
      block_id: `plan_goal_${g.id}`,
      text: md(goalText(g)),
      ...(header.mayWrite && g.status === 'open'
        ? { accessory: { type: 'button' as const, action_id: ACTIONS.planGoalStatus, text: plain('Update status'), value: String(g.id) } }
        : {}),
    });
  }
  blocks.push(...moreBlock('plan_goals_more', goals.more, 'goals'));

  const active = plan.services.filter((s) => s.status === 'active').length;
  blocks.push({ type: 'header', block_id: 'plan_services_header', text: plain(`Services (${active} active of ${plan.services.length})`) });
  if (plan.services.length === 0) blocks.push({ type: 'context', block_id: 'plan_services_none', elements: [md('No services yet.')] });
  const services = openFirst(plan.services, (s) => s.status === 'active', PLAN_ITEMS_PER_SECTION);
  for (const s of services.shown) {
    blocks.push({
      type: 'section',
      block_id: `plan_service_${s.id}`,
      text: md(serviceText(plan, s)),
      ...(header.mayWrite && s.status === 'active'
        ? { accessory: { type: 'button' as const, action_id: ACTIONS.planCompleteService, text: plain('Complete'), value: String(s.id) } }
        : {}),
    });
    if (header.mayWrite && s.status === 'active' && header.extendableServiceIds?.has(s.id)) {
      // A second button needs its own block; only the shown, extendable services get one.
      blocks.push({
        type: 'actions',
        block_id: `plan_service_extend_${s.id}`,
        elements: [{ type: 'button', action_id: ACTIONS.planExtendService, text: plain('Extend end date'), value: String(s.id) }],
      });
    }
  }
  blocks.push(...moreBlock('plan_services_more', services.more, 'services'));

  const openReferrals = plan.referrals.filter((r) => !FINAL_REFERRAL_STATUSES.includes(r.status)).length;
  blocks.push({ type: 'header', block_id: 'plan_referrals_header', text: plain(`Referrals (${openReferrals} open of ${plan.referrals.length})`) });
  if (plan.referrals.length === 0) blocks.push({ type: 'context', block_id: 'plan_referrals_none', elements: [md('No referrals yet.')] });
  const referrals = openFirst(plan.referrals, (r) => !FINAL_REFERRAL_STATUSES.includes(r.status), PLAN_ITEMS_PER_SECTION);
  for (const r of referrals.shown) {
    blocks.push({
      type: 'section',
      block_id: `plan_referral_${r.id}`,
      text: md(referralText(plan, r)),
      ...(header.mayWrite && !FINAL_REFERRAL_STATUSES.includes(r.status)
        ? { accessory: { type: 'button' as const, action_id: ACTIONS.planReferralStatus, text: plain('Update status'), value: String(r.id) } }
        : {}),
    });
  }
  blocks.push(...moreBlock('plan_referrals_more', referrals.more, 'referrals'));

  blocks.push({ type: 'header', block_id: 'plan_assessments_header', text: plain(`Assessments (${plan.assessments.length})`) });
  if (plan.assessments.length === 0) {
    blocks.push({ type: 'context', block_id: 'plan_assessments_none', elements: [md('No assessments yet.')] });
  } else {
    const newest = [...plan.assessments].reverse();
    const shown = newest.slice(0, PLAN_ASSESSMENTS_SHOWN).map((a) => assessmentLine(plan, a));
    const more = newest.length - shown.length;
    blocks.push({ type: 'section', block_id: 'plan_assessments', text: md(truncate([...shown, ...(more > 0 ? [`…and ${more} earlier`] : [])].join('\n'), 3000)) });
  }

  return {
    type: 'modal',
    callback_id: VIEWS.plan,
    title: plain('Plan'),
    close: plain('Close'),
    private_metadata: privateMetadata,
    blocks,
  };
}

/** The plan as a private message: one section per part, items as short lines. */
export function planSummaryBlocks(plan: PlanView, name: string): KnownBlock[] {
  const list = <T>(items: readonly T[], isOpen: (t: T) => boolean, line: (t: T) => string) => {
    const { shown, more } = openFirst(items, isOpen, SUMMARY_ITEMS_PER_SECTION);
    if (shown.length === 0) return '—';
    return truncate([...shown.map((t) => `• ${line(t)}`), ...(more ? [`…and ${more} more`] : [])].join('\n'), 2900);
  };
  const section = (id: string, title: string, body: string): KnownBlock => ({ type: 'section', block_id: id, text: md(truncate(`*${title}*\n${body}`, 3000)) });
  return [
    section('plan_summary_who', `Plan for ${escapeMrkdwn(truncate(name, 200))}`, versionLine(plan)),
    section('plan_summary_needs', 'Needs', list(plan.needs, (n) => n.status !== 'met', (n) => `${escapeMrkdwn(truncate(needLabel(n), 150))} — ${NEED_STATUS_WORDS[n.status]}`)),
    section('plan_summary_goals', 'Goals', list(plan.goals, (g) => g.status === 'open', (g) => `${escapeMrkdwn(truncate(g.specific, 150))} — by ${displayDate(g.targetDate)}, ${GOAL_STATUS_WORDS[g.status]}`)),
    section('plan_summary_services', 'Services', list(plan.services, (s) => s.status === 'active', (s) => `${escapeMrkdwn(truncate(s.serviceName, 80))} — ${SERVICE_STATUS_WORDS[s.status]}`)),
    section('plan_summary_referrals', 'Referrals', list(plan.referrals, (r) => !FINAL_REFERRAL_STATUSES.includes(r.status), (r) => `${escapeMrkdwn(truncate(r.partnerName, 80))} — ${r.status}`)),
  ];
}

export function planSummaryText(name: string): string {
  return `Plan for ${name}`;
}

// ---------------------------------------------------------------------------------- sub-modals

function subModal(callbackId: string, title: string, submit: string | null, privateMetadata: string, blocks: KnownBlock[]): View {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(title),
    ...(submit ? { submit: plain(submit) } : {}),
    close: plain(submit ? 'Back' : 'Close'),
    private_metadata: privateMetadata,
    blocks,
  };
}

function who(name: string): KnownBlock {
  return { type: 'section', block_id: 'plan_sub_who', text: md(`*${escapeMrkdwn(truncate(name, 300))}*`) };
}

const textInput = (blockId: string, label: string, opts: { optional?: boolean; multiline?: boolean; max?: number; hint?: string; initial?: string } = {}): KnownBlock => ({
  type: 'input',
  block_id: blockId,
  label: plain(label),
  optional: opts.optional ?? false,
  ...(opts.hint ? { hint: plain(opts.hint) } : {}),
  element: {
    type: 'plain_text_input',
    action_id: 'value',
    max_length: opts.max ?? 1000,
    ...(opts.multiline ? { multiline: true } : {}),
    ...(opts.initial ? { initial_value: opts.initial } : {}),
  },
});
const dateInput = (blockId: string, label: string, initial: string | null, opts: { optional?: boolean; hint?: string } = {}): KnownBlock => ({
  type: 'input',
  block_id: blockId,
  label: plain(label),
  optional: opts.optional ?? false,
  ...(opts.hint ? { hint: plain(opts.hint) } : {}),
  element: { type: 'datepicker', action_id: 'value', ...(initial ? { initial_date: initial } : {}) },
});
const radios = (blockId: string, label: string, choices: ReadonlyArray<readonly [string, string]>, opts: { optional?: boolean; initial?: string } = {}): KnownBlock => {
  const options = choices.map(([value, text]) => option(text, value));
  const initial = options.find((o) => o.value === opts.initial);
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    optional: opts.optional ?? false,
    element: { type: 'radio_buttons', action_id: 'value', options, ...(initial ? { initial_option: initial } : {}) },
  };
};

export interface NeedOption {
  id: number;
  category: string;
  description: string;
}

function needsInput(blockId: string, label: string, needs: readonly NeedOption[], hint: string): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    // Optional in Slack so that a submission without a need reaches Tickler and is answered in plain words.
    optional: true,
    hint: plain(hint),
    element: {
      type: 'multi_static_select',
      action_id: 'value',
      placeholder: plain('Pick the needs'),
      options: needs.slice(0, MAX_OPTIONS).map((n) => option(needLabel(n), String(n.id))),
    },
  };
}

function noNeedsBlock(what: string): KnownBlock {
  return { type: 'section', block_id: 'plan_no_open_need', text: md(`Every ${what} answers a documented need, and this plan has no need that is not met yet. Add the need first.`) };
}

export interface DocumentChoice {
  assessments: Array<{ id: number; date: string; tool: string }>;
  notes: Array<{ id: number; date: string; subject: string }>;
}

export const NEED_SOURCE_CHOICES = [
  ['emergent', 'Emerged during case management (a note)'],
  ['assessment', 'Found in an assessment'],
  ['irt', 'IRT meeting (its outcome note)'],
] as const;

export function needModal(name: string, docs: DocumentChoice, privateMetadata: string): View {
  const groups = [
    ...(docs.assessments.length
      ? [{ label: plain('Assessments'), options: docs.assessments.slice(0, 50).map((a) => option(`${displayDate(a.date)} · ${a.tool}`, `a:${a.id}`)) }]
      : []),
    ...(docs.notes.length ? [{ label: plain('Case notes'), options: docs.notes.slice(0, 50).map((n) => option(`${displayDate(n.date)} · ${n.subject}`, `n:${n.id}`)) }] : []),
  ];
  if (groups.length === 0) {
    return subModal(VIEWS.planNeed, 'Add a need', null, privateMetadata, [
      who(name),
      { type: 'section', block_id: 'plan_need_undocumented', text: md('A need on the plan is documented by a case note or an assessment. Log the note first, then add the need.') },
    ]);
  }
  return subModal(VIEWS.planNeed, 'Add a need', 'Add need', privateMetadata, [
    who(name),
    {
      type: 'input',
      block_id: NEED_BLOCKS.category,
      label: plain('Category'),
      element: { type: 'static_select', action_id: 'value', options: NEED_CATEGORIES.map((c) => option(NEED_CATEGORY_LABELS[c], c)) },
    },
    textInput(NEED_BLOCKS.description, 'The need', { multiline: true, hint: 'What the participant needs, in plain words (for mental health, only that services are needed).' }),
    radios(NEED_BLOCKS.source, 'Where it came from', NEED_SOURCE_CHOICES, { initial: 'emergent' }),
    {
      type: 'input',
      block_id: NEED_BLOCKS.document,
      label: plain('Documented by'),
      element: { type: 'static_select', action_id: 'value', placeholder: plain('Pick the note or assessment'), option_groups: groups },
    },
    textInput(NEED_BLOCKS.impact, 'How it affects progress toward the goal', { optional: true, multiline: true, hint: 'Required for a need that emerged during case management.' }),
  ]);
}

export function goalModal(name: string, longTermGoals: Array<{ id: number; specific: string }>, today: string, privateMetadata: string): View {
  return subModal(VIEWS.planGoal, 'Add a SMART goal', 'Add goal', privateMetadata, [
    who(name),
    radios(GOAL_BLOCKS.term, 'Term', [['long', 'Long-term'], ['short', 'Short-term']], { initial: 'short' }),
    ...(longTermGoals.length
      ? [
          {
            type: 'input' as const,
            block_id: GOAL_BLOCKS.parent,
            label: plain('Step toward long-term goal'),
            optional: true,
            element: { type: 'static_select' as const, action_id: 'value', options: longTermGoals.slice(0, MAX_OPTIONS).map((g) => option(g.specific, String(g.id))) },
          },
        ]
      : []),
    textInput(GOAL_BLOCKS.specific, 'Specific: what the participant will achieve', { multiline: true }),
    textInput(GOAL_BLOCKS.measure, 'Measurable: how achievement is measured'),
    textInput(GOAL_BLOCKS.attainableRelevant, 'Attainable and relevant: why', { multiline: true }),
    dateInput(GOAL_BLOCKS.targetDate, 'Time-bound: target date', null, { hint: `Today or later (today is ${displayDate(today)}).` }),
    {
      type: 'input',
      block_id: GOAL_BLOCKS.employment,
      label: plain('Employment'),
      optional: true,
      hint: plain('Refugee programs report employment as a job placement, never as a case-management outcome.'),
      element: { type: 'checkboxes', action_id: 'value', options: [option('This is an employment goal (getting or keeping a job)', 'yes')] },
    },
  ]);
}

export function serviceModal(
  name: string,
  catalog: Array<{ enrollmentId: number; profile: ProgramProfile }>,
  openNeeds: readonly NeedOption[],
  today: string,
  privateMetadata: string,
): View {
  if (openNeeds.length === 0) return subModal(VIEWS.planService, 'Add a service', null, privateMetadata, [who(name), noNeedsBlock('service')]);
  let budget = MAX_OPTIONS;
  const groups = catalog
    .map(({ enrollmentId, profile }) => {
      const options = profile.services.slice(0, budget).map((s) => option(s.name, `${enrollmentId}:${s.code}`));
      budget -= options.length;
      return { label: plain(truncate(profile.shortName ?? profile.name, 75)), options };
    })
    .filter((g) => g.options.length > 0);
  const serviceElement =
    groups.length === 1
      ? { type: 'static_select' as const, action_id: 'value', placeholder: plain('Pick from the catalog'), options: groups[0]!.options }
      : { type: 'static_select' as const, action_id: 'value', placeholder: plain('Pick from the catalog'), option_groups: groups };
  return subModal(VIEWS.planService, 'Add a service', 'Add service', privateMetadata, [
    who(name),
    { type: 'input', block_id: SERVICE_BLOCKS.service, label: plain('Service'), element: serviceElement },
    needsInput(SERVICE_BLOCKS.needs, 'Needs it answers', openNeeds, 'Every service answers at least one documented need that is not met yet.'),
    radios(SERVICE_BLOCKS.providerKind, 'Provided by', [['in_house', 'In house'], ['partner', 'A partner']], { initial: 'in_house' }),
    textInput(SERVICE_BLOCKS.providerName, 'Partner', { optional: true, max: 200, hint: 'Required when a partner provides the service.' }),
    dateInput(SERVICE_BLOCKS.startDate, 'Start date', today),
    dateInput(SERVICE_BLOCKS.plannedEnd, 'Planned end', null, { optional: true, hint: 'Leave empty for the program’s default length.' }),
  ]);
}

export function completeServiceModal(name: string, service: { serviceName: string; startDate: string; needs: string }, today: string, privateMetadata: string): View {
  return subModal(VIEWS.planServiceComplete, 'Complete a service', 'Save outcome', privateMetadata, [
    who(name),
    { type: 'section', block_id: 'plan_service_summary', text: md(`*${escapeMrkdwn(truncate(service.serviceName, 100))}* · started ${displayDate(service.startDate)}\nFor ${escapeMrkdwn(truncate(service.needs, 800))}`) },
    dateInput(COMPLETE_BLOCKS.endDate, 'End date', today),
    radios(COMPLETE_BLOCKS.status, 'How it ended', [['completed', 'Completed'], ['discontinued', 'Stopped early']], { initial: 'completed' }),
    radios(COMPLETE_BLOCKS.needMet, 'Did it meet the need?', [['yes', 'Yes, the need is met'], ['no', 'No']]),
    textInput(COMPLETE_BLOCKS.outcome, 'Outcome', { multiline: true }),
  ]);
}

export function referralModal(name: string, openNeeds: readonly NeedOption[], today: string, privateMetadata: string): View {
  if (openNeeds.length === 0) return subModal(VIEWS.planReferral, 'Add a referral', null, privateMetadata, [who(name), noNeedsBlock('referral')]);
  return subModal(VIEWS.planReferral, 'Add a referral', 'Add referral', privateMetadata, [
    who(name),
    textInput(REFERRAL_BLOCKS.partner, 'Partner or community service', { max: 200 }),
    needsInput(REFERRAL_BLOCKS.needs, 'Needs it answers', openNeeds, 'Every referral answers at least one documented need that is not met yet.'),
    dateInput(REFERRAL_BLOCKS.sentDate, 'Date sent', today),
    dateInput(REFERRAL_BLOCKS.reviewDate, 'Review by', null, { optional: true, hint: 'Leave empty for 30 days after it was sent.' }),
  ]);
}

const NEXT_REFERRAL_STATUS: Record<ReferralStatus, ReadonlyArray<readonly [string, string]>> = {
  sent: [['accepted', 'Accepted'], ['completed', 'Completed'], ['declined', 'Declined']],
  accepted: [['completed', 'Completed'], ['declined', 'Declined']],
  completed: [],
  declined: [],
};

export function referralStatusModal(name: string, referral: { partnerName: string; status: ReferralStatus; sentDate: string }, today: string, privateMetadata: string): View {
  const choices = NEXT_REFERRAL_STATUS[referral.status];
  const intro: KnownBlock = { type: 'section', block_id: 'plan_referral_summary', text: md(`*${escapeMrkdwn(truncate(referral.partnerName, 200))}* — ${referral.status} · sent ${displayDate(referral.sentDate)}`) };
  if (choices.length === 0) return subModal(VIEWS.planReferralStatus, 'Referral status', null, privateMetadata, [who(name), intro]);
  return subModal(VIEWS.planReferralStatus, 'Referral status', 'Save status', privateMetadata, [
    who(name),
    intro,
    radios(REFERRAL_STATUS_BLOCKS.status, 'New status', choices),
    dateInput(REFERRAL_STATUS_BLOCKS.date, 'Date', today),
    textInput(REFERRAL_STATUS_BLOCKS.outcome, 'Outcome', { optional: true, multiline: true, hint: 'Required when the referral is completed.' }),
    radios(REFERRAL_STATUS_BLOCKS.needMet, 'Completed: did it meet the need?', [['yes', 'Yes, the need is met'], ['no', 'No']], { optional: true }),
    dateInput(REFERRAL_STATUS_BLOCKS.reviewDate, 'Next review', null, { optional: true, hint: 'While the referral is still open.' }),
  ]);
}

export function acknowledgeModal(name: string, version: { versionNo: number; changeSummary: string }, today: string, privateMetadata: string): View {
  return subModal(VIEWS.planAcknowledge, 'Acknowledgment', 'Record', privateMetadata, [
    who(name),
    { type: 'section', block_id: 'plan_ack_version', text: md(`The participant initials and dates *version ${version.versionNo}* of the plan (${escapeMrkdwn(truncate(version.changeSummary, 300))}).`) },
    textInput(ACK_BLOCKS.initials, 'Participant’s initials', { max: 10 }),
    dateInput(ACK_BLOCKS.date, 'Date initialed', today),
    radios(ACK_BLOCKS.copyGiven, 'Copy given to the participant?', [['yes', 'Yes'], ['no', 'No']], { initial: 'yes' }),
  ]);
}

export function reviewModal(name: string, privateMetadata: string): View {
  return subModal(VIEWS.planReview, 'Plan review', 'Mark reviewed', privateMetadata, [
    who(name),
    {
      type: 'input',
      block_id: REVIEW_BLOCKS.confirm,
      label: plain('Review'),
      element: { type: 'checkboxes', action_id: 'value', options: [option('I reviewed the plan with the participant today', 'yes')] },
    },
  ]);
}

export const NO_PLAN_VERSION_TEXT = 'This participant has no plan version yet: add a need or a goal first.';

// ------------------------------------------------------------------- rest of the plan's forms

const noteOptions = (notes: DocumentChoice['notes']) => notes.slice(0, 50).map((n) => option(`${displayDate(n.date)} · ${n.subject}`, String(n.id)));

export function assessmentModal(name: string, notes: DocumentChoice['notes'], today: string, privateMetadata: string): View {
  const rows: KnownBlock[] = [];
  for (let i = 0; i < ASSESSMENT_NEED_ROWS; i++) {
    const ids = assessmentNeedBlocks(i);
    rows.push(
      {
        type: 'input',
        block_id: ids.category,
        label: plain(`Need ${i + 1}: category`),
        optional: true,
        element: { type: 'static_select', action_id: 'value', placeholder: plain('Pick a category'), options: NEED_CATEGORIES.map((c) => option(NEED_CATEGORY_LABELS[c], c)) },
      },
      textInput(ids.description, `Need ${i + 1}: what the participant needs`, { optional: true, max: 1000 }),
    );
  }
  return subModal(VIEWS.planAssessment, 'Add an assessment', 'Add assessment', privateMetadata, [
    who(name),
    dateInput(ASSESSMENT_BLOCKS.date, 'Date of the assessment', today),
    radios(
      ASSESSMENT_BLOCKS.tool,
      'How the participant was assessed',
      ASSESSMENT_TOOLS.map((t) => [t, ASSESSMENT_TOOL_LABELS[t]] as const),
    ),
    textInput(ASSESSMENT_BLOCKS.instrument, 'Name of the instrument', { optional: true, max: 200, hint: 'Required for another named instrument, e.g. TABE or the O*NET Interest Profiler.' }),
    textInput(ASSESSMENT_BLOCKS.summary, 'Summary of results', { multiline: true, max: 3000 }),
    ...(notes.length
      ? [
          {
            type: 'input' as const,
            block_id: ASSESSMENT_BLOCKS.note,
            label: plain('Documented in case note'),
            optional: true,
            element: { type: 'static_select' as const, action_id: 'value', placeholder: plain('Pick the note'), options: noteOptions(notes) },
          },
        ]
      : []),
    {
      type: 'section',
      block_id: 'assessment_needs_intro',
      text: md('*Needs found* (optional): each stays on the plan until it is met. Add more later with *Add a need*, documented by this assessment.'),
    },
    ...rows,
  ]);
}

export interface ExtendableService {
  serviceName: string;
  startDate: string;
  plannedEndDate: string;
  status: 'active' | 'completed' | 'discontinued';
  extensions: number;
}

/** *Extend* for an active service the catalog lets run longer; anything else gets the reason and no submit button. */
export function extendServiceModal(name: string, service: ExtendableService, extendable: boolean, privateMetadata: string): View {
  const intro: KnownBlock = {
    type: 'section',
    block_id: 'plan_extend_summary',
    text: md(
      `*${escapeMrkdwn(truncate(service.serviceName, 100))}* · started ${displayDate(service.startDate)} · planned end ${displayDate(service.plannedEndDate)}` +
        (service.extensions ? ` · extended ${service.extensions} time${service.extensions === 1 ? '' : 's'} before` : ''),
    ),
  };
  if (service.status !== 'active' || !extendable) {
    const why = service.status !== 'active' ? 'This service has ended, so it cannot be extended.' : 'This service cannot be extended in the participant’s program: its length is fixed by the program’s catalog.';
    return subModal(VIEWS.planServiceExtend, 'Extend a service', null, privateMetadata, [who(name), intro, { type: 'section', block_id: 'plan_extend_refused', text: md(why) }]);
  }
  return subModal(VIEWS.planServiceExtend, 'Extend a service', 'Extend', privateMetadata, [
    who(name),
    intro,
    dateInput(EXTEND_BLOCKS.newEnd, 'New planned end', null, { hint: `After the current planned end (${displayDate(service.plannedEndDate)}).` }),
    textInput(EXTEND_BLOCKS.reason, 'Reason for the extension', { multiline: true }),
  ]);
}

const NEED_STATUS_CHOICES = [
  ['open', 'Open'],
  ['being_addressed', 'Being addressed'],
  ['met', 'Met'],
] as const;

export function needStatusModal(name: string, need: { category: string; description: string; status: NeedStatus; metDate: string | null }, today: string, privateMetadata: string): View {
  return subModal(VIEWS.planNeedStatus, 'Need status', 'Save status', privateMetadata, [
    who(name),
    { type: 'section', block_id: 'plan_need_summary', text: md(needText(need)) },
    radios(NEED_STATUS_BLOCKS.status, 'Status', NEED_STATUS_CHOICES, { initial: need.status }),
    dateInput(NEED_STATUS_BLOCKS.metDate, 'Date the need was met', need.metDate ?? today, { optional: true, hint: 'Only when the need is met.' }),
  ]);
}

export interface GoalStatusFacts {
  term: 'long' | 'short';
  specific: string;
  targetDate: string;
  isEmployment: boolean;
}

export interface OutcomeRules {
  /** One case-management outcome per participant per quarter (refugee QPR). */
  oneOutcomePerQuarter: boolean;
  /** False in refugee programs: employment goals are reported as job placements. */
  employmentCounts: boolean;
}

export function goalStatusModal(name: string, goal: GoalStatusFacts, rules: OutcomeRules, today: string, privateMetadata: string): View {
  const hint = [
    'Reported in the federal fiscal quarter of the date achieved.',
    rules.oneOutcomePerQuarter ? 'Only one outcome per participant per quarter is reportable.' : null,
    !rules.employmentCounts ? 'Employment goals are reported as job placements, not as outcomes.' : null,
  ]
    .filter((x) => x)
    .join(' ');
  return subModal(VIEWS.planGoalStatus, 'Goal status', 'Save status', privateMetadata, [
    who(name),
    {
      type: 'section',
      block_id: 'plan_goal_summary',
      text: md(
        `*${goal.term === 'long' ? 'Long-term' : 'Short-term'}:* ${escapeMrkdwn(truncate(goal.specific, 800))}\nTarget ${displayDate(goal.targetDate)}${goal.isEmployment ? ' · employment goal' : ''}`,
      ),
    },
    radios(GOAL_STATUS_BLOCKS.status, 'The goal is', [['achieved', 'Achieved'], ['discontinued', 'Discontinued']]),
    dateInput(GOAL_STATUS_BLOCKS.achievedDate, 'Date achieved', today, { optional: true, hint: 'Only when the goal is achieved.' }),
    {
      type: 'input',
      block_id: GOAL_STATUS_BLOCKS.cmOutcome,
      label: plain('Case-management outcome'),
      optional: true,
      hint: plain(hint),
      element: { type: 'checkboxes', action_id: 'value', options: [option('Record the achievement as a case-management outcome', 'yes')] },
    },
  ]);
}
