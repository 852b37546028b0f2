import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../domain/access';
import { caseloadPage } from '../../db/participants';
import { CASELOAD_PAGE_SIZE } from '../caseload/views';
import { ACTIONS } from '../ids';
import type { Services } from '../services';
import { homeView } from './views';

/** Rebuilds a person's App Home from the database; called whenever it is opened or paged. */
export async function publishHome(services: Services, client: WebClient, actor: Actor, offset = 0): Promise<void> {
  const page = caseloadPage(services.db, actor, actor.staffId, { offset, limit: CASELOAD_PAGE_SIZE.home });
  await client.views.publish({ user_id: actor.staffId, view: homeView(page, offset, services.config.profiles) });
}

export function registerHome(app: App, services: Services): void {
  app.event('app_home_opened', async ({ event, client, context }) => {
    if (event.tab !== 'home' || !context.actor) return;
    await publishHome(services, client, context.actor);
  });

  const turnPage = async ({ ack, action, client, context }: { ack: () => Promise<void>; action: ButtonAction; client: WebClient; context: { actor?: Actor } }) => {
    await ack();
    const offset = Math.max(0, Number.parseInt(action.value ?? '0', 10) || 0);
    await publishHome(services, client, context.actor!, offset);
  };
  app.action<BlockAction<ButtonAction>>(`${ACTIONS.homePage}_next`, turnPage);
  app.action<BlockAction<ButtonAction>>(`${ACTIONS.homePage}_prev`, turnPage);
}
