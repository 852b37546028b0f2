import { describe, expect, it } from 'vitest';
import type { DueContext, DueItem, DueParticipant } from '../../src/domain/due';
import { createHolidayCalendar, NO_HOLIDAYS } from '../../src/domain/holidays';
import { DEFAULT_PROFILES, strictestProfile, type ProfileId, type ProgramProfile } from '../../src/domain/profiles';
import { dueContext } from '../../src/due/engine';
import { DUE_RULES } from '../../src/due/registry';
import { emergentNeedNotOnPlan, type EmergentNeed } from '../../src/due/rules/emergent-need-not-on-plan';
import { fspNotComplete, type PlanOpening } from '../../src/due/rules/fsp-not-complete';
import { goalPastTarget, type OpenGoal } from '../../src/due/rules/goal-past-target';
import { openNeedUncovered, type UncoveredNeed } from '../../src/due/rules/open-need-uncovered';
import { addCalendarMonths } from '../../src/due/rules/plan-common';
import { planNotAcknowledged, type LatestVersion } from '../../src/due/rules/plan-not-acknowledged';
import { planReviewDue, type CompletedService, type ReviewFacts, type VersionRef } from '../../src/due/rules/plan-review-due';
import { referralReview, type OpenReferral } from '../../src/due/rules/referral-review';
import { serviceEndingSoon } from '../../src/due/rules/service-ending-soon';
import { servicePastEnd, type ServiceDates } from '../../src/due/rules/service-past-end';
import { serviceWithoutNeed, type WithoutNeed } from '../../src/due/rules/service-without-need';

const CHICAGO = 'America/Chicago';
const NEW_YORK = 'America/New_York';
const HONOLULU = 'Pacific/Honolulu';

/** 10:00 in Chicago on a local date (16:00 UTC in winter, 15:00 in summer: both the same date). */
const at = (date: string, zone = CHICAGO, extra: Partial<DueContext> = {}): DueContext => ({ ...dueContext(new Date(`${date}T16:00:00Z`), zone), ...extra });

function participant(id: number, profileIds: ProfileId[] = ['wioa-adult'], enrolledOn = '2026-01-05', profiles: Record<ProfileId, ProgramProfile> = DEFAULT_PROFILES): DueParticipant {
  return { id, enrolledOn, rules: strictestProfile(profileIds.map((p) => profiles[p])) };
}

const WIOA = participant(1);
const keys = (items: DueItem[]) => items.map((i) => i.key);
const severities = (items: DueItem[]) => items.map((i) => [i.key, i.severity]);

describe('every plan rule is registered and cites its seed', () => {
  it('in the registry, once each, with a policy naming a seed', () => {
    const ids = DUE_RULES.map((r) => r.id);
    for (const id of ['service-past-end', 'service-ending-soon', 'service-without-need', 'open-need-uncovered', 'emergent-need-not-on-plan', 'goal-past-target', 'plan-not-acknowledged', 'plan-review-due', 'fsp-not-complete', 'referral-review']) {
      expect(ids.filter((x) => x === id)).toEqual([id]);
      expect(DUE_RULES.find((r) => r.id === id)!.policy).toMatch(/seeds? 00\d/);
    }
  });

  it('the profile decides which rules apply', () => {
    const rules = (profile: ProfileId) => DUE_RULES.filter((r) => r.appliesTo(strictestProfile([DEFAULT_PROFILES[profile]]))).map((r) => r.id);
    expect(rules('wioa-adult')).toContain('plan-review-due');
    expect(rules('wioa-adult')).not.toContain('fsp-not-complete');
    expect(rules('refugee-ss')).toEqual(expect.arrayContaining(['plan-review-due', 'fsp-not-complete']));
    expect(rules('wagner-peyser')).not.toContain('plan-review-due');
    expect(rules('wagner-peyser')).toEqual(expect.arrayContaining(['service-past-end', 'open-need-uncovered', 'referral-review']));
  });
});

describe('services past their planned end, and ending within 7 days', () => {
  const service = (plannedEndDate: string, overrides: Partial<ServiceDates> = {}): ServiceDates => ({
    id: 45,
    participantId: 1,
    serviceName: 'Individual Career Counseling',
    providerName: null,
    startDate: '2026-09-01',
    plannedEndDate,
    ...overrides,
  });
  const pastEnd = (loaded: ServiceDates[], ctx: DueContext, people = [WIOA]) => servicePastEnd.evaluate(loaded, people, ctx);
  const endingSoon = (loaded: ServiceDates[], ctx: DueContext, people = [WIOA]) => serviceEndingSoon.evaluate(loaded, people, ctx);

  it('planned end Nov 30: ends today on Nov 30, past its end (overdue) from Dec 1, exactly', () => {
    const s = [service('2026-11-30', { providerName: 'Goodwill of Greater Milwaukee' })];
    expect(endingSoon(s, at('2026-11-30'))).toEqual([
      {
        key: 'service-ending-soon:1:svc-45:2026-11-30',
        ruleId: 'service-ending-soon',
        participantId: 1,
        dueDate: '2026-11-30',
        severity: 'due_today',
        title: 'Individual Career Counseling ends today',
        detail: 'Planned end Nov 30, 2026 · started Sep 1, 2026 · provider Goodwill of Greater Milwaukee',
        policy: serviceEndingSoon.policy,
        clearingAction: 'log_note',
        compliance: false,
      },
    ]);
    expect(pastEnd(s, at('2026-11-30'))).toEqual([]);
    expect(pastEnd(s, at('2026-12-01'))).toEqual([
      {
        key: 'service-past-end:1:svc-45:2026-11-30',
        ruleId: 'service-past-end',
        participantId: 1,
        dueDate: '2026-11-30',
        severity: 'overdue',
        title: 'Individual Career Counseling past its planned end (Nov 30, 2026)',
        detail: 'Planned end Nov 30, 2026 · started Sep 1, 2026 · provider Goodwill of Greater Milwaukee · no completion note',
        policy: servicePastEnd.policy,
        clearingAction: 'log_note',
        compliance: true,
      },
    ]);
    expect(endingSoon(s, at('2026-12-01'))).toEqual([]);
  });

  it('"ending soon" from 7 days before, and nothing the day before that', () => {
    const s = [service('2026-11-30')];
    expect(endingSoon(s, at('2026-11-23'))).toMatchObject([{ severity: 'due_soon', title: 'Individual Career Counseling ends Nov 30, 2026' }]);
    expect(endingSoon(s, at('2026-11-22'))).toEqual([]);
    expect(pastEnd(s, at('2026-11-23'))).toEqual([]);
  });

  it('month ends and the leap day', () => {
    expect(pastEnd([service('2027-02-28')], at('2027-03-01'))).toMatchObject([{ dueDate: '2027-02-28', severity: 'overdue' }]);
    expect(endingSoon([service('2027-02-28')], at('2027-02-28'))).toMatchObject([{ severity: 'due_today' }]);
    expect(endingSoon([service('2028-02-29')], at('2028-02-29'))).toMatchObject([{ key: 'service-ending-soon:1:svc-45:2028-02-29', severity: 'due_today' }]);
    expect(pastEnd([service('2028-02-29')], at('2028-02-29'))).toEqual([]);
    expect(pastEnd([service('2028-02-29')], at('2028-03-01'))).toMatchObject([{ key: 'service-past-end:1:svc-45:2028-02-29', title: 'Individual Career Counseling past its planned end (Feb 29, 2028)' }]);
    // 90 days from Dec 2 crosses the year end: Mar 2; the week before spans Feb 28 → Mar 1.
    expect(endingSoon([service('2027-03-02')], at('2027-02-23'))).toMatchObject([{ severity: 'due_soon' }]);
    expect(endingSoon([service('2027-03-02')], at('2027-02-22'))).toEqual([]);
  });

  it('"today" is the viewer’s: 23:00 in Chicago is already tomorrow in New York', () => {
    const s = [service('2026-11-30')];
    const instant = new Date('2026-12-01T05:00:00Z');
    expect(endingSoon(s, dueContext(instant, CHICAGO))).toMatchObject([{ severity: 'due_today' }]);
    expect(pastEnd(s, dueContext(instant, CHICAGO))).toEqual([]);
    expect(pastEnd(s, dueContext(instant, NEW_YORK))).toMatchObject([{ severity: 'overdue' }]);
    expect(endingSoon(s, dueContext(new Date('2026-12-01T09:59:59Z'), HONOLULU))).toMatchObject([{ severity: 'due_today' }]);
  });

  it('only the participants given', () => {
    expect(pastEnd([service('2026-11-01', { participantId: 2 })], at('2026-12-01'))).toEqual([]);
  });
});

describe('services and referrals without a documented need', () => {
  const row = (kind: WithoutNeed['kind'], date: string, id = 45, name = 'Job Search Workshop'): WithoutNeed => ({ kind, id, participantId: 1, name, date });

  it('an active service with no need is overdue from the day after it started; a compliance item', () => {
    expect(serviceWithoutNeed.evaluate([row('service', '2026-11-02')], [WIOA], at('2026-11-23'))).toEqual([
      {
        key: 'service-without-need:1:svc-45:2026-11-02',
        ruleId: 'service-without-need',
        participantId: 1,
        dueDate: '2026-11-02',
        severity: 'overdue',
        title: 'Job Search Workshop has no documented need',
        detail: 'Service started Nov 2, 2026; link it to the need it answers',
        policy: serviceWithoutNeed.policy,
        clearingAction: 'open_card',
        compliance: true,
      },
    ]);
  });

  it('an open referral with no need, sent today, is due today; a service starting in more than 7 days waits', () => {
    expect(serviceWithoutNeed.evaluate([row('referral', '2026-11-23', 5, 'Hunger Task Force')], [WIOA], at('2026-11-23'))).toMatchObject([
      { key: 'service-without-need:1:referral-5:2026-11-23', severity: 'due_today', title: 'Referral to Hunger Task Force has no documented need', detail: 'Referral sent Nov 23, 2026; link it to the need it answers' },
    ]);
    expect(serviceWithoutNeed.evaluate([row('service', '2026-11-30')], [WIOA], at('2026-11-23'))).toMatchObject([{ severity: 'due_soon' }]);
    expect(serviceWithoutNeed.evaluate([row('service', '2026-12-01')], [WIOA], at('2026-11-23'))).toEqual([]);
  });
});

describe('open needs with no service or referral', () => {
  const need = (recordedAt: string, overrides: Partial<UncoveredNeed> = {}): UncoveredNeed => ({
    id: 9,
    participantId: 1,
    category: 'health_care_access',
    source: 'assessment',
    recordedAt,
    lastServiceEnd: null,
    lastDeclined: null,
    ...overrides,
  });
  const run = (loaded: UncoveredNeed[], ctx: DueContext) => openNeedUncovered.evaluate(loaded, [WIOA], ctx);

  it('due 7 days after it was recorded, in the viewer’s dates; shows the category, never the description', () => {
    // Recorded Nov 16 at 15:00 Chicago → due Nov 23.
    expect(run([need('2026-11-16T21:00:00.000Z')], at('2026-11-23'))).toEqual([
      {
        key: 'open-need-uncovered:1:need-9:2026-11-23',
        ruleId: 'open-need-uncovered',
        participantId: 1,
        dueDate: '2026-11-23',
        severity: 'due_today',
        title: 'Service or referral for the health care access need due today',
        detail: 'Recorded Nov 16, 2026 (assessment) · no active service or referral',
        policy: openNeedUncovered.policy,
        clearingAction: 'open_card',
        compliance: true,
      },
    ]);
    expect(run([need('2026-11-16T21:00:00.000Z')], at('2026-11-24'))).toMatchObject([{ severity: 'overdue', title: 'Service or referral for the health care access need overdue since Nov 23, 2026' }]);
    expect(run([need('2026-11-16T21:00:00.000Z')], at('2026-11-16'))).toMatchObject([{ severity: 'due_soon' }]);
    // 23:30 on Nov 16 in Chicago is Nov 17 in New York: recorded on the 17th there, due the 24th.
    const late = need('2026-11-17T05:30:00.000Z');
    expect(run([late], at('2026-11-23'))[0]).toMatchObject({ dueDate: '2026-11-23' });
    expect(run([late], at('2026-11-23', NEW_YORK))[0]).toMatchObject({ dueDate: '2026-11-24', severity: 'due_soon' });
  });

  it('counts from the end of its last service or a declined referral when later', () => {
    expect(run([need('2026-09-01T15:00:00.000Z', { lastServiceEnd: '2026-11-20' })], at('2026-11-23'))).toMatchObject([
      { key: 'open-need-uncovered:1:need-9:2026-11-27', severity: 'due_soon', detail: 'Recorded Sep 1, 2026; its last service ended Nov 20, 2026 · no active service or referral' },
    ]);
    expect(run([need('2026-09-01T15:00:00.000Z', { lastServiceEnd: '2026-10-01', lastDeclined: '2026-11-10' })], at('2026-11-23'))).toMatchObject([
      { dueDate: '2026-11-17', severity: 'overdue', detail: 'Recorded Sep 1, 2026; its referral was declined Nov 10, 2026 · no active service or referral' },
    ]);
  });

  it('month end and leap day: Feb 22 + 7 is Mar 1 in 2027 and Feb 29 in 2028', () => {
    expect(run([need('2027-02-22T18:00:00.000Z')], at('2027-03-01'))).toMatchObject([{ dueDate: '2027-03-01', severity: 'due_today' }]);
    expect(run([need('2028-02-22T18:00:00.000Z')], at('2028-02-29'))).toMatchObject([{ dueDate: '2028-02-29', severity: 'due_today' }]);
  });
});

describe('emergent needs not on a plan version made since', () => {
  const need = (recordedAt: string): EmergentNeed => ({ id: 12, participantId: 1, category: 'child_care', recordedAt });
  const run = (loaded: EmergentNeed[], ctx: DueContext) => emergentNeedNotOnPlan.evaluate(loaded, [WIOA], ctx);

  it('due 7 calendar days after it was recorded; overdue the day after', () => {
    expect(run([need('2026-11-16T16:00:00.000Z')], at('2026-11-23'))).toEqual([
      {
        key: 'emergent-need-not-on-plan:1:need-12:2026-11-23',
        ruleId: 'emergent-need-not-on-plan',
        participantId: 1,
        dueDate: '2026-11-23',
        severity: 'due_today',
        title: 'Plan update for the emergent child care need due today',
        detail: 'Recorded from a note on Nov 16, 2026 · not on any plan version since',
        policy: emergentNeedNotOnPlan.policy,
        clearingAction: 'open_card',
        compliance: true,
      },
    ]);
    expect(run([need('2026-11-16T16:00:00.000Z')], at('2026-11-24'))).toMatchObject([{ severity: 'overdue', title: 'Plan update for the emergent child care need overdue since Nov 23, 2026' }]);
  });

  it('across the year end, and onto the leap day', () => {
    expect(run([need('2026-12-25T16:00:00.000Z')], at('2027-01-01'))).toMatchObject([{ dueDate: '2027-01-01', severity: 'due_today' }]);
    expect(run([need('2028-02-22T16:00:00.000Z')], at('2028-03-01'))).toMatchObject([{ dueDate: '2028-02-29', severity: 'overdue' }]);
  });
});

describe('goals past their target date', () => {
  const goal = (targetDate: string): OpenGoal => ({ id: 3, participantId: 1, term: 'short', specific: 'Complete the CASAS reading assessment at the Northside job center and share the scores', targetDate });
  const run = (loaded: OpenGoal[], ctx: DueContext) => goalPastTarget.evaluate(loaded, [WIOA], ctx);

  it('target on the leap day: due soon a week before, today on Feb 29, overdue on Mar 1', () => {
    const g = [goal('2028-02-29')];
    expect(run(g, at('2028-02-21'))).toEqual([]);
    expect(run(g, at('2028-02-22'))).toMatchObject([{ severity: 'due_soon', title: 'Short-term goal target date Feb 29, 2028' }]);
    expect(run(g, at('2028-02-29'))).toMatchObject([{ severity: 'due_today', title: 'Short-term goal target date is today' }]);
    expect(run(g, at('2028-03-01'))).toEqual([
      {
        key: 'goal-past-target:1:goal-3:2028-02-29',
        ruleId: 'goal-past-target',
        participantId: 1,
        dueDate: '2028-02-29',
        severity: 'overdue',
        title: 'Short-term goal past its target date (Feb 29, 2028)',
        detail: '“Complete the CASAS reading assessment at the Northside job…” · still open',
        policy: goalPastTarget.policy,
        clearingAction: 'open_card',
        compliance: true,
      },
    ]);
  });

  it('a target on Dec 31 is overdue on Jan 1', () => {
    expect(run([{ ...goal('2026-12-31'), term: 'long' }], at('2027-01-01'))).toMatchObject([{ severity: 'overdue', title: 'Long-term goal past its target date (Dec 31, 2026)' }]);
  });
});

describe('latest plan version not acknowledged within 14 days', () => {
  const version = (createdAt: string, overrides: Partial<LatestVersion> = {}): LatestVersion => ({ id: 7, participantId: 1, versionNo: 3, reason: 'update', createdAt, ...overrides });
  const run = (loaded: LatestVersion[], ctx: DueContext) => planNotAcknowledged.evaluate(loaded, [WIOA], ctx);

  it('made Nov 9 → due Nov 23, overdue Nov 24', () => {
    expect(run([version('2026-11-09T20:00:00.000Z')], at('2026-11-23'))).toEqual([
      {
        key: 'plan-not-acknowledged:1:version-7:2026-11-23',
        ruleId: 'plan-not-acknowledged',
        participantId: 1,
        dueDate: '2026-11-23',
        severity: 'due_today',
        title: 'Participant’s initials on plan version 3 due today',
        detail: 'Version 3 (update) made Nov 9, 2026 · not yet initialed and dated, no copy recorded as given',
        policy: planNotAcknowledged.policy,
        clearingAction: 'open_card',
        compliance: true,
      },
    ]);
    expect(run([version('2026-11-09T20:00:00.000Z')], at('2026-11-24'))).toMatchObject([{ severity: 'overdue' }]);
    expect(run([version('2026-11-09T20:00:00.000Z')], at('2026-11-16'))).toMatchObject([{ severity: 'due_soon' }]);
    expect(run([version('2026-11-09T20:00:00.000Z')], at('2026-11-15'))).toEqual([]);
  });

  it('month ends: Jan 31 + 14 = Feb 14; Feb 15, 2028 + 14 = Feb 29; the viewer’s date of the instant', () => {
    expect(run([version('2027-01-31T18:00:00.000Z')], at('2027-02-14'))).toMatchObject([{ dueDate: '2027-02-14', severity: 'due_today' }]);
    expect(run([version('2028-02-15T18:00:00.000Z')], at('2028-02-29'))).toMatchObject([{ dueDate: '2028-02-29', severity: 'due_today' }]);
    // 05:30 UTC on Feb 1 is still Jan 31 (23:30) in Chicago, but Feb 1 in New York.
    expect(run([version('2027-02-01T05:30:00.000Z')], at('2027-02-14'))).toMatchObject([{ dueDate: '2027-02-14' }]);
    expect(run([version('2027-02-01T05:30:00.000Z')], at('2027-02-14', NEW_YORK))).toMatchObject([{ dueDate: '2027-02-15', severity: 'due_soon' }]);
  });
});

describe('plan review due', () => {
  const REFUGEE = participant(1, ['refugee-ss']);
  const v = (id: number, versionNo: number, createdAt: string): VersionRef => ({ id, versionNo, createdAt });
  const facts = (f: { review?: VersionRef; first?: VersionRef; completed?: CompletedService[] }): ReviewFacts => ({
    lastReview: new Map(f.review ? [[1, f.review]] : []),
    first: new Map(f.first ? [[1, f.first]] : []),
    completed: new Map(f.completed ? [[1, f.completed]] : []),
  });
  const done = (id: number, actualEndDate: string, serviceName = 'Job Search Workshop'): CompletedService => ({ id, serviceName, actualEndDate });

  it('addCalendarMonths clamps to the month’s last day, leap years included', () => {
    expect(addCalendarMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addCalendarMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-03-31', 6)).toBe('2026-09-30');
    expect(addCalendarMonths('2026-10-31', 6)).toBe('2027-04-30');
    expect(addCalendarMonths('2028-02-29', 6)).toBe('2028-08-29');
    expect(addCalendarMonths('2026-07-15', 6)).toBe('2027-01-15');
    expect(addCalendarMonths('2026-12-31', 2)).toBe('2027-02-28');
  });

  it('every 6 months (refugee) from the last review: Aug 31 → Feb 28; only a review version counts', () => {
    const loaded = facts({ review: v(21, 4, '2026-08-31T17:00:00.000Z'), first: v(18, 1, '2026-03-02T17:00:00.000Z') });
    expect(planReviewDue.evaluate(loaded, [REFUGEE], at('2027-02-28'))).toEqual([
      {
        key: 'plan-review-due:1:version-21:2027-02-28',
        ruleId: 'plan-review-due',
        participantId: 1,
        dueDate: '2027-02-28',
        severity: 'due_today',
        title: '6-month plan review due today',
        detail: 'Last review Aug 31, 2026 (version 4) · review every 6 months',
        policy: 'Review and update the plan with the participant every 6 months; only a review clears it (seed 004).',
        clearingAction: 'open_card',
        compliance: true,
      },
    ]);
    expect(planReviewDue.evaluate(loaded, [REFUGEE], at('2027-03-01'))).toMatchObject([{ severity: 'overdue', title: '6-month plan review overdue since Feb 28, 2027' }]);
    expect(planReviewDue.evaluate(loaded, [REFUGEE], at('2027-02-21'))).toMatchObject([{ severity: 'due_soon' }]);
    expect(planReviewDue.evaluate(loaded, [REFUGEE], at('2027-02-20'))).toEqual([]);
    // In a leap year the same review falls due on Feb 29.
    const leap = facts({ review: v(22, 9, '2027-08-31T17:00:00.000Z') });
    expect(planReviewDue.evaluate(leap, [REFUGEE], at('2028-02-29'))).toMatchObject([{ dueDate: '2028-02-29', severity: 'due_today' }]);
  });

  it('never reviewed: 6 months from the first version (Mar 31 → Sep 30)', () => {
    const loaded = facts({ first: v(18, 1, '2026-03-31T17:00:00.000Z') });
    expect(planReviewDue.evaluate(loaded, [REFUGEE], at('2026-10-01'))).toMatchObject([
      { key: 'plan-review-due:1:version-18:2026-09-30', severity: 'overdue', detail: 'Plan made Mar 31, 2026 (version 1), never reviewed · review every 6 months' },
    ]);
    // No plan at all: nothing to review (the refugee plan rule covers that).
    expect(planReviewDue.evaluate(facts({}), [REFUGEE], at('2026-10-01'))).toEqual([]);
  });

  it('after each completed service (WIOA): due 7 days after the completion, dated from the earliest not reviewed', () => {
    const loaded = facts({ first: v(18, 1, '2026-09-01T17:00:00.000Z'), completed: [done(46, '2026-11-12', 'Occupational Skills Training'), done(45, '2026-11-10')] });
    expect(planReviewDue.evaluate(loaded, [WIOA], at('2026-11-17'))).toEqual([
      {
        key: 'plan-review-due:1:svc-45:2026-11-17',
        ruleId: 'plan-review-due',
        participantId: 1,
        dueDate: '2026-11-17',
        severity: 'due_today',
        title: 'Plan review after a completed service due today',
        detail: 'Job Search Workshop completed Nov 10, 2026 (and 1 more service since) · no review yet',
        policy: 'Review the plan with the participant after each service element is completed; only a review clears it (seed 002).',
        clearingAction: 'open_card',
        compliance: true,
      },
    ]);
    expect(planReviewDue.evaluate(loaded, [WIOA], at('2026-11-23'))).toMatchObject([{ severity: 'overdue' }]);
  });

  it('a review on or after the completion date clears it; one the day before does not', () => {
    const completed = [done(45, '2026-11-10')];
    expect(planReviewDue.evaluate(facts({ review: v(30, 5, '2026-11-10T22:00:00.000Z'), completed }), [WIOA], at('2026-11-17'))).toEqual([]);
    expect(planReviewDue.evaluate(facts({ review: v(30, 5, '2026-11-09T22:00:00.000Z'), completed }), [WIOA], at('2026-11-17'))).toMatchObject([
      { key: 'plan-review-due:1:svc-45:2026-11-17', detail: 'Job Search Workshop completed Nov 10, 2026 · last review Nov 9, 2026' },
    ]);
    // 05:00 UTC on Nov 11 is the evening of Nov 10 in Chicago but Nov 11 in New York: reviewed
    // on the completion day for the one, and after it for the other — cleared for both.
    expect(planReviewDue.evaluate(facts({ review: v(30, 5, '2026-11-11T05:00:00.000Z'), completed }), [WIOA], at('2026-11-17', NEW_YORK))).toEqual([]);
  });

  it('a WIOA + refugee participant owes both reviews; Wagner-Peyser alone owes neither', () => {
    const both = participant(1, ['wioa-adult', 'refugee-ss']);
    const loaded = facts({ review: v(21, 4, '2026-05-20T17:00:00.000Z'), completed: [done(45, '2026-11-10')] });
    expect(severities(planReviewDue.evaluate(loaded, [both], at('2026-11-23')))).toEqual([
      ['plan-review-due:1:version-21:2026-11-20', 'overdue'],
      ['plan-review-due:1:svc-45:2026-11-17', 'overdue'],
    ]);
    expect(planReviewDue.appliesTo(participant(2, ['wagner-peyser']).rules)).toBe(false);
  });
});

describe('refugee plan within 30 working days of case opening', () => {
  const opening = (entries: Array<[ProfileId, string]>, latestVersionAt?: string): PlanOpening => ({
    enrollments: new Map([[1, entries.map(([profileId, enrollmentDate]) => ({ profileId, enrollmentDate }))]]),
    latestVersionAt: new Map(latestVersionAt ? [[1, latestVersionAt]] : []),
  });
  const refugee = (enrolledOn: string) => participant(1, ['refugee-ss'], enrolledOn);
  const run = (loaded: PlanOpening, people: DueParticipant[], ctx: DueContext) => fspNotComplete.evaluate(loaded, people, ctx);

  it('opened Mon Nov 2, 2026: Veterans Day and Thanksgiving skipped → due Wed Dec 16 (Dec 14 with no holidays)', () => {
    const loaded = opening([['refugee-ss', '2026-11-02']]);
    expect(run(loaded, [refugee('2026-11-02')], at('2026-12-16'))).toEqual([
      {
        key: 'fsp-not-complete:1:-:2026-12-16',
        ruleId: 'fsp-not-complete',
        participantId: 1,
        dueDate: '2026-12-16',
        severity: 'due_today',
        title: 'FSP+EDP plan due today',
        detail: 'Case opened Nov 2, 2026 (Refugee SS) · no plan version yet · 30 working days, skipping weekends and holidays',
        policy: 'Complete the plan within 30 working days of case opening (seed 004).',
        clearingAction: 'open_card',
        compliance: true,
      },
    ]);
    expect(run(loaded, [refugee('2026-11-02')], at('2026-12-17'))).toMatchObject([{ severity: 'overdue', title: 'FSP+EDP plan overdue since Dec 16, 2026' }]);
    expect(run(loaded, [refugee('2026-11-02')], at('2026-12-09'))).toMatchObject([{ severity: 'due_soon' }]);
    expect(run(loaded, [refugee('2026-11-02')], at('2026-12-08'))).toEqual([]);
    expect(run(loaded, [refugee('2026-11-02')], at('2026-12-14', CHICAGO, { holidays: NO_HOLIDAYS }))).toMatchObject([{ dueDate: '2026-12-14', severity: 'due_today' }]);
  });

  it('the agency’s own calendar: closed the day after Thanksgiving → Dec 17; working Columbus Day moves an October opening back a day', () => {
    const closedFriday = createHolidayCalendar({ country: 'US', extraDates: ['2026-11-27'] });
    expect(run(opening([['refugee-ss', '2026-11-02']]), [refugee('2026-11-02')], at('2026-12-10', CHICAGO, { holidays: closedFriday }))).toMatchObject([{ dueDate: '2026-12-17' }]);
    const worksColumbusDay = createHolidayCalendar({ country: 'US', ignoreDates: ['2026-10-12'] });
    expect(run(opening([['refugee-tap', '2026-10-05']]), [participant(1, ['refugee-tap'], '2026-10-05')], at('2026-11-23'))).toMatchObject([{ dueDate: '2026-11-18', severity: 'overdue' }]);
    expect(run(opening([['refugee-tap', '2026-10-05']]), [participant(1, ['refugee-tap'], '2026-10-05')], at('2026-11-23', CHICAGO, { holidays: worksColumbusDay }))).toMatchObject([{ dueDate: '2026-11-17', severity: 'overdue' }]);
  });

  it('Christmas and New Year’s Day: opened Mon Nov 30, 2026 → due Wed Jan 13, 2027', () => {
    expect(run(opening([['refugee-ss', '2026-11-30']]), [refugee('2026-11-30')], at('2027-01-13'))).toMatchObject([{ key: 'fsp-not-complete:1:-:2027-01-13', severity: 'due_today' }]);
  });

  it('a leap February: opened Feb 1, 2028 (Washington’s Birthday Feb 21, the leap day counts) → Mar 15', () => {
    expect(run(opening([['refugee-ss', '2028-02-01']]), [refugee('2028-02-01')], at('2028-03-15'))).toMatchObject([{ dueDate: '2028-03-15', severity: 'due_today' }]);
  });

  it('a plan version made on or after opening clears it, even late; one made before opening does not', () => {
    const people = [refugee('2026-11-02')];
    expect(run(opening([['refugee-ss', '2026-11-02']], '2026-12-18T16:00:00.000Z'), people, at('2026-12-21'))).toEqual([]);
    expect(run(opening([['refugee-ss', '2026-11-02']], '2026-11-02T16:00:00.000Z'), people, at('2026-12-21'))).toEqual([]);
    expect(run(opening([['refugee-ss', '2026-11-02']], '2026-10-30T16:00:00.000Z'), people, at('2026-12-21'))).toMatchObject([
      { severity: 'overdue', detail: 'Case opened Nov 2, 2026 (Refugee SS) · no plan version since · 30 working days, skipping weekends and holidays' },
    ]);
  });

  it('co-enrolled: the refugee enrollment opens the case, not an earlier WIOA one; config decides which profiles carry the rule', () => {
    const both = participant(1, ['wioa-adult', 'refugee-ss'], '2026-06-01');
    const loaded = opening([['wioa-adult', '2026-06-01'], ['refugee-ss', '2026-11-02']], '2026-06-03T16:00:00.000Z');
    expect(run(loaded, [both], at('2026-11-23'))).toEqual([]);
    expect(run(loaded, [both], at('2026-12-16'))).toMatchObject([{ dueDate: '2026-12-16', detail: 'Case opened Nov 2, 2026 (Refugee SS) · no plan version since · 30 working days, skipping weekends and holidays' }]);
    // An agency that gives WIOA Adult a 20-working-day plan rule: WIOA's June enrollment opens it.
    const profiles = { ...DEFAULT_PROFILES, 'wioa-adult': { ...DEFAULT_PROFILES['wioa-adult'], planDueWorkingDaysFromOpening: 20 } };
    const strict = participant(1, ['wioa-adult', 'refugee-ss'], '2026-06-01', profiles);
    expect(run(opening([['wioa-adult', '2026-06-01'], ['refugee-ss', '2026-11-02']]), [strict], at('2026-11-23', CHICAGO, { profiles }))).toMatchObject([
      { dueDate: '2026-06-30', severity: 'overdue', title: 'IEP plan overdue since Jun 30, 2026', detail: 'Case opened Jun 1, 2026 (WIOA Adult) · no plan version yet · 20 working days, skipping weekends and holidays' },
    ]);
  });
});

describe('referral review dates', () => {
  const referral = (reviewDate: string, status: OpenReferral['status'] = 'sent'): OpenReferral => ({ id: 5, participantId: 1, partnerName: 'Hunger Task Force', status, sentDate: '2026-11-02', reviewDate });
  const run = (loaded: OpenReferral[], ctx: DueContext) => referralReview.evaluate(loaded, [WIOA], ctx);

  it('due today on the review date, overdue after, due soon within 7 days', () => {
    expect(run([referral('2026-11-23')], at('2026-11-23'))).toEqual([
      {
        key: 'referral-review:1:referral-5:2026-11-23',
        ruleId: 'referral-review',
        participantId: 1,
        dueDate: '2026-11-23',
        severity: 'due_today',
        title: 'Review of the referral to Hunger Task Force due today',
        detail: 'Sent Nov 2, 2026 · sent',
        policy: referralReview.policy,
        clearingAction: 'open_card',
        compliance: false,
      },
    ]);
    expect(severities(run([referral('2026-11-20', 'accepted')], at('2026-11-23')))).toEqual([['referral-review:1:referral-5:2026-11-20', 'overdue']]);
    expect(severities(run([referral('2026-11-30')], at('2026-11-23')))).toEqual([['referral-review:1:referral-5:2026-11-30', 'due_soon']]);
    expect(run([referral('2026-12-01')], at('2026-11-23'))).toEqual([]);
  });

  it('a completed or declined referral has nothing left to review', () => {
    expect(keys(run([referral('2026-11-20', 'completed'), referral('2026-11-20', 'declined')], at('2026-11-23')))).toEqual([]);
  });
});
