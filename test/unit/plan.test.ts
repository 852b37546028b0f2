import { describe, expect, it } from 'vitest';
import {
  NEED_CATEGORIES,
  canRecordCmOutcome,
  cmOutcomeProblem,
  employmentCountsAsCmOutcome,
  outcomeQuarter,
  planKindsLabel,
  planSnapshot,
  plannedEndDate,
  referralTransitionProblem,
  serviceDatesProblems,
  smartGoalProblems,
  snapshotItems,
  type GoalDraft,
} from '../../src/domain/plan';
import { DEFAULT_PROFILES, type ServiceDefinition } from '../../src/domain/profiles';
import { NEED_CATEGORY_OPTIONS as NOTE_MODAL_CATEGORIES } from '../../src/slack/casenote/views';

const TODAY = '2026-11-23';

function goal(overrides: Partial<GoalDraft> = {}): GoalDraft {
  return {
    term: 'long',
    specific: 'Obtain a commercial driver’s license (CDL class A)',
    measure: 'CDL issued by the state DMV',
    attainableRelevant: 'Has a clean driving record; trucking jobs are in demand locally',
    targetDate: '2027-05-31',
    ...overrides,
  };
}

const catalog = (code: string, profile: keyof typeof DEFAULT_PROFILES = 'wioa-adult'): ServiceDefinition =>
  DEFAULT_PROFILES[profile].services.find((s) => s.code === code)!;

describe('need categories', () => {
  it('are the note modal’s values, in the same order', () => {
    expect([...NEED_CATEGORIES]).toEqual(NOTE_MODAL_CATEGORIES.map((c) => c.value));
  });
});

describe('outcomeQuarter: federal fiscal-year quarters (FY named by the year it ends)', () => {
  it.each([
    ['2026-09-30', 'FY2026-Q4'],
    ['2026-10-01', 'FY2027-Q1'],
    ['2026-12-31', 'FY2027-Q1'],
    ['2027-01-01', 'FY2027-Q2'],
    ['2027-03-31', 'FY2027-Q2'],
    ['2027-04-01', 'FY2027-Q3'],
    ['2027-06-30', 'FY2027-Q3'],
    ['2027-07-01', 'FY2027-Q4'],
    ['2027-09-30', 'FY2027-Q4'],
    ['2027-10-01', 'FY2028-Q1'],
    ['2028-02-29', 'FY2028-Q2'],
  ])('%s → %s', (date, label) => {
    expect(outcomeQuarter(date)).toBe(label);
  });

  it('refuses something that is not a date', () => {
    expect(() => outcomeQuarter('2026-13-01')).toThrow(RangeError);
  });
});

describe('case-management outcomes', () => {
  it('one per quarter only where the profile says so', () => {
    expect(canRecordCmOutcome([], 'FY2027-Q1', true)).toBe(true);
    expect(canRecordCmOutcome(['FY2027-Q1'], 'FY2027-Q1', true)).toBe(false);
    expect(canRecordCmOutcome(['FY2027-Q1'], 'FY2027-Q2', true)).toBe(true);
    expect(canRecordCmOutcome(['FY2027-Q1', 'FY2027-Q1'], 'FY2027-Q1', false)).toBe(true);
  });

  it('employment counts as a case-management outcome unless the participant is in a refugee program', () => {
    expect(employmentCountsAsCmOutcome(['wioa-adult'])).toBe(true);
    expect(employmentCountsAsCmOutcome(['wioa-youth', 'wagner-peyser', 'tanf-employment'])).toBe(true);
    expect(employmentCountsAsCmOutcome(['refugee-ss'])).toBe(false);
    expect(employmentCountsAsCmOutcome(['refugee-tap'])).toBe(false);
    expect(employmentCountsAsCmOutcome(['wioa-adult', 'refugee-tap'])).toBe(false); // co-enrolled: the refugee rule holds
  });

  it('an employment goal is never a case-management outcome in refugee programs; elsewhere it may be', () => {
    const base = { oneOutcomePerQuarter: true, quarter: 'FY2027-Q1', existingOutcomeQuarters: [] as string[] };
    expect(cmOutcomeProblem({ ...base, profileIds: ['refugee-ss'], employmentGoal: true })).toMatch(/This is an employment goal: in refugee programs employment is reported as a job placement/);
    expect(cmOutcomeProblem({ ...base, profileIds: ['wioa-adult', 'refugee-tap'], employmentGoal: true })).not.toBeNull();
    expect(cmOutcomeProblem({ ...base, profileIds: ['refugee-ss'], employmentGoal: false })).toBeNull();
    expect(cmOutcomeProblem({ ...base, profileIds: ['wioa-adult'], employmentGoal: true, oneOutcomePerQuarter: false })).toBeNull();
  });

  it('names the quarter already used', () => {
    expect(
      cmOutcomeProblem({ profileIds: ['refugee-ss'], oneOutcomePerQuarter: true, employmentGoal: false, quarter: 'FY2027-Q1', existingOutcomeQuarters: ['FY2027-Q1'] }),
    ).toMatch(/already recorded for FY2027-Q1/);
  });
});

describe('SMART goals', () => {
  it('a complete goal has no problems', () => {
    expect(smartGoalProblems(goal(), TODAY)).toEqual({});
  });

  it('names each missing part in plain words, keyed by field', () => {
    const problems = smartGoalProblems(goal({ specific: '  ', measure: '', attainableRelevant: '', targetDate: null }), TODAY);
    expect(Object.keys(problems).sort()).toEqual(['attainableRelevant', 'measure', 'specific', 'targetDate']);
    expect(problems.targetDate).toBe('Pick the target date.');
    expect(problems.measure).toBe('Enter how achievement will be measured.');
  });

  it('a one-word goal is not specific', () => {
    expect(smartGoalProblems(goal({ specific: 'Job' }), TODAY).specific).toMatch(/at least 3 words/);
  });

  it('the target date is required, real, and not in the past at creation (today is fine)', () => {
    expect(smartGoalProblems(goal({ targetDate: '2026-11-22' }), TODAY).targetDate).toMatch(/has passed/);
    expect(smartGoalProblems(goal({ targetDate: TODAY }), TODAY)).toEqual({});
    expect(smartGoalProblems(goal({ targetDate: '2027-02-30' }), TODAY).targetDate).toMatch(/not a real date/);
  });

  it('a short-term step is due no later than its open long-term goal', () => {
    const parent = { term: 'long' as const, status: 'open' as const, targetDate: '2027-05-31' };
    const step = goal({ term: 'short', parentGoalId: 1, targetDate: '2027-02-01' });
    expect(smartGoalProblems(step, TODAY, parent)).toEqual({});
    expect(smartGoalProblems({ ...step, targetDate: '2027-05-31' }, TODAY, parent)).toEqual({});
    expect(smartGoalProblems({ ...step, targetDate: '2027-06-01' }, TODAY, parent).targetDate).toMatch(/long-term goal’s target date \(2027-05-31\)/);
    expect(smartGoalProblems(step, TODAY, { ...parent, term: 'short' }).parentGoalId).toMatch(/Pick a long-term goal/);
    expect(smartGoalProblems(step, TODAY, { ...parent, status: 'achieved' }).parentGoalId).toMatch(/no longer open/);
    expect(smartGoalProblems(step, TODAY, null).parentGoalId).toMatch(/not on this participant’s plan/);
    expect(smartGoalProblems(goal({ parentGoalId: 1 }), TODAY, parent).parentGoalId).toMatch(/long-term goal does not sit under/);
  });
});

describe('planned end dates', () => {
  it('start + 90 calendar days for most WIOA services, across month ends and February', () => {
    const counseling = catalog('career-counseling');
    expect(counseling.defaultDurationDays).toBe(90);
    expect(plannedEndDate('2026-11-23', counseling)).toBe('2027-02-21');
    expect(plannedEndDate('2026-11-30', counseling)).toBe('2027-02-28');
    expect(plannedEndDate('2027-12-01', counseling)).toBe('2028-02-29'); // leap year
    expect(plannedEndDate('2027-01-31', counseling)).toBe('2027-05-01');
  });

  it('youth counseling: 180 days', () => {
    const youth = catalog('youth-counseling', 'wioa-youth');
    expect(plannedEndDate('2026-11-23', youth)).toBe('2027-05-22');
    expect(plannedEndDate('2026-08-31', youth)).toBe('2027-02-27');
  });

  it('no default duration (refugee, TANF): null, and the case manager must pick the end', () => {
    const intake = catalog('intake', 'refugee-ss');
    expect(plannedEndDate('2026-11-23', intake)).toBeNull();
    expect(serviceDatesProblems('2026-11-23', null, intake).plannedEndDate).toMatch(/no default length/);
    expect(serviceDatesProblems('2026-11-23', '2026-12-15', intake)).toEqual({});
  });

  it('a chosen end is never before the start, nor past the default for a service that cannot be extended', () => {
    const counseling = catalog('career-counseling');
    const training = catalog('occupational-skills-training');
    expect(serviceDatesProblems('2026-11-23', null, counseling)).toEqual({});
    expect(serviceDatesProblems('2026-11-23', '2027-01-15', counseling)).toEqual({});
    expect(serviceDatesProblems('2026-11-23', '2026-11-22', counseling).plannedEndDate).toMatch(/before the start/);
    expect(serviceDatesProblems('2026-11-23', '2027-02-22', counseling).plannedEndDate).toMatch(/at most 90 days \(until 2027-02-21\)/);
    expect(serviceDatesProblems('2026-11-23', '2027-11-23', training)).toEqual({});
    expect(serviceDatesProblems('2026-02-30', null, counseling).startDate).toMatch(/not a real date/);
  });
});

describe('referral statuses', () => {
  it('move forward only; final statuses stay', () => {
    expect(referralTransitionProblem('sent', 'accepted')).toBeNull();
    expect(referralTransitionProblem('sent', 'declined')).toBeNull();
    expect(referralTransitionProblem('accepted', 'completed')).toBeNull();
    expect(referralTransitionProblem('accepted', 'sent')).toMatch(/cannot go back/);
    expect(referralTransitionProblem('completed', 'declined')).toMatch(/can no longer change/);
    expect(referralTransitionProblem('sent', 'sent')).toMatch(/already sent/);
  });
});

describe('plan snapshots', () => {
  const input = {
    participantId: 7,
    planKinds: 'IEP',
    caseManager: { staffId: 'W1', name: 'Dana' },
    needs: [
      { id: 2, category: 'housing', description: 'Needs stable housing', source: 'assessment' as const, status: 'being_addressed' as const, metDate: null },
      { id: 1, category: 'transportation', description: 'No car', source: 'emergent' as const, status: 'met' as const, metDate: '2026-11-01' },
    ],
    goals: [
      {
        id: 3,
        term: 'long' as const,
        parentGoalId: null,
        specific: 'Obtain a CDL class A',
        measure: 'License issued',
        attainableRelevant: 'Clean record',
        targetDate: '2027-05-31',
        status: 'open' as const,
        achievedDate: null,
        isCmOutcome: false,
        outcomeQuarter: null,
      },
    ],
    services: [
      {
        id: 5,
        code: 'occupational-skills-training',
        name: 'Occupational Skills Training',
        needIds: [2],
        providerKind: 'partner' as const,
        providerName: 'Metro Truck School',
        startDate: '2026-11-23',
        plannedEndDate: '2027-02-21',
        actualEndDate: null,
        status: 'active' as const,
        needMet: null,
        outcome: null,
      },
      {
        id: 4,
        code: 'career-counseling',
        name: 'Individual Career Counseling',
        needIds: [2, 1],
        providerKind: 'in_house' as const,
        providerName: null,
        startDate: '2026-11-01',
        plannedEndDate: '2027-01-30',
        actualEndDate: null,
        status: 'active' as const,
        needMet: null,
        outcome: null,
      },
    ],
    referrals: [{ id: 9, partnerName: 'Housing Authority', needIds: [2], status: 'sent' as const, sentDate: '2026-11-20', reviewDate: '2026-12-20', outcome: null }],
  };

  it('orders items by id and says who is responsible for what', () => {
    const s = planSnapshot(input);
    expect(s.format).toBe(1);
    expect(s.needs.map((n) => n.id)).toEqual([1, 2]);
    expect(s.services.map((x) => [x.id, x.needIds, x.responsible])).toEqual([
      [4, [1, 2], { party: 'case_manager', name: 'Dana' }],
      [5, [2], { party: 'provider', name: 'Metro Truck School' }],
    ]);
    expect(s.referrals[0]!.responsible).toEqual({ party: 'provider', name: 'Housing Authority' });
    const byParty = Object.fromEntries(s.responsibilities.map((r) => [r.name ?? r.party, r.tasks]));
    expect(byParty.Dana).toContain('Provide Individual Career Counseling (until 2027-01-30).');
    expect(byParty.Dana).toContain('Review the referral to Housing Authority by 2026-12-20.');
    expect(byParty.participant).toContain('Work toward: Obtain a CDL class A (by 2027-05-31).');
    expect(byParty['Metro Truck School']).toEqual(['Provide Occupational Skills Training (until 2027-02-21).']);
    expect(byParty['Housing Authority']).toEqual(['Respond to the referral.']);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('lists every item once for plan_version_items', () => {
    expect(snapshotItems(planSnapshot(input))).toEqual([
      { itemKind: 'need', itemId: 1 },
      { itemKind: 'need', itemId: 2 },
      { itemKind: 'goal', itemId: 3 },
      { itemKind: 'service', itemId: 4 },
      { itemKind: 'service', itemId: 5 },
      { itemKind: 'referral', itemId: 9 },
    ]);
  });

  it('plan kinds of co-enrolled programs are listed once each', () => {
    expect(planKindsLabel(['IEP'])).toBe('IEP');
    expect(planKindsLabel(['FSP+EDP', 'IEP', 'IEP'])).toBe('IEP, FSP+EDP');
  });
});
