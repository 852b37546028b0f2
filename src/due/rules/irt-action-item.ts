// IRT action step: every open step of an IRT meeting's plan of action is a due item for the
// case manager on its due date (seed 001: "a recommended plan of action with timelines and the
// name of who is responsible for each step"). Overdue, due today, or due soon (within 7 days);
// it clears when the step is marked *Done*. Not a documentation-compliance item: the step
// may be the participant's or a partner's to do, so it counts in no supervisor figure.
import { and, eq, lte } from 'drizzle-orm';
import { irtActionItems, irtMeetings } from '../../db/schema';
import { displayDate } from '../../domain/dates';
import { addCalendarDays, itemKey, severityOf, type DueItem } from '../../domain/due';
import type { DueRule } from '../rule';
import { dueTitle, participantIn, short, viewerDate } from './plan-common';

export interface OpenActionItem {
  id: number;
  participantId: number;
  description: string;
  responsibleKind: 'staff' | 'partner_contact' | 'participant' | 'natural_support';
  responsibleName: string;
  dueDate: string;
  meetingStartsAt: string | null;
}

export const irtActionItem: DueRule<OpenActionItem[]> = {
  id: 'irt-action-item',
  policy: 'Each step of an IRT plan of action has a person responsible and a date; follow it up until it is done (seed 001).',
  appliesTo: () => true,
  load(db, participantIds, ctx) {
    return db
      .select({
        id: irtActionItems.id,
        participantId: irtActionItems.participantId,
        description: irtActionItems.description,
        responsibleKind: irtActionItems.responsibleKind,
        responsibleName: irtActionItems.responsibleName,
        dueDate: irtActionItems.dueDate,
        meetingStartsAt: irtMeetings.startsAt,
      })
      .from(irtActionItems)
      .innerJoin(irtMeetings, eq(irtMeetings.id, irtActionItems.meetingId))
      .where(and(participantIn(irtActionItems.participantId, participantIds), eq(irtActionItems.status, 'open'), lte(irtActionItems.dueDate, addCalendarDays(ctx.today, ctx.soonDays))))
      .all();
  },
  evaluate(loaded, participants, ctx) {
    const ids = new Set(participants.map((p) => p.id));
    const items: DueItem[] = [];
    for (const a of loaded) {
      if (!ids.has(a.participantId)) continue;
      const severity = severityOf(a.dueDate, ctx);
      if (!severity) continue;
      const who = a.responsibleKind === 'participant' ? 'the participant' : short(a.responsibleName, 40);
      const meeting = a.meetingStartsAt ? ` · from the IRT meeting of ${displayDate(viewerDate(a.meetingStartsAt, ctx))}` : '';
      items.push({
        key: itemKey(this.id, a.participantId, `irt-step-${a.id}`, a.dueDate),
        ruleId: this.id,
        participantId: a.participantId,
        dueDate: a.dueDate,
        severity,
        title: dueTitle(`IRT step “${short(a.description, 50)}”`, severity, a.dueDate),
        detail: `Responsible: ${who}${meeting}`,
        policy: this.policy,
        clearingAction: 'open_card',
        compliance: false,
      });
    }
    return items;
  },
};
