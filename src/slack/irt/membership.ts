// Keeping planning threads within what their readers may see when the readers change: someone
// joins a channel that holds IRT threads (`member_joined_channel`), a participant revokes a
// release of information, or the partner directory changes who speaks for an organization (a
// contact or an organization turned off, a contact's Slack user cleared or changed). Each
// affected thread is judged again by src/slack/irt/thread.ts (`refreshThreadMode`), which
// rewrites the parent and the stored reminders when the thread must say less, and tells the
// organizer privately why.
//
// The CLI import (`npm run cli -- partners import`) has no Slack client and never turns anyone
// off or clears a Slack user (it may only add one): what it changes is picked up by the next
// regular re-check (a confirmation, a reminder).
//
// Someone leaving never widens a thread here: a wider audience is picked up by the next regular
// re-check (a confirmation, a reminder).
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { meetingDetail } from '../../db/irt';
import { meetingsWithLapsedReleases, meetingsWithOpenThreads, meetingsWithThreadIn, meetingsWithThreadOf } from '../../db/irt-threads';
import { partnerNames } from '../../db/partners';
import { addCalendarDays } from '../../domain/due';
import type { Services } from '../services';
import { refreshThreadMode, type ThreadDeps } from './thread';
import type { NarrowingCause } from './views';

/** Judges each meeting's thread again, one after another (they share the channel's rate limits). */
async function rejudge(deps: ThreadDeps, client: WebClient, meetingIds: readonly number[], cause: NarrowingCause, actorId?: string): Promise<void> {
  for (const id of meetingIds) {
    const detail = meetingDetail(deps.db, id);
    if (!detail?.meeting.threadTs) continue;
    try {
      await refreshThreadMode(deps, client, detail, undefined, { cause, ...(actorId ? { actorId } : {}) });
    } catch (err) {
      deps.logger.warn({ meeting: id, err: String(err) }, 'could not judge the IRT planning thread again');
    }
  }
}

/** Someone joined a channel: every IRT thread in it is judged against its new readers. */
export async function rejudgeChannel(deps: ThreadDeps, client: WebClient, channelId: string, joinedUserId: string): Promise<void> {
  const ids = meetingsWithThreadIn(deps.db, channelId);
  if (ids.length === 0) return;
  deps.logger.info({ channel: channelId, user: joinedUserId, meetings: ids.length }, 'member joined a channel with IRT threads');
  await rejudge(deps, client, ids, { kind: 'joined', userId: joinedUserId });
}

/** A release was revoked (after the commit): the participant's threads are judged again. */
export async function rejudgeAfterRevocation(deps: ThreadDeps, client: WebClient, participantId: number, partnerId: number, actorId: string): Promise<void> {
  const ids = meetingsWithThreadOf(deps.db, participantId);
  if (ids.length === 0) return;
  const partnerName = partnerNames(deps.db, [partnerId]).get(partnerId) ?? 'a partner organization';
  await rejudge(deps, client, ids, { kind: 'release_revoked', partnerName }, actorId);
}

/** Who speaks for which organization, by Slack user (src/db/partners.ts partnerContactBySlackUser), before or after a directory change. */
export type ContactStanding = ReadonlyMap<string, { partnerId: number }>;

/**
 * A directory change was committed (in the directory modal): when it changed which organization
 * any Slack user speaks for, every open planning thread is judged again — a member who lost their
 * standing (the OLD user of a remapped contact, say) is now unknown to the gate, and someone who
 * gained one is judged by the organization's release instead of as staff. Which channels those
 * people read is Slack's to say, so every open thread is read again. Returns whether it re-judged.
 */
export async function rejudgeAfterDirectoryChange(
  deps: ThreadDeps,
  client: WebClient,
  change: { partnerId: number; before: ContactStanding; after: ContactStanding },
  actorId: string,
): Promise<boolean> {
  const differs = (a: ContactStanding, b: ContactStanding) => [...a].filter(([user, s]) => b.get(user)?.partnerId !== s.partnerId).map(([user]) => user);
  const lost = differs(change.before, change.after);
  const gained = differs(change.after, change.before);
  if (lost.length === 0 && gained.length === 0) return false;
  const ids = meetingsWithOpenThreads(deps.db);
  deps.logger.info({ partner: change.partnerId, lost: lost.length, gained: gained.length, meetings: ids.length }, 'partner directory changed who speaks for a partner');
  if (ids.length === 0) return true;
  // Users move between organizations only through being cleared first, so one organization names them all.
  const partnerName = partnerNames(deps.db, [change.partnerId]).get(change.partnerId) ?? 'a partner organization';
  const cause: NarrowingCause = lost.length ? { kind: 'contact_removed', partnerName, userIds: lost } : { kind: 'contact_added', partnerName, userIds: gained };
  await rejudge(deps, client, ids, cause, actorId);
  return true;
}

/**
 * The daily re-check: threads of participants whose release for a partner ran out in the last
 * week (nobody revoked it, so nothing else happened in Slack) are judged again. Judging is
 * idempotent — a thread already saying little enough is left alone and nobody is told twice —
 * so the window only covers days the process was down.
 */
export async function rejudgeLapsedReleases(deps: ThreadDeps, client: WebClient, today: string): Promise<number> {
  const lapsed = meetingsWithLapsedReleases(deps.db, addCalendarDays(today, -7), addCalendarDays(today, -1));
  for (const m of lapsed) await rejudge(deps, client, [m.meetingId], { kind: 'release_expired', partnerNames: m.partnerNames });
  return lapsed.length;
}

export function registerIrtMembership(app: App, services: Services): void {
  // The staff middleware leaves this event alone: the person who joined is not using Tickler.
  app.event('member_joined_channel', async ({ event, client }) => {
    if (typeof event.channel !== 'string' || typeof event.user !== 'string') return;
    await rejudgeChannel(services, client, event.channel, event.user);
  });
}
