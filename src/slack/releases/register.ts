// Releases of information in Slack: the *Releases* button on the participant card opens the
// participant's releases; *Record release* (there, or in the IRT flow for a partner that lacks
// one) and *Revoke* push their forms. Participant data: every read and write goes through
// src/db/releases.ts, which asks src/domain/access.ts. Parse → (errors keyed by block_id) → db →
// ack → Slack calls.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { decideAccess, type Actor } from '../../domain/access';
import { displayDate, localDate } from '../../domain/dates';
import { defaultReleaseExpiry } from '../../domain/release-gate';
import { rulesForParticipant } from '../../db/notes';
import { accessFacts, participantSummaryFor } from '../../db/participants';
import { getPartner, searchPartners } from '../../db/partners';
import { recordRelease, releaseById, releasesFor, revokeRelease } from '../../db/releases';
import { getStaff } from '../../db/staff';
import { flattenState } from '../forms';
import { refreshHomesFor } from '../home/register';
import { ACTIONS, VIEWS } from '../ids';
import { rejudgeAfterRevocation } from '../irt/membership';
import { replyTargetOf } from '../participant/card';
import { displayName, NOT_AVAILABLE_TEXT } from '../participant/views';
import { blockErrors } from '../plan/forms';
import { replyPrivately } from '../reply';
import type { Services } from '../services';
import { actorOf } from '../staff';
import { parseRecordButton, parseRecordForm, parseReleaseMetadata, parseRevokeForm, RECORD_FIELD_BLOCKS, REVOKE_FIELD_BLOCKS, type ReleaseMetadata } from './forms';
import { notAvailableReleasesModal, RELEASE_BLOCKS, recordedModal, recordReleaseModal, releasesModal, REVOKE_BLOCKS, revokeModal } from './views';

const PARTNER_OPTIONS = 50;

/** The actor's own "today", from their Slack zone (or the agency's). */
function todayOf(services: Services, actor: Actor): string {
  return localDate(services.clock.now(), getStaff(services.db, actor.staffId)?.tz ?? services.config.agencyTz);
}

function mayWrite(services: Services, actor: Actor, participantId: number): boolean {
  return decideAccess(actor, accessFacts(services.db, participantId), 'write').allowed;
}

function nameOf(services: Services, actor: Actor, participantId: number): string | null {
  const p = participantSummaryFor(services.db, actor, participantId);
  return p ? displayName(p) : null;
}

/** The releases modal for a reader, or null when the file is not available to them (the read is audited). */
function releasesView(services: Services, actor: Actor, participantId: number): View | null {
  const list = releasesFor(services.db, actor, participantId, { now: services.clock.now() });
  const name = nameOf(services, actor, participantId);
  if (list.kind !== 'ok' || !name) return null;
  return releasesModal(
    list.releases,
    { participantId, name, mayWrite: mayWrite(services, actor, participantId), today: todayOf(services, actor) },
    JSON.stringify({ participantId } satisfies ReleaseMetadata),
  );
}

/** The form to record a release, or null when the actor may not write to the participant's file. */
function recordView(services: Services, actor: Actor, participantId: number, presetPartnerId: number | undefined, meta: ReleaseMetadata): View | null {
  if (!Number.isSafeInteger(participantId) || participantId <= 0 || !mayWrite(services, actor, participantId)) return null;
  const name = nameOf(services, actor, participantId);
  if (!name) return null;
  const today = todayOf(services, actor);
  const validityDays = rulesForParticipant(services.db, participantId, services.config.profiles).releaseValidityDays;
  const preset = presetPartnerId ? getPartner(services.db, presetPartnerId) : null;
  return recordReleaseModal(
    { name, today, validityDays, defaultExpiryIfSignedToday: defaultReleaseExpiry(today, validityDays), preset: preset?.active ? { id: preset.id, name: preset.name } : null },
    JSON.stringify({ ...meta, participantId }),
  );
}

/**
 * Opens the form to record a release for the participant, the partner chosen when given (the IRT
 * flow's *Record release* for a partner that lacks one). Someone who may not write to the file is
 * told privately that it is not available to them.
 */
export async function openRecordRelease(
  services: Services,
  client: WebClient,
  triggerId: string,
  actor: Actor,
  participantId: number,
  presetPartnerId?: number,
): Promise<void> {
  const view = recordView(services, actor, participantId, presetPartnerId, {});
  if (!view) {
    await replyPrivately(client, { userId: actor.staffId }, { text: NOT_AVAILABLE_TEXT });
    return;
  }
  await client.views.open({ trigger_id: triggerId, view });
}

/**
 * Pushes the form to record a release over the modal the button was pressed in (the IRT planning
 * modal's *Record a release…*): once saved it closes and the modal underneath keeps what was
 * typed. Someone who may not write to the participant's file is told privately that it is not
 * available to them, and nothing is pushed. Returns whether the form was pushed.
 */
export async function pushRecordRelease(
  services: Services,
  client: WebClient,
  triggerId: string,
  actor: Actor,
  participantId: number,
  presetPartnerId?: number,
): Promise<boolean> {
  const view = recordView(services, actor, participantId, presetPartnerId, {});
  if (!view) {
    await replyPrivately(client, { userId: actor.staffId }, { text: NOT_AVAILABLE_TEXT });
    return false;
  }
  await client.views.push({ trigger_id: triggerId, view });
  return true;
}

export function registerReleases(app: App, services: Services): void {
  const { db, clock, config, logger } = services;
  const inModal = (body: BlockAction) => body.container?.type === 'view' && body.view?.type === 'modal';

  /** Over the modal the button was pressed in, or as a new modal from a message. */
  const show = (client: WebClient, body: BlockAction, view: View) =>
    inModal(body) ? client.views.push({ trigger_id: body.trigger_id, view }) : client.views.open({ trigger_id: body.trigger_id, view });

  const refuse = (client: WebClient, actor: Actor, body: BlockAction) =>
    replyPrivately(client, { userId: actor.staffId, responseUrl: replyTargetOf(body).responseUrl }, { text: NOT_AVAILABLE_TEXT });

  // ------------------------------------------------------------------------------ opening

  app.action<BlockAction<ButtonAction>>(ACTIONS.releasesOpen, async ({ ack, body, action, client, context }) => {
    await ack();
    const actor = actorOf(context);
    const participantId = Number(action.value);
    const view = Number.isSafeInteger(participantId) && participantId > 0 ? releasesView(services, actor, participantId) : null;
    if (!view) {
      await refuse(client, actor, body);
      return;
    }
    await show(client, body, view);
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.releaseRecord, async ({ ack, body, action, client, context }) => {
    await ack();
    const actor = actorOf(context);
    const target = parseRecordButton(action.value);
    const fromList = inModal(body) && body.view?.callback_id === VIEWS.releases;
    const view = target ? recordView(services, actor, target.participantId, target.partnerId, fromList && body.view?.id ? { releasesViewId: body.view.id } : {}) : null;
    if (!view) {
      await refuse(client, actor, body);
      return;
    }
    await show(client, body, view);
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.releaseRevoke, async ({ ack, body, action, client, context }) => {
    await ack();
    const actor = actorOf(context);
    const release = releaseById(db, actor, Number(action.value), clock.now());
    const name = release ? nameOf(services, actor, release.participantId) : null;
    if (!release || !name || !mayWrite(services, actor, release.participantId)) {
      await client.views.push({ trigger_id: body.trigger_id, view: notAvailableReleasesModal(NOT_AVAILABLE_TEXT) });
      return;
    }
    const meta: ReleaseMetadata = { participantId: release.participantId, releaseId: release.id, ...(body.view?.id ? { releasesViewId: body.view.id } : {}) };
    await client.views.push({ trigger_id: body.trigger_id, view: revokeModal(name, release, todayOf(services, actor), JSON.stringify(meta)) });
  });

  app.options(ACTIONS.releasePartnerPick, async ({ options, ack }) => {
    const found = searchPartners(db, options.value ?? '', PARTNER_OPTIONS);
    await ack({ options: found.map((p) => ({ text: { type: 'plain_text' as const, text: p.name.length > 75 ? `${p.name.slice(0, 74)}…` : p.name }, value: String(p.id) })) });
  });

  // ------------------------------------------------------------------------------ saving

  /** After a pushed form is saved: the releases list under it shows the change. */
  const refreshList = async (client: WebClient, actor: Actor, meta: ReleaseMetadata) => {
    if (!meta.releasesViewId || !meta.participantId) return;
    const view = releasesView(services, actor, meta.participantId);
    if (!view) return;
    await client.views.update({ view_id: meta.releasesViewId, view }).catch((err: unknown) => logger.warn({ err: String(err) }, 'could not refresh the releases list'));
  };

  app.view(VIEWS.releaseRecord, async ({ ack, view, client, context }) => {
    const actor = actorOf(context);
    const meta = parseReleaseMetadata(view.private_metadata);
    const participantId = meta.participantId;
    if (!participantId) {
      await ack({ response_action: 'errors', errors: { [RELEASE_BLOCKS.partner]: NOT_AVAILABLE_TEXT } });
      return;
    }
    const parsed = parseRecordForm(flattenState(view.state.values));
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const f = parsed.data;
    const validityDays = rulesForParticipant(db, participantId, config.profiles).releaseValidityDays;
    const expiryDate = f.expiryDate ?? defaultReleaseExpiry(f.signedDate, validityDays);
    const result = recordRelease(db, actor, { participantId, partnerId: f.partnerId, signedDate: f.signedDate, expiryDate, scopes: f.scopes, documentLocation: f.documentLocation }, { now: clock.now(), today: todayOf(services, actor) });
    if (result.kind === 'not-found') {
      await ack({ response_action: 'errors', errors: { [RELEASE_BLOCKS.partner]: NOT_AVAILABLE_TEXT } });
      return;
    }
    if (result.kind === 'invalid') {
      await ack({ response_action: 'errors', errors: blockErrors(result.errors as Record<string, string>, RECORD_FIELD_BLOCKS, RELEASE_BLOCKS.partner) });
      return;
    }
    // Pushed over another modal (the releases list, the IRT planning modal): close back to it.
    // Opened on its own (a message's button): say what was recorded.
    if (meta.releasesViewId || view.previous_view_id) await ack();
    else await ack({ response_action: 'update', view: recordedModal(getPartner(db, f.partnerId)?.name ?? 'the partner', expiryDate, result.duplicate) });
    logger.info({ participant: participantId, release: result.releaseId, partner: f.partnerId, user: actor.staffId, duplicate: result.duplicate }, 'release recorded');
    await refreshList(client, actor, meta);
    refreshHomesFor(services, client, actor, participantId);
  });

  app.view(VIEWS.releaseRevoke, async ({ ack, view, client, context }) => {
    const actor = actorOf(context);
    const meta = parseReleaseMetadata(view.private_metadata);
    if (!meta.releaseId) {
      await ack({ response_action: 'errors', errors: { [REVOKE_BLOCKS.date]: NOT_AVAILABLE_TEXT } });
      return;
    }
    const parsed = parseRevokeForm(flattenState(view.state.values));
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const result = revokeRelease(db, actor, meta.releaseId, parsed.data, { now: clock.now(), today: todayOf(services, actor) });
    if (result.kind === 'not-found') {
      await ack({ response_action: 'errors', errors: { [REVOKE_BLOCKS.date]: NOT_AVAILABLE_TEXT } });
      return;
    }
    if (result.kind === 'already-revoked') {
      await ack({ response_action: 'errors', errors: { [REVOKE_BLOCKS.date]: `This release was already revoked on ${displayDate(result.revokedDate)}.` } });
      return;
    }
    if (result.kind === 'invalid') {
      await ack({ response_action: 'errors', errors: blockErrors(result.errors as Record<string, string>, REVOKE_FIELD_BLOCKS, REVOKE_BLOCKS.reason) });
      return;
    }
    await ack();
    logger.info({ participant: result.participantId, release: meta.releaseId, user: actor.staffId }, 'release revoked');
    await refreshList(client, actor, { ...meta, participantId: result.participantId });
    refreshHomesFor(services, client, actor, result.participantId);
    // The participant's planning threads may now say less: judged again, rewritten, the organizer told.
    await rejudgeAfterRevocation(services, client, result.participantId, result.partnerId, actor.staffId);
  });
}
