// IRT reminders, each sent exactly once:
//   (a) 24 hours before a scheduled meeting: a DM to every attendee in Slack (the time in their
//       own zone) and one message in the planning thread — keys
//       `meeting_24h:<meeting>:<recipient>:<starts at>` (a rescheduled meeting reminds again);
//   (b) an open action step on its due date (09:00 in the responsible person's zone, or the
//       organizer's when they are not in Slack): a message in the meeting's thread mentioning
//       them (or naming their organization) with a *Done* button — key
//       `action_item_due:<item>:<due date>` (a new due date reminds again) — and, when the
//       person responsible is in Slack and may read the step, a DM with it — key
//       `action_item_dm:<item>:<due date>`.
//
// Exactly once: each reminder is claimed on irt_reminders (unique reminder_key) with the
// digest's lease protocol, so two ticks, a restart or two processes never send one twice; a
// failed send is retried by a later tick with back-off. Slack calls go through the paced queue
// (429 Retry-After pauses it). The clock is injected; nothing reads the wall clock.
//
// What a message may say is the release gate's decision: the thread is judged against its
// channel's current readers (no participant name when it is logistics only; a step's text only
// when every reader's release covers the employment plan, and medical detail in it only when
// they cover that too), a DM against its one reader. The ts of every thread reminder is stored,
// so src/slack/irt/thread.ts can rewrite them when the thread must say less.
import type { WebClient } from '@slack/web-api';
import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import {
  auditDisclosure,
  claimReminder,
  markReminderFailed,
  markReminderSent,
  meetingDetail,
  openActionItemsDueBy,
  reminderAttempts,
  scheduledMeetingsStarting,
  settledReminderKeys,
  staffProfile,
  type MeetingDetail,
} from '../db/irt';
import { actionItemsOf } from '../db/irt-threads';
import type { IrtActionItemRow } from '../db/schema';
import type { Clock } from '../domain/clock';
import { localDate } from '../domain/dates';
import { addCalendarDays } from '../domain/due';
import { actionItemReminderAt, formatSlotFor, MEETING_REMINDER_HOURS } from '../domain/irt';
import { mayShowText, scopesOfText } from '../domain/release-gate';
import { actionStepDm, locationLine, meetingReminderDm, meetingReminderThread } from '../slack/irt/views';
import { rejudgeLapsedReleases } from '../slack/irt/membership';
import {
  actionStepReminder,
  organizerZone,
  partnerFacingName,
  recipientDisclosure,
  refreshThreadMode,
  stepNumber,
  zoneOfUser,
  type Audience,
  type SlackCall,
  type ThreadDeps,
} from '../slack/irt/thread';
import { DEFAULT_LEASE_MS } from './digest-runs';
import { PacedQueue, SlackCallError, slackErrorCode, type PacedQueueOptions } from './paced-queue';

export interface IrtReminderDeps {
  db: Db;
  /** Build it with `createSlackClient` (no SDK retries; the queue owns them). */
  client: WebClient;
  clock: Clock;
  config: Pick<Config, 'agencyTz'>;
  logger: Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
  /** This process's lease token (`processOwner()` of ./digest). */
  owner: string;
  /** One queue per process (the scheduler keeps one). Default: a new one per run. */
  queue?: PacedQueue;
  leaseMs?: number;
  /** A reminder is attempted at most this many times (default 8). */
  maxAttempts?: number;
  /** Zones of people who are not staff (users.info), remembered across ticks by the scheduler. */
  zones?: Map<string, string>;
}

export const REMINDER_QUEUE: PacedQueueOptions = { minIntervalMs: 50, methodIntervalMs: { 'chat.postMessage': 200, 'conversations.open': 1_200 }, maxRetries: 3, maxRetryAfterMs: 60_000 };
const DEFAULT_MAX_ATTEMPTS = 8;
const RETRY_BASE_MS = 60_000;
const RETRY_MAX_MS = 60 * 60_000;

export interface IrtReminderReport {
  at: string;
  /** Reminder keys sent by this run. */
  sent: string[];
  failed: Array<{ key: string; error: string }>;
  /** Claimed by another tick or process. */
  busy: string[];
}

interface Pending {
  key: string;
  kind: 'meeting_24h' | 'action_item_due';
  meetingId: number;
  actionItemId?: number;
  recipient: string;
  send: () => Promise<string | null>;
}

export function meetingReminderKey(meetingId: number, recipient: string, startsAt: Date): string {
  return `meeting_24h:${meetingId}:${recipient}:${startsAt.toISOString()}`;
}

export function actionItemReminderKey(itemId: number, dueDate: string): string {
  return `action_item_due:${itemId}:${dueDate}`;
}

/** The DM with the step's text to the person responsible (when they may read it). */
export function actionStepDmKey(itemId: number, dueDate: string): string {
  return `action_item_dm:${itemId}:${dueDate}`;
}

/** One run of the job: every reminder due at `deps.clock.now()` and not yet sent. Idempotent. */
export async function runIrtReminders(deps: IrtReminderDeps): Promise<IrtReminderReport> {
  const now = deps.clock.now();
  const report: IrtReminderReport = { at: now.toISOString(), sent: [], failed: [], busy: [] };
  const queue = deps.queue ?? new PacedQueue(REMINDER_QUEUE);
  if (queue.pausedForMs() > 0) return report;
  const call: SlackCall = (label, fn) => queue.run(label, fn);
  const maxAttempts = deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const threadDeps: ThreadDeps = deps;
  const dmChannels = new Map<string, string>();
  const zones = deps.zones ?? new Map<string, string>();
  const zoneOf = async (userId: string, fallback: string): Promise<string> => {
    const staffTz = staffProfile(deps.db, userId)?.tz;
    if (staffTz) return staffTz;
    const known = zones.get(userId);
    if (known) return known;
    const zone = await zoneOfUser(threadDeps, deps.client, userId, '', call).catch(() => '');
    if (zone) zones.set(userId, zone);
    return zone || fallback;
  };

  const dm = async (userId: string, message: { text: string; blocks: unknown[] }): Promise<string | null> => {
    let channel = dmChannels.get(userId);
    if (!channel) {
      const opened = await call('conversations.open', () => deps.client.conversations.open({ users: userId }));
      channel = opened.channel?.id;
      if (!channel) throw new SlackCallError('no_channel', 'conversations.open', 1);
      dmChannels.set(userId, channel);
    }
    const to = channel;
    const posted = await call('chat.postMessage', () => deps.client.chat.postMessage({ channel: to, text: message.text, blocks: message.blocks as never, unfurl_links: false }));
    return posted.ts ?? null;
  };
  const inThread = async (detail: MeetingDetail, message: { text: string; blocks: unknown[] }): Promise<string | null> => {
    const posted = await call('chat.postMessage', () =>
      deps.client.chat.postMessage({ channel: detail.meeting.planningChannelId, thread_ts: detail.meeting.threadTs!, text: message.text, blocks: message.blocks as never, unfurl_links: false }),
    );
    return posted.ts ?? null;
  };
  // The thread's audience, judged once per meeting per run, only when a thread message is due.
  const audiences = new Map<number, Promise<Audience>>();
  const audienceOf = (detail: MeetingDetail) => {
    let a = audiences.get(detail.meeting.id);
    if (!a) audiences.set(detail.meeting.id, (a = refreshThreadMode(threadDeps, deps.client, detail, call)));
    return a;
  };

  const pending: Pending[] = [];

  // (a) meetings starting within the next 24 hours.
  for (const meeting of scheduledMeetingsStarting(deps.db, now, new Date(now.getTime() + MEETING_REMINDER_HOURS * 3_600_000))) {
    const detail = meetingDetail(deps.db, meeting.id);
    if (!detail?.meeting.startsAt || !detail.meeting.endsAt) continue;
    const startsAt = new Date(detail.meeting.startsAt);
    const endsAt = new Date(detail.meeting.endsAt);
    const tz = organizerZone(threadDeps, detail);
    const location = locationLine(detail.meeting);
    for (const a of detail.attendees) {
      const userId = a.slackUserId;
      if (!userId) continue;
      pending.push({
        key: meetingReminderKey(meeting.id, userId, startsAt),
        kind: 'meeting_24h',
        meetingId: meeting.id,
        recipient: userId,
        send: async () => {
          const zone = a.staffTz ?? (await zoneOf(userId, tz));
          const who = recipientDisclosure(threadDeps, detail, userId);
          const ts = await dm(userId, meetingReminderDm({ name: who.name, slotText: formatSlotFor(startsAt, endsAt, zone), location, channelId: detail.meeting.planningChannelId }));
          if (who.partnerId !== null) {
            auditDisclosure(deps.db, deps.clock.now(), { actorId: 'system', participantId: detail.participant.id, meetingId: meeting.id, via: 'reminder', mode: who.name ? 'full' : 'logistics_only', partnerIds: [who.partnerId], scopes: who.scopes });
          }
          return ts;
        },
      });
    }
    if (detail.meeting.threadTs) {
      pending.push({
        key: meetingReminderKey(meeting.id, detail.meeting.planningChannelId, startsAt),
        kind: 'meeting_24h',
        meetingId: meeting.id,
        recipient: detail.meeting.planningChannelId,
        send: async () => {
          const audience = await audienceOf(detail);
          const ts = await inThread(detail, meetingReminderThread({ name: partnerFacingName(detail, audience.decision.mode), startsAt, endsAt, organizerTz: tz, location }));
          // It names the participant (full mode) and says when and where: no scope of their file.
          auditDisclosure(deps.db, deps.clock.now(), { actorId: 'system', participantId: detail.participant.id, meetingId: meeting.id, via: 'reminder', mode: audience.decision.mode, partnerIds: audience.partnerIds, scopes: [] });
          return ts;
        },
      });
    }
  }

  // (b) open action steps whose due date has come. The latest local date anywhere is at most a
  // day ahead of UTC's; each step is then checked against 09:00 in its own zone.
  const details = new Map<number, { detail: MeetingDetail; items: IrtActionItemRow[] } | null>();
  const meetingOf = (id: number) => {
    if (!details.has(id)) {
      const detail = meetingDetail(deps.db, id);
      details.set(id, detail ? { detail, items: actionItemsOf(deps.db, id) } : null);
    }
    return details.get(id)!;
  };
  for (const item of openActionItemsDueBy(deps.db, addCalendarDays(localDate(now, 'UTC'), 1))) {
    const key = actionItemReminderKey(item.id, item.dueDate);
    const dmKey = actionStepDmKey(item.id, item.dueDate);
    const settledKeys = settledReminderKeys(deps.db, item.responsibleSlackUserId ? [key, dmKey] : [key], now, maxAttempts);
    if (settledKeys.has(key) && (!item.responsibleSlackUserId || settledKeys.has(dmKey))) continue;
    const found = meetingOf(item.meetingId);
    if (!found) continue;
    const { detail, items } = found;
    // The person responsible gets the step's text by DM when they may read it (judged for them alone).
    const responsible = item.responsibleSlackUserId && detail.meeting.threadTs ? recipientDisclosure(threadDeps, detail, item.responsibleSlackUserId) : null;
    const dmAllowed = !!responsible && mayShowText(responsible.decision, 'employment_plan', item.description);
    if (settledKeys.has(key) && !dmAllowed) continue;
    const organizerTz = organizerZone(threadDeps, detail);
    const zone = item.responsibleSlackUserId ? await zoneOf(item.responsibleSlackUserId, organizerTz) : organizerTz;
    if (now.getTime() < actionItemReminderAt(item.dueDate, zone).getTime()) continue;
    const step = stepNumber(items, item.id);
    const due = { dueDate: item.dueDate, today: item.dueDate === localDate(now, zone) };
    const threadTs = detail.meeting.threadTs;
    pending.push({
      key,
      kind: 'action_item_due',
      meetingId: detail.meeting.id,
      actionItemId: item.id,
      recipient: threadTs ? detail.meeting.planningChannelId : detail.meeting.organizerId,
      send: async () => {
        if (!threadTs) {
          // No planning thread: the organizer is reminded by DM instead, judged for them alone.
          const organizer = recipientDisclosure(threadDeps, detail, detail.meeting.organizerId);
          return dm(detail.meeting.organizerId, actionStepReminder(detail, item, step, organizer.decision, due).message);
        }
        const audience = await audienceOf(detail);
        const { message, disclosed } = actionStepReminder(detail, item, step, audience.decision, due);
        const ts = await inThread(detail, message);
        auditDisclosure(deps.db, deps.clock.now(), { actorId: 'system', participantId: detail.participant.id, meetingId: detail.meeting.id, via: 'reminder', mode: disclosed.mode, partnerIds: audience.partnerIds, scopes: disclosed.scopes });
        return ts;
      },
    });
    if (dmAllowed && responsible) {
      const userId = item.responsibleSlackUserId!;
      pending.push({
        key: dmKey,
        kind: 'action_item_due',
        meetingId: detail.meeting.id,
        actionItemId: item.id,
        recipient: userId,
        send: async () => {
          const ts = await dm(userId, actionStepDm({ step, description: item.description, name: responsible.name, ...due, channelId: detail.meeting.planningChannelId }));
          if (responsible.partnerId !== null) {
            auditDisclosure(deps.db, deps.clock.now(), { actorId: 'system', participantId: detail.participant.id, meetingId: detail.meeting.id, via: 'reminder', mode: 'full', partnerIds: [responsible.partnerId], scopes: scopesOfText('employment_plan', item.description) });
          }
          return ts;
        },
      });
    }
  }

  const settled = settledReminderKeys(deps.db, pending.map((p) => p.key), now, maxAttempts);
  for (const p of pending) {
    if (settled.has(p.key)) continue;
    if (queue.rejecting()) break;
    const claimedAt = deps.clock.now();
    const id = claimReminder(deps.db, { key: p.key, kind: p.kind, meetingId: p.meetingId, ...(p.actionItemId ? { actionItemId: p.actionItemId } : {}), recipient: p.recipient, owner: deps.owner, now: claimedAt, leaseMs, maxAttempts });
    if (id === null) {
      report.busy.push(p.key);
      continue;
    }
    try {
      const ts = await p.send();
      markReminderSent(deps.db, id, deps.owner, ts, deps.clock.now());
      report.sent.push(p.key);
    } catch (err) {
      const error = slackErrorCode(err);
      const attempts = reminderAttempts(deps.db, id);
      markReminderFailed(deps.db, id, deps.owner, deps.clock.now(), Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1)));
      report.failed.push({ key: p.key, error });
      deps.logger.warn({ key: p.key, error }, 'IRT reminder failed; a later tick retries');
    }
  }
  if (report.sent.length || report.failed.length) deps.logger.info({ sent: report.sent.length, failed: report.failed.length, busy: report.busy.length }, 'IRT reminders');
  return report;
}

/**
 * Runs every minute (node-cron) and once at start-up. Returns a function that stops the
 * schedule and waits for a running tick.
 */
export function startIrtReminderScheduler(deps: IrtReminderDeps, opts: { cronExpression?: string; runAtStart?: boolean } = {}): () => Promise<void> {
  const withQueue: IrtReminderDeps = { ...deps, queue: deps.queue ?? new PacedQueue(REMINDER_QUEUE), zones: deps.zones ?? new Map() };
  let running: Promise<unknown> | null = null;
  let stopped = false;
  let recheckedOn: string | null = null;
  const tick = () => {
    if (stopped || running) return running ?? Promise.resolve();
    running = runIrtReminders(withQueue)
      .then(async () => {
        // Once a day (the agency's day): threads whose releases merely ran out are judged again.
        const today = localDate(deps.clock.now(), deps.config.agencyTz);
        if (recheckedOn === today) return;
        await rejudgeLapsedReleases(withQueue, withQueue.client, today);
        recheckedOn = today;
      })
      .catch((err: unknown) => deps.logger.error({ err: { name: (err as Error)?.name, message: (err as Error)?.message } }, 'IRT reminder tick failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const task = cron.schedule(opts.cronExpression ?? '* * * * *', () => tick(), { name: 'tickler-irt-reminders', noOverlap: true });
  if (opts.runAtStart ?? true) void tick();
  return async () => {
    stopped = true;
    await task.destroy();
    await running;
  };
}
