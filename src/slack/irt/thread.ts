// The planning thread and everything sent about a meeting: who can read the channel
// (conversations.info + conversations.members, judged by the release gate), the parent message
// and the rounds of slots, re-judging the thread when its readers change, and the confirmation
// (thread, DMs in each attendee's zone, the .ics upload).
//
// What may be said is decided by src/domain/release-gate.ts: `audienceDisclosure` for the
// channel (everyone who can read it, not only the attendees), `readerDisclosure` for one
// person's DM, `mayShowText` for free text. The thread's PARENT message (its ts is the
// meeting's thread_ts) is the only thread message that may name the participant or carry their
// details, besides the reminders whose ts is stored (irt_reminders): all of them can be
// rewritten when the thread must say less. Every other reply carries logistics only. Anything
// meant to be forwarded outside Slack (the .ics) never names the participant. Every send to
// partners is audited as `irt-disclose` (ids and scopes).
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { localDate } from '../../domain/dates';
import { formatSlotFor, nameForPartners, tallyAvailability } from '../../domain/irt';
import {
  audienceDisclosure,
  mayShowText,
  membersUnknown,
  readerDisclosure,
  scopesOfText,
  SHARE_SCOPE_LABELS,
  SHARE_SCOPES,
  withdrawnBy,
  type AudienceDecision,
  type Reader,
  type ShareScope,
  type ThreadDisclosure,
} from '../../domain/release-gate';
import { activeStaffAmong, auditDisclosure, meetingDetail, setThread, staffProfile, type MeetingDetail, type ThreadMode } from '../../db/irt';
import { actionItemsOf, lastThreadDisclosure, threadReminders } from '../../db/irt-threads';
import { partnerContactBySlackUser, partnerNames } from '../../db/partners';
import { releaseFactsFor } from '../../db/releases';
import type { IrtActionItemRow } from '../../db/schema';
import { slackErrorCode } from '../../jobs/paced-queue';
import { uploadToChannel, uploadToDm } from '../files';
import { doneMessage } from '../irt-outcome/views';
import { sendDirectMessage } from '../reply';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import type { Db } from '../../db/connection';
import type { Clock } from '../../domain/clock';
import {
  actionItemReminder,
  confirmationDm,
  confirmationProblemsMessage,
  confirmedThreadMessage,
  locationLine,
  logisticsNoticeMessage,
  meetingReminderThread,
  roundFailedMessage,
  slotsMessage,
  threadFailedMessage,
  threadNarrowedMessage,
  threadParentMessage,
  type Blocker,
  type ConfirmationFailure,
  type NarrowingCause,
  type SlotLine,
} from './views';

/** How Slack calls are made: directly, or through the reminder job's paced queue. */
export type SlackCall = <T>(label: string, call: () => Promise<T>) => Promise<T>;
export const direct: SlackCall = (_label, call) => call();

/** What the Slack work needs besides the client (the app's Services, or the reminder job's deps). */
export interface ThreadDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'agencyTz'>;
  logger: Pick<Logger, 'info' | 'warn'>;
}

// ---------------------------------------------------------------------------- the audience

const botUserIds = new WeakMap<WebClient, Promise<string | undefined>>();

/** The app's own user id (auth.test, once per client): the bot is not a reader. */
function botUserId(client: WebClient): Promise<string | undefined> {
  let cached = botUserIds.get(client);
  if (!cached) {
    cached = client.auth.test().then(
      (r) => r.user_id,
      () => {
        botUserIds.delete(client);
        return undefined;
      },
    );
    botUserIds.set(client, cached);
  }
  return cached;
}

/** conversations.members is read at most this many pages of 200; a channel with more is judged logistics only. */
export const MAX_MEMBER_PAGES = 100;

/** Everyone who is a member of a channel, page by page; `complete` is false when pages remained unread. */
async function channelMembers(client: WebClient, channelId: string, call: SlackCall): Promise<{ members: string[]; complete: boolean }> {
  const members: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_MEMBER_PAGES; page++) {
    const res = await call('conversations.members', () => client.conversations.members({ channel: channelId, limit: 200, ...(cursor ? { cursor } : {}) }));
    members.push(...(res.members ?? []));
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!cursor) return { members, complete: true };
  }
  return { members, complete: false };
}

/** Whether the channel is private (conversations.info). A public channel's readers are the whole workspace. */
async function channelIsPrivate(client: WebClient, channelId: string, call: SlackCall): Promise<boolean> {
  const res = await call('conversations.info', () => client.conversations.info({ channel: channelId }));
  return res.channel?.is_private === true;
}

/**
 * What each Slack user is to the gate: a contact of a partner organization (checked first, so
 * a partner who also became a workspace member is still judged by their organization's
 * release), active staff, or unknown.
 */
export function classifyReaders(deps: ThreadDeps, userIds: readonly string[]): Reader[] {
  const ids = [...new Set(userIds)];
  const contacts = partnerContactBySlackUser(deps.db, ids);
  const staffIds = activeStaffAmong(deps.db, ids);
  return ids.map((id): Reader => {
    const contact = contacts.get(id);
    if (contact) return { slackUserId: id, kind: 'partner_contact', partnerId: contact.partnerId };
    if (staffIds.has(id)) return { slackUserId: id, kind: 'staff' };
    return { slackUserId: id, kind: 'unknown' };
  });
}

export interface Audience {
  decision: AudienceDecision;
  /** Partner organizations among the readers (for the disclosure audit). */
  partnerIds: number[];
}

/** The gate's decision for a channel on the organizer's today. Throws Slack's error when the channel or its members cannot be read. */
export async function channelAudience(deps: ThreadDeps, client: WebClient, detail: MeetingDetail, call: SlackCall = direct): Promise<Audience> {
  const channel = detail.meeting.planningChannelId;
  const [{ members, complete }, isPrivate, bot] = await Promise.all([channelMembers(client, channel, call), channelIsPrivate(client, channel, call), botUserId(client)]);
  const readers = classifyReaders(deps, members.filter((m) => m !== bot));
  const decision = audienceDisclosure(readers, releaseFactsFor(deps.db, detail.participant.id), organizerToday(deps, detail), { isPrivate, membersComplete: complete });
  const partnerIds = [...new Set(readers.flatMap((r) => (r.kind === 'partner_contact' ? [r.partnerId] : [])))];
  return { decision, partnerIds };
}

// ------------------------------------------------------------------------------- rendering

export function organizerZone(deps: ThreadDeps, detail: MeetingDetail): string {
  return staffProfile(deps.db, detail.meeting.organizerId)?.tz ?? deps.config.agencyTz;
}

export function organizerToday(deps: ThreadDeps, detail: MeetingDetail): string {
  return localDate(deps.clock.now(), organizerZone(deps, detail));
}

/** The participant as partners may read it ("Amina K."), when the mode allows a name at all. */
export function partnerFacingName(detail: MeetingDetail, mode: ThreadMode): string | null {
  return mode === 'full' ? nameForPartners(detail.participant.fullName, detail.participant.preferredName) : null;
}

function latestRound(detail: MeetingDetail): number {
  return Math.max(0, ...detail.slots.map((s) => s.round));
}

function attendingText(detail: MeetingDetail): string {
  const parts = ['the participant'];
  for (const a of detail.attendees) {
    if (a.kind === 'staff' && a.slackUserId) parts.push(`<@${a.slackUserId}>`);
    if (a.kind === 'partner_contact') {
      const org = a.partnerName ? ` (${a.partnerName.replace(/[<>&]/g, '')})` : '';
      parts.push(a.slackUserId ? `<@${a.slackUserId}>${org}` : `${(a.name ?? 'a partner contact').replace(/[<>&]/g, '')}${org}`);
    }
  }
  const supports = detail.attendees.filter((a) => a.kind === 'natural_support').length;
  if (supports) parts.push(supports === 1 ? 'a natural support' : `${supports} natural supports`);
  return parts.join(', ');
}

export function parentMessage(deps: ThreadDeps, detail: MeetingDetail, decision: Pick<AudienceDecision, 'mode' | 'scopes'>) {
  const round = latestRound(detail);
  const m = detail.meeting;
  return threadParentMessage({
    meeting: m,
    name: partnerFacingName(detail, decision.mode),
    showCommunication: mayShowText(decision, 'contact_details', m.preferredCommunication),
    // The reason's free text is a case note's kind of detail; medical detail in it needs a medical release from every reader.
    showReasonDetail: !!m.reasonDetail && mayShowText(decision, 'case_notes', m.reasonDetail),
    attending: attendingText(detail),
    slots: detail.slots.filter((s) => s.round === round && !s.confirmed).map((s) => ({ startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) })),
    organizerTz: organizerZone(deps, detail),
  });
}

/** Who a step names as responsible, as the thread may read it. */
function responsibleText(detail: MeetingDetail, item: IrtActionItemRow, mode: ThreadMode): string {
  const plainName = (text: string) => text.replace(/[<>&*_~`]/g, '');
  if (item.responsibleSlackUserId) return `<@${item.responsibleSlackUserId}>`;
  const attendee = item.responsibleAttendeeId ? detail.attendees.find((a) => a.id === item.responsibleAttendeeId) : undefined;
  if (item.responsibleKind === 'partner_contact') return plainName(attendee?.partnerName ?? item.responsibleName);
  if (item.responsibleKind === 'participant') return partnerFacingName(detail, mode) ?? 'the participant';
  // A natural support often shares the participant's family name: first name and initial, as for the participant.
  if (item.responsibleKind === 'natural_support') return mode === 'full' ? plainName(nameForPartners(item.responsibleName)) : 'a natural support';
  return plainName(item.responsibleName);
}

/**
 * An action step's reminder under a decision, and what it discloses (for the audit): the
 * participant's name when the decision is full; the step's text only when every reader's
 * release covers the employment plan (and medical detail, when the text has any).
 */
export function actionStepReminder(
  detail: MeetingDetail,
  item: IrtActionItemRow,
  step: number,
  decision: Pick<AudienceDecision, 'mode' | 'scopes'>,
  o: { dueDate: string; today: boolean },
): { message: { text: string; blocks: KnownBlock[] }; disclosed: ThreadDisclosure } {
  const showText = mayShowText(decision, 'employment_plan', item.description);
  return {
    message: actionItemReminder({
      itemId: item.id,
      step,
      description: showText ? item.description : null,
      who: responsibleText(detail, item, decision.mode),
      name: partnerFacingName(detail, decision.mode),
      dueDate: o.dueDate,
      today: o.today,
    }),
    disclosed: { mode: decision.mode, scopes: showText ? scopesOfText('employment_plan', item.description) : [] },
  };
}

/** A step's number in its meeting's action plan (1-based, in the order written). */
export function stepNumber(items: readonly Pick<IrtActionItemRow, 'id'>[], itemId: number): number {
  return items.findIndex((i) => i.id === itemId) + 1;
}

/** One round of slots with its tally, as it stands in the database. */
export function roundMessage(deps: ThreadDeps, detail: MeetingDetail, round: number) {
  const slots = detail.slots.filter((s) => s.round === round);
  const inSlack = detail.attendees.filter((a) => a.slackUserId);
  const userOf = new Map(inSlack.map((a) => [a.id, a.slackUserId!]));
  const answers = detail.availability.filter((a) => userOf.has(a.attendeeId));
  const tally = tallyAvailability(
    slots.map((s) => s.id),
    inSlack.map((a) => a.id),
    answers,
  );
  const who = (slotId: number, answer: 'available' | 'unavailable') => answers.filter((a) => a.slotId === slotId && a.answer === answer).map((a) => userOf.get(a.attendeeId)!);
  const lines: SlotLine[] = slots.map((s, i) => ({
    id: s.id,
    startsAt: new Date(s.startsAt),
    endsAt: new Date(s.endsAt),
    confirmed: s.confirmed,
    tally: tally[i]!,
    availableIds: who(s.id, 'available'),
    unavailableIds: who(s.id, 'unavailable'),
  }));
  const open = detail.meeting.status === 'planning' || detail.meeting.status === 'scheduled';
  const state = round < latestRound(detail) ? 'replaced' : !open || slots.some((s) => s.confirmed) ? 'confirmed' : 'open';
  return slotsMessage({ meetingId: detail.meeting.id, round, organizerId: detail.meeting.organizerId, organizerTz: organizerZone(deps, detail), state }, lines);
}

// ----------------------------------------------------------------------- the planning thread

/** Tells the organizer privately (DM). Failures are logged, never thrown: the work that came before is committed. */
async function tellOrganizer(deps: ThreadDeps, client: WebClient, organizerId: string, message: { text: string; blocks: KnownBlock[] }): Promise<void> {
  await sendDirectMessage(client, organizerId, message).catch((err: unknown) => deps.logger.warn({ error: slackErrorCode(err), user: organizerId }, 'could not message the IRT organizer'));
}

/** The gate's blockers with their organizations' names, as the organizer reads them. */
function blockersForOrganizer(deps: ThreadDeps, decision: AudienceDecision): Blocker[] {
  const names = partnerNames(deps.db, decision.blockers.flatMap((b) => (b.partnerId ? [b.partnerId] : [])));
  return decision.blockers.map((b) => ({ slackUserId: b.slackUserId, reason: b.reason, partnerName: b.partnerId ? names.get(b.partnerId) : undefined }));
}

/**
 * Posts the planning thread of a planned meeting: judges the channel (private or public, its
 * members), posts the parent message (named or logistics only), records thread_ts and mode,
 * audits the disclosure, tells the organizer when the thread is logistics only and why, then
 * posts the slots in the thread. When Tickler cannot read or post in the channel, the organizer
 * gets a DM with a retry button; when only the slots fail, a DM with the same button, which then
 * posts what is missing (the parent exists: the latest round). Returns whether the thread is
 * complete.
 */
export async function postPlanningThread(deps: ThreadDeps, client: WebClient, meetingId: number, actorId: string): Promise<boolean> {
  const detail = meetingDetail(deps.db, meetingId);
  if (!detail) return false;
  if (detail.meeting.threadTs) {
    if (detail.meeting.status !== 'planning' && detail.meeting.status !== 'scheduled') return true;
    return postRoundOrTell(deps, client, detail, latestRound(detail));
  }
  const channel = detail.meeting.planningChannelId;
  let audience: Audience;
  let ts: string;
  try {
    audience = await channelAudience(deps, client, detail);
    const parent = parentMessage(deps, detail, audience.decision);
    const posted = await client.chat.postMessage({ channel, text: parent.text, blocks: parent.blocks, unfurl_links: false, unfurl_media: false });
    if (!posted.ts) throw new Error('chat.postMessage returned no ts');
    ts = posted.ts;
  } catch (err) {
    const error = slackErrorCode(err);
    deps.logger.warn({ meeting: meetingId, error }, 'could not post the IRT planning thread');
    await tellOrganizer(deps, client, detail.meeting.organizerId, threadFailedMessage(channel, meetingId, error));
    return false;
  }
  const now = deps.clock.now();
  setThread(deps.db, meetingId, { threadTs: ts, mode: audience.decision.mode }, now);
  detail.meeting.threadTs = ts;
  detail.meeting.threadMode = audience.decision.mode;
  auditDisclosure(deps.db, now, { actorId, participantId: detail.participant.id, meetingId, via: 'thread', mode: audience.decision.mode, partnerIds: audience.partnerIds, scopes: audience.decision.scopes });
  if (audience.decision.mode === 'logistics_only') {
    await tellOrganizer(deps, client, detail.meeting.organizerId, logisticsNoticeMessage(channel, blockersForOrganizer(deps, audience.decision), audience.decision.channelReason));
  }
  return postRoundOrTell(deps, client, detail, latestRound(detail));
}

/** Posts a round of slots; when Slack refuses, the organizer gets a DM with a button that posts it again. */
async function postRoundOrTell(deps: ThreadDeps, client: WebClient, detail: MeetingDetail, round: number): Promise<boolean> {
  try {
    await postRound(deps, client, detail.meeting.id, round);
    return true;
  } catch (err) {
    const error = slackErrorCode(err);
    deps.logger.warn({ meeting: detail.meeting.id, round, error }, 'could not post the IRT proposed times');
    await tellOrganizer(deps, client, detail.meeting.organizerId, roundFailedMessage(detail.meeting.planningChannelId, detail.meeting.id, error));
    return false;
  }
}

/** Posts one round of slots in the thread. */
export async function postRound(deps: ThreadDeps, client: WebClient, meetingId: number, round: number): Promise<void> {
  const detail = meetingDetail(deps.db, meetingId);
  if (!detail?.meeting.threadTs) return;
  const message = roundMessage(deps, detail, round);
  await client.chat.postMessage({ channel: detail.meeting.planningChannelId, thread_ts: detail.meeting.threadTs, text: message.text, blocks: message.blocks, unfurl_links: false });
}

/** Rewrites a slots message in place (a new answer, a confirmation, a new round). */
export async function updateRound(deps: ThreadDeps, client: WebClient, meetingId: number, round: number, where: { channel: string; ts: string }): Promise<void> {
  const detail = meetingDetail(deps.db, meetingId);
  if (!detail) return;
  const message = roundMessage(deps, detail, round);
  await client.chat.update({ channel: where.channel, ts: where.ts, text: message.text, blocks: message.blocks });
}

// ------------------------------------------------------------------ judging the thread again

/**
 * What the thread disclosed so far: the last decision its parent was written under, else the
 * widest its recorded mode allows (so a change is never missed).
 */
function threadDisclosureSoFar(deps: ThreadDeps, detail: MeetingDetail): ThreadDisclosure {
  const m = detail.meeting;
  const mode = m.threadMode ?? 'logistics_only';
  return lastThreadDisclosure(deps.db, { id: m.id, participantId: detail.participant.id, threadMode: mode }) ?? { mode, scopes: mode === 'full' ? [...SHARE_SCOPES] : [] };
}

function sameScopes(a: readonly ShareScope[], b: readonly ShareScope[]): boolean {
  return a.length === b.length && a.every((s) => b.includes(s));
}

/**
 * Rewrites every reminder Tickler posted in the thread (their ts is in irt_reminders) to its
 * logistics-only form: no name, no step text; open steps keep *Done*, done ones say who did them.
 * Returns how many were rewritten.
 */
async function redactThreadReminders(deps: ThreadDeps, client: WebClient, detail: MeetingDetail, call: SlackCall): Promise<number> {
  const channel = detail.meeting.planningChannelId;
  const reminders = threadReminders(deps.db, detail.meeting.id, channel);
  if (reminders.length === 0) return 0;
  const items = actionItemsOf(deps.db, detail.meeting.id);
  const tz = organizerZone(deps, detail);
  const logistics = { mode: 'logistics_only' as const, scopes: [] };
  let rewritten = 0;
  for (const r of reminders) {
    let message: { text: string; blocks: KnownBlock[] } | null = null;
    if (r.kind === 'action_item_due') {
      const item = items.find((i) => i.id === r.actionItemId);
      if (!item) continue;
      // Key `action_item_due:<item>:<due date>`: the reminder as it was sent, for that due date.
      const dueDate = r.reminderKey.split(':')[2] ?? item.dueDate;
      const sentOn = r.sentAt ? localDate(new Date(r.sentAt), tz) : dueDate;
      const { message: plain } = actionStepReminder(detail, item, stepNumber(items, item.id), logistics, { dueDate, today: sentOn === dueDate });
      message = item.status === 'done' && item.doneBy ? doneMessage(plain, item.doneBy, localDate(item.doneAt ? new Date(item.doneAt) : deps.clock.now(), tz), item.id) : plain;
    } else {
      // Key `meeting_24h:<meeting>:<recipient>:<starts at>`: the time it reminded of.
      const startsAt = new Date(r.reminderKey.split(':').slice(3).join(':'));
      if (Number.isNaN(startsAt.getTime())) continue;
      const length = detail.meeting.startsAt && detail.meeting.endsAt ? Date.parse(detail.meeting.endsAt) - Date.parse(detail.meeting.startsAt) : 3_600_000;
      message = meetingReminderThread({ name: null, startsAt, endsAt: new Date(startsAt.getTime() + length), organizerTz: tz, location: locationLine(detail.meeting) });
    }
    try {
      await call('chat.update', () => client.chat.update({ channel, ts: r.ts, text: message!.text, blocks: message!.blocks }));
      rewritten++;
    } catch (err) {
      deps.logger.warn({ meeting: detail.meeting.id, reminder: r.id, error: slackErrorCode(err) }, 'could not rewrite an IRT reminder to logistics only');
    }
  }
  return rewritten;
}

/**
 * Judges the thread's readers again (people join channels, releases are revoked) and, when the
 * decision changed (its mode or its scopes), records it, rewrites the parent message and audits
 * the new disclosure. When the thread must say less than before, every reminder posted in it is
 * rewritten to logistics only and the organizer is told privately why (`cause`) and what was
 * withdrawn. A wider decision rewrites only the parent. When Slack cannot say who reads the
 * channel, only the stricter answer is safe: logistics only. Returns the current decision.
 */
export async function refreshThreadMode(
  deps: ThreadDeps,
  client: WebClient,
  detail: MeetingDetail,
  call: SlackCall = direct,
  o: { cause?: NarrowingCause; actorId?: string } = {},
): Promise<Audience> {
  let audience: Audience;
  try {
    audience = await channelAudience(deps, client, detail, call);
  } catch (err) {
    deps.logger.warn({ meeting: detail.meeting.id, error: slackErrorCode(err) }, 'could not read the planning channel; the thread shows logistics only');
    audience = { decision: membersUnknown(), partnerIds: [] };
  }
  const ts = detail.meeting.threadTs;
  if (!ts) return audience;
  const before = threadDisclosureSoFar(deps, detail);
  const after = audience.decision;
  if (before.mode === after.mode && sameScopes(before.scopes, after.scopes)) return audience;

  const now = deps.clock.now();
  setThread(deps.db, detail.meeting.id, { mode: after.mode }, now);
  detail.meeting.threadMode = after.mode;
  auditDisclosure(deps.db, now, { actorId: o.actorId ?? 'system', participantId: detail.participant.id, meetingId: detail.meeting.id, via: 'thread', mode: after.mode, partnerIds: audience.partnerIds, scopes: after.scopes });
  const parent = parentMessage(deps, detail, after);
  await call('chat.update', () => client.chat.update({ channel: detail.meeting.planningChannelId, ts, text: parent.text, blocks: parent.blocks })).catch((err: unknown) =>
    deps.logger.warn({ meeting: detail.meeting.id, error: slackErrorCode(err) }, 'could not rewrite the planning thread’s parent message'),
  );
  const lost = withdrawnBy(before, after);
  if (lost.name || lost.scopes.length > 0) {
    const redacted = await redactThreadReminders(deps, client, detail, call);
    deps.logger.info({ meeting: detail.meeting.id, mode: after.mode, withdrawn: lost.scopes.length, redacted }, 'IRT planning thread narrowed');
    await tellOrganizer(
      deps,
      client,
      detail.meeting.organizerId,
      threadNarrowedMessage({
        channelId: detail.meeting.planningChannelId,
        cause: o.cause ?? { kind: 'recheck' },
        nameWithdrawn: lost.name,
        scopesWithdrawn: lost.scopes.map((s) => SHARE_SCOPE_LABELS[s]),
        blockers: blockersForOrganizer(deps, after),
        channelReason: after.channelReason,
        redacted,
      }),
    );
  }
  return audience;
}

// ----------------------------------------------------------------------------- confirmation

/** A Slack user's zone: staff from the staff table, others from users.info, else `fallback`. */
export async function zoneOfUser(deps: ThreadDeps, client: WebClient, userId: string, fallback: string, call: SlackCall = direct): Promise<string> {
  const profile = staffProfile(deps.db, userId);
  if (profile?.tz) return profile.tz;
  try {
    const info = await call('users.info', () => client.users.info({ user: userId }));
    return info.user?.tz || fallback;
  } catch {
    return fallback;
  }
}

/**
 * For one person in Slack, judged as the only reader of a DM: the gate's decision (staff, or a
 * contact of a partner with a valid release today, may read the participant's name), the name
 * as partners read it when allowed, and the partner to audit.
 */
export function recipientDisclosure(deps: ThreadDeps, detail: MeetingDetail, userId: string): { decision: AudienceDecision; name: string | null; partnerId: number | null; scopes: ShareScope[] } {
  const [reader] = classifyReaders(deps, [userId]);
  const decision = readerDisclosure(reader!, releaseFactsFor(deps.db, detail.participant.id), organizerToday(deps, detail));
  const name = decision.mode === 'full' ? nameForPartners(detail.participant.fullName, detail.participant.preferredName) : null;
  return { decision, name, partnerId: reader?.kind === 'partner_contact' ? reader.partnerId : null, scopes: decision.scopes };
}

/**
 * After a confirmed slot: the slots message and the parent are rewritten, the thread is told,
 * every attendee in Slack gets a DM with the time in their own zone, and the calendar invite
 * goes to the thread and to the organizer's DM (for attendees outside Slack). The invite never
 * names the participant: it is made to be forwarded outside Slack. The organizer is told which
 * of these Slack did not accept.
 */
export async function announceConfirmation(
  deps: ThreadDeps,
  client: WebClient,
  meetingId: number,
  o: { actorId: string; sequence: number; rescheduled: boolean; slotsMessage?: { channel: string; ts: string } | undefined },
): Promise<void> {
  const detail = meetingDetail(deps.db, meetingId);
  if (!detail?.meeting.startsAt || !detail.meeting.endsAt) return;
  const startsAt = new Date(detail.meeting.startsAt);
  const endsAt = new Date(detail.meeting.endsAt);
  const tz = organizerZone(deps, detail);
  const channel = detail.meeting.planningChannelId;
  const threadTs = detail.meeting.threadTs;
  const confirmed = detail.slots.find((s) => s.confirmed);
  const failures: ConfirmationFailure[] = [];
  const step = async (failure: ConfirmationFailure, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (err) {
      deps.logger.warn({ meeting: meetingId, step: failure.step, error: slackErrorCode(err) }, 'IRT confirmation step failed');
      failures.push(failure);
    }
  };

  const audience = threadTs ? await refreshThreadMode(deps, client, detail, direct, { actorId: o.actorId }) : null;
  if (o.slotsMessage && confirmed) await step({ step: 'slots' }, () => updateRound(deps, client, meetingId, confirmed.round, o.slotsMessage!));
  if (threadTs && audience) {
    const parent = parentMessage(deps, detail, audience.decision);
    await step({ step: 'parent' }, () => client.chat.update({ channel, ts: threadTs, text: parent.text, blocks: parent.blocks }));
    const note = confirmedThreadMessage(startsAt, endsAt, tz, o.rescheduled);
    await step({ step: 'thread' }, () => client.chat.postMessage({ channel, thread_ts: threadTs, text: note.text, blocks: note.blocks }));
  }

  const now = deps.clock.now();
  const location = locationLine(detail.meeting);
  for (const a of detail.attendees) {
    if (!a.slackUserId) continue;
    const userId = a.slackUserId;
    await step({ step: 'dm', userId }, async () => {
      const zone = a.staffTz ?? (await zoneOfUser(deps, client, userId, tz));
      const who = recipientDisclosure(deps, detail, userId);
      await sendDirectMessage(client, userId, confirmationDm({ name: who.name, slotText: formatSlotFor(startsAt, endsAt, zone), location, channelId: channel, rescheduled: o.rescheduled }));
      if (who.partnerId !== null) {
        auditDisclosure(deps.db, now, { actorId: o.actorId, participantId: detail.participant.id, meetingId, via: 'dm', mode: who.decision.mode, partnerIds: [who.partnerId], scopes: who.scopes });
      }
    });
  }

  // The invite is forwarded to people outside Slack: time, place and what to bring, never who it is about.
  const organizer = staffProfile(deps.db, detail.meeting.organizerId);
  const bring = [detail.meeting.bringAssessment ? 'assessment results' : '', detail.meeting.bringPlan ? 'employment plan' : '', detail.meeting.bringResources ? 'resources' : ''].filter(Boolean);
  const { buildInvite, inviteUid } = await import('../../irt/invite'); // loaded on the first confirmation
  const ics = Buffer.from(
    buildInvite({
      uid: inviteUid(meetingId),
      sequence: o.sequence,
      startsAt,
      endsAt,
      summary: 'IRT meeting',
      description: `Integrated Resource Team meeting.${bring.length ? ` Bring: ${bring.join(', ')}.` : ''}`,
      location: detail.meeting.locationDetail,
      organizer: { name: organizer?.displayName ?? 'Tickler' },
      now,
    }),
    'utf8',
  );
  const file = { filename: `irt-meeting-${meetingId}.ics`, title: 'IRT meeting' };
  if (threadTs) {
    await step({ step: 'invite-thread' }, async () => {
      await uploadToChannel(client, channel, ics, { ...file, comment: 'Calendar invite: add it to your calendar, or forward it to attendees outside Slack.' }, threadTs);
      auditDisclosure(deps.db, now, { actorId: o.actorId, participantId: detail.participant.id, meetingId, via: 'invite', mode: 'logistics_only', partnerIds: audience?.partnerIds ?? [], scopes: [] });
    });
  }
  // To the person who confirmed (they passed the access check), not the stored organizer, who
  // may have lost access to the file since planning.
  await step({ step: 'invite-dm' }, () =>
    uploadToDm(client, o.actorId, ics, {
      ...file,
      comment: `The calendar invite for the IRT meeting for ${nameForPartners(detail.participant.fullName, detail.participant.preferredName)} (${formatSlotFor(startsAt, endsAt, tz)}). It does not name the participant, so you can forward it to the participant, natural supports and partners who are not in Slack.`,
    }),
  );
  if (failures.length) await tellOrganizer(deps, client, o.actorId, confirmationProblemsMessage(channel, failures));
}
