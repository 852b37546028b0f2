// Goal past its target date: an open goal whose target date has passed (overdue), is today, or
// falls within the "soon" window (7 days). Goals are SMART, time-bound by a target date
// (seed 002); reaching it means recording the goal achieved, or revising the plan.
import { and, eq, lte } from 'drizzle-orm';
import { goals } from '../../db/schema';
import { displayDate } from '../../domain/dates';
import { addCalendarDays, itemKey, severityOf, type DueItem } from '../../domain/due';
import type { DueRule } from '../rule';
import { participantIn, short, subject } from './plan-common';

export interface OpenGoal {
  id: number;
  participantId: number;
  term: 'long' | 'short';
  specific: string;
  targetDate: string;
}

export const goalPastTarget: DueRule<OpenGoal[]> = {
  id: 'goal-past-target',
  policy: 'Goals are SMART and time-bound: by the target date, record the goal achieved or revise the plan with the participant (seed 002).',
  appliesTo: () => true,
  load(db, participantIds, ctx) {
    return db
      .select({ id: goals.id, participantId: goals.participantId, term: goals.term, specific: goals.specific, targetDate: goals.targetDate })
      .from(goals)
      .where(and(participantIn(goals.participantId, participantIds), eq(goals.status, 'open'), lte(goals.targetDate, addCalendarDays(ctx.today, ctx.soonDays))))
      .all();
  },
  evaluate(loaded, participants, ctx) {
    const ids = new Set(participants.map((p) => p.id));
    const items: DueItem[] = [];
    for (const g of loaded) {
      const severity = severityOf(g.targetDate, ctx);
      if (!ids.has(g.participantId) || !severity) continue;
      const goal = `${g.term === 'long' ? 'Long' : 'Short'}-term goal`;
      items.push({
        key: itemKey(this.id, g.participantId, subject.goal(g.id), g.targetDate),
        ruleId: this.id,
        participantId: g.participantId,
        dueDate: g.targetDate,
        severity,
        title:
          severity === 'overdue'
            ? `${goal} past its target date (${displayDate(g.targetDate)})`
            : severity === 'due_today'
              ? `${goal} target date is today`
              : `${goal} target date ${displayDate(g.targetDate)}`,
        detail: `“${short(g.specific)}” · still open`,
        policy: this.policy,
        clearingAction: 'open_card',
        compliance: true,
      });
    }
    return items;
  },
};
