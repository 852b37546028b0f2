// Referral review: a referral still open (sent or accepted) whose review date is today or past
// (due today / overdue) or within the "soon" window (7 days). Seeds 000 and 004: a written
// referral to the provider, then a review of services referred out; the review date is a due
// item until the referral's status is final (completed or declined).
import { and, inArray, lte } from 'drizzle-orm';
import { referrals } from '../../db/schema';
import { displayDate } from '../../domain/dates';
import { addCalendarDays, itemKey, severityOf, type DueItem } from '../../domain/due';
import type { DueRule } from '../rule';
import { dueTitle, participantIn, short, subject } from './plan-common';

export interface OpenReferral {
  id: number;
  participantId: number;
  partnerName: string;
  status: 'sent' | 'accepted' | 'completed' | 'declined';
  sentDate: string;
  reviewDate: string;
}

export const referralReview: DueRule<OpenReferral[]> = {
  id: 'referral-review',
  policy: 'Follow up on every referral by its review date and record whether it was accepted, completed or declined (seeds 000, 004).',
  appliesTo: () => true,
  load(db, participantIds, ctx) {
    return db
      .select({ id: referrals.id, participantId: referrals.participantId, partnerName: referrals.partnerName, status: referrals.status, sentDate: referrals.sentDate, reviewDate: referrals.reviewDate })
      .from(referrals)
      .where(and(participantIn(referrals.participantId, participantIds), inArray(referrals.status, ['sent', 'accepted']), lte(referrals.reviewDate, addCalendarDays(ctx.today, ctx.soonDays))))
      .all();
  },
  evaluate(loaded, participants, ctx) {
    const ids = new Set(participants.map((p) => p.id));
    const items: DueItem[] = [];
    for (const r of loaded) {
      if (!ids.has(r.participantId) || (r.status !== 'sent' && r.status !== 'accepted')) continue;
      const severity = severityOf(r.reviewDate, ctx);
      if (!severity) continue;
      items.push({
        key: itemKey(this.id, r.participantId, subject.referral(r.id), r.reviewDate),
        ruleId: this.id,
        participantId: r.participantId,
        dueDate: r.reviewDate,
        severity,
        title: dueTitle(`Review of the referral to ${short(r.partnerName, 40)}`, severity, r.reviewDate),
        detail: `Sent ${displayDate(r.sentDate)} · ${r.status}`,
        policy: this.policy,
        clearingAction: 'open_card',
        compliance: false,
      });
    }
    return items;
  },
};
