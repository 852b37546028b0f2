// Open need with nothing addressing it: a need still open (or being addressed) with no active
// service and no referral other than a declined one. Seed 000: "Each need identified in the
// assessment must appear on the plan until the need is met", with a service or a referral to a
// community service for what the program does not provide.
//
// Due 7 days after the need became uncovered: after it was recorded, or after its last service
// ended or its last referral was declined, whichever is latest (no seed gives a number; a week
// to put a service or referral in place, the same grace as an emergent need).
import { and, eq, inArray, max, ne, notExists, sql } from 'drizzle-orm';
import { needs, referralNeeds, referrals, serviceNeeds, services } from '../../db/schema';
import { displayDate } from '../../domain/dates';
import { addCalendarDays, itemKey, severityOf, type DueItem } from '../../domain/due';
import type { DueRule } from '../rule';
import { dueTitle, needCategory, participantIn, subject, viewerDate } from './plan-common';

/** Days after a need is left without a service or referral before it is due. */
export const NEED_COVER_DAYS = 7;

export interface UncoveredNeed {
  id: number;
  participantId: number;
  category: string;
  source: 'assessment' | 'emergent' | 'irt';
  recordedAt: string;
  /** The latest actual end of a (completed or discontinued) service linked to it. */
  lastServiceEnd: string | null;
  /** The latest status date of a declined referral linked to it. */
  lastDeclined: string | null;
}

export const openNeedUncovered: DueRule<UncoveredNeed[]> = {
  id: 'open-need-uncovered',
  policy: 'Every need stays on the plan until it is met, with a service or a referral addressing it (seed 000).',
  appliesTo: () => true,
  load(db, participantIds) {
    const activeService = db
      .select({ one: sql`1` })
      .from(serviceNeeds)
      .innerJoin(services, eq(services.id, serviceNeeds.serviceId))
      .where(and(eq(serviceNeeds.needId, needs.id), eq(services.status, 'active')));
    const liveReferral = db
      .select({ one: sql`1` })
      .from(referralNeeds)
      .innerJoin(referrals, eq(referrals.id, referralNeeds.referralId))
      .where(and(eq(referralNeeds.needId, needs.id), ne(referrals.status, 'declined')));
    const lastServiceEnd = db
      .select({ at: max(services.actualEndDate) })
      .from(serviceNeeds)
      .innerJoin(services, eq(services.id, serviceNeeds.serviceId))
      .where(eq(serviceNeeds.needId, needs.id));
    const lastDeclined = db
      .select({ at: max(referrals.statusDate) })
      .from(referralNeeds)
      .innerJoin(referrals, eq(referrals.id, referralNeeds.referralId))
      .where(and(eq(referralNeeds.needId, needs.id), eq(referrals.status, 'declined')));
    return db
      .select({
        id: needs.id,
        participantId: needs.participantId,
        category: needs.category,
        source: needs.source,
        recordedAt: needs.recordedAt,
        // Builder subqueries, not column references in a template: a single-table select would
        // print `needs.id` as a bare "id", which inside the subquery means the joined row's id.
        lastServiceEnd: sql<string | null>`(${lastServiceEnd})`,
        lastDeclined: sql<string | null>`(${lastDeclined})`,
      })
      .from(needs)
      .where(and(participantIn(needs.participantId, participantIds), inArray(needs.status, ['open', 'being_addressed']), notExists(activeService), notExists(liveReferral)))
      .all();
  },
  evaluate(loaded, participants, ctx) {
    const ids = new Set(participants.map((p) => p.id));
    const items: DueItem[] = [];
    for (const n of loaded) {
      if (!ids.has(n.participantId)) continue;
      const recorded = viewerDate(n.recordedAt, ctx);
      const since = [recorded, n.lastServiceEnd, n.lastDeclined].filter((d): d is string => !!d).sort().at(-1)!;
      const dueDate = addCalendarDays(since, NEED_COVER_DAYS);
      const severity = severityOf(dueDate, ctx);
      if (!severity) continue;
      const why =
        since === recorded
          ? `Recorded ${displayDate(recorded)} (${n.source})`
          : since === n.lastServiceEnd
            ? `Recorded ${displayDate(recorded)}; its last service ended ${displayDate(since)}`
            : `Recorded ${displayDate(recorded)}; its referral was declined ${displayDate(since)}`;
      items.push({
        key: itemKey(this.id, n.participantId, subject.need(n.id), dueDate),
        ruleId: this.id,
        participantId: n.participantId,
        dueDate,
        severity,
        title: dueTitle(`Service or referral for the ${needCategory(n.category)} need`, severity, dueDate),
        detail: `${why} · no active service or referral`,
        policy: this.policy,
        clearingAction: 'open_card',
        compliance: true,
      });
    }
    return items;
  },
};
