// Service ending soon: an active service whose planned end date is today or within the
// engine's "soon" window (7 days): time to document its outcome or extend it (seeds 000, 002).
// The day after its planned end it becomes `service-past-end` instead.
import { and, between, eq } from 'drizzle-orm';
import { services } from '../../db/schema';
import { displayDate } from '../../domain/dates';
import { addCalendarDays, itemKey, severityOf, type DueItem } from '../../domain/due';
import type { DueRule } from '../rule';
import { participantIn, short, subject } from './plan-common';
import { serviceColumns, serviceFacts, type ServiceDates } from './service-past-end';

export const serviceEndingSoon: DueRule<ServiceDates[]> = {
  id: 'service-ending-soon',
  policy: 'Before a service’s planned end, record its outcome (did it meet the need?) in a completion note, or extend it with a reason (seeds 000, 002).',
  appliesTo: () => true,
  load(db, participantIds, ctx) {
    return db
      .select(serviceColumns)
      .from(services)
      .where(and(participantIn(services.participantId, participantIds), eq(services.status, 'active'), between(services.plannedEndDate, ctx.today, addCalendarDays(ctx.today, ctx.soonDays))))
      .all();
  },
  evaluate(loaded, participants, ctx) {
    const ids = new Set(participants.map((p) => p.id));
    const items: DueItem[] = [];
    for (const s of loaded) {
      const severity = severityOf(s.plannedEndDate, ctx);
      if (!ids.has(s.participantId) || !severity || severity === 'overdue') continue;
      items.push({
        key: itemKey(this.id, s.participantId, subject.service(s.id), s.plannedEndDate),
        ruleId: this.id,
        participantId: s.participantId,
        dueDate: s.plannedEndDate,
        severity,
        title: severity === 'due_today' ? `${short(s.serviceName)} ends today` : `${short(s.serviceName)} ends ${displayDate(s.plannedEndDate)}`,
        detail: serviceFacts(s),
        policy: this.policy,
        clearingAction: 'log_note',
        compliance: false,
      });
    }
    return items;
  },
};
