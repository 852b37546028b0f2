import { describe, expect, it } from 'vitest';
import { assessTimeliness, FutureInteractionError, type TimelinessInput } from '../../src/domain/timeliness';

const WIOA = { bestPracticeDays: 2, requiredDays: 10, requiresExplanation: true };
const SOUTH_DAKOTA = { ...WIOA, requiredDays: 5 };

function assess(interactionAt: string, enteredAt: string, rules = WIOA, extra: Partial<TimelinessInput> = {}) {
  return assessTimeliness({ interactionAt: new Date(interactionAt), enteredAt: new Date(enteredAt), timeZone: 'America/Chicago', timeKnown: true, ...rules, ...extra });
}

describe('note timeliness', () => {
  it('a note entered the same afternoon is on time', () => {
    expect(assess('2026-11-02T15:00:00Z', '2026-11-02T21:00:00Z')).toMatchObject({ timeliness: 'on_time', daysAfter: 0, explanationRequired: false });
  });

  it('48 hours after the call is still best practice; a minute more is late (best practice)', () => {
    expect(assess('2026-11-02T15:00:00Z', '2026-11-04T15:00:00Z').timeliness).toBe('on_time');
    expect(assess('2026-11-02T15:00:00Z', '2026-11-04T15:01:00Z').timeliness).toBe('late_best_practice');
  });

  it('a Nov 1 contact is in compliance through Nov 11 under a 10-day rule, counted from the day after', () => {
    const nov1 = '2026-11-01T16:00:00Z'; // 10:00 in Chicago
    expect(assess(nov1, '2026-11-12T05:59:00Z')).toMatchObject({ timeliness: 'late_best_practice', lastCompliantDate: '2026-11-11', daysAfter: 10 });
    expect(assess(nov1, '2026-11-12T06:00:00Z')).toMatchObject({ timeliness: 'late_out_of_compliance', daysAfter: 11, explanationRequired: true });
  });

  it('a note entered 11 days after the call is flagged out of compliance under the WIOA Adult profile', () => {
    expect(assess('2026-11-02T15:00:00Z', '2026-11-13T15:00:00Z').timeliness).toBe('late_out_of_compliance');
  });

  it('South Dakota’s 5-day rule: day 5 is late but compliant, day 6 needs the explanation', () => {
    expect(assess('2026-11-02T15:00:00Z', '2026-11-07T15:00:00Z', SOUTH_DAKOTA).timeliness).toBe('late_best_practice');
    expect(assess('2026-11-02T15:00:00Z', '2026-11-08T15:00:00Z', SOUTH_DAKOTA)).toMatchObject({ timeliness: 'late_out_of_compliance', explanationRequired: true });
  });

  it('a profile that does not ask for an explanation still marks the note out of compliance', () => {
    expect(assess('2026-11-02T15:00:00Z', '2026-11-20T15:00:00Z', { ...WIOA, requiresExplanation: false })).toMatchObject({
      timeliness: 'late_out_of_compliance',
      explanationRequired: false,
    });
  });

  it('month ends: a Jan 25 contact is compliant through Feb 4; a Feb 20, 2028 contact through Mar 1 (leap year)', () => {
    expect(assess('2027-01-25T18:00:00Z', '2027-02-04T18:00:00Z').lastCompliantDate).toBe('2027-02-04');
    expect(assess('2028-02-20T18:00:00Z', '2028-03-01T18:00:00Z')).toMatchObject({ lastCompliantDate: '2028-03-01', timeliness: 'late_best_practice' });
    expect(assess('2027-02-20T18:00:00Z', '2027-03-02T18:00:00Z')).toMatchObject({ lastCompliantDate: '2027-03-02' });
  });

  it('calendar days are the case manager’s: a 9 pm Chicago call is that day, not the next UTC day', () => {
    const r = assess('2026-11-03T03:00:00Z', '2026-11-13T20:00:00Z'); // Nov 2, 21:00 Chicago
    expect(r.interactionDate).toBe('2026-11-02');
    expect(r.lastCompliantDate).toBe('2026-11-12');
    expect(r.timeliness).toBe('late_out_of_compliance');
  });

  it('across the DST change (Nov 1, 2026 in Chicago) 48 hours are real hours', () => {
    // Oct 31 15:00 CDT (20:00Z) + 48 h = Nov 2 20:00Z = 14:00 CST.
    expect(assess('2026-10-31T20:00:00Z', '2026-11-02T20:00:00Z').timeliness).toBe('on_time');
    expect(assess('2026-10-31T20:00:00Z', '2026-11-02T20:00:01Z').timeliness).toBe('late_best_practice');
  });

  it('when only the date is known, the 48 hours count from the end of that day', () => {
    const noonNov2 = '2026-11-02T18:00:00Z';
    expect(assess(noonNov2, '2026-11-04T23:00:00Z', WIOA, { timeKnown: false }).timeliness).toBe('on_time');
    expect(assess(noonNov2, '2026-11-05T06:30:00Z', WIOA, { timeKnown: false }).timeliness).toBe('late_best_practice');
  });

  it('a user in Honolulu: days are counted in Hawaii time', () => {
    const r = assess('2026-11-02T09:00:00Z', '2026-11-12T09:30:00Z', WIOA, { timeZone: 'Pacific/Honolulu' }); // Nov 1 23:00 HST
    expect(r.interactionDate).toBe('2026-11-01');
    expect(r.timeliness).toBe('late_best_practice');
    expect(assess('2026-11-02T09:00:00Z', '2026-11-12T10:00:00Z', WIOA, { timeZone: 'Pacific/Honolulu' }).timeliness).toBe('late_out_of_compliance');
  });

  it('an interaction in the future is rejected', () => {
    expect(() => assess('2026-11-24T15:00:00Z', '2026-11-23T15:00:00Z')).toThrow(FutureInteractionError);
  });
});
