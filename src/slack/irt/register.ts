// /irt and the IRT planning flow: the planning modal (from /irt or the card's button), the
// release gate on submit, the planning thread, availability answers, confirming a time and
// proposing new ones. Parse → (errors keyed by block_id) → db (access, gate) → ack → Slack.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../domain/access';
import { truncate, unescapeSlackText } from '../../domain/text';
import {
  confirmSlot,
  meetingDetail,
  planMeeting,
  planningDefaults,
  proposeNextRound,
  recordAvailability,
  type AvailabilityAnswer,
  type SchedulingContext,
} from '../../db/irt';
import { listPartners, mayUseDirectory, partnerNames } from '../../db/partners';
import { participantSummaryFor, searchParticipants } from '../../db/participants';
import { flattenState } from '../forms';
import { ACTIONS, COMMANDS, VIEWS } from '../ids';
import { refreshHomesFor } from '../home/register';
import { openForm } from '../participant/card';
import { CONTACT_METHODS, displayName, MAX_PICK_LIST, NOT_AVAILABLE_TEXT } from '../participant/views';
import { openPartnerDirectory } from '../partners/register';
import { replyPrivately } from '../reply';
import type { Services } from '../services';
import { actorOf, ensureStaff, userToday, zoneOf } from '../staff';
import { parseIrtMetadata, parsePlanForm, PLAN_FIELD_BLOCKS, type IrtMetadata } from './forms';
import { announceConfirmation, postPlanningThread, postRound, updateRound } from './thread';
import { CLOSED_TEXT, IRT_BLOCKS, irtHelpBlocks, irtNoMatchText, irtPickListBlocks, ONLY_ATTENDEES_TEXT, ONLY_ORGANIZER_TEXT, planModal, releaseMissingMessage } from './views';

const PARTNER_OPTION_GROUPS = 30;

/**
 * Opens the planning modal for a participant the actor may write; otherwise the plain refusal,
 * privately. Pushed on top of a modal it was asked from (the card), else opened.
 */
export async function openIrtPlanning(
  services: Services,
  client: WebClient,
  actor: Actor,
  participantId: number,
  how: { triggerId: string; body?: BlockAction; responseUrl?: string | undefined; channelId?: string | undefined },
): Promise<void> {
  const defaults = Number.isSafeInteger(participantId) && participantId > 0 ? planningDefaults(services.db, actor, participantId) : null;
  if (!defaults) {
    await replyPrivately(client, { userId: actor.staffId, responseUrl: how.responseUrl }, { text: NOT_AVAILABLE_TEXT });
    return;
  }
  const meta: IrtMetadata = { participantId, ...(how.responseUrl ? { responseUrl: how.responseUrl } : {}) };
  const view = planModal(
    {
      name: displayName(defaults),
      communication: CONTACT_METHODS.find((m) => m.value === defaults.preferredContactMethod)?.label ?? defaults.preferredContactMethod,
      channelId: how.channelId && /^[CG][A-Z0-9]+$/.test(how.channelId) ? how.channelId : undefined,
    },
    JSON.stringify(meta),
  );
  if (how.body) await openForm(client, how.body, view);
  else await client.views.open({ trigger_id: how.triggerId, view });
}

function schedulingContext(services: Services, context: Parameters<typeof zoneOf>[1]): SchedulingContext {
  return {
    now: services.clock.now(),
    today: userToday(services, context),
    timeZone: zoneOf(services, context),
    holidays: services.config.holidays,
    profiles: services.config.profiles,
  };
}

/** Where a button in a message sits, for chat.update. */
function messageOf(body: BlockAction): { channel: string; ts: string } | undefined {
  const channel = body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
  const ts = body.message?.ts ?? (body.container as { message_ts?: string } | undefined)?.message_ts;
  return channel && ts ? { channel, ts } : undefined;
}

export function registerIrt(app: App, services: Services): void {
  const { db, clock, logger } = services;

  app.command(COMMANDS.irt, async ({ command, ack, client, context }) => {
    const actor = actorOf(context);
    const text = unescapeSlackText(command.text).trim();
    if (/^partners?$/i.test(text)) {
      await ack();
      await openPartnerDirectory(services, client, command.trigger_id, actor);
      return;
    }
    if (!text || /^help$/i.test(text)) {
      await ack({ response_type: 'ephemeral', text: 'Plan an IRT meeting', blocks: irtHelpBlocks() });
      return;
    }
    const matches = searchParticipants(db, actor, text, MAX_PICK_LIST + 1);
    if (matches.length === 1) {
      await ack();
      await openIrtPlanning(services, client, actor, matches[0]!.id, { triggerId: command.trigger_id, responseUrl: command.response_url, channelId: command.channel_id });
    } else if (matches.length === 0) {
      await ack({ response_type: 'ephemeral', text: irtNoMatchText(text) });
    } else {
      await ack({ response_type: 'ephemeral', text: 'Several participants match', blocks: irtPickListBlocks(text, matches.slice(0, MAX_PICK_LIST), matches.length > MAX_PICK_LIST) });
    }
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.irtStart, async ({ ack, body, action, client, context }) => {
    await ack();
    await openIrtPlanning(services, client, actorOf(context), Number(action.value), {
      triggerId: body.trigger_id,
      body,
      responseUrl: body.response_url,
      channelId: body.channel?.id,
    });
  });

  // Partner contacts from the directory, grouped by organization (directory data: any active staff).
  app.options(ACTIONS.irtPartnerSearch, async ({ options, ack, context }) => {
    if (!mayUseDirectory(context.actor ?? null)) {
      await ack({ options: [] });
      return;
    }
    const found = listPartners(db, { query: options.value, offset: 0, limit: PARTNER_OPTION_GROUPS }).partners.filter((p) => p.contacts.length > 0);
    if (found.length === 0) {
      await ack({ options: [] });
      return;
    }
    await ack({
      option_groups: found.map((p) => ({
        label: { type: 'plain_text' as const, text: truncate(p.name, 75) },
        options: p.contacts.slice(0, 100).map((c) => ({
          text: { type: 'plain_text' as const, text: truncate(`${c.name}${c.title ? `, ${c.title}` : ''}`, 75) },
          value: String(c.id),
          ...(c.slackUserId ? { description: { type: 'plain_text' as const, text: 'In Slack' } } : {}),
        })),
      })),
    });
  });

  app.view(VIEWS.irtPlan, async ({ ack, view, body, client, context }) => {
    const actor = actorOf(context);
    const meta = parseIrtMetadata(view.private_metadata);
    const parsed = parsePlanForm(flattenState(view.state.values));
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const form = parsed.data;
    for (const id of form.staffIds) {
      const found = await ensureStaff(services, client, id);
      if (found.kind !== 'staff' || !found.row.active) {
        await ack({ response_action: 'errors', errors: { [IRT_BLOCKS.staff]: 'Everyone you invite as staff must be active staff of this workspace. Invite partners from the partner directory.' } });
        return;
      }
    }
    const participantId = meta.participantId;
    const requestKey = `view:${view.id}:${view.hash}`;
    const result = participantId ? planMeeting(db, actor, { participantId, ...form }, schedulingContext(services, context), { requestKey }) : ({ kind: 'not-found' } as const);
    if (result.kind === 'not-found') {
      await ack({ response_action: 'errors', errors: { [IRT_BLOCKS.reason]: NOT_AVAILABLE_TEXT } });
      return;
    }
    if (result.kind === 'invalid') {
      const errors: Record<string, string> = {};
      for (const [field, message] of Object.entries(result.errors)) errors[PLAN_FIELD_BLOCKS[field] ?? IRT_BLOCKS.reason] = message;
      await ack({ response_action: 'errors', errors });
      return;
    }
    if (result.kind === 'release-missing') {
      const names = partnerNames(db, result.partnerIds);
      const missing = result.partnerIds.map((id) => ({ id, name: names.get(id) ?? `Partner ${id}` }));
      await ack({
        response_action: 'errors',
        errors: {
          [IRT_BLOCKS.partners]: truncate(
            `No valid release of information for ${missing.map((m) => m.name).join(', ')}. Record the signed release (Tickler sent you a button), or remove them.`,
            2000,
          ),
        },
      });
      const participant = participantSummaryFor(db, actor, participantId!);
      await replyPrivately(client, { userId: body.user.id, responseUrl: meta.responseUrl }, releaseMissingMessage(participant ? displayName(participant) : 'the participant', participantId!, missing));
      return;
    }
    await ack();
    if (result.duplicate) return; // the first submission posts the thread
    logger.info({ meeting: result.meetingId, participant: participantId, user: actor.staffId, slots: result.slotIds.length }, 'IRT meeting planned');
    await postPlanningThread(services, client, result.meetingId, actor.staffId);
    refreshHomesFor(services, client, actor, participantId!);
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.irtPostThread, async ({ ack, action, client, context }) => {
    await ack();
    const actor = actorOf(context);
    const detail = meetingDetail(db, Number(action.value));
    if (!detail || detail.meeting.organizerId !== actor.staffId) return;
    await postPlanningThread(services, client, detail.meeting.id, actor.staffId);
  });

  // ----------------------------------------------------------------------- availability

  const answer = (kind: AvailabilityAnswer) =>
    async ({ ack, body, action, client }: { ack: () => Promise<void>; body: BlockAction; action: ButtonAction; client: WebClient }) => {
      await ack();
      const userId = body.user.id;
      const result = recordAvailability(db, { slotId: Number(action.value), slackUserId: userId, answer: kind }, clock.now());
      if (result.kind === 'not-attendee' || result.kind === 'not-found') {
        await replyPrivately(client, { userId, responseUrl: body.response_url }, { text: ONLY_ATTENDEES_TEXT });
        return;
      }
      if (result.kind === 'closed') {
        await replyPrivately(client, { userId, responseUrl: body.response_url }, { text: CLOSED_TEXT });
        return;
      }
      const where = messageOf(body);
      if (result.changed && where) await updateRound(services, client, result.meetingId, result.round, where);
    };
  // The attendee is identified by their Slack user id on the meeting, not by the staff table.
  app.action<BlockAction<ButtonAction>>(ACTIONS.irtAvailable, answer('available'));
  app.action<BlockAction<ButtonAction>>(ACTIONS.irtUnavailable, answer('unavailable'));

  // --------------------------------------------------------------- confirming, new times

  app.action<BlockAction<ButtonAction>>(ACTIONS.irtConfirmStart, async ({ ack, body, action, client, context }) => {
    await ack();
    const actor = actorOf(context);
    const result = confirmSlot(db, actor, Number(action.value), clock.now());
    if (result.kind === 'not-allowed' || result.kind === 'not-found') {
      await replyPrivately(client, { userId: actor.staffId, responseUrl: body.response_url }, { text: ONLY_ORGANIZER_TEXT });
      return;
    }
    if (result.kind === 'closed') {
      await replyPrivately(client, { userId: actor.staffId, responseUrl: body.response_url }, { text: CLOSED_TEXT });
      return;
    }
    if (result.alreadyConfirmed) return;
    logger.info({ meeting: result.meetingId, user: actor.staffId, sequence: result.sequence }, 'IRT meeting time confirmed');
    await announceConfirmation(services, client, result.meetingId, { actorId: actor.staffId, sequence: result.sequence, rescheduled: result.rescheduled, slotsMessage: messageOf(body) });
    const detail = meetingDetail(db, result.meetingId);
    if (detail) refreshHomesFor(services, client, actor, detail.participant.id);
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.irtRepropose, async ({ ack, body, action, client, context }) => {
    await ack();
    const actor = actorOf(context);
    const result = proposeNextRound(db, actor, Number(action.value), schedulingContext(services, context));
    if (result.kind === 'not-allowed' || result.kind === 'not-found') {
      await replyPrivately(client, { userId: actor.staffId, responseUrl: body.response_url }, { text: ONLY_ORGANIZER_TEXT });
      return;
    }
    if (result.kind === 'closed') {
      await replyPrivately(client, { userId: actor.staffId, responseUrl: body.response_url }, { text: CLOSED_TEXT });
      return;
    }
    if (result.kind === 'no-slots') {
      await replyPrivately(client, { userId: actor.staffId, responseUrl: body.response_url }, { text: 'Tickler found no more free working-hour times to propose in the next two months.' });
      return;
    }
    logger.info({ meeting: result.meetingId, user: actor.staffId, round: result.round }, 'IRT meeting: new times proposed');
    // The round whose message was pressed is in its block_id (`irt_round_actions_<round>`): it now reads "replaced".
    const where = messageOf(body);
    const pressedRound = Number(/^irt_round_actions_(\d+)$/.exec(action.block_id)?.[1]);
    if (where && pressedRound > 0) await updateRound(services, client, result.meetingId, pressedRound, where);
    await postRound(services, client, result.meetingId, result.round);
  });
}
