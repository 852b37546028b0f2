// Block Kit for participants: pure functions of data, no Slack calls, no policy decisions.
import type { InputBlock, KnownBlock, PlainTextInput, View } from '@slack/types';
import { displayDate } from '../../domain/dates';
import type { ProfileId, ProgramProfile } from '../../domain/profiles';
import { escapeMrkdwn, truncate } from '../../domain/text';
import type { ParticipantCard, ParticipantSummary } from '../../db/participants';
import { ACTIONS, VIEWS } from '../ids';

export const CONTACT_METHODS = [
  { value: 'phone', label: 'Phone call' },
  { value: 'text', label: 'Text message' },
  { value: 'email', label: 'Email' },
  { value: 'mail', label: 'Mail' },
  { value: 'face_to_face', label: 'In person' },
  { value: 'video', label: 'Video call' },
] as const;

export const ENROLL_BLOCKS = {
  fullName: 'full_name',
  preferredName: 'preferred_name',
  language: 'preferred_language',
  interpreter: 'interpreter',
  programPrefix: 'program_',
  misId: 'mis_id',
  phone: 'phone',
  email: 'email',
  contactMethod: 'contact_method',
  caseManager: 'case_manager',
  otherStaff: 'other_staff',
} as const;

export const STATUS_BLOCKS = { reason: 'reason', date: 'effective_date' } as const;
export const REASSIGN_BLOCKS = { caseManager: 'new_case_manager' } as const;

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const md = (text: string) => ({ type: 'mrkdwn' as const, text });

export function displayName(p: { fullName: string; preferredName: string | null }): string {
  return p.preferredName && p.preferredName !== p.fullName ? `${p.fullName} (${p.preferredName})` : p.fullName;
}

function contactMethodLabel(value: string): string {
  return CONTACT_METHODS.find((m) => m.value === value)?.label ?? value;
}

export interface CardExtras {
  lastContact?: { interactionDate: string; method: string } | null;
  lastAttempt?: { interactionDate: string; method: string } | null;
}

export function participantCardBlocks(card: ParticipantCard, profiles: Record<ProfileId, ProgramProfile>, extras: CardExtras = {}): KnownBlock[] {
  const p = card.participant;
  const primary = card.staff.filter((s) => s.role === 'primary');
  const others = card.staff.filter((s) => s.role === 'secondary');
  const programs = card.enrollments
    .map((e) => `${escapeMrkdwn(profiles[e.profileId as ProfileId]?.name ?? e.profileId)} — enrolled ${displayDate(e.enrollmentDate)}`)
    .join('\n');
  const status =
    p.status === 'active'
      ? `Active since ${displayDate(p.statusDate)}`
      : `Closed ${displayDate(p.statusDate)}${card.latestStatusChange ? ` — ${escapeMrkdwn(truncate(card.latestStatusChange.reason, 300))}` : ''}`;
  const fields = [
    md(`*Status*\n${status}`),
    md(`*Case manager*\n${primary.map((s) => `<@${s.staffId}>`).join(', ') || '—'}`),
    md(`*Programs*\n${truncate(programs || '—', 1900)}`),
    md(`*Language*\n${escapeMrkdwn(truncate(p.preferredLanguage, 100))}${p.interpreterNeeded ? ' · interpreter needed' : ''}`),
    md(`*Preferred contact*\n${contactMethodLabel(p.preferredContactMethod)}`),
  ];
  if (extras.lastContact !== undefined) {
    const contact = extras.lastContact ? `${displayDate(extras.lastContact.interactionDate)} (${contactMethodLabel(extras.lastContact.method).toLowerCase()})` : 'None yet';
    const attempt = extras.lastAttempt ? `\nLast attempt ${displayDate(extras.lastAttempt.interactionDate)}` : '';
    fields.push(md(`*Last contact*\n${contact}${attempt}`));
  }
  if (others.length) fields.push(md(`*Also assigned*\n${others.map((s) => `<@${s.staffId}>`).join(', ')}`));
  if (p.misId) fields.push(md(`*State MIS id*\n${escapeMrkdwn(p.misId)}`));
  const reach = [p.phone, p.email].filter(Boolean).map((v) => escapeMrkdwn(v!)).join(' · ');
  if (reach) fields.push(md(`*Phone / email*\n${truncate(reach, 1900)}`));

  const buttons = [];
  const value = String(p.id);
  if (card.may.write) {
    buttons.push({ type: 'button' as const, action_id: ACTIONS.logNote, text: plain('Log a note'), value, style: 'primary' as const });
    buttons.push({ type: 'button' as const, action_id: ACTIONS.planOpen, text: plain('Plan'), value });
    buttons.push({ type: 'button' as const, action_id: ACTIONS.irtStart, text: plain('Plan IRT meeting'), value });
    buttons.push({ type: 'button' as const, action_id: ACTIONS.releasesOpen, text: plain('Releases'), value });
  }
  if (card.may.write && p.status === 'active') {
    buttons.push({ type: 'button' as const, action_id: ACTIONS.closeCase, text: plain('Close case'), value });
  }
  if (card.may.write && p.status === 'closed') {
    buttons.push({ type: 'button' as const, action_id: ACTIONS.reopenCase, text: plain('Reopen case'), value });
  }
  if (card.may.reassign) {
    buttons.push({ type: 'button' as const, action_id: ACTIONS.reassign, text: plain('Reassign'), value });
  }
  const blocks: KnownBlock[] = [
    { type: 'header', block_id: 'card_header', text: plain(truncate(displayName(p), 150)) },
    { type: 'section', block_id: 'card_fields', fields },
  ];
  if (buttons.length) blocks.push({ type: 'actions', block_id: `card_actions_${p.id}`, elements: buttons });
  return blocks;
}

export function participantCardText(card: ParticipantCard): string {
  return `Participant: ${displayName(card.participant)}`;
}

export const NOT_AVAILABLE_TEXT = 'That participant’s file is not available to you.';

export function notAvailableModal(): View {
  return {
    type: 'modal',
    callback_id: VIEWS.card,
    title: plain('Participant'),
    close: plain('Close'),
    blocks: [{ type: 'section', block_id: 'not_available', text: md(NOT_AVAILABLE_TEXT) }],
  };
}

export function participantPicker(blockId: string, placeholder = 'Find a participant…') {
  return {
    type: 'actions' as const,
    block_id: blockId,
    elements: [
      {
        type: 'external_select' as const,
        action_id: ACTIONS.participantSearch,
        placeholder: plain(placeholder),
        min_query_length: 0,
      },
      { type: 'button' as const, action_id: ACTIONS.enrollStart, text: plain('Enroll a participant'), value: 'new' },
    ],
  };
}

export function searchOption(p: ParticipantSummary) {
  const label = truncate(`${displayName(p)}${p.status === 'closed' ? ' · closed' : ''}`, 75);
  return {
    text: plain(label),
    value: String(p.id),
    ...(p.misId ? { description: plain(truncate(`MIS ${p.misId}`, 75)) } : {}),
  };
}

export const MAX_PICK_LIST = 10;

export function pickListBlocks(query: string, matches: ParticipantSummary[], more: boolean): KnownBlock[] {
  return [
    { type: 'section', block_id: 'pick_intro', text: md(`Several participants match “${escapeMrkdwn(truncate(query, 200))}”. Which one?`) },
    ...matches.map(
      (m): KnownBlock => ({
        type: 'section',
        block_id: `pick_${m.id}`,
        text: md(`*${escapeMrkdwn(truncate(displayName(m), 500))}*${m.status === 'closed' ? ' · closed' : ''}${m.misId ? ` · MIS ${escapeMrkdwn(m.misId)}` : ''}`),
        accessory: { type: 'button', action_id: ACTIONS.openCard, text: plain('Open'), value: String(m.id) },
      }),
    ),
    ...(more ? [{ type: 'context' as const, block_id: 'pick_more', elements: [md('More match — type more of the name to narrow it down.')] }] : []),
  ];
}

export function noMatchBlocks(query: string): KnownBlock[] {
  return [
    {
      type: 'section',
      block_id: 'no_match',
      text: md(`No participant you can see matches “${escapeMrkdwn(truncate(query, 200))}”.`),
      accessory: { type: 'button', action_id: ACTIONS.enrollStart, text: plain('Enroll a participant'), value: query.slice(0, 200) },
    },
  ];
}

export function participantHelpBlocks(): KnownBlock[] {
  return [
    {
      type: 'section',
      block_id: 'participant_help',
      text: md('*`/participant new`* enrolls someone · *`/participant maria`* opens a card (name, preferred name or MIS id).'),
    },
    participantPicker('participant_help_picker'),
  ];
}

export interface EnrollDefaults {
  fullName?: string;
  caseManagerId: string;
  today: string;
}

export function enrollModal(profiles: Record<ProfileId, ProgramProfile>, defaults: EnrollDefaults, privateMetadata: string): View {
  const input = (blockId: string, label: string, element: InputBlock['element'], opts: { optional?: boolean; hint?: string } = {}): KnownBlock => ({
      type: 'input',
      block_id: blockId,
      label: plain(label),
      optional: opts.optional ?? false,
      ...(opts.hint ? { hint: plain(opts.hint) } : {}),
    element,
  });
  const text = (actionId: string, maxLength: number, extra: Partial<PlainTextInput> = {}): PlainTextInput => ({
    type: 'plain_text_input',
    action_id: actionId,
    max_length: maxLength,
    ...extra,
  });
  const programBlocks = (Object.values(profiles) as ProgramProfile[]).map((profile, i) =>
    input(`${ENROLL_BLOCKS.programPrefix}${profile.id}`, `${profile.name} — enrollment date`, { type: 'datepicker', action_id: 'date' }, {
      optional: true,
      ...(i === 0 ? { hint: 'Pick the enrollment date of each program the participant is enrolled in (at least one).' } : {}),
    }),
  );
  return {
    type: 'modal',
    callback_id: VIEWS.enroll,
    title: plain('Enroll a participant'),
    submit: plain('Enroll'),
    close: plain('Cancel'),
    private_metadata: privateMetadata,
    blocks: [
      input(ENROLL_BLOCKS.fullName, 'Full name', text('value', 200, defaults.fullName ? { initial_value: defaults.fullName } : {})),
      input(ENROLL_BLOCKS.preferredName, 'Preferred name', text('value', 100), { optional: true }),
      input(ENROLL_BLOCKS.language, 'Preferred language', text('value', 100, { initial_value: 'English' })),
      input(
        ENROLL_BLOCKS.interpreter,
        'Interpreter',
        { type: 'checkboxes', action_id: 'value', options: [{ text: plain('An interpreter is needed'), value: 'yes' }] },
        { optional: true },
      ),
      ...programBlocks,
      input(ENROLL_BLOCKS.misId, 'State MIS id', text('value', 40), { optional: true }),
      input(ENROLL_BLOCKS.phone, 'Phone', text('value', 30), { optional: true }),
      input(ENROLL_BLOCKS.email, 'Email', { type: 'email_text_input', action_id: 'value' }, { optional: true }),
      input(ENROLL_BLOCKS.contactMethod, 'Preferred contact method', {
        type: 'static_select',
        action_id: 'value',
        options: CONTACT_METHODS.map((m) => ({ text: plain(m.label), value: m.value })),
      }),
      input(ENROLL_BLOCKS.caseManager, 'Case manager', { type: 'users_select', action_id: 'value', initial_user: defaults.caseManagerId }),
      input(ENROLL_BLOCKS.otherStaff, 'Other assigned staff', { type: 'multi_users_select', action_id: 'value' }, {
        optional: true,
        hint: 'For example a worker for another program the participant is co-enrolled in.',
      }),
    ],
  };
}

export function statusChangeModal(kind: 'close' | 'reopen', name: string, today: string, privateMetadata: string): View {
  return {
    type: 'modal',
    callback_id: kind === 'close' ? VIEWS.closeCase : VIEWS.reopenCase,
    title: plain(kind === 'close' ? 'Close case' : 'Reopen case'),
    submit: plain(kind === 'close' ? 'Close case' : 'Reopen case'),
    close: plain('Cancel'),
    private_metadata: privateMetadata,
    blocks: [
      { type: 'section', block_id: 'who', text: md(`*${escapeMrkdwn(truncate(name, 2900))}*`) },
      {
        type: 'input',
        block_id: STATUS_BLOCKS.reason,
        label: plain(kind === 'close' ? 'Why is the case closing?' : 'Why is the case reopening?'),
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 1000 },
      },
      {
        type: 'input',
        block_id: STATUS_BLOCKS.date,
        label: plain(kind === 'close' ? 'Closing date' : 'Reopening date'),
        element: { type: 'datepicker', action_id: 'value', initial_date: today },
      },
    ],
  };
}

export function reassignModal(name: string, currentPrimaryId: string | undefined, privateMetadata: string): View {
  return {
    type: 'modal',
    callback_id: VIEWS.reassign,
    title: plain('Reassign'),
    submit: plain('Reassign'),
    close: plain('Cancel'),
    private_metadata: privateMetadata,
    blocks: [
      { type: 'section', block_id: 'who', text: md(`*${escapeMrkdwn(truncate(name, 2900))}*${currentPrimaryId ? `\nNow with <@${currentPrimaryId}>` : ''}`) },
      {
        type: 'input',
        block_id: REASSIGN_BLOCKS.caseManager,
        label: plain('New case manager'),
        element: { type: 'users_select', action_id: 'value' },
      },
    ],
  };
}
