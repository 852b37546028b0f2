import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/connection';
import { enrollParticipant, type NewParticipant } from '../../src/db/participants';
import {
  enrollments,
  goals,
  needs,
  planAcknowledgments,
  planVersionItems,
  planVersions,
  referralNeeds,
  referrals,
  serviceNeeds,
  services,
} from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import type { Actor } from '../../src/domain/access';
import type { DueContext, DueItem } from '../../src/domain/due';
import { createHolidayCalendar } from '../../src/domain/holidays';
import { DEFAULT_PROFILES, type ProfileId } from '../../src/domain/profiles';
import { dueContext, dueItemsFor } from '../../src/due/engine';
import { DUE_RULES } from '../../src/due/registry';
import type { DueRule } from '../../src/due/rule';
import { addStaff, tempDatabase } from '../harness/db';

const NOW = new Date('2026-11-23T16:00:00Z'); // Monday Nov 23, 10:00 in Chicago
const CHICAGO = 'America/Chicago';
const ctxAt = (iso: string, extra: Partial<DueContext> = {}): DueContext => ({ ...dueContext(new Date(iso), CHICAGO), ...extra });
const STAMP = '2026-09-01T15:00:00.000Z';
const BY = 'W1';

/** The rules issue #5 owns (other issues register theirs in the same registry). */
const PLAN_RULE_IDS = new Set([
  'open-need-uncovered',
  'service-without-need',
  'goal-past-target',
  'emergent-need-not-on-plan',
  'plan-not-acknowledged',
  'plan-review-due',
  'fsp-not-complete',
  'referral-review',
  'service-ending-soon',
  'service-past-end',
]);
const PLAN_RULES = DUE_RULES.filter((r) => PLAN_RULE_IDS.has(r.id));

describe('the plan rules on a real SQLite file', () => {
  let t: ReturnType<typeof tempDatabase>;
  let worker: Actor;

  function person(fullName: string, programs: Array<[ProfileId, string]>): number {
    const input: NewParticipant = {
      fullName,
      preferredName: null,
      preferredLanguage: 'English',
      interpreterNeeded: false,
      programs: programs.map(([profileId, enrollmentDate]) => ({ profileId, enrollmentDate })),
      misId: null,
      phone: null,
      email: null,
      preferredContactMethod: 'phone',
      primaryCaseManagerId: 'W1',
      otherStaffIds: [],
    };
    return enrollParticipant(t.db, worker, input, NOW);
  }

  const enrollmentOf = (participantId: number) => t.db.select({ id: enrollments.id }).from(enrollments).where(eq(enrollments.participantId, participantId)).get()!.id;

  function need(participantId: number, category: string, recordedAt: string, opts: { source?: 'assessment' | 'emergent' | 'irt'; status?: 'open' | 'being_addressed' | 'met' } = {}): number {
    const status = opts.status ?? 'open';
    return t.db
      .insert(needs)
      .values({
        participantId,
        category,
        description: `Needs help with ${category.replace(/_/g, ' ')}`,
        impact: opts.source === 'emergent' ? 'Cannot attend the workshop' : null,
        source: opts.source ?? 'assessment',
        status,
        metDate: status === 'met' ? '2026-11-20' : null,
        recordedAt,
        recordedBy: BY,
        updatedAt: recordedAt,
        updatedBy: BY,
      })
      .returning({ id: needs.id })
      .get().id;
  }

  function service(participantId: number, name: string, dates: { start: string; plannedEnd: string; actualEnd?: string }, needIds: number[]): number {
    const id = t.db
      .insert(services)
      .values({
        participantId,
        enrollmentId: enrollmentOf(participantId),
        serviceCode: name.toLowerCase().replace(/\W+/g, '-'),
        serviceName: name,
        providerKind: 'in_house',
        startDate: dates.start,
        plannedEndDate: dates.plannedEnd,
        actualEndDate: dates.actualEnd ?? null,
        status: dates.actualEnd ? 'completed' : 'active',
        needMet: dates.actualEnd ? true : null,
        outcome: dates.actualEnd ? 'Completed; résumé finished' : null,
        createdAt: STAMP,
        createdBy: BY,
        updatedAt: STAMP,
        updatedBy: BY,
      })
      .returning({ id: services.id })
      .get().id;
    if (needIds.length) t.db.insert(serviceNeeds).values(needIds.map((needId) => ({ serviceId: id, needId }))).run();
    return id;
  }

  function referral(participantId: number, partnerName: string, status: 'sent' | 'accepted' | 'completed' | 'declined', dates: { sent: string; status?: string; review: string }, needIds: number[]): number {
    const id = t.db
      .insert(referrals)
      .values({ participantId, partnerName, status, sentDate: dates.sent, statusDate: dates.status ?? dates.sent, reviewDate: dates.review, createdAt: STAMP, createdBy: BY, updatedAt: STAMP, updatedBy: BY })
      .returning({ id: referrals.id })
      .get().id;
    if (needIds.length) t.db.insert(referralNeeds).values(needIds.map((needId) => ({ referralId: id, needId }))).run();
    return id;
  }

  function goal(participantId: number, targetDate: string, status: 'open' | 'achieved' | 'discontinued' = 'open'): number {
    return t.db
      .insert(goals)
      .values({
        participantId,
        term: 'short',
        specific: 'Finish the forklift certification course',
        measure: 'Certificate issued',
        attainableRelevant: 'Has the prerequisites; warehouse jobs nearby require it',
        targetDate,
        status,
        achievedDate: status === 'achieved' ? targetDate : null,
        createdAt: STAMP,
        createdBy: BY,
        updatedAt: STAMP,
        updatedBy: BY,
      })
      .returning({ id: goals.id })
      .get().id;
  }

  function version(participantId: number, versionNo: number, reason: 'initial' | 'update' | 'review', createdAt: string, opts: { needs?: number[]; acknowledged?: string } = {}): number {
    const id = t.db
      .insert(planVersions)
      .values({ participantId, versionNo, reason, changeSummary: `${reason} ${versionNo}`, planKinds: 'IEP', snapshotJson: '{}', createdAt, createdBy: BY })
      .returning({ id: planVersions.id })
      .get().id;
    if (opts.needs?.length) t.db.insert(planVersionItems).values(opts.needs.map((itemId) => ({ planVersionId: id, itemKind: 'need' as const, itemId }))).run();
    if (opts.acknowledged) acknowledge(participantId, id, opts.acknowledged);
    return id;
  }

  function acknowledge(participantId: number, planVersionId: number, date: string) {
    t.db.insert(planAcknowledgments).values({ planVersionId, participantId, initials: 'AM', acknowledgedDate: date, copyGiven: true, recordedBy: BY, recordedAt: `${date}T16:00:00.000Z` }).run();
  }

  /** participant → [key, severity] of their plan items, most urgent first. */
  function planItems(ids: number[], ctx = ctxAt(NOW.toISOString()), profiles = DEFAULT_PROFILES): Map<number, Array<[string, string]>> {
    const due = dueItemsFor(t.db, ids, profiles, ctx);
    return new Map(ids.map((id) => [id, (due.get(id) ?? []).filter((i) => PLAN_RULE_IDS.has(i.ruleId)).map((i): [string, string] => [i.key, i.severity])]));
  }

  beforeEach(() => {
    t = tempDatabase();
    addStaff(t.db, 'W1', { name: 'Dana' });
    worker = actorFor(getStaff(t.db, 'W1')!, new Set());
  });
  afterEach(() => t.cleanup());

  it('services past their planned end and ending within 7 days; completed ones are done', () => {
    const ana = person('Ana Services', [['wioa-adult', '2026-09-01']]);
    const housing = need(ana, 'housing', '2026-09-02T15:00:00.000Z');
    const past = service(ana, 'Individual Career Counseling', { start: '2026-08-22', plannedEnd: '2026-11-20' }, [housing]);
    const soon = service(ana, 'Job Search Workshop', { start: '2026-08-29', plannedEnd: '2026-11-27' }, [housing]);
    const today = service(ana, 'Supportive Services', { start: '2026-08-25', plannedEnd: '2026-11-23' }, [housing]);
    service(ana, 'Occupational Skills Training', { start: '2026-10-17', plannedEnd: '2027-01-15' }, [housing]);
    service(ana, 'Resume Workshop', { start: '2026-07-01', plannedEnd: '2026-10-01', actualEnd: '2026-10-01' }, [housing]);
    version(ana, 1, 'initial', '2026-09-02T16:00:00.000Z', { needs: [housing], acknowledged: '2026-09-02' });
    version(ana, 2, 'review', '2026-10-02T16:00:00.000Z', { needs: [housing], acknowledged: '2026-10-02' });
    expect(planItems([ana]).get(ana)).toEqual([
      [`service-past-end:${ana}:svc-${past}:2026-11-20`, 'overdue'],
      [`service-ending-soon:${ana}:svc-${today}:2026-11-23`, 'due_today'],
      [`service-ending-soon:${ana}:svc-${soon}:2026-11-27`, 'due_soon'],
    ]);
    const [item] = dueItemsFor(t.db, [ana], DEFAULT_PROFILES, ctxAt(NOW.toISOString())).get(ana)!.filter((i) => i.ruleId === 'service-past-end');
    expect(item).toMatchObject({ title: 'Individual Career Counseling past its planned end (Nov 20, 2026)', detail: 'Planned end Nov 20, 2026 · started Aug 22, 2026 · no completion note', clearingAction: 'log_note', compliance: true });
    // The day after Nov 23, "ends today" has become "past its planned end".
    expect(planItems([ana], ctxAt('2026-11-24T16:00:00Z')).get(ana)!.filter(([key]) => key.includes(`svc-${today}`))).toEqual([[`service-past-end:${ana}:svc-${today}:2026-11-23`, 'overdue']]);
  });

  it('needs with no service or referral, and services or referrals with no need', () => {
    const bea = person('Bea Integrity', [['wagner-peyser', '2026-09-01']]);
    const transport = need(bea, 'transportation', '2026-11-02T15:00:00.000Z');
    const childCare = need(bea, 'child_care', '2026-11-02T15:00:00.000Z');
    referral(bea, 'Next Door Child Care', 'sent', { sent: '2026-11-03', review: '2027-01-10' }, [childCare]);
    const food = need(bea, 'food', '2026-11-02T15:00:00.000Z');
    referral(bea, 'Hunger Task Force', 'declined', { sent: '2026-11-03', status: '2026-11-18', review: '2026-12-01' }, [food]);
    const esl = need(bea, 'language_esl', '2026-09-02T15:00:00.000Z', { status: 'being_addressed' });
    service(bea, 'ESL Referral Follow-up', { start: '2026-09-03', plannedEnd: '2026-12-01', actualEnd: '2026-11-20' }, [esl]);
    need(bea, 'housing', '2026-09-02T15:00:00.000Z', { status: 'met' });
    const health = need(bea, 'health_care_access', '2026-09-02T15:00:00.000Z');
    service(bea, 'Benefits Counseling', { start: '2026-09-03', plannedEnd: '2026-12-31' }, [health]);
    const orphan = service(bea, 'Job Search Assistance', { start: '2026-11-16', plannedEnd: '2027-02-14' }, []);
    const orphanReferral = referral(bea, 'Goodwill', 'sent', { sent: '2026-11-23', review: '2026-12-31' }, []);
    referral(bea, 'Literacy Services', 'completed', { sent: '2026-10-01', status: '2026-11-01', review: '2026-11-01' }, []);
    expect(planItems([bea]).get(bea)).toEqual([
      [`open-need-uncovered:${bea}:need-${transport}:2026-11-09`, 'overdue'],
      [`service-without-need:${bea}:svc-${orphan}:2026-11-16`, 'overdue'],
      [`service-without-need:${bea}:referral-${orphanReferral}:2026-11-23`, 'due_today'],
      [`open-need-uncovered:${bea}:need-${food}:2026-11-25`, 'due_soon'],
      [`open-need-uncovered:${bea}:need-${esl}:2026-11-27`, 'due_soon'],
    ]);
    // A service for the transportation need clears it.
    service(bea, 'Bus Pass Assistance', { start: '2026-11-23', plannedEnd: '2027-02-21' }, [transport]);
    expect(planItems([bea]).get(bea)!.map(([key]) => key)).not.toContain(`open-need-uncovered:${bea}:need-${transport}:2026-11-09`);
  });

  it('emergent and IRT needs count as on the plan only in a version made after they were recorded', () => {
    const cruz = person('Cruz Emergent', [['wagner-peyser', '2026-09-01']]);
    const childCare = need(cruz, 'child_care', '2026-11-10T15:00:00.000Z', { source: 'emergent' });
    const transport = need(cruz, 'transportation', '2026-11-12T15:00:00.000Z', { source: 'emergent' });
    const food = need(cruz, 'food', '2026-11-14T15:00:00.000Z', { source: 'emergent' });
    const met = need(cruz, 'housing', '2026-11-10T15:00:00.000Z', { source: 'emergent', status: 'met' });
    const fromIrt = need(cruz, 'legal_documents_id', '2026-11-10T15:00:00.000Z', { source: 'irt' });
    // Every need has a referral, so only the plan rule speaks.
    referral(cruz, 'Community Advocates', 'sent', { sent: '2026-11-15', review: '2027-02-01' }, [childCare, transport, food, fromIrt]);
    // Version 1 lists the food need although it was made before the need was recorded (an import).
    version(cruz, 1, 'initial', '2026-11-01T15:00:00.000Z', { needs: [food], acknowledged: '2026-11-01' });
    version(cruz, 2, 'update', '2026-11-13T15:00:00.000Z', { needs: [transport, food, met], acknowledged: '2026-11-13' });
    expect(planItems([cruz]).get(cruz)).toEqual([
      [`emergent-need-not-on-plan:${cruz}:need-${childCare}:2026-11-17`, 'overdue'],
      [`emergent-need-not-on-plan:${cruz}:need-${fromIrt}:2026-11-17`, 'overdue'],
      [`emergent-need-not-on-plan:${cruz}:need-${food}:2026-11-21`, 'overdue'],
    ]);
    // A version made the same instant the need was recorded is not "after" it; one a second later is.
    version(cruz, 3, 'update', '2026-11-14T15:00:00.000Z', { needs: [childCare, food, fromIrt], acknowledged: '2026-11-14' });
    expect(planItems([cruz]).get(cruz)!.map(([key]) => key)).toEqual([`emergent-need-not-on-plan:${cruz}:need-${food}:2026-11-21`]);
    version(cruz, 4, 'update', '2026-11-14T15:00:01.000Z', { needs: [food], acknowledged: '2026-11-14' });
    expect(planItems([cruz]).get(cruz)).toEqual([]);
  });

  it('goals past or near their target date, and referral review dates', () => {
    const dee = person('Dee Goals', [['wagner-peyser', '2026-09-01']]);
    const past = goal(dee, '2026-11-20');
    goal(dee, '2026-11-01', 'achieved');
    goal(dee, '2026-11-01', 'discontinued');
    const soon = goal(dee, '2026-11-30');
    goal(dee, '2026-12-01');
    const other = need(dee, 'other', '2026-10-01T15:00:00.000Z');
    const dueToday = referral(dee, 'Legal Aid Society', 'sent', { sent: '2026-11-02', review: '2026-11-23' }, [other]);
    const overdue = referral(dee, 'Job Corps', 'accepted', { sent: '2026-10-20', status: '2026-10-25', review: '2026-11-16' }, [other]);
    referral(dee, 'Dental Clinic', 'declined', { sent: '2026-10-20', status: '2026-10-25', review: '2026-11-01' }, [other]);
    referral(dee, 'Food Pantry', 'completed', { sent: '2026-10-20', status: '2026-10-25', review: '2026-11-01' }, [other]);
    referral(dee, 'Housing Authority', 'sent', { sent: '2026-11-20', review: '2026-12-01' }, [other]);
    expect(planItems([dee]).get(dee)).toEqual([
      [`referral-review:${dee}:referral-${overdue}:2026-11-16`, 'overdue'],
      [`goal-past-target:${dee}:goal-${past}:2026-11-20`, 'overdue'],
      [`referral-review:${dee}:referral-${dueToday}:2026-11-23`, 'due_today'],
      [`goal-past-target:${dee}:goal-${soon}:2026-11-30`, 'due_soon'],
    ]);
  });

  it('the latest version awaits the participant’s initials for 14 days; a review after a completed service', () => {
    const eli = person('Eli Versions', [['wioa-adult', '2026-09-01']]);
    const work = need(eli, 'employment', '2026-09-02T15:00:00.000Z');
    service(eli, 'Career Planning and Case Management', { start: '2026-11-02', plannedEnd: '2027-01-31' }, [work]);
    const done = service(eli, 'Resume Workshop', { start: '2026-10-01', plannedEnd: '2026-12-30', actualEnd: '2026-11-10' }, [work]);
    version(eli, 1, 'initial', '2026-09-02T16:00:00.000Z', { needs: [work] }); // never initialed, but superseded
    const v2 = version(eli, 2, 'update', '2026-11-09T20:00:00.000Z', { needs: [work] });
    expect(planItems([eli]).get(eli)).toEqual([
      [`plan-review-due:${eli}:svc-${done}:2026-11-17`, 'overdue'],
      [`plan-not-acknowledged:${eli}:version-${v2}:2026-11-23`, 'due_today'],
    ]);
    acknowledge(eli, v2, '2026-11-23');
    expect(planItems([eli]).get(eli)).toEqual([[`plan-review-due:${eli}:svc-${done}:2026-11-17`, 'overdue']]);
    // An update is not a review; a review is — and the new version awaits initials (due Dec 7, not yet shown).
    version(eli, 3, 'update', '2026-11-23T15:00:00.000Z', { needs: [work], acknowledged: '2026-11-23' });
    expect(planItems([eli]).get(eli)).toEqual([[`plan-review-due:${eli}:svc-${done}:2026-11-17`, 'overdue']]);
    const v4 = version(eli, 4, 'review', '2026-11-23T15:30:00.000Z', { needs: [work] });
    expect(planItems([eli]).get(eli)).toEqual([]);
    expect(planItems([eli], ctxAt('2026-11-30T16:00:00Z')).get(eli)).toEqual([[`plan-not-acknowledged:${eli}:version-${v4}:2026-12-07`, 'due_soon']]);
  });

  it('refugee: plan within 30 working days of opening, with the agency’s holidays; every 6 months after the last review', () => {
    const fay = person('Fay Refugee', [['refugee-ss', '2026-10-05']]);
    const gus = person('Gus Refugee', [['refugee-tap', '2026-03-02']]);
    const hana = person('Hana Co-enrolled', [
      ['wioa-adult', '2026-06-01'],
      ['refugee-ss', '2026-11-02'],
    ]);
    version(gus, 1, 'initial', '2026-03-02T16:00:00.000Z', { acknowledged: '2026-03-02' });
    const review = version(gus, 2, 'review', '2026-05-31T17:00:00.000Z', { acknowledged: '2026-05-31' });
    version(gus, 3, 'update', '2026-09-15T17:00:00.000Z', { acknowledged: '2026-09-15' });
    version(hana, 1, 'initial', '2026-06-03T16:00:00.000Z', { acknowledged: '2026-06-03' });
    // Fay: Oct 5 + 30 working days, skipping Columbus Day and Veterans Day → Nov 18.
    expect(planItems([fay, gus, hana])).toEqual(
      new Map([
        [fay, [[`fsp-not-complete:${fay}:-:2026-11-18`, 'overdue']]],
        [gus, [[`plan-review-due:${gus}:version-${review}:2026-11-30`, 'due_soon']]],
        [hana, []],
      ]),
    );
    // An agency that works Columbus Day: due a day earlier.
    const holidays = createHolidayCalendar({ country: 'US', ignoreDates: ['2026-10-12'] });
    expect(planItems([fay], ctxAt(NOW.toISOString(), { holidays })).get(fay)).toEqual([[`fsp-not-complete:${fay}:-:2026-11-17`, 'overdue']]);
    // Hana's refugee enrollment on Nov 2 opens the FSP clock (Dec 16), not WIOA's in June.
    expect(planItems([hana], ctxAt('2026-12-16T16:00:00Z')).get(hana)).toContainEqual([`fsp-not-complete:${hana}:-:2026-12-16`, 'due_today']);
    // A first plan version clears Fay's item.
    version(fay, 1, 'initial', '2026-11-23T15:00:00.000Z');
    expect(planItems([fay]).get(fay)).toEqual([]);
  });

  describe('one query per rule, answered from the indexes', () => {
    /** Counts (and keeps) the statements prepared while `work` runs. */
    function prepared(work: () => void): string[] {
      const client = t.db.$client;
      const prepare = client.prepare;
      const sources: string[] = [];
      client.prepare = ((source: string) => {
        sources.push(source);
        return prepare.call(client, source);
      }) as typeof client.prepare;
      try {
        work();
      } finally {
        client.prepare = prepare;
      }
      return sources;
    }

    let ids: number[];
    beforeEach(() => {
      ids = inTransaction(t.db, () =>
        Array.from({ length: 1000 }, (_, i) => {
          const id = person(`Participant ${i}`, i % 2 === 0 ? [['wioa-adult', '2026-09-01']] : [['refugee-ss', '2026-09-01']]);
          need(id, 'transportation', '2026-11-02T15:00:00.000Z');
          return id;
        }),
      );
    });

    it('each plan rule loads 10 or 1,000 participants (more than one 900-id chunk) with exactly one query', () => {
      const ctx = ctxAt(NOW.toISOString());
      for (const rule of PLAN_RULES as ReadonlyArray<DueRule<unknown>>) {
        expect([rule.id, prepared(() => rule.load(t.db, ids.slice(0, 10), ctx)).length]).toEqual([rule.id, 1]);
        expect([rule.id, prepared(() => rule.load(t.db, ids, ctx)).length]).toEqual([rule.id, 1]);
      }
    });

    it('dueItemsFor adds one query per applicable plan rule, and finds every participant’s uncovered need', () => {
      const ctx = ctxAt(NOW.toISOString());
      let due = new Map<number, DueItem[]>();
      const all = prepared(() => {
        due = dueItemsFor(t.db, ids, DEFAULT_PROFILES, ctx);
      }).length;
      const withoutPlan = prepared(() => dueItemsFor(t.db, ids, DEFAULT_PROFILES, ctx, { rules: DUE_RULES.filter((r) => !PLAN_RULE_IDS.has(r.id)) })).length;
      expect(all - withoutPlan).toBe(PLAN_RULES.length);
      expect([...due.values()].filter((items) => items.some((i) => i.ruleId === 'open-need-uncovered' && i.severity === 'overdue' && i.dueDate === '2026-11-09'))).toHaveLength(1000);
      // Refugee participants enrolled Sep 1 without a plan: 30 working days (skipping Labor Day and Columbus Day) → Oct 15.
      expect([...due.entries()].filter(([, items]) => items.some((i) => i.key.startsWith('fsp-not-complete:') && i.dueDate === '2026-10-15'))).toHaveLength(500);
    });

    it('each plan query searches the participant indexes: no full table scans', () => {
      const ctx = ctxAt(NOW.toISOString());
      const client = t.db.$client;
      const expected: Record<string, RegExp[]> = {
        'service-past-end': [/services_participant_idx/],
        'service-ending-soon': [/services_participant_idx/],
        'service-without-need': [/services_participant_idx/, /referrals_participant_idx/],
        'open-need-uncovered': [/needs_participant_idx/, /service_needs_need_idx/, /referral_needs_need_idx/],
        'emergent-need-not-on-plan': [/needs_participant_idx/, /plan_items_item_idx/],
        'goal-past-target': [/goals_participant_idx/],
        'plan-not-acknowledged': [/plan_versions_unique/, /plan_acknowledgments_version_unique/],
        'plan-review-due': [/plan_versions_unique/, /services_participant_idx/],
        'fsp-not-complete': [/enrollments_participant_profile_unique/, /plan_versions_unique/],
        'referral-review': [/referrals_participant_idx/],
      };
      expect(Object.keys(expected).sort()).toEqual([...PLAN_RULE_IDS].sort());
      expect(PLAN_RULES.map((r) => r.id).sort()).toEqual([...PLAN_RULE_IDS].sort()); // every one is registered
      for (const rule of PLAN_RULES as ReadonlyArray<DueRule<unknown>>) {
        const [source] = prepared(() => rule.load(t.db, ids.slice(0, 10), ctx));
        const params = Array.from({ length: (source!.match(/\?/g) ?? []).length }, () => '[1]');
        const plan = (client.prepare(`explain query plan ${source}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);
        const scans = plan.filter((d) => /^SCAN /.test(d) && !/^SCAN json_each/.test(d));
        expect([rule.id, scans]).toEqual([rule.id, []]);
        for (const index of expected[rule.id]!) expect([rule.id, plan.join('\n')]).toEqual([rule.id, expect.stringMatching(index)]);
      }
    });
  });
});
