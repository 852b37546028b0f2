// Plan version not acknowledged: the participant's LATEST plan version has no acknowledgment
// (initials, date, copy given) 14 days after it was made. Seed 002: "each time the plan is
// updated the participant must initial and date the IEP"; the 14 days are issue #5's. Only the
// latest version is checked: a newer version supersedes an unsigned older one, and its
// acknowledgment covers the whole plan as it stands.
import { and, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { planAcknowledgments, planVersions } from '../../db/schema';
import { displayDate } from '../../domain/dates';
import { addCalendarDays, itemKey, severityOf, type DueItem } from '../../domain/due';
import type { DueRule } from '../rule';
import { dueTitle, participantIn, subject, viewerDate } from './plan-common';

/** Calendar days from making a plan version to the participant's initials and date on it. */
export const PLAN_ACK_DAYS = 14;

export interface LatestVersion {
  id: number;
  participantId: number;
  versionNo: number;
  reason: 'initial' | 'update' | 'review';
  createdAt: string;
}

export const planNotAcknowledged: DueRule<LatestVersion[]> = {
  id: 'plan-not-acknowledged',
  policy: 'The participant gets a copy of the plan and initials and dates every update, within 14 days of the change (seed 002).',
  appliesTo: () => true,
  load(db, participantIds) {
    const later = alias(planVersions, 'later');
    return db
      .select({ id: planVersions.id, participantId: planVersions.participantId, versionNo: planVersions.versionNo, reason: planVersions.reason, createdAt: planVersions.createdAt })
      .from(planVersions)
      .where(
        and(
          participantIn(planVersions.participantId, participantIds),
          sql`${planVersions.versionNo} = (select max(${later.versionNo}) from ${planVersions} as ${later} where ${later.participantId} = ${planVersions.participantId})`,
          notExists(db.select({ one: sql`1` }).from(planAcknowledgments).where(sql`${planAcknowledgments.planVersionId} = ${planVersions.id}`)),
        ),
      )
      .all();
  },
  evaluate(loaded, participants, ctx) {
    const ids = new Set(participants.map((p) => p.id));
    const items: DueItem[] = [];
    for (const v of loaded) {
      if (!ids.has(v.participantId)) continue;
      const made = viewerDate(v.createdAt, ctx);
      const dueDate = addCalendarDays(made, PLAN_ACK_DAYS);
      const severity = severityOf(dueDate, ctx);
      if (!severity) continue;
      items.push({
        key: itemKey(this.id, v.participantId, subject.version(v.id), dueDate),
        ruleId: this.id,
        participantId: v.participantId,
        dueDate,
        severity,
        title: dueTitle(`Participant’s initials on plan version ${v.versionNo}`, severity, dueDate),
        detail: `Version ${v.versionNo} (${v.reason}) made ${displayDate(made)} · not yet initialed and dated, no copy recorded as given`,
        policy: this.policy,
        clearingAction: 'open_card',
        compliance: true,
      });
    }
    return items;
  },
};
