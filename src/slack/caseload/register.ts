import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { caseloadPage } from '../../db/participants';
import { ACTIONS, COMMANDS } from '../ids';
import type { Services } from '../services';
import { CASELOAD_PAGE_SIZE, caseloadMessageBlocks } from './views';

export function registerCaseload(app: App, services: Services): void {
  const { db, config } = services;

  app.command(COMMANDS.caseload, async ({ command, ack, respond, context }) => {
    await ack();
    const actor = context.actor!;
    if (command.text.trim()) {
      await respond({
        response_type: 'ephemeral',
        text: '`/caseload @person` and `/caseload team` are not available yet: they arrive with due items. `/caseload` shows your own caseload.',
      });
      return;
    }
    const page = caseloadPage(db, actor, actor.staffId, { offset: 0, limit: CASELOAD_PAGE_SIZE.message });
    await respond({ response_type: 'ephemeral', text: 'Your caseload', blocks: caseloadMessageBlocks(page, 0, config.profiles) });
  });

  const turnPage = async ({ ack, action, respond, context }: { ack: () => Promise<void>; action: ButtonAction; respond: (m: object) => Promise<unknown>; context: { actor?: import('../../domain/access').Actor } }) => {
    await ack();
    const actor = context.actor!;
    const offset = Math.max(0, Number.parseInt(action.value ?? '0', 10) || 0);
    const page = caseloadPage(db, actor, actor.staffId, { offset, limit: CASELOAD_PAGE_SIZE.message });
    await respond({ response_type: 'ephemeral', replace_original: true, text: 'Your caseload', blocks: caseloadMessageBlocks(page, offset, config.profiles) });
  };
  app.action<BlockAction<ButtonAction>>(`${ACTIONS.caseloadPage}_next`, turnPage);
  app.action<BlockAction<ButtonAction>>(`${ACTIONS.caseloadPage}_prev`, turnPage);
}
