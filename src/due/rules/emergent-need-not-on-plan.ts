// Emergent need not yet on the plan: a need recorded from a case note (`source = 'emergent'`,
// or `'irt'` — found at an IRT meeting and recorded through its outcome note) that no plan version created after it was recorded includes (`plan_version_items`, with
// `needs.recorded_at < plan_versions.created_at`). Seed 000, "Addressing emergent needs in the
// plan": document the need in a note, say how it hurts progress toward the goal, update the plan.
//
// Due 7 calendar days after the need was recorded (the viewer's date of `recorded_at`): the seed
// gives no number, and a week leaves time to meet the participant, who initials the update. A
// need met before it reached the plan no longer needs to.
import { and, eq, gt, inArray, notExists, sql } from 'drizzle-orm';
import { needs, planVersionItems, planVersions } from '../../db/schema';
import { displayDate } from '../../domain/dates';
import { addCalendarDays, itemKey, severityOf, type DueItem } from '../../domain/due';
import type { DueRule } from '../rule';
import { dueTitle, needCategory, participantIn, subject, viewerDate } from './plan-common';

/** Calendar days from recording an emergent need to having it on a plan version. */
export const EMERGENT_NEED_PLAN_DAYS = 7;

export interface EmergentNeed {
  id: number;
  participantId: number;
  category: string;
  recordedAt: string;
}

export const emergentNeedNotOnPlan: DueRule<EmergentNeed[]> = {
  id: 'emergent-need-not-on-plan',
  policy: 'An emergent need is documented in a case note and then added to the plan, which the participant initials (seed 000).',
  appliesTo: () => true,
  load(db, participantIds) {
    const onLaterVersion = db
      .select({ one: sql`1` })
      .from(planVersionItems)
      .innerJoin(planVersions, eq(planVersions.id, planVersionItems.planVersionId))
      .where(
        and(
          eq(planVersionItems.itemKind, 'need'),
          eq(planVersionItems.itemId, needs.id),
          eq(planVersions.participantId, needs.participantId),
          gt(planVersions.createdAt, needs.recordedAt),
        ),
      );
    return db
      .select({ id: needs.id, participantId: needs.participantId, category: needs.category, recordedAt: needs.recordedAt })
      .from(needs)
      .where(and(participantIn(needs.participantId, participantIds), inArray(needs.status, ['open', 'being_addressed']), inArray(needs.source, ['emergent', 'irt']), notExists(onLaterVersion)))
      .all();
  },
  evaluate(loaded, participants, ctx) {
    const ids = new Set(participants.map((p) => p.id));
    const items: DueItem[] = [];
    for (const n of loaded) {
      if (!ids.has(n.participantId)) continue;
      const recorded = viewerDate(n.recordedAt, ctx);
      const dueDate = addCalendarDays(recorded, EMERGENT_NEED_PLAN_DAYS);
      const severity = severityOf(dueDate, ctx);
      if (!severity) continue;
      items.push({
        key: itemKey(this.id, n.participantId, subject.need(n.id), dueDate),
        ruleId: this.id,
        participantId: n.participantId,
        dueDate,
        severity,
        title: dueTitle(`Plan update for the emergent ${needCategory(n.category)} need`, severity, dueDate),
        detail: `Recorded from a note on ${displayDate(recorded)} · not on any plan version since`,
        policy: this.policy,
        clearingAction: 'open_card',
        compliance: true,
      });
    }
    return items;
  },
};
