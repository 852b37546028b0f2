// /participant: enroll, find, open a card, close/reopen, reassign. Parse → ack → domain/db → render.
import type { App, BlockAction, ButtonAction, Context, ExternalSelectAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../domain/access';
import type { ProfileId } from '../../domain/profiles';
import { unescapeSlackText } from '../../domain/text';
import {
  changeParticipantStatus,
  enrollParticipant,
  MisIdTakenError,
  misIdTaken,
  readParticipantCard,
  reassignParticipant,
  searchParticipants,
} from '../../db/participants';
import { fieldErrors, flattenState } from '../forms';
import { ACTIONS, COMMANDS, VIEWS } from '../ids';
import { refreshHomesFor } from '../home/register';
import { openPlan } from '../plan/register';
import { replyPrivately } from '../reply';
import type { Services } from '../services';
import { actorOf, ensureStaff, userToday } from '../staff';
import { cardContent, openCardModal, openForm, refreshCard, replyTargetOf, showCard } from './card';
import { parseEnrollForm, parseMetadata, reassignFormSchema, statusChangeFormSchema, type ModalMetadata } from './forms';
import {
  displayName,
  ENROLL_BLOCKS,
  enrollModal,
  MAX_PICK_LIST,
  noMatchBlocks,
  NOT_AVAILABLE_TEXT,
  participantHelpBlocks,
  pickListBlocks,
  REASSIGN_BLOCKS,
  reassignModal,
  searchOption,
  statusChangeModal,
} from './views';

const SEARCH_OPTION_LIMIT = 50;



function metadata(m: ModalMetadata): string {
  return JSON.stringify(m);
}

export function registerParticipant(app: App, services: Services): void {
  const { db, clock, config } = services;
  const profileIds = Object.keys(config.profiles) as ProfileId[];

  app.command(COMMANDS.participant, async ({ command, ack, respond, client, context }) => {
    const actor = actorOf(context);
    const text = unescapeSlackText(command.text).trim();
    await ack();
    if (/^new$/i.test(text)) {
      await client.views.open({
        trigger_id: command.trigger_id,
        view: enrollModal(config.profiles, { caseManagerId: actor.staffId, today: userToday(services, context) }, metadata({ responseUrl: command.response_url })),
      });
      return;
    }
    if (!text || /^help$/i.test(text)) {
      await respond({ response_type: 'ephemeral', text: 'Find or enroll a participant', blocks: participantHelpBlocks() });
      return;
    }
    // `/participant <name> plan`: straight to the plan modal.
    const planFor = /^(.+?)\s+plan$/i.exec(text)?.[1];
    const matches = searchParticipants(db, actor, planFor ?? text, MAX_PICK_LIST + 1);
    if (matches.length === 1 && planFor) {
      await openPlan(services, client, actor, matches[0]!.id, { triggerId: command.trigger_id, push: false, responseUrl: command.response_url });
    } else if (matches.length === 1) {
      await showCard(services, client, actor, matches[0]!.id, { responseUrl: command.response_url });
    } else if (matches.length === 0) {
      await respond({ response_type: 'ephemeral', text: 'No participant matches', blocks: noMatchBlocks(planFor ?? text) });
    } else {
      await respond({
        response_type: 'ephemeral',
        text: 'Several participants match',
        blocks: pickListBlocks(planFor ?? text, matches.slice(0, MAX_PICK_LIST), matches.length > MAX_PICK_LIST),
      });
    }
  });

  app.options(ACTIONS.participantSearch, async ({ options, ack, context }) => {
    const found = searchParticipants(db, actorOf(context), options.value, SEARCH_OPTION_LIMIT);
    await ack({ options: found.map(searchOption) });
  });

  const openFromAction = async (body: BlockAction, client: WebClient, actor: Actor, participantId: number) => {
    if (!Number.isSafeInteger(participantId) || participantId <= 0) return;
    if (body.container?.type === 'view') await openCardModal(services, client, actor, participantId, body.trigger_id);
    // An ephemeral list or card is replaced by the card; a lasting message (the digest DM) stays.
    else await showCard(services, client, actor, participantId, { ...replyTargetOf(body), replaceOriginal: body.container?.is_ephemeral === true });
  };

  app.action<BlockAction<ExternalSelectAction>>(ACTIONS.participantSearch, async ({ ack, body, action, client, context }) => {
    await ack();
    await openFromAction(body, client, actorOf(context), Number(action.selected_option?.value));
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.openCard, async ({ ack, body, action, client, context }) => {
    await ack();
    await openFromAction(body, client, actorOf(context), Number(action.value));
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.enrollStart, async ({ ack, body, action, client, context }) => {
    await ack();
    const typed = action.value && action.value !== 'new' ? action.value : undefined;
    await client.views.open({
      trigger_id: body.trigger_id,
      view: enrollModal(
        config.profiles,
        { caseManagerId: actorOf(context).staffId, today: userToday(services, context), ...(typed ? { fullName: typed } : {}) },
        metadata(replyTargetOf(body)),
      ),
    });
  });

  app.view(VIEWS.enroll, async ({ ack, view, body, client, context }) => {
    const actor = actorOf(context);
    const parsed = parseEnrollForm(flattenState(view.state.values), profileIds, userToday(services, context));
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const form = parsed.data;
    const errors: Record<string, string> = {};
    if (form.misId && misIdTaken(db, form.misId)) {
      errors[ENROLL_BLOCKS.misId] = 'This state MIS id is already enrolled in Tickler. Check the number, or ask your supervisor for access to that file.';
    }
    const primary = await ensureStaff(services, client, form.primaryCaseManagerId);
    if (primary.kind !== 'staff' || !primary.row.active) {
      errors[ENROLL_BLOCKS.caseManager] = 'Pick an active staff member of this workspace (not a guest or someone outside the agency).';
    }
    for (const id of form.otherStaffIds) {
      const other = await ensureStaff(services, client, id);
      if (other.kind !== 'staff' || !other.row.active) {
        errors[ENROLL_BLOCKS.otherStaff] = 'Everyone assigned must be active staff of this workspace (not a guest or someone outside the agency).';
      }
    }
    if (Object.keys(errors).length) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    let participantId: number;
    try {
      participantId = enrollParticipant(db, actor, form, clock.now());
    } catch (err) {
      if (err instanceof MisIdTakenError) {
        await ack({ response_action: 'errors', errors: { [ENROLL_BLOCKS.misId]: 'This state MIS id is already enrolled in Tickler.' } });
        return;
      }
      throw err;
    }
    await ack();
    services.logger.info({ participant: participantId, user: actor.staffId }, 'participant enrolled');
    const meta = parseMetadata(view.private_metadata);
    const content = cardContent(services, actor, participantId);
    const message = content
      ? { text: `Enrolled ${content.title}`, blocks: [{ type: 'section' as const, block_id: 'enrolled', text: { type: 'mrkdwn' as const, text: ':white_check_mark: Enrolled.' } }, ...content.blocks] }
      : { text: 'Enrolled. The participant is assigned to another case manager, so their file is not shown to you.' };
    await replyPrivately(client, { userId: body.user.id, responseUrl: meta.responseUrl }, message);
    refreshHomesFor(services, client, actor, participantId);
  });

  const openStatusModal = (kind: 'close' | 'reopen') =>
    async ({ ack, body, action, client, context }: { ack: () => Promise<void>; body: BlockAction; action: ButtonAction; client: WebClient; context: Context }) => {
      await ack();
      const actor = actorOf(context);
      const card = readParticipantCard(db, actor, Number(action.value), clock.now());
      if (!card?.may.write) {
        await replyPrivately(client, { userId: actor.staffId, ...replyTargetOf(body) }, { text: NOT_AVAILABLE_TEXT });
        return;
      }
      await openForm(
        client,
        body,
        statusChangeModal(kind, displayName(card.participant), userToday(services, context), metadata({ participantId: card.participant.id, ...replyTargetOf(body) })),
      );
    };
  app.action<BlockAction<ButtonAction>>(ACTIONS.closeCase, openStatusModal('close'));
  app.action<BlockAction<ButtonAction>>(ACTIONS.reopenCase, openStatusModal('reopen'));

  const submitStatus = (kind: 'close' | 'reopen') =>
    app.view(kind === 'close' ? VIEWS.closeCase : VIEWS.reopenCase, async ({ ack, view, client, context }) => {
      const actor = actorOf(context);
      const meta = parseMetadata(view.private_metadata);
      const parsed = statusChangeFormSchema(userToday(services, context), kind).safeParse(flattenState(view.state.values));
      if (!parsed.success) {
        await ack({ response_action: 'errors', errors: fieldErrors(parsed.error) });
        return;
      }
      const result = meta.participantId
        ? changeParticipantStatus(db, actor, meta.participantId, { status: kind === 'close' ? 'closed' : 'active', ...parsed.data }, clock.now())
        : 'not-found';
      if (result === 'not-found') {
        await ack({ response_action: 'errors', errors: { reason: NOT_AVAILABLE_TEXT } });
        return;
      }
      await ack();
      await refreshCard(services, client, actor, meta.participantId!, meta);
      refreshHomesFor(services, client, actor, meta.participantId!);
    });
  submitStatus('close');
  submitStatus('reopen');

  app.action<BlockAction<ButtonAction>>(ACTIONS.reassign, async ({ ack, body, action, client, context }) => {
    await ack();
    const actor = actorOf(context);
    const card = readParticipantCard(db, actor, Number(action.value), clock.now());
    if (!card?.may.reassign) {
      await replyPrivately(client, { userId: actor.staffId, ...replyTargetOf(body) }, { text: NOT_AVAILABLE_TEXT });
      return;
    }
    const primary = card.staff.find((s) => s.role === 'primary')?.staffId;
    await openForm(client, body, reassignModal(displayName(card.participant), primary, metadata({ participantId: card.participant.id, ...replyTargetOf(body) })));
  });

  app.view(VIEWS.reassign, async ({ ack, view, client, context }) => {
    const actor = actorOf(context);
    const meta = parseMetadata(view.private_metadata);
    const parsed = reassignFormSchema.safeParse(flattenState(view.state.values));
    if (!parsed.success) {
      await ack({ response_action: 'errors', errors: fieldErrors(parsed.error) });
      return;
    }
    const target = await ensureStaff(services, client, parsed.data.newCaseManagerId);
    if (target.kind !== 'staff' || !target.row.active) {
      await ack({ response_action: 'errors', errors: { [REASSIGN_BLOCKS.caseManager]: 'Pick an active staff member of this workspace.' } });
      return;
    }
    const result = meta.participantId ? reassignParticipant(db, actor, meta.participantId, target.row.slackUserId, clock.now()) : 'not-found';
    if (result === 'not-found') {
      await ack({ response_action: 'errors', errors: { [REASSIGN_BLOCKS.caseManager]: NOT_AVAILABLE_TEXT } });
      return;
    }
    await ack();
    await refreshCard(services, client, actor, meta.participantId!, meta);
      refreshHomesFor(services, client, actor, meta.participantId!);
  });
}
