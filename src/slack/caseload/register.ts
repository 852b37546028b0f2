// /caseload: your caseload with what is due, most urgent first; /caseload @person and
// /caseload team for supervisors; snoozing an item you cannot clear today.
import type { App, BlockAction, ButtonAction, Context, RespondFn } from '@slack/bolt';
import { z } from 'zod';
import type { Actor } from '../../domain/access';
import { isCalendarDate } from '../../domain/dates';
import { unescapeSlackText } from '../../domain/text';
import { snoozeDueItem } from '../../db/due-state';
import { participantSummaryFor } from '../../db/participants';
import { getStaff } from '../../db/staff';
import { caseloadDue, dueContext, dueItemsFor } from '../../due/engine';
import { mayViewCaseload, teamFigures, teamWorkerIds } from '../../due/team';
import { fieldErrors, flattenState } from '../forms';
import { refreshHomesFor } from '../home/register';
import { ACTIONS, COMMANDS, VIEWS } from '../ids';
import { openForm, replyTargetOf } from '../participant/card';
import { displayName, NOT_AVAILABLE_TEXT } from '../participant/views';
import { replyPrivately } from '../reply';
import type { Services } from '../services';
import { actorOf } from '../staff';
import { caseloadMessageBlocks, teamBlocks } from './views';
import { SNOOZE_BLOCKS, snoozeModal } from './snooze-view';

const NOT_YOUR_TEAM = 'You can see your own caseload, and — as a supervisor — the caseloads of your team.';


export function registerCaseload(app: App, services: Services): void {
  const { db, config, clock } = services;
  const ctxFor = (context: Context) => dueContext(clock.now(), context.staff?.tz ?? config.agencyTz, config.holidays);
  /** "Today" is the case manager's own: a supervisor sees a worker's items as the worker does. */
  const zoneOfWorker = (workerId: string) => getStaff(db, workerId)?.tz ?? config.agencyTz;

  /** Renders one worker's caseload; `null` when the viewer may not see it. */
  const caseloadFor = (actor: Actor, workerId: string, offset: number) => {
    if (!mayViewCaseload(db, actor, workerId, clock.now())) return null;
    const due = caseloadDue(db, workerId, config.profiles, dueContext(clock.now(), zoneOfWorker(workerId), config.holidays));
    const own = workerId === actor.staffId;
    return {
      text: own ? 'Your caseload' : 'Caseload',
      blocks: caseloadMessageBlocks(due, offset, { whose: own ? 'Your' : `<@${workerId}>’s`, canAct: true, ...(own ? {} : { workerId }) }),
    };
  };

  const teamFor = (actor: Actor, offset: number) => {
    const ids = teamWorkerIds(db, actor);
    return { text: 'Team caseloads', blocks: teamBlocks(teamFigures(db, ids, config.profiles, (workerId) => dueContext(clock.now(), zoneOfWorker(workerId), config.holidays), clock.now()), offset) };
  };

  app.command(COMMANDS.caseload, async ({ command, ack, respond, context }) => {
    await ack();
    const actor = actorOf(context);
    const text = unescapeSlackText(command.text).trim();
    if (!text) {
      await respond({ response_type: 'ephemeral', ...caseloadFor(actor, actor.staffId, 0)! });
      return;
    }
    if (/^team$/i.test(text)) {
      if (actor.role === 'case_manager') {
        await respond({ response_type: 'ephemeral', text: NOT_YOUR_TEAM });
        return;
      }
      await respond({ response_type: 'ephemeral', ...teamFor(actor, 0) });
      return;
    }
    const mention = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(text);
    if (!mention) {
      await respond({ response_type: 'ephemeral', text: 'Use `/caseload`, `/caseload @person` or `/caseload team`.' });
      return;
    }
    const shown = caseloadFor(actor, mention[1]!, 0);
    await respond({ response_type: 'ephemeral', ...(shown ?? { text: NOT_YOUR_TEAM }) });
  });

  const turnPage = async ({ ack, action, respond, context }: { ack: () => Promise<void>; action: ButtonAction; respond: RespondFn; context: Context }) => {
    await ack();
    const actor = actorOf(context);
    const [first, second] = (action.value ?? '').split(':');
    const workerId = second === undefined ? actor.staffId : first!;
    const offset = Math.max(0, Number.parseInt(second ?? first ?? '0', 10) || 0);
    const shown = caseloadFor(actor, workerId, offset);
    await respond({ response_type: 'ephemeral', replace_original: true, ...(shown ?? { text: NOT_YOUR_TEAM }) });
  };
  app.action<BlockAction<ButtonAction>>(`${ACTIONS.caseloadPage}_next`, turnPage);
  app.action<BlockAction<ButtonAction>>(`${ACTIONS.caseloadPage}_prev`, turnPage);

  const turnTeamPage = async ({ ack, action, respond, context }: { ack: () => Promise<void>; action: ButtonAction; respond: RespondFn; context: Context }) => {
    await ack();
    const offset = Math.max(0, Number.parseInt(action.value ?? '0', 10) || 0);
    await respond({ response_type: 'ephemeral', replace_original: true, ...teamFor(actorOf(context), offset) });
  };
  app.action<BlockAction<ButtonAction>>(`${ACTIONS.teamPage}_next`, turnTeamPage);
  app.action<BlockAction<ButtonAction>>(`${ACTIONS.teamPage}_prev`, turnTeamPage);

  app.action<BlockAction<ButtonAction>>(ACTIONS.workerCaseload, async ({ ack, action, respond, context }) => {
    await ack();
    const shown = caseloadFor(actorOf(context), action.value ?? '', 0);
    await respond({ response_type: 'ephemeral', ...(shown ?? { text: NOT_YOUR_TEAM }) });
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.snoozeStart, async ({ ack, body, action, client, context }) => {
    await ack();
    const actor = actorOf(context);
    const participantId = Number(action.value);
    const participant = participantSummaryFor(db, actor, participantId);
    const items = participant ? (dueItemsFor(db, [participantId], config.profiles, ctxFor(context)).get(participantId) ?? []) : [];
    if (!participant || items.length === 0) {
      await replyPrivately(client, { userId: actor.staffId, ...replyTargetOf(body) }, { text: participant ? 'Nothing is due for this participant now.' : NOT_AVAILABLE_TEXT });
      return;
    }
    await openForm(client, body, snoozeModal(displayName(participant), items, ctxFor(context).today, JSON.stringify({ participantId })));
  });

  app.view(VIEWS.snooze, async ({ ack, view, client, context }) => {
    const actor = actorOf(context);
    const ctx = ctxFor(context);
    const meta = z.object({ participantId: z.number().int().positive() }).safeParse(JSON.parse(view.private_metadata || '{}'));
    const form = z
      .object({
        [SNOOZE_BLOCKS.item]: z.string({ error: 'Pick the item to snooze.' }),
        [SNOOZE_BLOCKS.reason]: z.string({ error: 'Say why it cannot be cleared today.' }).max(300, 'Keep the reason under 300 characters.'),
        [SNOOZE_BLOCKS.until]: z
          .string({ error: 'Pick the date to be reminded again.' })
          .refine(isCalendarDate, 'Pick a date from the calendar.')
          .refine((d) => d > ctx.today, 'Pick a date after today.'),
      })
      .safeParse(flattenState(view.state.values));
    if (!form.success) {
      await ack({ response_action: 'errors', errors: fieldErrors(form.error) });
      return;
    }
    const participantId = meta.success ? meta.data.participantId : 0;
    const item = (dueItemsFor(db, [participantId], config.profiles, ctx).get(participantId) ?? []).find((i) => i.key === form.data[SNOOZE_BLOCKS.item]);
    if (!item) {
      await ack({ response_action: 'errors', errors: { [SNOOZE_BLOCKS.item]: 'That item is no longer due. Close this and look again.' } });
      return;
    }
    const result = snoozeDueItem(
      db,
      actor,
      { itemKey: item.key, ruleId: item.ruleId, participantId, dueDate: item.dueDate, until: form.data[SNOOZE_BLOCKS.until] as string, reason: form.data[SNOOZE_BLOCKS.reason] as string },
      clock.now(),
    );
    if (result === 'not-found') {
      await ack({ response_action: 'errors', errors: { [SNOOZE_BLOCKS.item]: NOT_AVAILABLE_TEXT } });
      return;
    }
    await ack();
    refreshHomesFor(services, client, actor, participantId);
  });
}
