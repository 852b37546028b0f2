// The partner directory modal (`/irt partners`, opened by the /irt command through
// openPartnerDirectory): a paged list of organizations and their contacts, with pushed forms to
// add or edit them. Directory data, not participant data: any active staff member may use it
// (the staff middleware has already turned everyone else away). Parse → (errors keyed by
// block_id) → db → ack → Slack calls; after a pushed form is saved the ack closes it and the
// directory under it is updated in place. When a saved change alters who speaks for an
// organization (a contact or an organization turned off or back on, a contact's Slack user
// cleared, set or changed), every open IRT planning thread is judged again after that
// (src/slack/irt/membership.ts), so a former contact still in a channel stops reading the
// participant's name there.
import type { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import type { View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../domain/access';
import { escapeMrkdwn } from '../../domain/text';
import {
  addContact,
  addPartner,
  directoryPosition,
  getContact,
  getPartner,
  listPartners,
  mayUseDirectory,
  partnerContactBySlackUser,
  updateContact,
  updatePartner,
  type DirectoryErrors,
} from '../../db/partners';
import { blockErrors } from '../plan/forms';
import { flattenState } from '../forms';
import { ACTIONS, VIEWS } from '../ids';
import { rejudgeAfterDirectoryChange, type ContactStanding } from '../irt/membership';
import type { Services } from '../services';
import { actorOf } from '../staff';
import { CONTACT_FIELD_BLOCKS, PARTNER_FIELD_BLOCKS, parseContactForm, parseDirectoryMetadata, parsePartnerForm, type DirectoryMetadata } from './forms';
import { CONTACT_BLOCKS, contactModal, directoryGoneModal, directoryModal, PARTNER_BLOCKS, partnerModal, PARTNERS_PER_PAGE } from './views';

const GONE_TEXT = 'That organization or contact is no longer in the directory.';

interface Page {
  offset: number;
  showInactive: boolean;
}

/** The directory modal at a page (clamped to the last page when the list got shorter). */
function directoryView(services: Services, page: Page, notice?: string): View {
  const list = (offset: number) =>
    listPartners(services.db, { offset, limit: PARTNERS_PER_PAGE, includeInactive: page.showInactive, includeInactiveContacts: true });
  let offset = Math.max(0, page.offset - (page.offset % PARTNERS_PER_PAGE));
  let found = list(offset);
  if (found.partners.length === 0 && found.total > 0) {
    offset = Math.floor((found.total - 1) / PARTNERS_PER_PAGE) * PARTNERS_PER_PAGE;
    found = list(offset);
  }
  const meta: DirectoryMetadata = { offset, showInactive: page.showInactive };
  return directoryModal(found, { offset, showInactive: page.showInactive, notice }, JSON.stringify(meta));
}

/** Opens the directory on its first page. Called by `/irt partners` after it has acked. */
export async function openPartnerDirectory(services: Services, client: WebClient, triggerId: string, actor: Actor): Promise<void> {
  if (!mayUseDirectory(actor)) return;
  await client.views.open({ trigger_id: triggerId, view: directoryView(services, { offset: 0, showInactive: false }) });
}

export function registerPartners(app: App, services: Services): void {
  const { db, clock, logger } = services;

  /** The directory page a button was pressed on, and the metadata a pushed form carries. */
  const fromDirectory = (body: BlockAction): { page: Page; sub: DirectoryMetadata } => {
    const meta = parseDirectoryMetadata(body.view?.private_metadata);
    const page = { offset: meta.offset ?? 0, showInactive: meta.showInactive ?? false };
    return { page, sub: { ...page, ...(body.view?.id ? { directoryViewId: body.view.id } : {}) } };
  };

  const push = (client: WebClient, body: BlockAction, view: View) => client.views.push({ trigger_id: body.trigger_id, view });

  // ------------------------------------------------------------------------ directory buttons

  app.action<BlockAction<ButtonAction>>(ACTIONS.partnerAdd, async ({ ack, body, client }) => {
    await ack();
    await push(client, body, partnerModal(null, JSON.stringify(fromDirectory(body).sub)));
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.partnerEdit, async ({ ack, body, action, client }) => {
    await ack();
    const partner = getPartner(db, Number(action.value));
    await push(client, body, partner ? partnerModal(partner, JSON.stringify({ ...fromDirectory(body).sub, partnerId: partner.id })) : directoryGoneModal());
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.partnerAddContact, async ({ ack, body, action, client }) => {
    await ack();
    const partner = getPartner(db, Number(action.value));
    await push(client, body, partner ? contactModal(partner.name, null, JSON.stringify({ ...fromDirectory(body).sub, partnerId: partner.id })) : directoryGoneModal());
  });

  app.action<BlockAction<StaticSelectAction>>(ACTIONS.partnerEditContact, async ({ ack, body, action, client }) => {
    await ack();
    const contact = getContact(db, Number(action.selected_option?.value));
    const partner = contact ? getPartner(db, contact.partnerId) : null;
    await push(
      client,
      body,
      contact && partner ? contactModal(partner.name, contact, JSON.stringify({ ...fromDirectory(body).sub, partnerId: partner.id, contactId: contact.id })) : directoryGoneModal(),
    );
  });

  const turnPage = async ({ ack, body, client, to }: { ack: () => Promise<void>; body: BlockAction; client: WebClient; to: (page: Page) => Page }) => {
    await ack();
    if (!body.view?.id) return;
    const { page } = fromDirectory(body);
    await client.views.update({ view_id: body.view.id, hash: body.view.hash, view: directoryView(services, to(page)) }).catch((err: unknown) => {
      // A stale hash means the directory changed under the click; the next click shows it.
      logger.info({ err: String(err) }, 'directory page not turned');
    });
  };
  const offsetOf = (action: ButtonAction) => Math.max(0, Number.parseInt(action.value ?? '0', 10) || 0);

  app.action<BlockAction<ButtonAction>>(ACTIONS.partnerPage, ({ ack, body, action, client }) => turnPage({ ack, body, client, to: (p) => ({ ...p, offset: offsetOf(action) }) }));
  app.action<BlockAction<ButtonAction>>(ACTIONS.partnerPagePrev, ({ ack, body, action, client }) => turnPage({ ack, body, client, to: (p) => ({ ...p, offset: offsetOf(action) }) }));
  app.action<BlockAction<ButtonAction>>(ACTIONS.partnerShowInactive, ({ ack, body, action, client }) =>
    turnPage({ ack, body, client, to: () => ({ offset: 0, showInactive: action.value === 'show' }) }),
  );

  // ------------------------------------------------------------------------- form submissions

  /** After a pushed form is saved: the directory under it shows the change. */
  const refreshDirectory = async (client: WebClient, meta: DirectoryMetadata, page: Page, notice: string) => {
    if (!meta.directoryViewId) return;
    await client.views
      .update({ view_id: meta.directoryViewId, view: directoryView(services, page, notice) })
      .catch((err: unknown) => logger.warn({ err: String(err) }, 'could not refresh the partner directory'));
  };

  /** Which organization each of these Slack users speaks for, as the release gate reads it now. */
  const standingOf = (userIds: ReadonlyArray<string | null | undefined>): ContactStanding =>
    partnerContactBySlackUser(db, userIds.filter((u): u is string => !!u));

  /** After the ack and the directory refresh: open planning threads judged again when someone's standing changed. */
  const rejudgeThreads = async (client: WebClient, partnerId: number, before: ContactStanding, users: ReadonlyArray<string | null | undefined>, actorId: string) => {
    try {
      await rejudgeAfterDirectoryChange(services, client, { partnerId, before, after: standingOf(users) }, actorId);
    } catch (err) {
      logger.warn({ partner: partnerId, err: String(err) }, 'could not judge IRT planning threads again after a directory change');
    }
  };

  const toBlocks = (errors: DirectoryErrors, map: Record<string, string>, fallback: string) => blockErrors(errors, map, fallback);

  app.view(VIEWS.partnerEdit, async ({ ack, view, client, context }) => {
    const actor = actorOf(context);
    const meta = parseDirectoryMetadata(view.private_metadata);
    const parsed = parsePartnerForm(flattenState(view.state.values));
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    // Every Slack user of the organization's contacts (turned off ones too: turning the organization back on restores them).
    const partnerUsers = meta.partnerId ? (getPartner(db, meta.partnerId, { includeInactiveContacts: true })?.contacts.map((c) => c.slackUserId) ?? []) : [];
    const before = standingOf(partnerUsers);
    const now = clock.now();
    const result = meta.partnerId ? updatePartner(db, actor, meta.partnerId, parsed.data, now) : addPartner(db, actor, parsed.data, now);
    if (result.kind === 'not-found') {
      await ack({ response_action: 'errors', errors: { [PARTNER_BLOCKS.name]: GONE_TEXT } });
      return;
    }
    if (result.kind === 'invalid') {
      await ack({ response_action: 'errors', errors: toBlocks(result.errors, PARTNER_FIELD_BLOCKS, PARTNER_BLOCKS.name) });
      return;
    }
    await ack();
    const partnerId = 'partnerId' in result ? result.partnerId : meta.partnerId!;
    logger.info({ partner: partnerId, user: actor.staffId, added: !meta.partnerId }, 'partner directory changed');
    const showInactive = meta.showInactive ?? false;
    const position = directoryPosition(db, partnerId, { includeInactive: showInactive });
    const page = { offset: position ?? meta.offset ?? 0, showInactive };
    const name = `*${escapeMrkdwn(getPartner(db, partnerId)?.name ?? 'The organization')}*`;
    const notice = meta.partnerId ? (parsed.data.active === false ? `${name} is turned off.` : `${name} is saved.`) : `${name} is in the directory. Add its contacts with *Add contact*.`;
    await refreshDirectory(client, meta, page, notice);
    if (meta.partnerId) await rejudgeThreads(client, partnerId, before, partnerUsers, actor.staffId);
  });

  app.view(VIEWS.partnerContact, async ({ ack, view, client, context }) => {
    const actor = actorOf(context);
    const meta = parseDirectoryMetadata(view.private_metadata);
    const parsed = parseContactForm(flattenState(view.state.values));
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    // The contact's Slack user before and after: when it is changed, the OLD user is the one who loses standing.
    const contactUsers = [meta.contactId ? getContact(db, meta.contactId)?.slackUserId : null, parsed.data.slackUserId];
    const before = standingOf(contactUsers);
    const now = clock.now();
    const result = meta.contactId
      ? updateContact(db, actor, meta.contactId, parsed.data, now)
      : meta.partnerId
        ? addContact(db, actor, meta.partnerId, parsed.data, now)
        : ({ kind: 'not-found' } as const);
    if (result.kind === 'not-found') {
      await ack({ response_action: 'errors', errors: { [CONTACT_BLOCKS.name]: GONE_TEXT } });
      return;
    }
    if (result.kind === 'invalid') {
      await ack({ response_action: 'errors', errors: toBlocks(result.errors, CONTACT_FIELD_BLOCKS, CONTACT_BLOCKS.name) });
      return;
    }
    await ack();
    logger.info({ partner: meta.partnerId, contact: 'contactId' in result ? result.contactId : meta.contactId, user: actor.staffId }, 'partner contact changed');
    const partner = meta.partnerId ? getPartner(db, meta.partnerId) : null;
    const notice = `*${escapeMrkdwn(partner?.name ?? 'The organization')}*: contact ${meta.contactId ? 'saved' : 'added'}.`;
    await refreshDirectory(client, meta, { offset: meta.offset ?? 0, showInactive: meta.showInactive ?? false }, notice);
    const contactPartnerId = meta.partnerId ?? (meta.contactId ? getContact(db, meta.contactId)?.partnerId : undefined);
    if (contactPartnerId) await rejudgeThreads(client, contactPartnerId, before, contactUsers, actor.staffId);
  });
}
