// The participant card as shown in a message or a modal: the file's summary, then the latest
// case notes with their amendments. Reading it is audited (by readParticipantCard).
import type { BlockAction } from '@slack/bolt';
import type { KnownBlock, View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { lastContacts, participantNotes } from '../../db/notes';
import { readParticipantCard } from '../../db/participants';
import type { Actor } from '../../domain/access';
import { cardNotesBlocks, NOTES_PER_CARD_PAGE } from '../casenote/views';
import { VIEWS } from '../ids';
import { awaitingOutcomeCardBlocks } from '../irt-outcome/card';
import { replyPrivately } from '../reply';
import type { Services } from '../services';
import { NOT_AVAILABLE_TEXT, notAvailableModal, participantCardBlocks, participantCardText } from './views';

export interface CardContent {
  text: string;
  blocks: KnownBlock[];
  title: string;
}

export function cardContent(services: Services, actor: Actor, participantId: number, notesOffset = 0): CardContent | null {
  const now = services.clock.now();
  const card = readParticipantCard(services.db, actor, participantId, now);
  if (!card) return null;
  const notes = participantNotes(services.db, actor, participantId, { offset: notesOffset, limit: NOTES_PER_CARD_PAGE }, now, { audit: false });
  const last = lastContacts(services.db, participantId);
  return {
    text: participantCardText(card),
    title: card.participant.fullName,
    blocks: [
      ...participantCardBlocks(card, services.config.profiles, { lastContact: last.contact, lastAttempt: last.attempt }),
      ...awaitingOutcomeCardBlocks(services, actor, participantId, now),
      ...(notes ? cardNotesBlocks(participantId, notes, notesOffset, card.may.write) : []),
    ],
  };
}

export function cardMessage(services: Services, actor: Actor, participantId: number, notesOffset = 0): { text: string; blocks?: KnownBlock[] } {
  const content = cardContent(services, actor, participantId, notesOffset);
  return content ? { text: content.text, blocks: content.blocks } : { text: NOT_AVAILABLE_TEXT };
}

export function cardModal(services: Services, actor: Actor, participantId: number, notesOffset = 0): View {
  const content = cardContent(services, actor, participantId, notesOffset);
  if (!content) return notAvailableModal();
  return {
    type: 'modal',
    callback_id: VIEWS.card,
    title: { type: 'plain_text', text: 'Participant' },
    close: { type: 'plain_text', text: 'Close' },
    private_metadata: JSON.stringify({ participantId }),
    blocks: content.blocks,
  };
}

/** Sends the card privately: replacing the message it came from when there is one. */
export async function showCard(
  services: Services,
  client: WebClient,
  actor: Actor,
  participantId: number,
  target: { responseUrl?: string | undefined; replaceOriginal?: boolean },
  notesOffset = 0,
): Promise<void> {
  await replyPrivately(client, { userId: actor.staffId, ...target }, cardMessage(services, actor, participantId, notesOffset));
}

export async function openCardModal(services: Services, client: WebClient, actor: Actor, participantId: number, triggerId: string): Promise<void> {
  if (!cardContent(services, actor, participantId)) {
    await replyPrivately(client, { userId: actor.staffId }, { text: NOT_AVAILABLE_TEXT });
    return;
  }
  await client.views.open({ trigger_id: triggerId, view: cardModal(services, actor, participantId) });
}

/**
 * Where the answer to a button goes: the message's response_url, or the card modal the button
 * sits in. Actions from App Home have neither and are answered by DM.
 */
export function replyTargetOf(body: BlockAction): { responseUrl?: string; cardViewId?: string } {
  if (body.response_url) return { responseUrl: body.response_url };
  if (body.view?.callback_id === VIEWS.card) return { cardViewId: body.view.id };
  return {};
}

/** A form opened from inside a modal is pushed on top of it; anywhere else it opens a new modal. */
export async function openForm(client: WebClient, body: BlockAction, view: View): Promise<void> {
  if (body.container?.type === 'view' && body.view?.type === 'modal') await client.views.push({ trigger_id: body.trigger_id, view });
  else await client.views.open({ trigger_id: body.trigger_id, view });
}

/** After a change made from the card: refresh the card where it is shown. */
export async function refreshCard(
  services: Services,
  client: WebClient,
  actor: Actor,
  participantId: number,
  target: { responseUrl?: string | undefined; cardViewId?: string | undefined },
): Promise<void> {
  if (target.cardViewId) await client.views.update({ view_id: target.cardViewId, view: cardModal(services, actor, participantId) });
  else await showCard(services, client, actor, participantId, { responseUrl: target.responseUrl, replaceOriginal: true });
}
