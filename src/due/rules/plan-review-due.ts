// Plan review due, two ways, both cleared only by a version with reason `review` (data model:
// "only `review` clears plan review due"; an `update` is a change, not a review):
// - every N months (`planReviewMonths`; refugee 6, seed 004 §4(e) "Every six months, the case
//   manager must update/revise the FSP"): due N calendar months after the latest review, or
//   after the first plan version when there has been none (Aug 31 + 6 months = Feb 28/29);
// - after each service (`planReviewAfterEachService`; WIOA, seed 002 "Plans are to be reviewed
//   … after each service element is completed"): a service completed after the latest review
//   (or with no review yet) makes a review due 7 calendar days after its actual end date (the
//   seed gives no number; a week to sit down with the participant). A review on the completion
//   date itself counts. Several completions since the last review make one item, dated from
//   the earliest, since one review covers them all.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { planVersions, services } from '../../db/schema';
import { displayDate } from '../../domain/dates';
import { addCalendarDays, itemKey, severityOf, type DueItem } from '../../domain/due';
import type { DueRule } from '../rule';
import { addCalendarMonths, dueTitle, participantIn, short, subject, viewerDate } from './plan-common';

/** Calendar days from a service's completion to the plan review it calls for. */
export const REVIEW_AFTER_SERVICE_DAYS = 7;

export interface VersionRef {
  id: number;
  versionNo: number;
  createdAt: string;
}

export interface CompletedService {
  id: number;
  serviceName: string;
  actualEndDate: string;
}

export interface ReviewFacts {
  /** participant → their latest version with reason `review` */
  lastReview: Map<number, VersionRef>;
  /** participant → their first plan version */
  first: Map<number, VersionRef>;
  /** participant → services completed on or after (about) the latest review; all when none */
  completed: Map<number, CompletedService[]>;
}

/** Another row of `plan_versions`, for the latest/first-version subqueries. */
const other = alias(planVersions, 'other');

type Row = { kind: 'review' | 'first' | 'completed'; participantId: number; id: number; versionNo: number | null; at: string; name: string | null };

export const planReviewDue: DueRule<ReviewFacts> = {
  id: 'plan-review-due',
  policy: 'Review the plan with the participant after each service element is completed (WIOA, seed 002) and every 6 months (refugee FSP/EDP, seed 004); only a review clears it.',
  appliesTo: (rules) => rules.planReviewMonths !== null || rules.planReviewAfterEachService,
  load(db, participantIds) {
    const version = (kind: 'review' | 'first', pick: SQL | undefined) =>
      db
        .select({
          kind: sql<Row['kind']>`${kind}`.as('kind'),
          participantId: planVersions.participantId,
          id: planVersions.id,
          versionNo: sql<number | null>`${planVersions.versionNo}`.as('version_no'),
          at: planVersions.createdAt,
          name: sql<string | null>`null`.as('name'),
        })
        .from(planVersions)
        .where(and(participantIn(planVersions.participantId, participantIds), pick));
    const lastReview = version(
      'review',
      and(eq(planVersions.reason, 'review'), sql`${planVersions.versionNo} = (select max(${other.versionNo}) from ${planVersions} as ${other} where ${other.participantId} = ${planVersions.participantId} and ${other.reason} = 'review')`),
    );
    const first = version('first', sql`${planVersions.versionNo} = (select min(${other.versionNo}) from ${planVersions} as ${other} where ${other.participantId} = ${planVersions.participantId})`);
    // Completions from the day before the latest review's UTC date on: every date that can be
    // on or after the review's date in the viewer's zone. evaluate() compares exactly.
    const completed = db
      .select({
        kind: sql<Row['kind']>`'completed'`.as('kind'),
        participantId: services.participantId,
        id: services.id,
        versionNo: sql<number | null>`null`.as('version_no'),
        at: sql<string>`${services.actualEndDate}`.as('at'),
        name: sql<string | null>`${services.serviceName}`.as('name'),
      })
      .from(services)
      .where(
        and(
          participantIn(services.participantId, participantIds),
          eq(services.status, 'completed'),
          sql`${services.actualEndDate} >= coalesce((select date(max(${other.createdAt}), '-1 day') from ${planVersions} as ${other} where ${other.participantId} = ${services.participantId} and ${other.reason} = 'review'), '')`,
        ),
      );
    const facts: ReviewFacts = { lastReview: new Map(), first: new Map(), completed: new Map() };
    for (const r of lastReview.unionAll(first).unionAll(completed).all() as Row[]) {
      if (r.kind === 'completed') {
        facts.completed.set(r.participantId, [...(facts.completed.get(r.participantId) ?? []), { id: r.id, serviceName: r.name ?? '', actualEndDate: r.at }]);
      } else {
        facts[r.kind === 'review' ? 'lastReview' : 'first'].set(r.participantId, { id: r.id, versionNo: r.versionNo ?? 0, createdAt: r.at });
      }
    }
    return facts;
  },
  evaluate(loaded, participants, ctx) {
    const items: DueItem[] = [];
    for (const p of participants) {
      const review = loaded.lastReview.get(p.id);
      const reviewedOn = review ? viewerDate(review.createdAt, ctx) : null;
      const months = p.rules.planReviewMonths;
      const base = review ?? loaded.first.get(p.id);
      if (months !== null && base) {
        const from = viewerDate(base.createdAt, ctx);
        const dueDate = addCalendarMonths(from, months);
        const severity = severityOf(dueDate, ctx);
        if (severity) {
          items.push({
            key: itemKey(this.id, p.id, subject.version(base.id), dueDate),
            ruleId: this.id,
            participantId: p.id,
            dueDate,
            severity,
            title: dueTitle(`${months}-month plan review`, severity, dueDate),
            detail: review
              ? `Last review ${displayDate(from)} (version ${review.versionNo}) · review every ${months} months`
              : `Plan made ${displayDate(from)} (version ${base.versionNo}), never reviewed · review every ${months} months`,
            policy: `Review and update the plan with the participant every ${months} months; only a review clears it (seed 004).`,
            clearingAction: 'open_card',
            compliance: true,
          });
        }
      }
      if (p.rules.planReviewAfterEachService) {
        const unreviewed = (loaded.completed.get(p.id) ?? [])
          .filter((s) => reviewedOn === null || s.actualEndDate > reviewedOn)
          .sort((a, b) => a.actualEndDate.localeCompare(b.actualEndDate) || a.id - b.id);
        const [earliest] = unreviewed;
        if (earliest) {
          const dueDate = addCalendarDays(earliest.actualEndDate, REVIEW_AFTER_SERVICE_DAYS);
          const severity = severityOf(dueDate, ctx);
          if (severity) {
            const more = unreviewed.length - 1;
            items.push({
              key: itemKey(this.id, p.id, subject.service(earliest.id), dueDate),
              ruleId: this.id,
              participantId: p.id,
              dueDate,
              severity,
              title: dueTitle('Plan review after a completed service', severity, dueDate),
              detail: [
                `${short(earliest.serviceName)} completed ${displayDate(earliest.actualEndDate)}${more > 0 ? ` (and ${more} more service${more === 1 ? '' : 's'} since)` : ''}`,
                reviewedOn ? `last review ${displayDate(reviewedOn)}` : 'no review yet',
              ].join(' · '),
              policy: 'Review the plan with the participant after each service element is completed; only a review clears it (seed 002).',
              clearingAction: 'open_card',
              compliance: true,
            });
          }
        }
      }
    }
    return items;
  },
};
