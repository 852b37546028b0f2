// Block Kit for caseloads with their due items: /caseload, /caseload @person, /caseload team,
// and the same rows on the App Home. Pure functions of data.
import type { KnownBlock } from '@slack/types';
import type { DueItem } from '../../domain/due';
import { escapeMrkdwn, truncate } from '../../domain/text';
import type { CaseloadDue, CaseloadEntry } from '../../due/engine';
import type { WorkerFigures } from '../../due/team';
import { ACTIONS } from '../ids';
import { displayName } from '../participant/views';

/** Participants per page: each takes up to 2 blocks; a message holds 50 blocks. */
export const CASELOAD_PAGE_SIZE = { message: 15 } as const;

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const md = (text: string) => ({ type: 'mrkdwn' as const, text });

const SEVERITY_ICON: Record<DueItem['severity'], string> = { overdue: ':red_circle:', due_today: ':large_orange_circle:', due_soon: ':large_yellow_circle:' };

export function itemLine(item: DueItem): string {
  return `${SEVERITY_ICON[item.severity]} *${escapeMrkdwn(item.title)}* — ${escapeMrkdwn(item.detail)}`;
}

/** One participant: a section with their items and the clearing button, then Open / Snooze. */
export function participantDueBlocks(entry: CaseloadEntry, opts: { canAct: boolean }): KnownBlock[] {
  const name = `*${escapeMrkdwn(truncate(displayName(entry), 200))}*${entry.role === 'secondary' ? ' · also assigned' : ''}`;
  const lines = entry.items.length ? entry.items.slice(0, 6).map(itemLine) : ['Nothing due.'];
  if (entry.items.length > 6) lines.push(`…and ${entry.items.length - 6} more`);
  const value = String(entry.id);
  const clearing = entry.items[0]?.clearingAction === 'log_note' && opts.canAct;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: `caseload_${entry.id}`,
      text: md(truncate(`${name}\n${lines.join('\n')}`, 3000)),
      accessory: clearing
        ? { type: 'button', action_id: ACTIONS.logNote, text: plain('Log a note'), value, style: entry.items[0]!.severity === 'overdue' ? 'danger' : 'primary' }
        : { type: 'button', action_id: ACTIONS.openCard, text: plain('Open'), value },
    },
  ];
  if (entry.items.length && opts.canAct) {
    blocks.push({
      type: 'actions',
      block_id: `caseload_actions_${entry.id}`,
      elements: [
        { type: 'button', action_id: ACTIONS.openCard, text: plain('Open card'), value },
        { type: 'button', action_id: ACTIONS.snoozeStart, text: plain('Snooze…'), value },
      ],
    });
  }
  return blocks;
}

/** Previous / next buttons carrying the offset to show (and whose caseload); none when all fits. */
export function pagerBlock(actionId: string, blockId: string, offset: number, pageSize: number, total: number, workerId?: string): KnownBlock[] {
  const value = (o: number) => (workerId ? `${workerId}:${o}` : String(o));
  const buttons = [];
  if (offset > 0) buttons.push({ type: 'button' as const, action_id: `${actionId}_prev`, text: plain('‹ Previous'), value: value(Math.max(0, offset - pageSize)) });
  if (offset + pageSize < total) buttons.push({ type: 'button' as const, action_id: `${actionId}_next`, text: plain('Next ›'), value: value(offset + pageSize) });
  return buttons.length ? [{ type: 'actions', block_id: blockId, elements: buttons }] : [];
}

export function countsLine(due: CaseloadDue): string {
  const c = due.counts;
  return `*${c.active}* active · :red_circle: *${c.overdue}* overdue · :large_orange_circle: *${c.dueToday}* due today · :large_yellow_circle: *${c.dueThisWeek}* due this week`;
}

export function caseloadSummary(due: CaseloadDue, whose: string, offset: number, shown: number): string {
  if (due.counts.active === 0) return whose === 'Your' ? 'You have no active participants. Enroll one with `/participant new`.' : `${whose} caseload has no active participants.`;
  const range = due.counts.active > shown ? `\nMost urgent first — showing ${offset + 1}–${offset + shown} of ${due.counts.active}.` : '\nMost urgent first.';
  return `*${whose} caseload:* ${countsLine(due)}${range}`;
}

export function caseloadMessageBlocks(due: CaseloadDue, offset: number, opts: { whose: string; workerId?: string; canAct: boolean }): KnownBlock[] {
  const page = due.entries.slice(offset, offset + CASELOAD_PAGE_SIZE.message);
  return [
    { type: 'section', block_id: 'caseload_summary', text: md(caseloadSummary(due, opts.whose, offset, page.length)) },
    ...page.flatMap((e) => participantDueBlocks(e, { canAct: opts.canAct })),
    ...pagerBlock(ACTIONS.caseloadPage, 'caseload_pager', offset, CASELOAD_PAGE_SIZE.message, due.entries.length, opts.workerId),
  ];
}

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

export const TEAM_PAGE_SIZE = 40;

/** Per-worker figures for a supervisor: overdue counts (snoozed compliance items included) and note timeliness. */
export function teamBlocks(rows: WorkerFigures[], offset: number): KnownBlock[] {
  if (rows.length === 0) return [{ type: 'section', block_id: 'team_none', text: md('No one is on your team yet. An admin adds people with `npm run cli -- staff lead <worker> <you>`.') }];
  const page = rows.slice(offset, offset + TEAM_PAGE_SIZE);
  return [
    { type: 'section', block_id: 'team_title', text: md('*Team caseloads* — overdue items include snoozed ones; notes entered in the last 30 days.') },
    ...page.map(
      (r): KnownBlock => ({
        type: 'section',
        block_id: `team_${r.workerId}`,
        text: md(
          truncate(
            `*<@${r.workerId}>* · ${r.active} active · :red_circle: ${r.overdue} overdue (${r.participantsOverdue} participant${r.participantsOverdue === 1 ? '' : 's'}) · ${r.dueToday} due today\nNotes: ${r.notes} · ${percent(r.shareWithin48h)} within 48 h · ${percent(r.shareWithinLimit)} within the program limit`,
            3000,
          ),
        ),
        accessory: { type: 'button', action_id: ACTIONS.workerCaseload, text: plain('Caseload'), value: r.workerId },
      }),
    ),
    ...pagerBlock(ACTIONS.teamPage, 'team_pager', offset, TEAM_PAGE_SIZE, rows.length),
  ];
}
