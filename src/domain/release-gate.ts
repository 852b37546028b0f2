// The release gate (issue #6): nothing about a participant reaches a partner organization —
// in a thread, a DM or an invite — unless a valid release of information signed for that
// organization covers it (seed 001: "releases of information signed for every partner who
// will hear about the participant"). Pure: no Slack, no SQL, no clock; callers pass the day
// (`on`, a `YYYY-MM-DD` date in the organizer's zone) and the facts.
import { isCalendarDate } from './dates';
import { addCalendarDays } from './due';
import { checkNoteText } from './note-checks';

/** What a release may allow to be shared, in the order people read them. */
export const SHARE_SCOPES = ['contact_details', 'employment_plan', 'assessment_results', 'case_notes', 'medical'] as const;
export type ShareScope = (typeof SHARE_SCOPES)[number];

export const SHARE_SCOPE_LABELS: Record<ShareScope, string> = {
  contact_details: 'Contact details',
  employment_plan: 'Employment plan',
  assessment_results: 'Assessment results',
  case_notes: 'Case notes',
  medical: 'Medical detail',
};

export function isShareScope(value: string): value is ShareScope {
  return (SHARE_SCOPES as readonly string[]).includes(value);
}

export interface ReleaseFacts {
  partnerId: number;
  signedDate: string;
  /** Valid through this date (inclusive). */
  expiryDate: string;
  /** Not valid from this date on; null while not revoked. */
  revokedDate: string | null;
  scopes: readonly ShareScope[];
}

/** Valid on day D ⇔ signedDate ≤ D ≤ expiryDate and (revokedDate is null or revokedDate > D). */
export function isReleaseValid(release: ReleaseFacts, on: string): boolean {
  return release.signedDate <= on && on <= release.expiryDate && (release.revokedDate === null || release.revokedDate > on);
}

/** Scopes in SHARE_SCOPES order, each once. */
function ordered(scopes: Iterable<ShareScope>): ShareScope[] {
  const set = new Set(scopes);
  return SHARE_SCOPES.filter((s) => set.has(s));
}

/**
 * What a partner organization may receive about the participant on day `on`: null = nothing at
 * all (not even that the person exists or their name). Otherwise the participant's identity
 * (first name + last initial) and the union of scopes of its valid releases; 'medical' only if
 * a valid release says so.
 */
export function partnerDisclosure(releases: readonly ReleaseFacts[], partnerId: number, on: string): { scopes: ShareScope[] } | null {
  const valid = releases.filter((r) => r.partnerId === partnerId && isReleaseValid(r, on));
  if (valid.length === 0) return null;
  return { scopes: ordered(valid.flatMap((r) => r.scopes)) };
}

/** The partners (each once, in the order given) with no valid release on day `on`. */
export function partnersLackingRelease(partnerIds: readonly number[], releases: readonly ReleaseFacts[], on: string): number[] {
  return [...new Set(partnerIds)].filter((id) => partnerDisclosure(releases, id, on) === null);
}

/** Who can read a channel/thread, as resolved by the caller from conversations.members. */
export type Reader =
  | { slackUserId: string; kind: 'staff' }
  | { slackUserId: string; kind: 'partner_contact'; partnerId: number }
  | { slackUserId: string; kind: 'unknown' };

/** What the caller knows about the channel itself, besides its members. */
export interface ChannelFacts {
  /** A public channel can be read by anyone in the workspace without joining: its member list is not its audience. */
  isPrivate: boolean;
  /** Every member was listed (Tickler stops paging very large channels). */
  membersComplete: boolean;
}

/** Why a channel as a whole carries logistics only, whoever its listed members are. */
export type ChannelReason = 'public_channel' | 'members_incomplete' | 'members_unknown';

export interface AudienceDecision {
  /** 'full': every reader is staff or a contact of a partner with a valid release → the participant may be named (first name + last initial) and `scopes` may be shared. 'logistics_only': no name, no participant detail. */
  mode: 'full' | 'logistics_only';
  /** Intersection of the partner readers' disclosure scopes (all scopes except medical when only staff read it). Empty when logistics_only. */
  scopes: ShareScope[];
  /** The readers that forced logistics_only, and why — told to the organizer. */
  blockers: Array<{ slackUserId: string; reason: 'not_staff_or_partner' | 'no_valid_release'; partnerId?: number }>;
  /** The channel itself forced logistics_only (public, too many members to list, members unreadable); null otherwise. */
  channelReason: ChannelReason | null;
}

/** Among staff only, everything but medical detail (a shared thread never carries it by default). */
const STAFF_ONLY_SCOPES: readonly ShareScope[] = SHARE_SCOPES.filter((s) => s !== 'medical');

/**
 * What a channel or thread may carry about the participant, judged against everyone who can
 * read it, not only the invited attendees. One reader who is neither staff nor a contact of a
 * partner with a valid release makes it logistics only; so does a public channel (anyone in the
 * workspace can read it, members or not) and a member list that could not be read to the end.
 * Bots (the app itself) are not readers; the caller leaves them out. A reader listed twice
 * counts once.
 */
export function audienceDisclosure(readers: readonly Reader[], releases: readonly ReleaseFacts[], on: string, channel: ChannelFacts): AudienceDecision {
  const seen = new Set<string>();
  const blockers: AudienceDecision['blockers'] = [];
  const partnerScopes: ShareScope[][] = [];
  for (const reader of readers) {
    if (seen.has(reader.slackUserId)) continue;
    seen.add(reader.slackUserId);
    if (reader.kind === 'unknown') {
      blockers.push({ slackUserId: reader.slackUserId, reason: 'not_staff_or_partner' });
    } else if (reader.kind === 'partner_contact') {
      const disclosure = partnerDisclosure(releases, reader.partnerId, on);
      if (disclosure) partnerScopes.push(disclosure.scopes);
      else blockers.push({ slackUserId: reader.slackUserId, reason: 'no_valid_release', partnerId: reader.partnerId });
    }
  }
  const channelReason: ChannelReason | null = !channel.isPrivate ? 'public_channel' : !channel.membersComplete ? 'members_incomplete' : null;
  if (blockers.length > 0 || channelReason) return { mode: 'logistics_only', scopes: [], blockers, channelReason };
  const scopes = partnerScopes.reduce<readonly ShareScope[]>((acc, s) => acc.filter((x) => s.includes(x)), partnerScopes.length ? SHARE_SCOPES : STAFF_ONLY_SCOPES);
  return { mode: 'full', scopes: ordered(scopes), blockers: [], channelReason: null };
}

/** The decision when the channel's members could not be read at all: only the stricter answer is safe. */
export function membersUnknown(): AudienceDecision {
  return { mode: 'logistics_only', scopes: [], blockers: [], channelReason: 'members_unknown' };
}

/** A direct message is judged for its one reader, by the same rule as a channel. */
export function readerDisclosure(reader: Reader, releases: readonly ReleaseFacts[], on: string): AudienceDecision {
  return audienceDisclosure([reader], releases, on, { isPrivate: true, membersComplete: true });
}

/** Whether the note checks find medical detail in a text (a condition, medication, procedure…). */
export function hasMedicalDetail(text: string): boolean {
  return checkNoteText(text).some((w) => w.kind === 'medical');
}

/**
 * Whether free text the team wrote (the reason for meeting, an action step) may be shown under a
 * decision: the decision names the participant, covers the text's scope, and — when the note
 * checks flag medical detail in it — covers medical detail too.
 */
export function mayShowText(decision: Pick<AudienceDecision, 'mode' | 'scopes'>, scope: ShareScope, text: string): boolean {
  if (decision.mode !== 'full' || !decision.scopes.includes(scope)) return false;
  return decision.scopes.includes('medical') || !hasMedicalDetail(text);
}

/** The scopes a shown text discloses (for the audit): its own, and medical when flagged. */
export function scopesOfText(scope: ShareScope, text: string): ShareScope[] {
  return hasMedicalDetail(text) ? ordered([scope, 'medical']) : [scope];
}

/** What a thread disclosed (its mode and scopes), before and after a re-judgment. */
export interface ThreadDisclosure {
  mode: 'full' | 'logistics_only';
  scopes: readonly ShareScope[];
}

/**
 * What a new decision takes away from a thread: the participant's name (full → logistics only)
 * and each scope the thread had that it no longer has. Nothing is taken from a thread that was
 * logistics only; a wider decision takes nothing.
 */
export function withdrawnBy(before: ThreadDisclosure, after: ThreadDisclosure): { name: boolean; scopes: ShareScope[] } {
  if (before.mode !== 'full') return { name: false, scopes: [] };
  const kept = after.mode === 'full' ? after.scopes : [];
  return { name: after.mode !== 'full', scopes: ordered(before.scopes.filter((s) => !kept.includes(s))) };
}

/**
 * The default expiry of a release signed on `signedDate`: signed + `validityDays` calendar
 * days (the profile's `releaseValidityDays`, strictest of the participant's programs). The
 * release is valid through that date, so the default 365 days reads as people read a one-year
 * form — signed Mar 3, 2026, valid through Mar 3, 2027 — and expiry > signed always holds.
 */
export function defaultReleaseExpiry(signedDate: string, validityDays: number): string {
  if (!isCalendarDate(signedDate)) throw new RangeError(`not a calendar date: ${signedDate}`);
  if (!Number.isInteger(validityDays) || validityDays < 1) throw new RangeError(`release validity must be a whole number of days ≥ 1 (got ${validityDays})`);
  return addCalendarDays(signedDate, validityDays);
}

// ---------------------------------------------------------------------------
// Recording and revoking: the checks, in words a case manager understands
// ---------------------------------------------------------------------------

export type ReleaseFieldErrors = Partial<Record<'partnerId' | 'signedDate' | 'expiryDate' | 'scopes' | 'documentLocation' | 'revokedDate' | 'reason', string>>;

export interface ReleaseDraft {
  signedDate: string;
  expiryDate: string;
  scopes: readonly string[];
  documentLocation: string | null;
}

/** Problems with a release about to be recorded; `today` is the recorder's local date. */
export function releaseDraftProblems(draft: ReleaseDraft, today: string): ReleaseFieldErrors {
  const errors: ReleaseFieldErrors = {};
  const signedOk = isCalendarDate(draft.signedDate);
  if (!signedOk) errors.signedDate = 'Pick the date the release was signed.';
  else if (draft.signedDate > today) errors.signedDate = 'The signed date is in the future: record the release once it is signed.';
  if (!isCalendarDate(draft.expiryDate)) errors.expiryDate = 'Pick the date the release expires.';
  else if (signedOk && draft.expiryDate <= draft.signedDate) errors.expiryDate = 'The release must expire after the day it was signed.';
  const unknown = draft.scopes.filter((s) => !isShareScope(s));
  if (unknown.length) errors.scopes = 'Pick what the release allows from the list.';
  else if (draft.scopes.length === 0) errors.scopes = 'Tick at least one thing the signed release allows to be shared.';
  if (draft.documentLocation !== null && draft.documentLocation.trim().length > 500) errors.documentLocation = 'Keep where the signed copy is kept under 500 characters.';
  return errors;
}

/** Problems with a revocation of a release signed on `signedDate`; `today` is the recorder's local date. */
export function revocationProblems(release: { signedDate: string }, revocation: { revokedDate: string; reason: string }, today: string): ReleaseFieldErrors {
  const errors: ReleaseFieldErrors = {};
  if (!isCalendarDate(revocation.revokedDate)) errors.revokedDate = 'Pick the date the participant revoked the release.';
  else if (revocation.revokedDate > today) errors.revokedDate = 'The revocation date is in the future: record it on the day the participant revokes the release.';
  else if (revocation.revokedDate < release.signedDate) errors.revokedDate = 'The revocation date is before the release was signed.';
  const reason = revocation.reason?.trim() ?? '';
  if (!reason) errors.reason = 'Say why the release is revoked (e.g. the participant withdrew consent, or it was recorded by mistake).';
  else if (reason.length > 500) errors.reason = 'Keep the reason under 500 characters.';
  return errors;
}
