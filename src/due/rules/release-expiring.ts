// Release expiring: a release of information valid today whose expiry date is today or within
// RELEASE_EXPIRING_DAYS (30) days, unless a later release for the same partner already covers
// the day after it expires (a renewal). Issue #6: without a valid release nothing about the
// participant may reach that partner (the release gate), so renew it before it lapses. One that
// lapsed unrenewed (not revoked) stays listed as overdue for another 30 days, then drops off:
// by then the partner is presumably no longer involved.
import { addCalendarDays, itemKey, type DueItem } from '../../domain/due';
import { displayDate } from '../../domain/dates';
import { SHARE_SCOPE_LABELS, isReleaseValid } from '../../domain/release-gate';
import { releasesExpiringFor, type ExpiringRelease } from '../../db/releases';
import type { DueRule } from '../rule';
import { short } from './plan-common';

export const RELEASE_EXPIRING_DAYS = 30;

export const releaseExpiring: DueRule<ExpiringRelease[]> = {
  id: 'release-expiring',
  policy: 'A signed release of information is needed for every partner who hears about the participant; renew it before it expires (seed 001, issue 6).',
  appliesTo: () => true,
  load(db, participantIds, ctx) {
    return releasesExpiringFor(db, participantIds, addCalendarDays(ctx.today, -RELEASE_EXPIRING_DAYS), addCalendarDays(ctx.today, RELEASE_EXPIRING_DAYS));
  },
  evaluate(loaded, participants, ctx) {
    const ids = new Set(participants.map((p) => p.id));
    const lastDay = addCalendarDays(ctx.today, RELEASE_EXPIRING_DAYS);
    const firstDay = addCalendarDays(ctx.today, -RELEASE_EXPIRING_DAYS);
    const items: DueItem[] = [];
    for (const r of loaded) {
      if (!ids.has(r.participantId) || r.expiryDate > lastDay || r.expiryDate < firstDay) continue;
      // Valid today, or lapsed on its own: valid on its last day (not revoked before it ran out).
      const lapsed = r.expiryDate < ctx.today;
      if (!(lapsed ? isReleaseValid(r, r.expiryDate) : isReleaseValid(r, ctx.today))) continue;
      const dayAfter = addCalendarDays(r.expiryDate, 1);
      if (r.later.some((next) => next.partnerId === r.partnerId && isReleaseValid(next, lapsed ? ctx.today : dayAfter))) continue;
      const severity = lapsed ? 'overdue' : r.expiryDate === ctx.today ? 'due_today' : 'due_soon';
      const scopes = r.scopes.map((s) => SHARE_SCOPE_LABELS[s].toLowerCase()).join(', ') || 'identity only';
      items.push({
        key: itemKey(this.id, r.participantId, `release-${r.id}`, r.expiryDate),
        ruleId: this.id,
        participantId: r.participantId,
        dueDate: r.expiryDate,
        severity,
        title: lapsed
          ? `Release for ${short(r.partnerName, 40)} expired ${displayDate(r.expiryDate)}: renew it before sharing anything`
          : severity === 'due_today'
            ? `Release for ${short(r.partnerName, 40)} expires today`
            : `Release for ${short(r.partnerName, 40)} expires ${displayDate(r.expiryDate)}`,
        detail: `Signed ${displayDate(r.signedDate)} · ${scopes}`,
        policy: this.policy,
        clearingAction: 'open_card',
        compliance: false,
      });
    }
    return items;
  },
};
