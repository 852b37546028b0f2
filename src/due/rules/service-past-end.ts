// Service past its planned end: an active service whose planned end date has passed and that
// no completion note has closed (a `completed` case-note link closes it in the same
// transaction). Seeds 000 and 002: every service has start and end dates, and its end is
// documented with whether it met the need; most services last 90 days, training may be extended.
import { and, eq, lt } from 'drizzle-orm';
import { services } from '../../db/schema';
import { displayDate } from '../../domain/dates';
import { itemKey, type DueItem } from '../../domain/due';
import type { DueRule } from '../rule';
import { participantIn, short, subject } from './plan-common';

export interface ServiceDates {
  id: number;
  participantId: number;
  serviceName: string;
  providerName: string | null;
  startDate: string;
  plannedEndDate: string;
}

export const serviceColumns = {
  id: services.id,
  participantId: services.participantId,
  serviceName: services.serviceName,
  providerName: services.providerName,
  startDate: services.startDate,
  plannedEndDate: services.plannedEndDate,
};

export function serviceFacts(s: ServiceDates): string {
  return [`Planned end ${displayDate(s.plannedEndDate)}`, `started ${displayDate(s.startDate)}`, s.providerName ? `provider ${short(s.providerName, 40)}` : null].filter(Boolean).join(' · ');
}

export const servicePastEnd: DueRule<ServiceDates[]> = {
  id: 'service-past-end',
  policy: 'Close every service by its planned end with a completion note that says whether it met the need, or extend it with a reason; start and stop dates alone are never enough (seeds 000, 002).',
  appliesTo: () => true,
  load(db, participantIds, ctx) {
    return db
      .select(serviceColumns)
      .from(services)
      .where(and(participantIn(services.participantId, participantIds), eq(services.status, 'active'), lt(services.plannedEndDate, ctx.today)))
      .all();
  },
  evaluate(loaded, participants, ctx) {
    const ids = new Set(participants.map((p) => p.id));
    const items: DueItem[] = [];
    for (const s of loaded) {
      if (!ids.has(s.participantId) || s.plannedEndDate >= ctx.today) continue;
      items.push({
        key: itemKey(this.id, s.participantId, subject.service(s.id), s.plannedEndDate),
        ruleId: this.id,
        participantId: s.participantId,
        dueDate: s.plannedEndDate,
        severity: 'overdue',
        title: `${short(s.serviceName)} past its planned end (${displayDate(s.plannedEndDate)})`,
        detail: `${serviceFacts(s)} · no completion note`,
        policy: this.policy,
        clearingAction: 'log_note',
        compliance: true,
      });
    }
    return items;
  },
};
