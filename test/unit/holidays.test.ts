import { describe, expect, it } from 'vitest';
import { addWorkingDays, createHolidayCalendar, isoWeekday, isWorkingDay, NO_HOLIDAYS } from '../../src/domain/holidays';

describe('the agency holiday calendar (US federal by default)', () => {
  const us = createHolidayCalendar({ country: 'US' });

  it('knows the federal public holidays of 2026 by name', () => {
    expect(us.name('2026-11-26')).toBe('Thanksgiving Day');
    expect(us.isHoliday('2026-11-26')).toBe(true);
    expect(us.name('2026-12-25')).toBe('Christmas Day');
    expect(us.name('2026-01-01')).toBe('New Year\'s Day');
    expect(us.name('2026-01-19')).toBe('Martin Luther King Jr. Day');
    expect(us.name('2026-09-07')).toBe('Labor Day');
  });

  it('counts the observed substitute day: July 4th 2026 is a Saturday, so Friday July 3rd is off', () => {
    expect(isoWeekday('2026-07-04')).toBe(6);
    expect(us.isHoliday('2026-07-03')).toBe(true);
    expect(us.name('2026-07-03')).toMatch(/Independence Day/);
    expect(isWorkingDay('2026-07-03', us)).toBe(false);
    // 2027: Christmas on a Saturday → Friday Dec 24 observed.
    expect(us.isHoliday('2027-12-24')).toBe(true);
  });

  it('leaves ordinary days, the day after Thanksgiving and observances alone', () => {
    expect(us.isHoliday('2026-11-27')).toBe(false);
    expect(us.name('2026-11-25')).toBeNull();
    expect(us.isHoliday('2026-12-24')).toBe(false);
    expect(us.isHoliday('2026-02-14')).toBe(false); // Valentine's Day is an observance, not a public holiday
    expect(us.isHoliday('not a date')).toBe(false);
  });

  it('adds agency closures and drops public holidays the agency works', () => {
    const agency = createHolidayCalendar({ country: 'US', extraDates: ['2026-11-27', '2026-12-24'], ignoreDates: ['2026-10-12'] });
    expect(agency.isHoliday('2026-11-27')).toBe(true);
    expect(agency.name('2026-11-27')).toBe('Agency holiday');
    expect(agency.isHoliday('2026-12-24')).toBe(true);
    expect(agency.isHoliday('2026-10-12')).toBe(false); // Columbus Day worked
    expect(us.isHoliday('2026-10-12')).toBe(true);
    expect(agency.isHoliday('2026-11-26')).toBe(true);
  });

  it('adds a state’s public holidays when a state is given', () => {
    const il = createHolidayCalendar({ country: 'US', state: 'IL' });
    expect(il.isHoliday('2026-03-02')).toBe(true); // Casimir Pulaski Day
    expect(us.isHoliday('2026-03-02')).toBe(false);
  });

  it('refuses an unknown country, state or a malformed date', () => {
    expect(() => createHolidayCalendar({ country: 'XX' })).toThrow(/country/);
    expect(() => createHolidayCalendar({ country: 'US', state: 'ZZ' })).toThrow(/state/);
    expect(() => createHolidayCalendar({ country: 'US', extraDates: ['2026-13-01'] })).toThrow(/YYYY-MM-DD/);
  });
});

describe('working days', () => {
  const us = createHolidayCalendar({ country: 'US' });

  it('are Monday to Friday and not a holiday', () => {
    expect(isWorkingDay('2026-11-23', us)).toBe(true); // Monday
    expect(isWorkingDay('2026-11-28', us)).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-29', us)).toBe(false); // Sunday
    expect(isWorkingDay('2026-11-26', us)).toBe(false); // Thanksgiving (Thursday)
    expect(isWorkingDay('2026-11-26', NO_HOLIDAYS)).toBe(true);
  });

  it('addWorkingDays skips weekends and holidays, both ways', () => {
    expect(addWorkingDays('2026-11-25', 1, us)).toBe('2026-11-27'); // over Thanksgiving
    expect(addWorkingDays('2026-11-25', 2, us)).toBe('2026-11-30'); // and the weekend
    expect(addWorkingDays('2026-11-27', 1, us)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-30', -1, us)).toBe('2026-11-27');
    expect(addWorkingDays('2026-11-30', -2, us)).toBe('2026-11-25');
    expect(addWorkingDays('2026-07-02', 1, us)).toBe('2026-07-06'); // July 3 substitute + weekend
    expect(addWorkingDays('2026-12-24', 1, us)).toBe('2026-12-28'); // Christmas Friday
    expect(addWorkingDays('2026-11-28', 0, us)).toBe('2026-11-28');
    expect(addWorkingDays('2026-12-31', 1, us)).toBe('2027-01-04'); // New Year's Day Friday, across the year
  });
});
