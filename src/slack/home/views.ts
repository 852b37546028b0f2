import type { KnownBlock, View } from '@slack/types';
import type { ProfileId, ProgramProfile } from '../../domain/profiles';
import type { CaseloadRow } from '../../db/participants';
import { CASELOAD_PAGE_SIZE, caseloadRowBlock, caseloadSummary, pagerBlock } from '../caseload/views';
import { ACTIONS } from '../ids';
import { participantPicker } from '../participant/views';

export function homeView(page: { total: number; rows: CaseloadRow[] }, offset: number, profiles: Record<ProfileId, ProgramProfile>): View {
  const blocks: KnownBlock[] = [
    { type: 'header', block_id: 'home_header', text: { type: 'plain_text', text: 'Tickler' } },
    participantPicker('home_picker'),
    { type: 'divider', block_id: 'home_divider' },
    { type: 'section', block_id: 'home_summary', text: { type: 'mrkdwn', text: caseloadSummary(page.total, offset, page.rows.length) } },
    ...page.rows.map((r) => caseloadRowBlock(r, profiles)),
    ...pagerBlock(ACTIONS.homePage, 'home_pager', offset, CASELOAD_PAGE_SIZE.home, page.total),
  ];
  return { type: 'home', callback_id: 'home', blocks };
}
