// Refugee plan not complete: no plan version made on or after case opening within
// `planDueWorkingDaysFromOpening` working days of it (refugee SS/TAP: 30; seed 004 §4(b)
// "Within 30 working days of case opening, the case manager must complete the Family
// Self-sufficiency Plan (FSP), including the Assessment form and EDP for each adult").
//
// Case opening = the earliest enrollment in a program whose profile has the rule (from
// `ctx.profiles`, the shipped defaults when absent), so a WIOA enrollment months earlier does
// not start the refugee clock; when no enrollment qualifies, the first enrollment. Working days
// skip weekends and the agency's holidays (`ctx.holidays`; US federal when absent), counted from
// the day after opening: the 30th working day is the last day on time. A version made before
// opening (another program's plan) does not count; any version since does, late or not.
import { sql } from 'drizzle-orm';
import { enrollments, planVersions } from '../../db/schema';
import { displayDate } from '../../domain/dates';
import { itemKey, severityOf, type DueItem } from '../../domain/due';
import { addWorkingDays } from '../../domain/holidays';
import type { ProfileId } from '../../domain/profiles';
import type { DueRule } from '../rule';
import { dueTitle, holidaysOf, participantIn, profilesOf, viewerDate } from './plan-common';

export interface PlanOpening {
  /** participant → their enrollments (profile, enrollment date) */
  enrollments: Map<number, Array<{ profileId: string; enrollmentDate: string }>>;
  /** participant → the instant of their latest plan version */
  latestVersionAt: Map<number, string>;
}

type Row = { kind: 'enrollment' | 'version'; participantId: number; profileId: string | null; at: string };

export const fspNotComplete: DueRule<PlanOpening> = {
  id: 'fsp-not-complete',
  policy: 'Refugee programs: complete the FSP, with an EDP for each adult, within 30 working days of case opening (seed 004).',
  appliesTo: (rules) => rules.planDueWorkingDaysFromOpening !== null,
  load(db, participantIds) {
    const enrolled = db
      .select({
        kind: sql<Row['kind']>`'enrollment'`.as('kind'),
        participantId: enrollments.participantId,
        profileId: sql<string | null>`${enrollments.profileId}`.as('profile_id'),
        at: sql<string>`${enrollments.enrollmentDate}`.as('at'),
      })
      .from(enrollments)
      .where(participantIn(enrollments.participantId, participantIds));
    const latest = db
      .select({
        kind: sql<Row['kind']>`'version'`.as('kind'),
        participantId: planVersions.participantId,
        profileId: sql<string | null>`null`.as('profile_id'),
        at: sql<string>`max(${planVersions.createdAt})`.as('at'),
      })
      .from(planVersions)
      .where(participantIn(planVersions.participantId, participantIds))
      .groupBy(planVersions.participantId);
    const loaded: PlanOpening = { enrollments: new Map(), latestVersionAt: new Map() };
    for (const r of enrolled.unionAll(latest).all() as Row[]) {
      if (r.kind === 'version') loaded.latestVersionAt.set(r.participantId, r.at);
      else loaded.enrollments.set(r.participantId, [...(loaded.enrollments.get(r.participantId) ?? []), { profileId: r.profileId ?? '', enrollmentDate: r.at }]);
    }
    return loaded;
  },
  evaluate(loaded, participants, ctx) {
    const profiles = profilesOf(ctx);
    const items: DueItem[] = [];
    for (const p of participants) {
      const days = p.rules.planDueWorkingDaysFromOpening;
      if (days === null) continue;
      const opening = (loaded.enrollments.get(p.id) ?? [])
        .filter((e) => (profiles[e.profileId as ProfileId]?.planDueWorkingDaysFromOpening ?? null) !== null)
        .sort((a, b) => a.enrollmentDate.localeCompare(b.enrollmentDate))[0];
      const openedOn = opening?.enrollmentDate ?? p.enrolledOn;
      const latest = loaded.latestVersionAt.get(p.id);
      if (latest && viewerDate(latest, ctx) >= openedOn) continue;
      const dueDate = addWorkingDays(openedOn, days, holidaysOf(ctx));
      const severity = severityOf(dueDate, ctx);
      if (!severity) continue;
      const profile = opening ? profiles[opening.profileId as ProfileId] : undefined;
      const kind = profile?.planKind ?? 'FSP';
      items.push({
        key: itemKey(this.id, p.id, null, dueDate),
        ruleId: this.id,
        participantId: p.id,
        dueDate,
        severity,
        title: dueTitle(`${kind} plan`, severity, dueDate),
        detail: [
          `Case opened ${displayDate(openedOn)}${profile ? ` (${profile.shortName})` : ''}`,
          latest ? 'no plan version since' : 'no plan version yet',
          `${days} working days, skipping weekends and holidays`,
        ].join(' · '),
        policy: `Complete the plan within ${days} working days of case opening (seed 004).`,
        clearingAction: 'open_card',
        compliance: true,
      });
    }
    return items;
  },
};
