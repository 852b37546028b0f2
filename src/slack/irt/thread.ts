// The planning thread and everything sent about a meeting: who can read the channel
// (conversations.members, judged by the release gate), the parent message and the rounds of
// slots, and the confirmation (thread, DMs in each attendee's zone, the .ics upload).
//
// What may be said is decided by src/domain/release-gate.ts: `audienceDisclosure` for the
// channel (everyone who can read it, not only the attendees), `partnerDisclosure` for one
// partner contact's DM. Every send to partners is audited as `irt-disclose` (ids and scopes).
import type { WebClient } from '@slack/web-api';
import { localDate } from '../../domain/dates';
import { formatSlotFor, nameForPartners, tallyAvailability } from '../../domain/irt';
import { audienceDisclosure, partnerDisclosure, type AudienceDecision, type Reader } from '../../domain/release-gate';
import { activeStaffAmong, auditDisclosure, meetingDetail, setThread, staffProfile, type MeetingDetail, type ThreadMode } from '../../db/irt';
import { partnerContactBySlackUser, partnerNames } from '../../db/partners';
import { releaseFactsFor } from '../../db/releases';
import { buildInvite, inviteUid } from '../../irt/invite';
import { slackErrorCode } from '../../jobs/paced-queue';
import { uploadToChannel, uploadToDm } from '../files';
import { sendDirectMessage } from '../reply';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import type { Db } from '../../db/connection';
import type { Clock } from '../../domain/clock';
import {
  confirmationDm,
  confirmedThreadMessage,
  locationLine,
  logisticsNoticeMessage,
  slotsMessage,
  threadFailedMessage,
  threadParentMessage,
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

/** Everyone who can read a channel, every page of conversations.members. */
async function channelMembers(client: WebClient, channelId: string, call: SlackCall): Promise<string[]> {
  const members: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const res = await call('conversations.members', () => client.conversations.members({ channel: channelId, limit: 200, ...(cursor ? { cursor } : {}) }));
    members.push(...(res.members ?? []));
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return members;
}

/**
 * What each Slack user is to the gate: a contact of a partner organization (checked first, so
 * a partner who also became a workspace member is still judged by their organization's
 * release), active staff, or unknown.
 */
export function classifyReaders(deps: ThreadDeps, userIds: readonly string[]): Reader[] {
  const contacts = partnerContactBySlackUser(deps.db, userIds);
  const staffIds = activeStaffAmong(deps.db, userIds);
  return [...new Set(userIds)].map((id): Reader => {
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

/** The gate's decision for a channel on the organizer's today. Throws Slack's error when the members cannot be read. */
export async function channelAudience(deps: ThreadDeps, client: WebClient, detail: MeetingDetail, call: SlackCall = direct): Promise<Audience> {
  const [members, bot] = await Promise.all([channelMembers(client, detail.meeting.planningChannelId, call), botUserId(client)]);
  const readers = classifyReaders(deps, members.filter((m) => m !== bot));
  const decision = audienceDisclosure(readers, releaseFactsFor(deps.db, detail.participant.id), organizerToday(deps, detail));
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
  return threadParentMessage({
    meeting: detail.meeting,
    name: partnerFacingName(detail, decision.mode),
    showCommunication: decision.scopes.includes('contact_details'),
    showReasonDetail: decision.scopes.includes('case_notes'),
    attending: attendingText(detail),
    slots: detail.slots.filter((s) => s.round === round && !s.confirmed).map((s) => ({ startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) })),
    organizerTz: organizerZone(deps, detail),
  });
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
async function tellOrganizer(deps: ThreadDeps, client: WebClient, organizerId: string, message: { text: string; blocks: import('@slack/types').KnownBlock[] }): Promise<void> {
  await sendDirectMessage(client, organizerId, message).catch((err: unknown) => deps.logger.warn({ error: slackErrorCode(err), user: organizerId }, 'could not message the IRT organizer'));
}

/**
 * Posts the planning thread of a planned meeting: judges the channel's members, posts the
 * parent message (named or logistics only), records thread_ts and mode, audits the
 * disclosure, tells the organizer when the thread is logistics only and why, then posts the
 * slots in the thread. When Tickler cannot read or post in the channel, the organizer gets a
 * DM with a retry button. Returns whether the thread was posted.
 */
export async function postPlanningThread(deps: ThreadDeps, client: WebClient, meetingId: number, actorId: string): Promise<boolean> {
  const detail = meetingDetail(deps.db, meetingId);
  if (!detail || detail.meeting.threadTs) return !!detail?.meeting.threadTs;
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
  auditDisclosure(deps.db, now, { actorId, participantId: detail.participant.id, meetingId, via: 'thread', mode: audience.decision.mode, partnerIds: audience.partnerIds, scopes: audience.decision.scopes });
  if (audience.decision.mode === 'logistics_only') {
    const names = partnerNames(deps.db, audience.decision.blockers.flatMap((b) => (b.partnerId ? [b.partnerId] : [])));
    await tellOrganizer(
      deps,
      client,
      detail.meeting.organizerId,
      logisticsNoticeMessage(
        channel,
        audience.decision.blockers.map((b) => ({ slackUserId: b.slackUserId, reason: b.reason, partnerName: b.partnerId ? names.get(b.partnerId) : undefined })),
      ),
    );
  }
  await postRound(deps, client, meetingId, latestRound(detail));
  return true;
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

/**
 * Judges the channel again (people join channels) and, when the mode changed, records it and
 * rewrites the parent message so it never says more than the current readers may see.
 * Returns the current decision; when the members cannot be read, the stored mode holds.
 */
export async function refreshThreadMode(deps: ThreadDeps, client: WebClient, detail: MeetingDetail, call: SlackCall = direct): Promise<Audience> {
  let audience: Audience;
  try {
    audience = await channelAudience(deps, client, detail, call);
  } catch (err) {
    deps.logger.warn({ meeting: detail.meeting.id, error: slackErrorCode(err) }, 'could not read the planning channel’s members; keeping the thread’s mode');
    // Without the members, only the stricter answer is safe.
    return { decision: { mode: 'logistics_only', scopes: [], blockers: [] }, partnerIds: [] };
  }
  if (audience.decision.mode !== detail.meeting.threadMode && detail.meeting.threadTs) {
    setThread(deps.db, detail.meeting.id, { mode: audience.decision.mode }, deps.clock.now());
    detail.meeting.threadMode = audience.decision.mode;
    const parent = parentMessage(deps, detail, audience.decision);
    await call('chat.update', () => client.chat.update({ channel: detail.meeting.planningChannelId, ts: detail.meeting.threadTs!, text: parent.text, blocks: parent.blocks })).catch((err: unknown) =>
      deps.logger.warn({ meeting: detail.meeting.id, error: slackErrorCode(err) }, 'could not rewrite the planning thread’s parent message'),
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
 * For one person in Slack: whether a message to them may name the participant (staff, or a
 * contact of a partner with a valid release today), and the partner to audit.
 */
export function recipientDisclosure(deps: ThreadDeps, detail: MeetingDetail, userId: string): { name: string | null; partnerId: number | null; scopes: string[] } {
  const [reader] = classifyReaders(deps, [userId]);
  const full = nameForPartners(detail.participant.fullName, detail.participant.preferredName);
  if (reader?.kind === 'staff') return { name: full, partnerId: null, scopes: [] };
  if (reader?.kind === 'partner_contact') {
    const d = partnerDisclosure(releaseFactsFor(deps.db, detail.participant.id), reader.partnerId, organizerToday(deps, detail));
    return { name: d ? full : null, partnerId: reader.partnerId, scopes: d?.scopes ?? [] };
  }
  return { name: null, partnerId: null, scopes: [] };
}

/**
 * After a confirmed slot: the slots message and the parent are rewritten, the thread is told,
 * every attendee in Slack gets a DM with the time in their own zone, and the calendar invite
 * goes to the thread and to the organizer's DM (for attendees outside Slack).
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
  const step = async (what: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (err) {
      deps.logger.warn({ meeting: meetingId, step: what, error: slackErrorCode(err) }, 'IRT confirmation step failed');
    }
  };

  const audience = threadTs ? await refreshThreadMode(deps, client, detail) : null;
  const mode: ThreadMode = audience?.decision.mode ?? 'logistics_only';
  if (o.slotsMessage && confirmed) await step('slots', () => updateRound(deps, client, meetingId, confirmed.round, o.slotsMessage!));
  if (threadTs && audience) {
    const parent = parentMessage(deps, detail, audience.decision);
    await step('parent', () => client.chat.update({ channel, ts: threadTs, text: parent.text, blocks: parent.blocks }));
    const note = confirmedThreadMessage(startsAt, endsAt, tz, o.rescheduled);
    await step('thread', () => client.chat.postMessage({ channel, thread_ts: threadTs, text: note.text, blocks: note.blocks }));
  }

  const now = deps.clock.now();
  const location = locationLine(detail.meeting);
  for (const a of detail.attendees) {
    if (!a.slackUserId) continue;
    const userId = a.slackUserId;
    await step('dm', async () => {
      const zone = a.staffTz ?? (await zoneOfUser(deps, client, userId, tz));
      const who = recipientDisclosure(deps, detail, userId);
      await sendDirectMessage(client, userId, confirmationDm({ name: who.name, slotText: formatSlotFor(startsAt, endsAt, zone), location, channelId: channel, rescheduled: o.rescheduled }));
      if (who.partnerId !== null) {
        auditDisclosure(deps.db, now, { actorId: o.actorId, participantId: detail.participant.id, meetingId, via: 'dm', mode: who.name ? 'full' : 'logistics_only', partnerIds: [who.partnerId], scopes: who.scopes });
      }
    });
  }

  const name = partnerFacingName(detail, mode);
  const organizer = staffProfile(deps.db, detail.meeting.organizerId);
  const ics = Buffer.from(
    buildInvite({
      uid: inviteUid(meetingId),
      sequence: o.sequence,
      startsAt,
      endsAt,
      summary: name ? `IRT meeting — ${name}` : 'IRT meeting',
      description: `Integrated Resource Team meeting.${detail.meeting.bringAssessment || detail.meeting.bringPlan || detail.meeting.bringResources ? ` Bring: ${[detail.meeting.bringAssessment ? 'assessment results' : '', detail.meeting.bringPlan ? 'employment plan' : '', detail.meeting.bringResources ? 'resources' : ''].filter(Boolean).join(', ')}.` : ''}`,
      location: detail.meeting.locationDetail,
      organizer: { name: organizer?.displayName ?? 'Tickler' },
      now,
    }),
    'utf8',
  );
  const file = { filename: `irt-meeting-${meetingId}.ics`, title: name ? `IRT meeting — ${name}` : 'IRT meeting' };
  if (threadTs) {
    await step('invite-thread', async () => {
      await uploadToChannel(client, channel, ics, { ...file, comment: 'Calendar invite: add it to your calendar, or forward it to attendees outside Slack.' }, threadTs);
      auditDisclosure(deps.db, now, { actorId: o.actorId, participantId: detail.participant.id, meetingId, via: 'invite', mode, partnerIds: audience?.partnerIds ?? [], scopes: audience?.decision.scopes ?? [] });
    });
  }
  await step('invite-dm', () =>
    uploadToDm(client, detail.meeting.organizerId, ics, {
      ...file,
      comment: `The calendar invite for the IRT meeting for ${nameForPartners(detail.participant.fullName, detail.participant.preferredName)} (${formatSlotFor(startsAt, endsAt, tz)}). Forward it to the participant, natural supports and partners who are not in Slack.`,
    }),
  );
}
