// The daily digest DM: counts, today's appointments, overdue and due-today items grouped by
// participant with a button to log a note and one to open the card, and (for supervisors who
// opted in) per-worker overdue counts. Always within a message's limits: ≤ 50 blocks and
// ≤ 12,000 characters of block text; what does not fit is counted and left to the App Home.
//
// Participant names only ever go into the recipient's own DM blocks; the notification text
// (`text`, shown on lock screens and in notifications) holds counts only.
import type { KnownBlock } from '@slack/types';
import { format, parseISO } from 'date-fns';
import type { CaseloadEntry } from '../../due/engine';
import type { DueItem } from '../../domain/due';
import { escapeMrkdwn, truncate } from '../../domain/text';
import { ACTIONS } from '../ids';
import { displayName } from '../participant/views';

export const DIGEST_MAX_BLOCKS = 50;
/** Slack refuses a message whose blocks hold more than ~12,000 characters of text; keep a margin. */
export const DIGEST_MAX_TEXT = 11_000;
const ITEMS_PER_PARTICIPANT = 5;
const APPOINTMENT_RULE = 'appointment-today';

export interface TeamSummaryRow {
  staffId: string;
  /** Participants with at least one overdue item (snoozed compliance items included). */
  participantsOverdue: number;
  overdue: number;
  dueToday: number;
  active: number;
}

export interface DigestContent {
  /** The recipient's local date. */
  localDate: string;
  counts: { active: number; overdue: number; dueToday: number; dueThisWeek: number };
  /** The recipient's caseload with its due items (as `caseloadDue` returns it). */
  entries: readonly CaseloadEntry[];
  /** Supervisors with the team summary on. */
  team?: readonly TeamSummaryRow[] | undefined;
  /** For a `slack://` link to the App Home (optional: plain words otherwise). */
  appHome?: { teamId: string; appId: string } | undefined;
}

export interface DigestMessage {
  text: string;
  blocks: KnownBlock[];
}

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const isUrgent = (item: DueItem) => item.severity === 'overdue' || item.severity === 'due_today';

/** Participants with overdue or due-today items, most urgent first (the engine's order). */
export function urgentEntries(entries: readonly CaseloadEntry[]): Array<CaseloadEntry & { urgent: DueItem[] }> {
  return entries.map((e) => ({ ...e, urgent: e.items.filter(isUrgent) })).filter((e) => e.urgent.length > 0);
}

export function appointmentsToday(entries: readonly CaseloadEntry[]): Array<{ entry: CaseloadEntry; item: DueItem }> {
  return entries.flatMap((entry) => entry.items.filter((i) => i.ruleId === APPOINTMENT_RULE).map((item) => ({ entry, item })));
}

/** Nothing overdue, nothing due today, no appointments (and no team figures to report). */
export function isDigestEmpty(content: DigestContent): boolean {
  return urgentEntries(content.entries).length === 0 && !(content.team && content.team.some((t) => t.overdue > 0 || t.dueToday > 0));
}

export function longDate(date: string): string {
  return format(parseISO(date), 'EEEE, MMMM d');
}

/** Counts only — never a participant name (this is what notifications show). */
export function digestText(content: DigestContent): string {
  const appointments = appointmentsToday(content.entries).length;
  const dueToday = urgentEntries(content.entries).reduce((n, e) => n + e.urgent.filter((i) => i.severity === 'due_today' && i.ruleId !== APPOINTMENT_RULE).length, 0);
  const overdue = urgentEntries(content.entries).reduce((n, e) => n + e.urgent.filter((i) => i.severity === 'overdue').length, 0);
  const date = format(parseISO(content.localDate), 'EEE, MMM d');
  if (overdue + dueToday + appointments === 0) return `Tickler digest for ${date}: nothing is due today.`;
  return `Tickler digest for ${date}: ${overdue} overdue, ${dueToday} due today, ${plural(appointments, 'appointment')}.`;
}

function itemLine(item: DueItem): string {
  const mark = item.severity === 'overdue' ? ':red_circle:' : item.ruleId === APPOINTMENT_RULE ? ':calendar:' : ':large_yellow_circle:';
  const detail = item.detail ? ` — ${escapeMrkdwn(item.detail)}` : '';
  return truncate(`${mark} *${escapeMrkdwn(item.title)}*${detail}`, 300);
}

function homeWords(content: DigestContent): string {
  return content.appHome ? `<slack://app?team=${content.appHome.teamId}&id=${content.appHome.appId}&tab=home|Tickler’s Home tab>` : 'Tickler’s *Home* tab';
}

function blockChars(block: unknown): number {
  if (Array.isArray(block)) return block.reduce((n: number, b) => n + blockChars(b), 0);
  if (typeof block !== 'object' || block === null) return 0;
  const b = block as Record<string, unknown>;
  let n = typeof b['text'] === 'string' && ['plain_text', 'mrkdwn'].includes(String(b['type'])) ? (b['text'] as string).length : 0;
  for (const [key, child] of Object.entries(b)) if (key !== 'text' || typeof child !== 'string') n += blockChars(child);
  return n;
}

function teamBlock(team: readonly TeamSummaryRow[]): KnownBlock {
  const lines: string[] = [];
  let used = 0;
  for (const [i, row] of team.entries()) {
    const line = `• <@${row.staffId}> — ${row.overdue} overdue${row.overdue ? ` (${plural(row.participantsOverdue, 'participant')})` : ''}, ${row.dueToday} due today · ${plural(row.active, 'active participant')}`;
    if (used + line.length + 60 > 2_800) {
      lines.push(`…and ${plural(team.length - i, 'more worker')}.`);
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  const total = team.reduce((n, t) => n + t.overdue, 0);
  return { type: 'section', block_id: 'digest_team', text: mrkdwn(`*Your team* — ${total} overdue in all\n${lines.join('\n') || 'No one on your team yet.'}`) };
}

function appointmentsBlock(list: Array<{ entry: CaseloadEntry; item: DueItem }>): KnownBlock {
  const lines: string[] = [];
  let used = 0;
  for (const [i, { entry, item }] of list.entries()) {
    const when = item.title.replace(/^Appointment today( at )?/, '') || 'time not set';
    const line = `• ${escapeMrkdwn(when)} — ${escapeMrkdwn(truncate(displayName(entry), 120))}`;
    if (used + line.length + 60 > 2_800) {
      lines.push(`…and ${plural(list.length - i, 'more appointment')}.`);
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  return { type: 'section', block_id: 'digest_appointments', text: mrkdwn(`*Today’s appointments*\n${lines.join('\n')}`) };
}

function participantBlocks(entry: CaseloadEntry & { urgent: DueItem[] }): KnownBlock[] {
  const shown = entry.urgent.slice(0, ITEMS_PER_PARTICIPANT).map(itemLine);
  if (entry.urgent.length > ITEMS_PER_PARTICIPANT) shown.push(`+ ${plural(entry.urgent.length - ITEMS_PER_PARTICIPANT, 'more item')}`);
  const name = escapeMrkdwn(truncate(displayName(entry), 150));
  return [
    { type: 'section', block_id: `digest_p_${entry.id}`, text: mrkdwn(truncate(`*${name}*\n${shown.join('\n')}`, 3000)) },
    {
      type: 'actions',
      block_id: `digest_a_${entry.id}`,
      elements: [
        { type: 'button', action_id: ACTIONS.logNote, text: plain('Log a note'), value: String(entry.id), style: 'primary' },
        { type: 'button', action_id: ACTIONS.openCard, text: plain('Open card'), value: String(entry.id) },
      ],
    },
  ];
}

/** The DM: always ≤ 50 blocks and ≤ ~11,000 characters, whatever the caseload. */
export function digestMessage(content: DigestContent): DigestMessage {
  const urgent = urgentEntries(content.entries);
  const appointments = appointmentsToday(content.entries);
  const overdue = urgent.reduce((n, e) => n + e.urgent.filter((i) => i.severity === 'overdue').length, 0);
  const dueToday = urgent.reduce((n, e) => n + e.urgent.filter((i) => i.severity === 'due_today' && i.ruleId !== APPOINTMENT_RULE).length, 0);

  const head: KnownBlock[] = [
    { type: 'header', block_id: 'digest_header', text: plain(`Your Tickler digest · ${longDate(content.localDate)}`) },
  ];
  const figures = [
    `*${overdue} overdue*`,
    `*${dueToday} due today*`,
    plural(appointments.length, 'appointment') + ' today',
  ].join(' · ');
  const more = [plural(content.counts.active, 'active participant'), content.counts.dueThisWeek ? `${content.counts.dueThisWeek} more due this week` : null].filter(Boolean).join(' · ');
  head.push({ type: 'section', block_id: 'digest_counts', text: mrkdwn(`${figures}\n${more}`) });
  if (content.team) head.push(teamBlock(content.team));
  if (appointments.length) head.push(appointmentsBlock(appointments));

  if (urgent.length === 0) {
    head.push({ type: 'section', block_id: 'digest_empty', text: mrkdwn(':white_check_mark: *Nothing is due today.* Your caseload is up to date.') });
    return { text: digestText(content), blocks: head };
  }

  head.push({ type: 'divider', block_id: 'digest_divider' });
  const blocks = [...head];
  let chars = blockChars(blocks);
  const reserve = { blocks: 1, chars: 400 };
  let shown = 0;
  for (const entry of urgent) {
    const pair = participantBlocks(entry);
    const pairChars = blockChars(pair);
    const last = shown === urgent.length - 1;
    const roomBlocks = DIGEST_MAX_BLOCKS - (last ? 0 : reserve.blocks);
    const roomChars = DIGEST_MAX_TEXT - (last ? 0 : reserve.chars);
    if (blocks.length + pair.length > roomBlocks || chars + pairChars > roomChars) break;
    blocks.push(...pair);
    chars += pairChars;
    shown++;
  }
  const rest = urgent.length - shown;
  if (rest > 0) {
    blocks.push({
      type: 'context',
      block_id: 'digest_more',
      elements: [mrkdwn(`…and ${plural(rest, 'more participant')} with items due. Open ${homeWords(content)} for the rest of your caseload.`)],
    });
  }
  return { text: digestText(content), blocks };
}

/** The message as plain lines, for `digest --now --dry-run` (printed to the admin's terminal). */
export function digestAsPlainText(message: DigestMessage): string {
  const out: string[] = [];
  for (const block of message.blocks as Array<Record<string, any>>) {
    if (block['type'] === 'header' || block['type'] === 'section') out.push(String(block['text']?.text ?? ''));
    else if (block['type'] === 'context') out.push(...(block['elements'] as Array<{ text?: string }>).map((e) => e.text ?? ''));
    else if (block['type'] === 'divider') out.push('—');
    else if (block['type'] === 'actions') out.push(`  [${(block['elements'] as Array<{ text: { text: string } }>).map((e) => e.text.text).join('] [')}]`);
  }
  return out.join('\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
