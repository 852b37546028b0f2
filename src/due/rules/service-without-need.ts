// Service (or open referral) without a documented need: no `service_needs` / `referral_needs`
// row. The app refuses to create one, but imports and hand-made fixes could; an auditor finds
// it first. Seeds 000 and 002: "Services, without a documented need, must not appear on the
// plan"; referrals answer needs outside the program's scope.
import { and, eq, inArray, notExists, sql } from 'drizzle-orm';
import { referralNeeds, referrals, serviceNeeds, services } from '../../db/schema';
import { displayDate } from '../../domain/dates';
import { itemKey, severityOf, type DueItem } from '../../domain/due';
import type { DueRule } from '../rule';
import { participantIn, short, subject } from './plan-common';

export interface WithoutNeed {
  kind: 'service' | 'referral';
  id: number;
  participantId: number;
  /** Service name, or the partner a referral went to. */
  name: string;
  /** Service start date, or the date a referral was sent: due from then. */
  date: string;
}

export const serviceWithoutNeed: DueRule<WithoutNeed[]> = {
  id: 'service-without-need',
  policy: 'Every service on the plan answers a documented need, and so does every referral; services without a documented need must not appear on the plan (seeds 000, 002).',
  appliesTo: () => true,
  load(db, participantIds) {
    const unlinkedServices = db
      .select({ kind: sql<WithoutNeed['kind']>`'service'`.as('kind'), id: services.id, participantId: services.participantId, name: services.serviceName, date: services.startDate })
      .from(services)
      .where(
        and(
          participantIn(services.participantId, participantIds),
          eq(services.status, 'active'),
          notExists(db.select({ one: sql`1` }).from(serviceNeeds).where(eq(serviceNeeds.serviceId, services.id))),
        ),
      );
    const unlinkedReferrals = db
      .select({ kind: sql<WithoutNeed['kind']>`'referral'`.as('kind'), id: referrals.id, participantId: referrals.participantId, name: referrals.partnerName, date: referrals.sentDate })
      .from(referrals)
      .where(
        and(
          participantIn(referrals.participantId, participantIds),
          inArray(referrals.status, ['sent', 'accepted']),
          notExists(db.select({ one: sql`1` }).from(referralNeeds).where(eq(referralNeeds.referralId, referrals.id))),
        ),
      );
    return unlinkedServices.unionAll(unlinkedReferrals).all();
  },
  evaluate(loaded, participants, ctx) {
    const ids = new Set(participants.map((p) => p.id));
    const items: DueItem[] = [];
    for (const row of loaded) {
      const severity = severityOf(row.date, ctx);
      if (!ids.has(row.participantId) || !severity) continue;
      const isService = row.kind === 'service';
      items.push({
        key: itemKey(this.id, row.participantId, isService ? subject.service(row.id) : subject.referral(row.id), row.date),
        ruleId: this.id,
        participantId: row.participantId,
        dueDate: row.date,
        severity,
        title: isService ? `${short(row.name)} has no documented need` : `Referral to ${short(row.name)} has no documented need`,
        detail: isService ? `Service started ${displayDate(row.date)}; link it to the need it answers` : `Referral sent ${displayDate(row.date)}; link it to the need it answers`,
        policy: this.policy,
        clearingAction: 'open_card',
        compliance: true,
      });
    }
    return items;
  },
};
