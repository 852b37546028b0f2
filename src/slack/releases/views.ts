// Block Kit for releases of information: the participant's releases (from the card's
// *Releases* button), the form to record one and the form to revoke one. Pure functions of data.
import type { KnownBlock, View } from '@slack/types';
import { displayDate } from '../../domain/dates';
import type { ReleaseListItem } from '../../db/releases';
import { SHARE_SCOPE_LABELS, isReleaseValid, type ShareScope } from '../../domain/release-gate';
import { escapeMrkdwn, truncate } from '../../domain/text';
import { ACTIONS, VIEWS } from '../ids';

/** Releases listed in the modal (each one block); older ones are counted. */
export const RELEASES_SHOWN = 40;

export const RELEASE_BLOCKS = {
  partner: 'release_partner',
  signed: 'release_signed',
  expiry: 'release_expiry',
  scopes: 'release_scopes',
  medical: 'release_medical',
  document: 'release_document',
} as const;
export const REVOKE_BLOCKS = { date: 'revoke_date', reason: 'revoke_reason' } as const;

/** The scopes a case manager ticks in one group; medical detail has its own, explicit box. */
export const ORDINARY_SCOPES: readonly ShareScope[] = ['contact_details', 'employment_plan', 'assessment_results', 'case_notes'];

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const md = (text: string) => ({ type: 'mrkdwn' as const, text });
const option = (text: string, value: string, description?: string) => ({ text: plain(truncate(text, 75)), value, ...(description ? { description: plain(truncate(description, 75)) } : {}) });

export function scopesText(scopes: readonly ShareScope[]): string {
  return scopes.length ? scopes.map((s) => SHARE_SCOPE_LABELS[s].toLowerCase()).join(', ') : 'nothing beyond the release itself';
}

/** "valid through …" / "expired …" / "revoked …" / "starts …", as of the reader's day. */
export function releaseStatus(r: Pick<ReleaseListItem, 'signedDate' | 'expiryDate' | 'revokedDate' | 'scopes' | 'partnerId'>, today: string): string {
  if (r.revokedDate && r.revokedDate <= today) return `revoked ${displayDate(r.revokedDate)}`;
  if (r.expiryDate < today) return `expired ${displayDate(r.expiryDate)}`;
  if (r.signedDate > today) return `valid from ${displayDate(r.signedDate)}`;
  return isReleaseValid(r, today) ? `valid through ${displayDate(r.expiryDate)}` : 'not valid';
}

export interface ReleasesHeader {
  participantId: number;
  name: string;
  mayWrite: boolean;
  today: string;
}

export function releasesModal(items: readonly ReleaseListItem[], header: ReleasesHeader, privateMetadata: string): View {
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: 'releases_who',
      text: md(
        `*${escapeMrkdwn(truncate(header.name, 300))}*\nReleases of information: nothing about the participant reaches a partner organization without a valid release for it, and only what the release allows.`,
      ),
    },
  ];
  if (header.mayWrite) {
    blocks.push({
      type: 'actions',
      block_id: 'releases_add',
      elements: [{ type: 'button', action_id: ACTIONS.releaseRecord, text: plain('Record release'), style: 'primary', value: JSON.stringify({ participantId: header.participantId }) }],
    });
  }
  if (items.length === 0) blocks.push({ type: 'context', block_id: 'releases_none', elements: [md('No releases recorded yet.')] });
  for (const r of items.slice(0, RELEASES_SHOWN)) {
    const lines = [
      `*${escapeMrkdwn(truncate(r.partnerName, 200))}* — ${releaseStatus(r, header.today)}`,
      `Signed ${displayDate(r.signedDate)} · shares ${scopesText(r.scopes)}`,
    ];
    if (r.documentLocation) lines.push(`Signed copy: ${escapeMrkdwn(truncate(r.documentLocation, 300))}`);
    if (r.revokedDate && r.revokedReason) lines.push(`Revoked: ${escapeMrkdwn(truncate(r.revokedReason, 300))}`);
    const revocable = header.mayWrite && !r.revokedDate && r.expiryDate >= header.today;
    blocks.push({
      type: 'section',
      block_id: `release_${r.id}`,
      text: md(lines.join('\n')),
      ...(revocable ? { accessory: { type: 'button' as const, action_id: ACTIONS.releaseRevoke, text: plain('Revoke'), value: String(r.id) } } : {}),
    });
  }
  if (items.length > RELEASES_SHOWN) {
    blocks.push({ type: 'context', block_id: 'releases_more', elements: [md(`…and ${items.length - RELEASES_SHOWN} older releases.`)] });
  }
  return {
    type: 'modal',
    callback_id: VIEWS.releases,
    title: plain('Releases'),
    close: plain('Close'),
    private_metadata: privateMetadata,
    blocks,
  };
}

export interface RecordDefaults {
  name: string;
  today: string;
  /** The profile's releaseValidityDays (strictest of the participant's programs). */
  validityDays: number;
  /** The expiry a release signed today gets by default. */
  defaultExpiryIfSignedToday: string;
  preset: { id: number; name: string } | null;
}

export function recordReleaseModal(d: RecordDefaults, privateMetadata: string): View {
  const preset = d.preset ? option(d.preset.name, String(d.preset.id)) : null;
  return {
    type: 'modal',
    callback_id: VIEWS.releaseRecord,
    title: plain('Record release'),
    submit: plain('Record'),
    close: plain('Back'),
    private_metadata: privateMetadata,
    blocks: [
      { type: 'section', block_id: 'release_who', text: md(`A release of information signed by *${escapeMrkdwn(truncate(d.name, 300))}*`) },
      {
        type: 'input',
        block_id: RELEASE_BLOCKS.partner,
        label: plain('Partner organization'),
        hint: plain('From the partner directory (/irt partners). One release per organization.'),
        element: {
          type: 'external_select',
          action_id: ACTIONS.releasePartnerPick,
          placeholder: plain('Type part of the name'),
          min_query_length: 0,
          ...(preset ? { initial_option: preset } : {}),
        },
      },
      { type: 'input', block_id: RELEASE_BLOCKS.signed, label: plain('Signed on'), element: { type: 'datepicker', action_id: 'value', initial_date: d.today } },
      {
        type: 'input',
        block_id: RELEASE_BLOCKS.expiry,
        label: plain('Expires on'),
        optional: true,
        hint: plain(`Leave empty for the program default: ${d.validityDays} days after it was signed (signed today: valid through ${displayDate(d.defaultExpiryIfSignedToday)}).`),
        element: { type: 'datepicker', action_id: 'value' },
      },
      {
        type: 'input',
        block_id: RELEASE_BLOCKS.scopes,
        label: plain('What it allows to be shared'),
        optional: true,
        element: { type: 'checkboxes', action_id: 'value', options: ORDINARY_SCOPES.map((s) => option(SHARE_SCOPE_LABELS[s], s)) },
      },
      {
        type: 'input',
        block_id: RELEASE_BLOCKS.medical,
        label: plain('Medical detail'),
        optional: true,
        hint: plain('Tick only when the signed release explicitly allows medical information to be shared. Otherwise it never is.'),
        element: { type: 'checkboxes', action_id: 'value', options: [option('The release explicitly covers medical detail', 'medical')] },
      },
      {
        type: 'input',
        block_id: RELEASE_BLOCKS.document,
        label: plain('Where the signed copy is kept'),
        optional: true,
        element: { type: 'plain_text_input', action_id: 'value', max_length: 500, placeholder: plain('e.g. Paper file, or scanned to the case folder') },
      },
    ],
  };
}

export function revokeModal(name: string, release: ReleaseListItem, today: string, privateMetadata: string): View {
  return {
    type: 'modal',
    callback_id: VIEWS.releaseRevoke,
    title: plain('Revoke release'),
    submit: plain('Revoke'),
    close: plain('Back'),
    private_metadata: privateMetadata,
    blocks: [
      {
        type: 'section',
        block_id: 'revoke_summary',
        text: md(
          `*${escapeMrkdwn(truncate(release.partnerName, 200))}* · ${escapeMrkdwn(truncate(name, 200))}\nSigned ${displayDate(release.signedDate)} · valid through ${displayDate(release.expiryDate)} · shares ${scopesText(release.scopes)}\nFrom the revocation date on, nothing about the participant reaches this organization. A release recorded by mistake is revoked from the day it was signed; record the correct one after.`,
        ),
      },
      { type: 'input', block_id: REVOKE_BLOCKS.date, label: plain('Revoked on'), element: { type: 'datepicker', action_id: 'value', initial_date: today } },
      {
        type: 'input',
        block_id: REVOKE_BLOCKS.reason,
        label: plain('Reason'),
        element: { type: 'plain_text_input', action_id: 'value', max_length: 500, placeholder: plain('e.g. The participant withdrew consent in writing') },
      },
    ],
  };
}

/** Shown after a release recorded from outside the releases list (the IRT flow's button). */
export function recordedModal(partnerName: string, expiryDate: string, duplicate: boolean): View {
  return {
    type: 'modal',
    callback_id: VIEWS.releaseRecord,
    title: plain('Release recorded'),
    close: plain('Done'),
    blocks: [
      {
        type: 'section',
        block_id: 'release_recorded',
        text: md(
          `${duplicate ? 'This release was already recorded' : 'Release recorded'}: *${escapeMrkdwn(truncate(partnerName, 200))}*, valid through ${displayDate(expiryDate)}. The partner can now be invited to IRT meetings; what they hear stays within what the release allows.`,
        ),
      },
    ],
  };
}

/** The refusal in a modal. */
export function notAvailableReleasesModal(text: string): View {
  return {
    type: 'modal',
    callback_id: VIEWS.releases,
    title: plain('Releases'),
    close: plain('Close'),
    blocks: [{ type: 'section', block_id: 'releases_not_available', text: md(text) }],
  };
}
