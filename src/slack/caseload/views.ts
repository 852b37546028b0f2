import type { KnownBlock } from '@slack/types';
import { displayDate } from '../../domain/dates';
import type { ProfileId, ProgramProfile } from '../../domain/profiles';
import { escapeMrkdwn, truncate } from '../../domain/text';
import type { CaseloadRow } from '../../db/participants';
import { ACTIONS } from '../ids';
import { displayName } from '../participant/views';

/** Participants per page: a message holds 50 blocks, a Home tab 100. */
export const CASELOAD_PAGE_SIZE = { message: 20, home: 25 } as const;

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

function programNames(programs: string, profiles: Record<ProfileId, ProgramProfile>): string {
  return programs
    .split(',')
    .filter(Boolean)
    .map((id) => profiles[id as ProfileId]?.shortName ?? id)
    .join(', ');
}

export function caseloadRowBlock(row: CaseloadRow, profiles: Record<ProfileId, ProgramProfile>): KnownBlock {
  const name = escapeMrkdwn(truncate(displayName(row), 300));
  const detail = `${escapeMrkdwn(truncate(programNames(row.programs, profiles), 500))} · enrolled ${displayDate(row.latestEnrollment)}${row.role === 'secondary' ? ' · also assigned' : ''}`;
  return {
    type: 'section',
    block_id: `caseload_${row.id}`,
    text: { type: 'mrkdwn', text: `*${name}*\n${detail}` },
    accessory: { type: 'button', action_id: ACTIONS.openCard, text: plain('Open'), value: String(row.id) },
  };
}

/** Previous / next buttons carrying the offset to show; none when everything fits. */
export function pagerBlock(actionId: string, blockId: string, offset: number, pageSize: number, total: number): KnownBlock[] {
  const buttons = [];
  if (offset > 0) buttons.push({ type: 'button' as const, action_id: `${actionId}_prev`, text: plain('‹ Previous'), value: String(Math.max(0, offset - pageSize)) });
  if (offset + pageSize < total) buttons.push({ type: 'button' as const, action_id: `${actionId}_next`, text: plain('Next ›'), value: String(offset + pageSize) });
  return buttons.length ? [{ type: 'actions', block_id: blockId, elements: buttons }] : [];
}

export function caseloadSummary(total: number, offset: number, shown: number): string {
  if (total === 0) return 'You have no active participants. Enroll one with `/participant new`.';
  const range = total > shown ? ` — showing ${offset + 1}–${offset + shown}` : '';
  return `*Your caseload:* ${total} active participant${total === 1 ? '' : 's'}, most recently enrolled first${range}.`;
}

export function caseloadMessageBlocks(
  page: { total: number; rows: CaseloadRow[] },
  offset: number,
  profiles: Record<ProfileId, ProgramProfile>,
): KnownBlock[] {
  return [
    { type: 'section', block_id: 'caseload_summary', text: { type: 'mrkdwn', text: caseloadSummary(page.total, offset, page.rows.length) } },
    ...page.rows.map((r) => caseloadRowBlock(r, profiles)),
    ...pagerBlock(ACTIONS.caseloadPage, 'caseload_pager', offset, CASELOAD_PAGE_SIZE.message, page.total),
  ];
}
