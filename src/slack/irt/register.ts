// /irt and the IRT planning flow: the planning modal (from /irt or the card's button), the
// release gate on submit, the planning thread, availability answers, confirming a time,
// proposing new ones and cancelling the meeting. Parse → (errors keyed by block_id) → db (access, gate) → ack → Slack.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../domain/access';
import { formatSlotFor } from '../../domain/irt';
import { truncate, unescapeSlackText } from '../../domain/text';
import {
  auditDisclosure,
  cancelMeeting,
  confirmSlot,
  mayManageMeeting,
  meetingDetail,
  planMeeting,
  planningDefaults,
  proposeNextRound,
  recordAvailability,
  slotRef,
  withdrawRound,
  type AvailabilityAnswer,
  type MeetingDetail,
  type SchedulingContext,
} from '../../db/irt';
import { lastThreadDisclosure } from '../../db/irt-threads';
import { listPartners, mayUseDirectory, partnerNames } from '../../db/partners';
import { participantSummaryFor, searchParticipants } from '../../db/participants';
import { actorFor, getStaff } from '../../db/staff';
import { slackErrorCode } from '../../jobs/paced-queue';
import { flattenState } from '../forms';
import { ACTIONS, COMMANDS, VIEWS } from '../ids';
import { refreshHomesFor, scheduleHomeRefresh } from '../home/register';
import { openForm } from '../participant/card';
import { CONTACT_METHODS, displayName, MAX_PICK_LIST, NOT_AVAILABLE_TEXT } from '../participant/views';
import { openPartnerDirectory } from '../partners/register';
import { pushRecordRelease } from '../releases/register';
import { replyPrivately, sendDirectMessage } from '../reply';
import type { Services } from '../services';
import { actorOf, ensureStaff, userToday, zoneOf } from '../staff';
import { parseIrtMetadata, parsePlanForm, PLAN_FIELD_BLOCKS, type IrtMetadata } from './forms';
import { announceConfirmation, organizerZone, parentMessage, postPlanningThread, postRound, updateRound, zoneOfUser } from './thread';
import {
  CLOSED_TEXT,
  IRT_BLOCKS,
  irtHelpBlocks,
  irtNoMatchText,
  irtPickListBlocks,
  ONLY_ATTENDEES_TEXT,
  ONLY_ORGANIZER_TEXT,
  planModal,
  releaseMissingMessage,
  roundFailedMessage,
} from './views';

const PARTNER_OPTION_GROUPS = 30;

// Private answers of the meeting's buttons. (Candidates for views.ts with the other IRT words.)
export const CANCELLED_TEXT = 'This IRT meeting was cancelled.';
export const NOT_OFFERED_TEXT = 'That time is no longer offered: newer times were proposed. Answer or confirm the latest times in the thread.';
export const PAST_TEXT = 'That time has passed. Confirm a later time, or propose new times.';
export const ALREADY_PROPOSED_TEXT = 'New times were already proposed for this meeting. Answer or confirm the latest times in the thread.';
export const ROUND_NOT_POSTED_TEXT = 'Slack did not accept the new times, so the times already proposed still stand. Try again in a minute.';
export const CANCEL_REFUSED_TEXT = 'Only staff working this participant’s case can cancel this IRT meeting.';
export const POST_THREAD_REFUSED_TEXT = 'Only staff working this participant’s case can post this IRT meeting’s planning thread.';
export const HELD_TEXT = 'This IRT meeting has taken place.';
/** Posted in the planning thread when the meeting is cancelled: logistics only, whoever reads it. */
export const CANCELLED_THREAD_TEXT = 'This IRT meeting is cancelled.';

/** The DM to an attendee who had been sent the confirmed time: the time in their zone and the channel, no name. */
export function cancelledDmText(slotText: string, channelId: string): string {
  return `The IRT meeting on ${slotText} is cancelled. Planning thread: <#${channelId}>`;
}

/** What a modal says when the organizer's own hours leave no time to offer, and on which field. */
export function organizerBusyError(urgent: boolean): Record<string, string> {
  return urgent
    ? {
        [IRT_BLOCKS.urgent]:
          'Your next three working days are already taken by your other IRT meetings (confirmed, or with times still proposed). Untick Urgent to get times about two weeks out, or cancel a meeting you no longer need.',
      }
    : {
        [IRT_BLOCKS.reason]:
          'Your working hours for the two months from two weeks out are already taken by your other IRT meetings (confirmed, or with times still proposed), so Tickler has no time to offer. Cancel a meeting you no longer need, then plan this one again.',
      };
}

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
      participantId,
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

  // *Record a release…* in the planning modal: the form is pushed over it, so nothing typed is lost.
  app.action<BlockAction<ButtonAction>>(ACTIONS.irtRecordRelease, async ({ ack, body, action, client, context }) => {
    await ack();
    await pushRecordRelease(services, client, body.trigger_id, actorOf(context), Number(action.value));
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
    if (result.kind === 'organizer-busy') {
      await ack({ response_action: 'errors', errors: organizerBusyError(result.urgent) });
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
            `No valid release of information for ${missing.map((m) => m.name).join(', ')} — record it with *Record a release…* below, then submit again.`,
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

  // The retry button of the organizer's DM: for staff who may still write the participant's file.
  app.action<BlockAction<ButtonAction>>(ACTIONS.irtPostThread, async ({ ack, body, action, client, context }) => {
    await ack();
    const actor = actorOf(context);
    const privately = (text: string) => replyPrivately(client, { userId: actor.staffId, responseUrl: body.response_url }, { text });
    const detail = meetingDetail(db, Number(action.value));
    if (!detail || !mayManageMeeting(db, actor, detail.meeting)) return privately(POST_THREAD_REFUSED_TEXT);
    if (detail.meeting.status === 'cancelled') return privately(CANCELLED_TEXT);
    if (detail.meeting.status === 'held') return privately(HELD_TEXT);
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
      if (result.kind === 'closed' || result.kind === 'cancelled') {
        await replyPrivately(client, { userId, responseUrl: body.response_url }, { text: result.kind === 'closed' ? CLOSED_TEXT : CANCELLED_TEXT });
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
    const privately = (text: string) => replyPrivately(client, { userId: actor.staffId, responseUrl: body.response_url }, { text });
    const slotId = Number(action.value);
    const result = confirmSlot(db, actor, slotId, clock.now());
    if (result.kind === 'not-allowed' || result.kind === 'not-found') return privately(ONLY_ORGANIZER_TEXT);
    if (result.kind === 'closed') return privately(CLOSED_TEXT);
    if (result.kind === 'cancelled') return privately(CANCELLED_TEXT);
    if (result.kind === 'past') return privately(PAST_TEXT);
    if (result.kind === 'not-offered') {
      await privately(NOT_OFFERED_TEXT);
      // The pressed message is an older round whose rewrite was missed: it now reads "replaced".
      const ref = slotRef(db, slotId);
      const where = messageOf(body);
      if (ref && where) await updateRound(services, client, ref.meetingId, ref.round, where).catch((err: unknown) => logger.warn({ meeting: ref.meetingId, error: slackErrorCode(err) }, 'could not rewrite an old round of IRT times'));
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
    const privately = (text: string) => replyPrivately(client, { userId: actor.staffId, responseUrl: body.response_url }, { text });
    const meetingId = Number(action.value);
    const where = messageOf(body);
    // Which round this message shows decides whether it may still be replaced (0: unknown, refused).
    const pressedRound = roundOfMessage(services, body, meetingId) ?? 0;
    const result = proposeNextRound(db, actor, meetingId, schedulingContext(services, context), pressedRound);
    if (result.kind === 'not-allowed' || result.kind === 'not-found') return privately(ONLY_ORGANIZER_TEXT);
    if (result.kind === 'closed') return privately(CLOSED_TEXT);
    if (result.kind === 'cancelled') return privately(CANCELLED_TEXT);
    if (result.kind === 'no-slots') return privately('Tickler found no more free working-hour times to propose in the next two months.');
    const rewriteOld = async () => {
      if (!where || pressedRound <= 0) return;
      await updateRound(services, client, meetingId, pressedRound, where).catch((err: unknown) =>
        logger.warn({ meeting: meetingId, round: pressedRound, error: slackErrorCode(err) }, 'could not mark IRT times as replaced'),
      );
    };
    if (result.kind === 'already-proposed') {
      await privately(ALREADY_PROPOSED_TEXT);
      if (pressedRound < result.latestRound) await rewriteOld();
      return;
    }
    logger.info({ meeting: result.meetingId, user: actor.staffId, round: result.round }, 'IRT meeting: new times proposed');
    // The new round first: only once it is in the thread does the pressed message read "replaced".
    try {
      await postRound(services, client, result.meetingId, result.round);
    } catch (err) {
      logger.warn({ meeting: result.meetingId, round: result.round, error: slackErrorCode(err) }, 'could not post new IRT times');
      if (withdrawRound(db, result.meetingId, result.round, actor.staffId, clock.now())) return privately(ROUND_NOT_POSTED_TEXT);
      const detail = meetingDetail(db, result.meetingId);
      await sendDirectMessage(client, actor.staffId, roundFailedMessage(detail?.meeting.planningChannelId ?? '', result.meetingId, slackErrorCode(err))).catch(() => undefined);
      return;
    }
    await rewriteOld();
  });

  // ------------------------------------------------------------------------------ cancelling

  // *Cancel meeting* on the planning thread's parent message (value: the meeting id).
  app.action<BlockAction<ButtonAction>>(ACTIONS.irtCancel, async ({ ack, body, action, client, context }) => {
    await ack();
    const actor = actorOf(context);
    const privately = (text: string) => replyPrivately(client, { userId: actor.staffId, responseUrl: body.response_url }, { text });
    const meetingId = Number(action.value);
    const result = Number.isSafeInteger(meetingId) && meetingId > 0 ? cancelMeeting(db, actor, meetingId, clock.now()) : ({ kind: 'not-found' } as const);
    if (result.kind === 'not-allowed' || result.kind === 'not-found') return privately(CANCEL_REFUSED_TEXT);
    if (result.kind === 'already-cancelled') return privately(CANCELLED_TEXT);
    if (result.kind === 'closed') return privately(`${HELD_TEXT} It can no longer be cancelled.`);
    logger.info({ meeting: meetingId, user: actor.staffId, wasScheduled: result.wasScheduled }, 'IRT meeting cancelled');
    const detail = meetingDetail(db, meetingId);
    if (!detail) return;
    await announceCancellation(services, client, detail, { actorId: actor.staffId, sentTime: result.wasScheduled && result.startsAt && result.endsAt ? { startsAt: result.startsAt, endsAt: result.endsAt } : null });
    refreshHomesFor(services, client, actor, detail.participant.id);
    // The cancelled meeting's organizer and staff attendees are no longer found through open meetings.
    for (const staffId of new Set([detail.meeting.organizerId, ...detail.attendees.flatMap((a) => (a.staffId ? [a.staffId] : []))])) {
      const row = staffId === actor.staffId ? null : getStaff(db, staffId);
      if (row?.active) scheduleHomeRefresh(services, client, actorFor(row, services.config.adminUserIds));
    }
  });
}

/**
 * The round of the slots message a button was pressed on, from the slots it shows (their
 * sections `irt_slot_<id>` and the values of their buttons), looked up with slotRef and checked
 * against the meeting. Null when the message shows no slot of this meeting, or slots of
 * several rounds.
 */
function roundOfMessage(services: Services, body: BlockAction, meetingId: number): number | null {
  if (!Number.isSafeInteger(meetingId) || meetingId <= 0) return null;
  const slotButtons = new Set<string>([ACTIONS.irtAvailable, ACTIONS.irtUnavailable, ACTIONS.irtConfirmStart]);
  const blocks = (body.message?.blocks ?? []) as Array<{ block_id?: string; elements?: Array<{ action_id?: string; value?: string }> }>;
  const slotIds = new Set<number>();
  for (const b of blocks) {
    const section = /^irt_slot_(\d+)$/.exec(b.block_id ?? '');
    if (section) slotIds.add(Number(section[1]));
    for (const e of b.elements ?? []) if (e.action_id && slotButtons.has(e.action_id)) slotIds.add(Number(e.value));
  }
  const rounds = new Set<number>();
  for (const id of slotIds) {
    const ref = Number.isSafeInteger(id) && id > 0 ? slotRef(services.db, id) : null;
    if (ref?.meetingId === meetingId) rounds.add(ref.round);
  }
  return rounds.size === 1 ? [...rounds][0]! : null;
}

/**
 * After a committed cancellation: the thread is told (no name), its parent message is rewritten
 * without times (saying no more than the thread last disclosed), and each attendee in Slack who
 * had been sent the confirmed time, besides the person cancelling, gets a DM with that time in
 * their own zone and the channel — logistics only. Failures are logged; the cancellation stands.
 */
async function announceCancellation(
  services: Services,
  client: WebClient,
  detail: MeetingDetail,
  o: { actorId: string; sentTime: { startsAt: string; endsAt: string } | null },
): Promise<void> {
  const { db, logger, clock } = services;
  const m = detail.meeting;
  const warn = (step: string) => (err: unknown) => logger.warn({ meeting: m.id, step, error: slackErrorCode(err) }, 'IRT cancellation step failed');
  if (m.threadTs) {
    await client.chat.postMessage({ channel: m.planningChannelId, thread_ts: m.threadTs, text: CANCELLED_THREAD_TEXT }).catch(warn('thread'));
    const mode = m.threadMode ?? 'logistics_only';
    const decision = lastThreadDisclosure(db, { id: m.id, participantId: detail.participant.id, threadMode: mode }) ?? { mode, scopes: [] };
    const parent = parentMessage(services, { ...detail, slots: [] }, { mode: decision.mode, scopes: [...decision.scopes] });
    await client.chat.update({ channel: m.planningChannelId, ts: m.threadTs, text: parent.text, blocks: parent.blocks }).catch(warn('parent'));
  }
  if (!o.sentTime) return;
  const startsAt = new Date(o.sentTime.startsAt);
  const endsAt = new Date(o.sentTime.endsAt);
  const fallbackTz = organizerZone(services, detail);
  for (const a of detail.attendees) {
    if (!a.slackUserId || a.slackUserId === o.actorId) continue;
    const userId = a.slackUserId;
    try {
      const zone = a.staffTz ?? (await zoneOfUser(services, client, userId, fallbackTz));
      await sendDirectMessage(client, userId, { text: cancelledDmText(formatSlotFor(startsAt, endsAt, zone), m.planningChannelId) });
      if (a.partnerId !== null) {
        auditDisclosure(db, clock.now(), { actorId: o.actorId, participantId: detail.participant.id, meetingId: m.id, via: 'dm', mode: 'logistics_only', partnerIds: [a.partnerId], scopes: [] });
      }
    } catch (err) {
      warn('dm')(err);
    }
  }
}
