// System reads for keeping a planning thread within what its readers may see: which meetings'
// threads to judge again when someone joins a channel, a release is revoked or the partner
// directory changes who speaks for a partner, what a thread last disclosed, and the reminder
// messages posted in it (their ts is stored, so they can be rewritten). Ids, modes and scopes only; the Slack work that follows lives in
// src/slack/irt/thread.ts and src/slack/irt/membership.ts.
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { isShareScope, type ThreadDisclosure } from '../domain/release-gate';
import type { Db } from './connection';
import { auditLog, irtActionItems, irtMeetings, irtReminders, partners, releases, type IrtActionItemRow } from './schema';

/** Meetings whose thread still matters: being planned, scheduled, or held (action steps are reminded there). */
const OPEN_STATUSES = ['planning', 'scheduled', 'held'] as const;

/** System: meetings with a planning thread in this channel, oldest first. */
export function meetingsWithThreadIn(db: Db, channelId: string): number[] {
  return db
    .select({ id: irtMeetings.id })
    .from(irtMeetings)
    .where(and(eq(irtMeetings.planningChannelId, channelId), isNotNull(irtMeetings.threadTs), inArray(irtMeetings.status, [...OPEN_STATUSES])))
    .orderBy(asc(irtMeetings.id))
    .all()
    .map((r) => r.id);
}

/** System: a participant's meetings with a planning thread, oldest first. */
export function meetingsWithThreadOf(db: Db, participantId: number): number[] {
  return db
    .select({ id: irtMeetings.id })
    .from(irtMeetings)
    .where(and(eq(irtMeetings.participantId, participantId), isNotNull(irtMeetings.threadTs), inArray(irtMeetings.status, [...OPEN_STATUSES])))
    .orderBy(asc(irtMeetings.id))
    .all()
    .map((r) => r.id);
}

/**
 * System: every meeting with an open planning thread, oldest first. A change in the partner
 * directory can change who any channel member is to the gate, so every such thread is judged again.
 */
export function meetingsWithOpenThreads(db: Db): number[] {
  return db
    .select({ id: irtMeetings.id })
    .from(irtMeetings)
    .where(and(isNotNull(irtMeetings.threadTs), inArray(irtMeetings.status, [...OPEN_STATUSES])))
    .orderBy(asc(irtMeetings.id))
    .all()
    .map((r) => r.id);
}

/**
 * System: meetings with an open planning thread whose participant has a release that ran out
 * (not revoked) with an expiry date in [from, to], each with those partners' names — for the
 * daily re-check, since nothing else happens in Slack when a release merely expires.
 */
export function meetingsWithLapsedReleases(db: Db, from: string, to: string): Array<{ meetingId: number; partnerNames: string[] }> {
  const rows = db
    .select({ meetingId: irtMeetings.id, partnerName: partners.name })
    .from(irtMeetings)
    .innerJoin(releases, eq(releases.participantId, irtMeetings.participantId))
    .innerJoin(partners, eq(partners.id, releases.partnerId))
    .where(
      and(
        isNotNull(irtMeetings.threadTs),
        inArray(irtMeetings.status, [...OPEN_STATUSES]),
        sql`${releases.expiryDate} between ${from} and ${to}`,
        sql`(${releases.revokedDate} is null or ${releases.revokedDate} > ${releases.expiryDate})`,
      ),
    )
    .orderBy(asc(irtMeetings.id))
    .all();
  const byMeeting = new Map<number, Set<string>>();
  for (const r of rows) byMeeting.set(r.meetingId, (byMeeting.get(r.meetingId) ?? new Set()).add(r.partnerName));
  return [...byMeeting].map(([meetingId, names]) => ({ meetingId, partnerNames: [...names] }));
}

/**
 * What the thread's parent message last carried: the latest `irt-disclose` row `via: thread`
 * of this meeting (written each time the parent is posted or rewritten). Null when there is
 * none, or when it disagrees with the meeting's recorded mode (the row predates a change made
 * elsewhere): the caller then assumes the widest the mode allows.
 */
export function lastThreadDisclosure(db: Db, meeting: { id: number; participantId: number; threadMode: ThreadDisclosure['mode'] | null }): ThreadDisclosure | null {
  const row = db
    .select({ detail: auditLog.detail })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entity, 'participant'),
        eq(auditLog.entityId, String(meeting.participantId)),
        eq(auditLog.action, 'irt-disclose'),
        sql`json_extract(${auditLog.detail}, '$.meeting') = ${meeting.id}`,
        sql`json_extract(${auditLog.detail}, '$.via') = 'thread'`,
      ),
    )
    .orderBy(desc(auditLog.id))
    .get();
  if (!row?.detail) return null;
  const detail = JSON.parse(row.detail) as { mode?: unknown; scopes?: unknown };
  if (detail.mode !== meeting.threadMode || (detail.mode !== 'full' && detail.mode !== 'logistics_only')) return null;
  const scopes = typeof detail.scopes === 'string' ? detail.scopes.split(',').filter(isShareScope) : [];
  return { mode: detail.mode, scopes };
}

export interface ThreadReminder {
  id: number;
  kind: 'meeting_24h' | 'action_item_due';
  reminderKey: string;
  actionItemId: number | null;
  ts: string;
  sentAt: string | null;
}

/** System: the reminders sent into a meeting's thread (recipient = its channel), with the ts of each message. */
export function threadReminders(db: Db, meetingId: number, channelId: string): ThreadReminder[] {
  return db
    .select({ id: irtReminders.id, kind: irtReminders.kind, reminderKey: irtReminders.reminderKey, actionItemId: irtReminders.actionItemId, ts: irtReminders.slackMessageTs, sentAt: irtReminders.sentAt })
    .from(irtReminders)
    .where(and(eq(irtReminders.meetingId, meetingId), eq(irtReminders.recipient, channelId), eq(irtReminders.state, 'sent'), isNotNull(irtReminders.slackMessageTs)))
    .orderBy(asc(irtReminders.id))
    .all()
    .map((r) => ({ ...r, ts: r.ts! }));
}

/** System: a meeting's action steps in the order they were written (step 1, 2, …). */
export function actionItemsOf(db: Db, meetingId: number): IrtActionItemRow[] {
  return db.select().from(irtActionItems).where(eq(irtActionItems.meetingId, meetingId)).orderBy(asc(irtActionItems.id)).all();
}
