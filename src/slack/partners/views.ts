// Block Kit for the partner directory (`/irt partners`): the paged directory modal and the
// pushed forms to add or edit an organization and its contacts. Pure functions of data.
import type { KnownBlock, View } from '@slack/types';
import { PARTNER_KINDS, PARTNER_KIND_LABELS, type PartnerContactRow, type PartnerRow, type PartnerWithContacts } from '../../db/partners';
import { escapeMrkdwn, truncate } from '../../domain/text';
import { ACTIONS, VIEWS } from '../ids';

/** Organizations per directory page: 4 blocks each keeps a page far below the 100-block limit. */
export const PARTNERS_PER_PAGE = 10;
/** Contacts offered in one "Edit a contact" menu (Block Kit allows 100 options). */
const MAX_CONTACT_OPTIONS = 100;

export const PARTNER_BLOCKS = {
  name: 'partner_name',
  kind: 'partner_kind',
  serviceArea: 'partner_service_area',
  phone: 'partner_phone',
  email: 'partner_email',
  active: 'partner_active',
} as const;

export const CONTACT_BLOCKS = {
  name: 'contact_name',
  title: 'contact_title',
  slackUser: 'contact_slack_user',
  email: 'contact_email',
  phone: 'contact_phone',
  active: 'contact_active',
} as const;

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const md = (text: string) => ({ type: 'mrkdwn' as const, text });
const option = (text: string, value: string) => ({ text: plain(truncate(text, 75)), value });

function contactLine(c: PartnerContactRow): string {
  const parts = [`*${escapeMrkdwn(truncate(c.name, 100))}*${c.title ? `, ${escapeMrkdwn(truncate(c.title, 80))}` : ''}`];
  if (c.slackUserId) parts.push(`<@${c.slackUserId}>`);
  if (c.email) parts.push(escapeMrkdwn(truncate(c.email, 120)));
  if (c.phone) parts.push(escapeMrkdwn(truncate(c.phone, 50)));
  return parts.join(' · ');
}

function partnerBlocks(p: PartnerWithContacts): KnownBlock[] {
  const reach = [p.phone, p.email].filter((v): v is string => !!v).map((v) => escapeMrkdwn(truncate(v, 120)));
  const lines = [`*${escapeMrkdwn(truncate(p.name, 200))}* — ${PARTNER_KIND_LABELS[p.kind]}${p.active ? '' : ' · _turned off_'}`];
  if (p.serviceArea) lines.push(escapeMrkdwn(truncate(p.serviceArea, 300)));
  if (reach.length) lines.push(reach.join(' · '));
  const current = p.contacts.filter((c) => c.active);
  const contacts = current.length ? truncate(current.map(contactLine).join('\n'), 2900) : '_No contacts yet._';
  const buttons: Array<Record<string, unknown>> = [
    { type: 'button', action_id: ACTIONS.partnerEdit, text: plain('Edit'), value: String(p.id) },
    { type: 'button', action_id: ACTIONS.partnerAddContact, text: plain('Add contact'), value: String(p.id) },
  ];
  if (p.contacts.length) {
    buttons.push({
      type: 'static_select',
      action_id: ACTIONS.partnerEditContact,
      placeholder: plain('Edit a contact'),
      options: p.contacts.slice(0, MAX_CONTACT_OPTIONS).map((c) => option(c.active ? c.name : `${c.name} (turned off)`, String(c.id))),
    });
  }
  return [
    { type: 'section', block_id: `partner_${p.id}`, text: md(lines.join('\n')) },
    { type: 'context', block_id: `partner_contacts_${p.id}`, elements: [md(contacts)] },
    { type: 'actions', block_id: `partner_actions_${p.id}`, elements: buttons as never },
    { type: 'divider', block_id: `partner_divider_${p.id}` },
  ];
}

/**
 * The directory: one page of organizations (active ones; with `showInactive`, the turned-off
 * ones after them), each with its contacts and buttons.
 */
export function directoryModal(
  page: { partners: PartnerWithContacts[]; total: number },
  opts: { offset: number; showInactive: boolean; notice?: string | undefined },
  privateMetadata: string,
): View {
  const { offset } = opts;
  const shownTo = offset + page.partners.length;
  const what = opts.showInactive ? 'organization' : 'partner organization';
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: 'partner_directory_intro',
      text: md(
        page.total === 0
          ? 'No partner organizations in the directory yet. Add the agencies and employers you work with — or import them from a CSV file (`npm run cli -- partners import`).'
          : `*${page.total} ${what}${page.total === 1 ? '' : 's'}*${opts.showInactive ? ' (turned-off ones included)' : ''} · showing ${offset + 1}–${shownTo}`,
      ),
    },
    {
      type: 'actions',
      block_id: 'partner_directory_actions',
      elements: [
        { type: 'button', action_id: ACTIONS.partnerAdd, text: plain('Add partner'), style: 'primary', value: 'new' },
        { type: 'button', action_id: ACTIONS.partnerShowInactive, text: plain(opts.showInactive ? 'Hide turned-off partners' : 'Show turned-off partners'), value: opts.showInactive ? 'hide' : 'show' },
      ],
    },
  ];
  const notice = opts.notice;
  if (notice) blocks.push({ type: 'context', block_id: 'partner_directory_notice', elements: [md(truncate(notice, 2900))] });
  blocks.push({ type: 'divider', block_id: 'partner_directory_top' });
  for (const p of page.partners) blocks.push(...partnerBlocks(p));
  const nav: Array<Record<string, unknown>> = [];
  if (offset > 0) nav.push({ type: 'button', action_id: ACTIONS.partnerPagePrev, text: plain('Previous'), value: String(Math.max(0, offset - PARTNERS_PER_PAGE)) });
  if (shownTo < page.total) nav.push({ type: 'button', action_id: ACTIONS.partnerPage, text: plain('Next'), value: String(shownTo) });
  if (nav.length) blocks.push({ type: 'actions', block_id: 'partner_directory_pages', elements: nav as never });
  return {
    type: 'modal',
    callback_id: VIEWS.partnerDirectory,
    title: plain('Partner directory'),
    close: plain('Close'),
    private_metadata: privateMetadata,
    blocks,
  };
}

const textInput = (blockId: string, label: string, opts: { optional?: boolean; max: number; initial?: string | null; hint?: string; placeholder?: string }): KnownBlock => ({
  type: 'input',
  block_id: blockId,
  label: plain(label),
  optional: opts.optional ?? false,
  ...(opts.hint ? { hint: plain(opts.hint) } : {}),
  element: {
    type: 'plain_text_input',
    action_id: 'value',
    max_length: opts.max,
    ...(opts.initial ? { initial_value: opts.initial } : {}),
    ...(opts.placeholder ? { placeholder: plain(opts.placeholder) } : {}),
  },
});

function activeInput(blockId: string, label: string, active: boolean): KnownBlock {
  const listed = option(label, 'yes');
  return {
    type: 'input',
    block_id: blockId,
    label: plain('In the directory'),
    optional: true,
    hint: plain('Untick to turn it off: it disappears from the directory and pickers, and its history stays.'),
    element: { type: 'checkboxes', action_id: 'value', options: [listed], ...(active ? { initial_options: [listed] } : {}) },
  };
}

/** Add (no partner) or edit an organization. */
export function partnerModal(partner: PartnerRow | null, privateMetadata: string): View {
  const kinds = PARTNER_KINDS.map((k) => option(PARTNER_KIND_LABELS[k], k));
  const initialKind = partner ? kinds.find((k) => k.value === partner.kind) : undefined;
  const blocks: KnownBlock[] = [
    textInput(PARTNER_BLOCKS.name, 'Organization', { max: 200, initial: partner?.name ?? null, placeholder: 'e.g. Goodwill of Dane County' }),
    {
      type: 'input',
      block_id: PARTNER_BLOCKS.kind,
      label: plain('Kind'),
      element: { type: 'static_select', action_id: 'value', placeholder: plain('Pick the kind'), options: kinds, ...(initialKind ? { initial_option: initialKind } : {}) },
    },
    textInput(PARTNER_BLOCKS.serviceArea, 'Program or service area', { optional: true, max: 300, initial: partner?.serviceArea ?? null, placeholder: 'e.g. Housing assistance, job training' }),
    textInput(PARTNER_BLOCKS.phone, 'Phone', { optional: true, max: 50, initial: partner?.phone ?? null }),
    textInput(PARTNER_BLOCKS.email, 'Email', { optional: true, max: 200, initial: partner?.email ?? null }),
  ];
  if (partner) blocks.push(activeInput(PARTNER_BLOCKS.active, 'Listed in the directory', partner.active));
  return {
    type: 'modal',
    callback_id: VIEWS.partnerEdit,
    title: plain(partner ? 'Edit partner' : 'Add partner'),
    submit: plain(partner ? 'Save' : 'Add partner'),
    close: plain('Back'),
    private_metadata: privateMetadata,
    blocks,
  };
}

/** Add (no contact) or edit a contact of an organization. */
export function contactModal(partnerName: string, contact: PartnerContactRow | null, privateMetadata: string): View {
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: 'contact_partner', text: md(`Contact at *${escapeMrkdwn(truncate(partnerName, 200))}*`) },
    textInput(CONTACT_BLOCKS.name, 'Name', { max: 200, initial: contact?.name ?? null }),
    textInput(CONTACT_BLOCKS.title, 'Title', { optional: true, max: 200, initial: contact?.title ?? null }),
    {
      type: 'input',
      block_id: CONTACT_BLOCKS.slackUser,
      label: plain('Slack user'),
      optional: true,
      hint: plain('When the person is in this workspace or a shared channel. One person speaks for one organization: the release gate judges them by it.'),
      element: { type: 'users_select', action_id: 'value', placeholder: plain('Pick the person'), ...(contact?.slackUserId ? { initial_user: contact.slackUserId } : {}) },
    },
    textInput(CONTACT_BLOCKS.email, 'Email', { optional: true, max: 200, initial: contact?.email ?? null }),
    textInput(CONTACT_BLOCKS.phone, 'Phone', { optional: true, max: 50, initial: contact?.phone ?? null }),
  ];
  if (contact) blocks.push(activeInput(CONTACT_BLOCKS.active, 'Still a contact', contact.active));
  return {
    type: 'modal',
    callback_id: VIEWS.partnerContact,
    title: plain(contact ? 'Edit contact' : 'Add contact'),
    submit: plain(contact ? 'Save' : 'Add contact'),
    close: plain('Back'),
    private_metadata: privateMetadata,
    blocks,
  };
}

/** Shown in place of a form when the organization or contact is gone (or the reader is not staff). */
export function directoryGoneModal(): View {
  return {
    type: 'modal',
    callback_id: VIEWS.partnerEdit,
    title: plain('Partner directory'),
    close: plain('Back'),
    blocks: [{ type: 'section', block_id: 'partner_gone', text: md('That organization or contact is no longer in the directory.') }],
  };
}
