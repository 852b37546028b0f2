// Block Kit for IRT meetings: the planning modal, the planning thread (parent message, slots
// with availability buttons, confirmation), private notes to the organizer, the DMs to
// attendees and the reminders. Pure functions of data: what may be shown (the participant's
// name or only logistics) is decided before these are called and passed in as `name`.
import type { ActionsBlock, Button, KnownBlock, SectionBlock, View } from '@slack/types';
import { IRT_CALLER_LABELS, IRT_CALLERS, IRT_LOCATION_KIND_LABELS, IRT_LOCATION_KINDS, IRT_REASON_LABELS, IRT_REASONS, formatSlotFor, type SlotTally } from '../../domain/irt';
import { displayDate } from '../../domain/dates';
import type { ChannelReason } from '../../domain/release-gate';
import { escapeMrkdwn, truncate } from '../../domain/text';
import type { ParticipantSummary } from '../../db/participants';
import type { IrtMeetingRow } from '../../db/schema';
import { ACTIONS, VIEWS } from '../ids';
import { displayName } from '../participant/views';

export const IRT_BLOCKS = {
  reason: 'irt_reason',
  reasonDetail: 'irt_reason_detail',
  urgent: 'irt_urgent',
  calledBy: 'irt_called_by',
  partners: 'irt_partners',
  staff: 'irt_staff',
  locationKind: 'irt_location_kind',
  locationDetail: 'irt_location_detail',
  channel: 'irt_channel',
  materials: 'irt_materials',
  communication: 'irt_communication',
} as const;

/** Optional rows for natural supports in the planning modal. */
export const SUPPORT_ROWS = 3;
/** The block ids of natural-support row `i` (0-based). */
export const supportBlocks = (i: number) => ({ name: `irt_support_${i + 1}_name`, relationship: `irt_support_${i + 1}_relationship`, contact: `irt_support_${i + 1}_contact` });

export const MATERIALS = [
  { value: 'assessment', label: 'Assessment results' },
  { value: 'plan', label: 'Employment plan' },
  { value: 'resources', label: 'Resources' },
] as const;

/** What a meeting with no name in its thread is called. */
export const LOGISTICS_TITLE = 'IRT meeting (participant details withheld: not everyone in this channel may see them)';
export const ONLY_ATTENDEES_TEXT = 'Only invited attendees can answer for this meeting’s times.';
export const ONLY_ORGANIZER_TEXT = 'Only staff working this participant’s case can confirm a time or propose new ones.';
export const CLOSED_TEXT = 'These times are no longer open: a time was confirmed or new times were proposed.';

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const md = (text: string) => ({ type: 'mrkdwn' as const, text });
const option = (text: string, value: string) => ({ text: plain(truncate(text, 75)), value });
const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button => ({
  type: 'button',
  action_id: actionId,
  text: plain(text),
  value,
  ...(style ? { style } : {}),
});

// --------------------------------------------------------------------------- /irt replies

export function irtHelpBlocks(): KnownBlock[] {
  return [
    {
      type: 'section',
      block_id: 'irt_help',
      text: md(
        '*`/irt maria`* plans an Integrated Resource Team meeting for a participant (name, preferred name or MIS id): who comes, where, and a planning thread with times for everyone to answer.\n' +
          '*`/irt partners`* opens the partner directory.\nYou can also press *Plan IRT meeting* on a participant’s card.',
      ),
    },
  ];
}

export function irtPickListBlocks(query: string, matches: ParticipantSummary[], more: boolean): KnownBlock[] {
  return [
    { type: 'section', block_id: 'irt_pick_intro', text: md(`Several participants match “${escapeMrkdwn(truncate(query, 200))}”. Plan an IRT meeting for which one?`) },
    ...matches.map(
      (m): KnownBlock => ({
        type: 'section',
        block_id: `irt_pick_${m.id}`,
        text: md(`*${escapeMrkdwn(truncate(displayName(m), 500))}*${m.status === 'closed' ? ' · closed' : ''}${m.misId ? ` · MIS ${escapeMrkdwn(m.misId)}` : ''}`),
        accessory: button('Plan IRT meeting', ACTIONS.irtStart, String(m.id)),
      }),
    ),
    ...(more ? [{ type: 'context' as const, block_id: 'irt_pick_more', elements: [md('More match — type more of the name to narrow it down.')] }] : []),
  ];
}

export function irtNoMatchText(query: string): string {
  return `No participant you can see matches “${truncate(query, 200)}”.`;
}

// ---------------------------------------------------------------------------- the modal

export interface PlanModalDefaults {
  /** The participant: the value of the *Record a release…* button. */
  participantId: number;
  /** The participant as the organizer knows them (full name; the modal is private). */
  name: string;
  /** Pre-filled: the participant's preferred contact method from their file. */
  communication: string;
  /** The channel /irt was typed in, when it is one a thread can go to. */
  channelId?: string | undefined;
}

export function planModal(d: PlanModalDefaults, privateMetadata: string): View {
  const input = (blockId: string, label: string, element: Record<string, unknown>, extra: { optional?: boolean; hint?: string } = {}): KnownBlock =>
    ({
      type: 'input',
      block_id: blockId,
      label: plain(label),
      element: { action_id: 'value', ...element },
      ...(extra.optional ? { optional: true } : {}),
      ...(extra.hint ? { hint: plain(extra.hint) } : {}),
    }) as KnownBlock;
  const supports = Array.from({ length: SUPPORT_ROWS }, (_, i) => {
    const b = supportBlocks(i);
    return [
      input(b.name, `Natural support ${i + 1}: name`, { type: 'plain_text_input', max_length: 100 }, { optional: true }),
      input(b.relationship, 'Relationship', { type: 'plain_text_input', max_length: 60, placeholder: plain('e.g. mother, mentor, friend') }, { optional: true }),
      input(b.contact, 'Phone or email', { type: 'plain_text_input', max_length: 120 }, { optional: true }),
    ];
  }).flat();
  return {
    type: 'modal',
    callback_id: VIEWS.irtPlan,
    title: plain('Plan an IRT meeting'),
    submit: plain('Plan meeting'),
    close: plain('Cancel'),
    private_metadata: privateMetadata,
    blocks: [
      {
        type: 'section',
        block_id: 'irt_for',
        text: md(`Integrated Resource Team meeting for *${escapeMrkdwn(truncate(d.name, 200))}*. The participant always attends. Partners hear the participant’s name only where a release of information allows it.`),
      },
      input(IRT_BLOCKS.reason, 'Why meet', { type: 'radio_buttons', options: IRT_REASONS.map((r) => option(IRT_REASON_LABELS[r], r)) }),
      input(IRT_BLOCKS.reasonDetail, 'More about why', { type: 'plain_text_input', multiline: true, max_length: 500 }, { optional: true, hint: 'Required for “Something else”. Shown in the planning thread only when every reader’s release covers case notes, and medical detail only when it covers that too. Say that a condition exists, never what it is.' }),
      input(IRT_BLOCKS.urgent, 'Urgency', { type: 'checkboxes', options: [option('Urgent: meet within the next 1–3 working days', 'urgent')] }, { optional: true, hint: 'Otherwise times are proposed about two weeks out, so partners can come.' }),
      input(IRT_BLOCKS.calledBy, 'Who called the meeting', { type: 'static_select', options: IRT_CALLERS.map((c) => option(IRT_CALLER_LABELS[c], c)) }),
      { type: 'header', block_id: 'irt_attendees_header', text: plain('Who comes') },
      input(
        IRT_BLOCKS.partners,
        'Partners',
        { type: 'multi_external_select', action_id: ACTIONS.irtPartnerSearch, min_query_length: 0, placeholder: plain('Find a partner organization…') },
        { optional: true, hint: 'Contacts from the partner directory (/irt partners). Each organization needs a valid release of information for this participant.' },
      ),
      // Pushes the record-release form over this modal: Slack keeps what was typed here underneath.
      {
        type: 'actions',
        block_id: 'irt_partners_release',
        elements: [button('Record a release…', ACTIONS.irtRecordRelease, String(d.participantId))],
      },
      input(IRT_BLOCKS.staff, 'Staff', { type: 'multi_users_select', placeholder: plain('Colleagues to invite') }, { optional: true, hint: 'You attend as the organizer.' }),
      ...supports,
      { type: 'header', block_id: 'irt_where_header', text: plain('Where and how') },
      input(IRT_BLOCKS.locationKind, 'Meeting', { type: 'radio_buttons', options: IRT_LOCATION_KINDS.map((k) => option(IRT_LOCATION_KIND_LABELS[k], k)) }),
      input(IRT_BLOCKS.locationDetail, 'Room or address, phone bridge, or video link', { type: 'plain_text_input', max_length: 500 }),
      input(
        IRT_BLOCKS.channel,
        'Planning thread in',
        {
          type: 'conversations_select',
          filter: { include: ['private'], exclude_bot_users: true },
          ...(d.channelId ? { initial_conversation: d.channelId } : {}),
        },
        {
          hint: 'A private channel with the partners and staff who come. Anyone in the workspace can read a public channel, so a thread there never names the participant. Invite Tickler to the channel (/invite @Tickler).',
        },
      ),
      input(IRT_BLOCKS.materials, 'Bring', { type: 'checkboxes', options: MATERIALS.map((m) => option(m.label, m.value)) }, { optional: true }),
      input(
        IRT_BLOCKS.communication,
        'The participant’s preferred way to communicate',
        { type: 'plain_text_input', max_length: 200, ...(d.communication ? { initial_value: truncate(d.communication, 200) } : {}) },
        { hint: 'As the team agrees it with the participant.' },
      ),
    ],
  };
}

// ------------------------------------------------------------------ private notes to staff

export function releaseMissingMessage(participantName: string, participantId: number, missing: Array<{ id: number; name: string }>): { text: string; blocks: KnownBlock[] } {
  const text = `No valid release of information for ${missing.map((m) => m.name).join(', ')}.`;
  return {
    text,
    blocks: [
      {
        type: 'section',
        block_id: 'irt_release_intro',
        text: md(
          `:lock: These partners cannot be invited to ${escapeMrkdwn(truncate(participantName, 200))}’s IRT meeting yet: there is no valid release of information for their organization. Record the signed release, then plan the meeting again.`,
        ),
      },
      ...missing.slice(0, 40).map(
        (m): KnownBlock => ({
          type: 'section',
          block_id: `irt_release_${m.id}`,
          text: md(`*${escapeMrkdwn(truncate(m.name, 300))}*`),
          accessory: button('Record release', ACTIONS.releaseRecord, JSON.stringify({ participantId, partnerId: m.id })),
        }),
      ),
    ],
  };
}

export interface Blocker {
  slackUserId: string;
  reason: 'not_staff_or_partner' | 'no_valid_release';
  partnerName?: string | undefined;
}

const MAX_BLOCKER_LINES = 30;

/** The lines that say why: the channel itself, then each member who may not see the participant's details. */
function whyLines(channelId: string, blockers: Blocker[], channelReason: ChannelReason | null): string[] {
  const lines: string[] = [];
  if (channelReason === 'public_channel') lines.push(`• <#${channelId}> is public: anyone in the workspace can read it, not only its members`);
  if (channelReason === 'members_incomplete') lines.push(`• <#${channelId}> has more members than Tickler can check`);
  if (channelReason === 'members_unknown') lines.push(`• Tickler could not read who is in <#${channelId}>`);
  for (const b of blockers.slice(0, MAX_BLOCKER_LINES)) {
    lines.push(
      b.reason === 'no_valid_release'
        ? `• <@${b.slackUserId}> — a contact of ${escapeMrkdwn(truncate(b.partnerName ?? 'a partner organization', 100))}, which has no valid release of information for this participant`
        : `• <@${b.slackUserId}> — not Tickler staff and not a contact of a partner organization`,
    );
  }
  if (blockers.length > MAX_BLOCKER_LINES) lines.push(`…and ${blockers.length - MAX_BLOCKER_LINES} more`);
  return lines;
}

const LOGISTICS_ADVICE = 'Record the missing releases, or hold the thread in a private channel with only staff and partners who have one.';

/** Why the planning thread carries logistics only, told to the organizer privately. */
export function logisticsNoticeMessage(channelId: string, blockers: Blocker[], channelReason: ChannelReason | null = null): { text: string; blocks: KnownBlock[] } {
  return {
    text: 'The planning thread carries logistics only.',
    blocks: [
      {
        type: 'section',
        block_id: 'irt_logistics_why',
        text: md(
          truncate(
            `:lock: The planning thread in <#${channelId}> shows logistics only — no name, no participant details — because not everyone who can read it may see them:\n${whyLines(channelId, blockers, channelReason).join('\n')}\n${LOGISTICS_ADVICE}`,
            3000,
          ),
        ),
      },
    ],
  };
}

/** What made a thread say less than before (told to the organizer). */
export type NarrowingCause =
  | { kind: 'joined'; userId: string }
  | { kind: 'release_revoked'; partnerName: string }
  /** The partner directory: these Slack users no longer speak for the organization (contact or organization turned off, Slack user cleared or changed). */
  | { kind: 'contact_removed'; partnerName: string; userIds: string[] }
  /** The partner directory: these Slack users now speak for the organization (judged by its release, not as staff). */
  | { kind: 'contact_added'; partnerName: string; userIds: string[] }
  /** A release ran out (the daily re-check): nobody revoked it, its expiry date passed. */
  | { kind: 'release_expired'; partnerNames: string[] }
  | { kind: 'recheck' };

/** "<@U1>, <@U2> and 3 others" (at most five named). */
function usersText(userIds: readonly string[]): string {
  const named = userIds.slice(0, 5).map((u) => `<@${u}>`);
  const more = userIds.length - named.length;
  if (more > 0) return `${named.join(', ')} and ${more} other${more === 1 ? '' : 's'}`;
  return named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : (named[0] ?? 'someone');
}

function causeText(cause: NarrowingCause, channelId: string): string {
  switch (cause.kind) {
    case 'joined':
      return `<@${cause.userId}> joined <#${channelId}>`;
    case 'release_revoked':
      return `the release of information for ${escapeMrkdwn(truncate(cause.partnerName, 100))} was revoked`;
    case 'contact_removed': {
      const partner = escapeMrkdwn(truncate(cause.partnerName, 100));
      return cause.userIds.length > 1
        ? `${usersText(cause.userIds)} are no longer contacts of ${partner} in the directory`
        : `${usersText(cause.userIds)} is no longer a contact of ${partner} in the directory`;
    }
    case 'contact_added': {
      const partner = escapeMrkdwn(truncate(cause.partnerName, 100));
      return cause.userIds.length > 1
        ? `${usersText(cause.userIds)} are now contacts of ${partner} in the directory`
        : `${usersText(cause.userIds)} is now a contact of ${partner} in the directory`;
    }
    case 'release_expired': {
      const names = cause.partnerNames.map((n) => escapeMrkdwn(truncate(n, 100)));
      return names.length > 1 ? `the releases of information for ${names.slice(0, -1).join(', ')} and ${names.at(-1)} expired` : `the release of information for ${names[0] ?? 'a partner organization'} expired`;
    }
    case 'recheck':
      return `who can read <#${channelId}> changed`;
  }
}

/**
 * Told to the organizer privately when a planning thread had to say less than before: who
 * joined, which release lapsed or whose standing changed in the partner directory, what the thread no longer shows, and how many reminder
 * messages were rewritten.
 */
export function threadNarrowedMessage(o: {
  channelId: string;
  cause: NarrowingCause;
  nameWithdrawn: boolean;
  scopesWithdrawn: string[];
  blockers: Blocker[];
  channelReason: ChannelReason | null;
  redacted: number;
}): { text: string; blocks: KnownBlock[] } {
  const cause = causeText(o.cause, o.channelId);
  const what = o.nameWithdrawn
    ? 'The planning thread no longer names the participant and shows logistics only.'
    : `The planning thread no longer shows: ${o.scopesWithdrawn.map((s) => s.toLowerCase()).join(', ')}.`;
  const redacted = o.redacted ? ` ${o.redacted} reminder message${o.redacted === 1 ? ' was' : 's were'} rewritten to logistics only.` : '';
  const why = whyLines(o.channelId, o.blockers, o.channelReason);
  const text = `The planning thread in <#${o.channelId}> says less now: ${
    o.cause.kind === 'release_revoked' ? 'a release was revoked' : o.cause.kind === 'contact_removed' || o.cause.kind === 'contact_added' ? 'the partner directory changed' : 'the channel changed'
  }.`;
  return {
    text,
    blocks: [
      {
        type: 'section',
        block_id: 'irt_narrowed',
        text: md(truncate(`:lock: ${cause.charAt(0).toUpperCase()}${cause.slice(1)}. ${what}${redacted}${why.length ? `\n${why.join('\n')}` : ''}`, 3000)),
      },
    ],
  };
}

export function threadFailedMessage(channelId: string, meetingId: number, error: string): { text: string; blocks: KnownBlock[] } {
  const why =
    error === 'not_in_channel' || error === 'channel_not_found'
      ? `Tickler is not a member of <#${channelId}>. Invite it there (\`/invite @Tickler\`), then press *Post planning thread*.`
      : 'Slack did not accept the message. Try again in a minute.';
  return {
    text: 'The IRT meeting is planned, but its planning thread could not be posted.',
    blocks: [
      { type: 'section', block_id: 'irt_thread_failed', text: md(`:warning: The IRT meeting is planned, but its planning thread could not be posted. ${why}`) },
      { type: 'actions', block_id: 'irt_thread_retry', elements: [button('Post planning thread', ACTIONS.irtPostThread, String(meetingId), 'primary')] },
    ],
  };
}

/** The parent is posted but its proposed times are not: the same *Post planning thread* button posts what is missing. */
export function roundFailedMessage(channelId: string, meetingId: number, error: string): { text: string; blocks: KnownBlock[] } {
  const why = error === 'not_in_channel' || error === 'channel_not_found' ? ` Tickler is no longer a member of <#${channelId}>: invite it back (\`/invite @Tickler\`), then press the button.` : ' Try again in a minute.';
  return {
    text: 'The IRT planning thread is posted, but its proposed times are not.',
    blocks: [
      { type: 'section', block_id: 'irt_round_failed', text: md(`:warning: The planning thread in <#${channelId}> is posted, but Slack did not accept its proposed times, so attendees cannot answer yet.${why}`) },
      { type: 'actions', block_id: 'irt_round_retry', elements: [button('Post the proposed times', ACTIONS.irtPostThread, String(meetingId), 'primary')] },
    ],
  };
}

/** What a failed confirmation step means for the organizer, in their words. */
export type ConfirmationFailure = { step: 'slots' | 'parent' | 'thread' | 'invite-thread' | 'invite-dm' } | { step: 'dm'; userId: string };

/** Told to the organizer when some of the confirmation did not reach Slack. */
export function confirmationProblemsMessage(channelId: string, failures: ConfirmationFailure[]): { text: string; blocks: KnownBlock[] } {
  const words = (f: ConfirmationFailure): string => {
    switch (f.step) {
      case 'slots':
        return `the proposed times in <#${channelId}> still show their buttons`;
      case 'parent':
        return `the thread’s first message in <#${channelId}> does not show the confirmed time`;
      case 'thread':
        return `the thread in <#${channelId}> was not told the confirmed time`;
      case 'invite-thread':
        return `the calendar invite was not posted in the thread`;
      case 'invite-dm':
        return 'the calendar invite was not sent to you';
      case 'dm':
        return `<@${f.userId}> did not get the time by direct message`;
    }
  };
  const lines = failures.slice(0, 30).map((f) => `• ${words(f)}`);
  return {
    text: 'The IRT meeting is confirmed, but some messages did not go out.',
    blocks: [
      {
        type: 'section',
        block_id: 'irt_confirm_problems',
        text: md(truncate(`:warning: The IRT meeting is confirmed, but Slack did not accept everything:\n${lines.join('\n')}${failures.length > 30 ? `\n…and ${failures.length - 30} more` : ''}\nLet those attendees know the time yourself.`, 3000)),
      },
    ],
  };
}

// ---------------------------------------------------------------------- the planning thread

function fallbackText(instant: Date, timeZone: string, withDate: boolean): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    ...(withDate ? { weekday: 'short', month: 'short', day: 'numeric' } : {}),
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  } as Intl.DateTimeFormatOptions).format(instant);
}

/** A slot as Slack shows it to each reader in their own zone; the fallback text is in the organizer's. */
export function slotMrkdwn(startsAt: Date, endsAt: Date, fallbackTz: string): string {
  const s = Math.floor(startsAt.getTime() / 1000);
  const e = Math.floor(endsAt.getTime() / 1000);
  return `<!date^${s}^{date_short_pretty}, {time}|${fallbackText(startsAt, fallbackTz, true)}>–<!date^${e}^{time}|${fallbackText(endsAt, fallbackTz, false)}>`;
}

export interface ThreadInfo {
  meeting: Pick<IrtMeetingRow, 'id' | 'reason' | 'reasonDetail' | 'urgent' | 'locationKind' | 'locationDetail' | 'bringAssessment' | 'bringPlan' | 'bringResources' | 'preferredCommunication' | 'organizerId' | 'status' | 'startsAt' | 'endsAt'>;
  /** "Amina K." when the thread may name the participant; null = logistics only. */
  name: string | null;
  /** The reason's detail and the preferred communication (participant details the audience may read). */
  showReasonDetail: boolean;
  showCommunication: boolean;
  /** Who comes, as the channel may read it: mentions of people in Slack, partner organizations, counts. */
  attending: string;
  /** Proposed slots of the open round (parent message lists them). */
  slots: Array<{ startsAt: Date; endsAt: Date }>;
  organizerTz: string;
}

function materialsText(m: ThreadInfo['meeting']): string {
  const items = [m.bringAssessment ? 'assessment results' : null, m.bringPlan ? 'employment plan' : null, m.bringResources ? 'resources' : null].filter(Boolean);
  return items.length ? items.join(', ') : 'nothing listed';
}

function locationText(m: Pick<IrtMeetingRow, 'locationKind' | 'locationDetail'>): string {
  return `${IRT_LOCATION_KIND_LABELS[m.locationKind]}${m.locationDetail ? ` — ${escapeMrkdwn(truncate(m.locationDetail, 500))}` : ''}`;
}

export function meetingTitle(name: string | null): string {
  return name ? `IRT meeting for ${name}` : LOGISTICS_TITLE;
}

/** The parent message of the planning thread (posted in the channel, updated on confirmation). */
export function threadParentMessage(t: ThreadInfo): { text: string; blocks: KnownBlock[] } {
  const m = t.meeting;
  const fields = [md(`*Where*\n${locationText(m)}`), md(`*Bring*\n${materialsText(m)}`), md(`*Organizer*\n<@${m.organizerId}>`)];
  if (t.name) fields.unshift(md(`*Why*\n${IRT_REASON_LABELS[m.reason]}${m.urgent ? ' · urgent' : ''}`));
  else if (m.urgent) fields.unshift(md('*When*\nUrgent: within the next few working days'));
  if (t.name && t.showCommunication) fields.push(md(`*Participant’s preferred communication*\n${escapeMrkdwn(truncate(m.preferredCommunication, 200))}`));
  const blocks: KnownBlock[] = [
    { type: 'header', block_id: 'irt_title', text: plain(truncate(meetingTitle(t.name), 150)) },
    { type: 'section', block_id: 'irt_fields', fields },
  ];
  if (t.name && t.showReasonDetail && m.reasonDetail) {
    blocks.push({ type: 'section', block_id: 'irt_reason_detail', text: md(truncate(escapeMrkdwn(m.reasonDetail), 2900)) });
  }
  blocks.push({ type: 'section', block_id: 'irt_attending', text: md(truncate(`*Attending*\n${t.attending}`, 3000)) });
  if (m.status === 'scheduled' && m.startsAt && m.endsAt) {
    blocks.push({ type: 'section', block_id: 'irt_when', text: md(`:white_check_mark: *Confirmed:* ${slotMrkdwn(new Date(m.startsAt), new Date(m.endsAt), t.organizerTz)}`) });
    blocks.push({ type: 'actions', block_id: 'irt_outcome', elements: [button('Record outcome', ACTIONS.irtOutcomeStart, String(m.id))] });
  } else if (m.status === 'held' && m.startsAt && m.endsAt) {
    // Rewritten after the meeting (the readers changed): the time it was held, no buttons.
    blocks.push({ type: 'section', block_id: 'irt_when', text: md(`:white_check_mark: *Held:* ${slotMrkdwn(new Date(m.startsAt), new Date(m.endsAt), t.organizerTz)} · outcome recorded`) });
  } else if (m.status === 'planning' && t.slots.length) {
    blocks.push({
      type: 'section',
      block_id: 'irt_proposed',
      text: md(`*Proposed times* (answer in the thread)\n${t.slots.map((s) => `• ${slotMrkdwn(s.startsAt, s.endsAt, t.organizerTz)}`).join('\n')}`),
    });
  } else if (m.status === 'cancelled') {
    blocks.push({ type: 'section', block_id: 'irt_when', text: md(':x: *Cancelled.* Nothing more happens in this thread.') });
  }
  if (m.status === 'planning' || m.status === 'scheduled') {
    blocks.push({
      type: 'actions',
      block_id: 'irt_cancel',
      elements: [
        {
          ...button('Cancel meeting', ACTIONS.irtCancel, String(m.id), 'danger'),
          confirm: {
            title: plain('Cancel this IRT meeting?'),
            text: plain('The thread is told, and everyone who had the time gets a DM. Staff working the case can do this.'),
            confirm: plain('Cancel meeting'),
            deny: plain('Keep it'),
            style: 'danger',
          },
        },
      ],
    } as ActionsBlock);
  }
  blocks.push({ type: 'context', block_id: 'irt_how', elements: [md('The team agrees here how it will communicate. Answer the times in this thread; you get the confirmed time in your own time zone.')] });
  const text = `${meetingTitle(t.name)} — ${IRT_LOCATION_KIND_LABELS[m.locationKind]}`;
  return { text, blocks };
}

export interface SlotLine {
  id: number;
  startsAt: Date;
  endsAt: Date;
  confirmed: boolean;
  tally: SlotTally;
  availableIds: string[];
  unavailableIds: string[];
}

/**
 * One round of proposed times in the thread: per slot the time (each reader's zone), the tally
 * with who answered, and *Available* / *Not available* / *Confirm*; at the end *Propose new
 * times*. `state`: `open` (answering), `confirmed` (a slot of this round was confirmed: no
 * answering, new times may still be proposed), `replaced` (a later round supersedes it).
 */
export function slotsMessage(
  round: { meetingId: number; round: number; organizerId: string; organizerTz: string; state: 'open' | 'confirmed' | 'replaced' },
  slots: SlotLine[],
): { text: string; blocks: KnownBlock[] } {
  const intro =
    round.state === 'replaced'
      ? `~Proposed times${round.round > 1 ? ` (round ${round.round})` : ''}~ — replaced by new times below.`
      : round.state === 'confirmed'
        ? `*Proposed times${round.round > 1 ? ` (round ${round.round})` : ''}* — a time is confirmed.`
        : `*Proposed times${round.round > 1 ? ` (round ${round.round})` : ''}.* Attendees: say which work for you. <@${round.organizerId}> confirms one.`;
  const blocks: KnownBlock[] = [{ type: 'section', block_id: `irt_round_${round.round}`, text: md(intro) }];
  for (const s of slots.slice(0, 5)) {
    const who = (ids: string[]) => (ids.length ? `: ${ids.slice(0, 20).map((id) => `<@${id}>`).join(', ')}${ids.length > 20 ? '…' : ''}` : '');
    const mark = s.confirmed ? ':white_check_mark: *Confirmed* · ' : '';
    blocks.push({ type: 'section', block_id: `irt_slot_${s.id}`, text: md(`${mark}${slotMrkdwn(s.startsAt, s.endsAt, round.organizerTz)}`) } as SectionBlock);
    blocks.push({
      type: 'context',
      block_id: `irt_tally_${s.id}`,
      elements: [md(truncate(`:large_green_circle: ${s.tally.available} available${who(s.availableIds)} · :red_circle: ${s.tally.unavailable} not available${who(s.unavailableIds)} · ${s.tally.noAnswer} not answered`, 3000))],
    });
    if (round.state === 'open') {
      blocks.push({
        type: 'actions',
        block_id: `irt_slot_actions_${s.id}`,
        elements: [
          button('Available', ACTIONS.irtAvailable, String(s.id), 'primary'),
          button('Not available', ACTIONS.irtUnavailable, String(s.id)),
          {
            ...button('Confirm this time', ACTIONS.irtConfirmStart, String(s.id)),
            confirm: {
              title: plain('Confirm this time?'),
              text: plain('Everyone invited gets the time in their own time zone, and a calendar invite is posted here.'),
              confirm: plain('Confirm'),
              deny: plain('Not yet'),
            },
          },
        ],
      } as ActionsBlock);
    }
  }
  if (round.state !== 'replaced') {
    blocks.push({ type: 'actions', block_id: `irt_round_actions_${round.round}`, elements: [button('Propose new times', ACTIONS.irtRepropose, String(round.meetingId))] });
  }
  return { text: `Proposed times for the IRT meeting${round.round > 1 ? ` (round ${round.round})` : ''}`, blocks };
}

/** Posted in the thread when a time is confirmed. */
export function confirmedThreadMessage(startsAt: Date, endsAt: Date, organizerTz: string, rescheduled: boolean): { text: string; blocks: KnownBlock[] } {
  const when = slotMrkdwn(startsAt, endsAt, organizerTz);
  const text = `${rescheduled ? 'New time' : 'Confirmed'}: ${formatSlotFor(startsAt, endsAt, organizerTz)}`;
  return {
    text,
    blocks: [
      {
        type: 'section',
        block_id: 'irt_confirmed',
        text: md(`:white_check_mark: *${rescheduled ? 'The meeting moved to' : 'Confirmed'}:* ${when}\nEveryone invited in Slack gets it by DM in their own time zone. The calendar invite below is for everyone else.`),
      },
    ],
  };
}

/** The DM each attendee in Slack gets on confirmation, in their own zone. */
export function confirmationDm(o: { name: string | null; slotText: string; location: string; channelId: string; rescheduled: boolean }): { text: string; blocks: KnownBlock[] } {
  const title = o.name ? `IRT meeting for ${o.name}` : 'An IRT meeting you are invited to';
  const text = `${title}: ${o.rescheduled ? 'new time ' : ''}${o.slotText}`;
  return {
    text,
    blocks: [
      {
        type: 'section',
        block_id: 'irt_dm_time',
        text: md(`:calendar: *${escapeMrkdwn(title)}* ${o.rescheduled ? 'has a new time' : 'is confirmed'}: *${o.slotText}*\n*Where:* ${o.location}\nPlanning thread: <#${o.channelId}>`),
      },
    ],
  };
}

export function locationLine(m: Pick<IrtMeetingRow, 'locationKind' | 'locationDetail'>): string {
  return locationText(m);
}

// ------------------------------------------------------------------------------- reminders

export function meetingReminderDm(o: { name: string | null; slotText: string; location: string; channelId: string }): { text: string; blocks: KnownBlock[] } {
  const title = o.name ? `IRT meeting for ${o.name}` : 'IRT meeting';
  const text = `Reminder: ${title} — ${o.slotText}`;
  return {
    text,
    blocks: [{ type: 'section', block_id: 'irt_reminder', text: md(`:alarm_clock: *Reminder:* ${escapeMrkdwn(title)} — *${o.slotText}*\n*Where:* ${o.location}\nPlanning thread: <#${o.channelId}>`) }],
  };
}

export function meetingReminderThread(o: { name: string | null; startsAt: Date; endsAt: Date; organizerTz: string; location: string }): { text: string; blocks: KnownBlock[] } {
  const what = o.name ? `the IRT meeting for ${o.name}` : 'this IRT meeting';
  return {
    text: `Reminder: ${what} is ${formatSlotFor(o.startsAt, o.endsAt, o.organizerTz)}`,
    blocks: [{ type: 'section', block_id: 'irt_reminder', text: md(`:alarm_clock: *Reminder:* ${escapeMrkdwn(what)} is ${slotMrkdwn(o.startsAt, o.endsAt, o.organizerTz)}\n*Where:* ${o.location}`) }],
  };
}

/** When a step is due, as its reminder says it. */
function dueWords(dueDate: string, today: boolean): string {
  return today ? 'is due today' : `was due ${displayDate(dueDate)}`;
}

/**
 * An action step due, posted in the meeting's thread with *Done*. `description` is null when the
 * thread may not carry it (the release gate); `name` is null when the thread may not name the
 * participant: then it reads "Action step 3 of this IRT meeting is due today — <@U…>".
 */
export function actionItemReminder(o: { itemId: number; step: number; description: string | null; who: string; name: string | null; dueDate: string; today: boolean }): {
  text: string;
  blocks: KnownBlock[];
} {
  const whose = o.name ? `from ${o.name}’s IRT meeting` : 'of this IRT meeting';
  const head = `Action step ${o.step} ${whose} ${dueWords(o.dueDate, o.today)} — ${o.who}`;
  return {
    text: o.description ? `${head}: ${truncate(o.description, 200)}` : head,
    blocks: [
      {
        type: 'section',
        block_id: `irt_item_${o.itemId}`,
        text: md(truncate(`:pushpin: *Action step ${o.step} ${escapeMrkdwn(whose)} ${dueWords(o.dueDate, o.today)}* — ${o.who}${o.description ? `\n${escapeMrkdwn(o.description)}` : ''}`, 3000)),
        accessory: button('Done', ACTIONS.irtActionDone, String(o.itemId), 'primary'),
      },
    ],
  };
}

/** The step itself, by DM to the person responsible, when the thread may not carry it but they may read it. */
export function actionStepDm(o: { step: number; description: string; name: string | null; dueDate: string; today: boolean; channelId: string }): { text: string; blocks: KnownBlock[] } {
  const whose = o.name ? `from ${o.name}’s IRT meeting` : 'of an IRT meeting you attended';
  return {
    text: `Your action step ${whose} ${dueWords(o.dueDate, o.today)}: ${truncate(o.description, 200)}`,
    blocks: [
      {
        type: 'section',
        block_id: 'irt_step_dm',
        text: md(
          truncate(
            `:pushpin: *Your action step ${escapeMrkdwn(whose)} ${dueWords(o.dueDate, o.today)}:*\n${escapeMrkdwn(o.description)}\nMark it *Done* on step ${o.step} in the planning thread in <#${o.channelId}>.`,
            3000,
          ),
        ),
      },
    ],
  };
}
