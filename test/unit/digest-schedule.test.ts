// When is a person's digest due? Exact instants; each person's own zone decides.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DIGEST_SCHEDULE,
  digestDue,
  formatWeekdays,
  nextDigestAt,
  parseWeekdays,
  scheduleFromSettings,
  type DigestSchedule,
} from '../../src/domain/digest-schedule';
import { createHolidayCalendar } from '../../src/domain/holidays';

const holidays = createHolidayCalendar({ country: 'US' });
const defaults: DigestSchedule = scheduleFromSettings(null);
const everyDay: DigestSchedule = { ...defaults, weekdays: [1, 2, 3, 4, 5, 6, 7] };
const at = (iso: string) => new Date(iso);
const due = (s: DigestSchedule, tz: string, iso: string) => digestDue(s, tz, holidays, at(iso));

describe('digest settings', () => {
  it('default to 08:00 Monday to Friday, skipping holidays, nothing sent when empty', () => {
    expect(defaults).toEqual({ enabled: true, localTime: '08:00', weekdays: [1, 2, 3, 4, 5], skipHolidays: true, sendWhenEmpty: false, teamSummary: false });
    expect(DEFAULT_DIGEST_SCHEDULE.localTime).toBe('08:00');
  });

  it('read a stored row, weekdays as ISO numbers', () => {
    const s = scheduleFromSettings({ enabled: true, localTime: '07:15', weekdays: '5, 1,3,3,9,x', skipHolidays: false, sendWhenEmpty: true, teamSummary: true });
    expect(s).toEqual({ enabled: true, localTime: '07:15', weekdays: [1, 3, 5], skipHolidays: false, sendWhenEmpty: true, teamSummary: true });
    expect(parseWeekdays('')).toEqual([]);
    expect(formatWeekdays([5, 1, 3, 1])).toBe('1,3,5');
    expect(scheduleFromSettings({ enabled: true, localTime: '8am', weekdays: '1', skipHolidays: true, sendWhenEmpty: false, teamSummary: false }).localTime).toBe('08:00');
  });
});

describe('digestDue', () => {
  describe('America/Chicago on an ordinary Monday (CST, UTC−6)', () => {
    const tz = 'America/Chicago';
    it('is not due at 07:59 and due from 08:00 local', () => {
      expect(due(defaults, tz, '2026-11-23T13:59:59.999Z')).toMatchObject({ localDate: '2026-11-23', localTime: '07:59', dueNow: false, reason: 'before_time' });
      expect(due(defaults, tz, '2026-11-23T14:00:00.000Z')).toMatchObject({ localDate: '2026-11-23', localTime: '08:00', dueNow: true, reason: 'due' });
    });

    it('catches up later the same local day, but never sends yesterday’s the next morning', () => {
      expect(due(defaults, tz, '2026-11-23T16:30:00.000Z')).toMatchObject({ localDate: '2026-11-23', localTime: '10:30', dueNow: true });
      expect(due(defaults, tz, '2026-11-24T05:59:00.000Z')).toMatchObject({ localDate: '2026-11-23', localTime: '23:59', dueNow: true });
      // 00:00 local Tuesday: a new local date, not due until its own 08:00.
      expect(due(defaults, tz, '2026-11-24T06:00:00.000Z')).toMatchObject({ localDate: '2026-11-24', dueNow: false, reason: 'before_time' });
      expect(due(defaults, tz, '2026-11-24T13:00:00.000Z')).toMatchObject({ localDate: '2026-11-24', localTime: '07:00', dueNow: false });
    });

    it('uses the person’s own time and days', () => {
      const s = { ...defaults, localTime: '07:15', weekdays: [1, 3, 5] };
      expect(due(s, tz, '2026-11-23T13:14:00.000Z').dueNow).toBe(false);
      expect(due(s, tz, '2026-11-23T13:15:00.000Z').dueNow).toBe(true);
      expect(due(s, tz, '2026-11-24T15:00:00.000Z')).toMatchObject({ localDate: '2026-11-24', dueNow: false, reason: 'not_selected_day' });
    });

    it('is never due when switched off', () => {
      expect(due({ ...defaults, enabled: false }, tz, '2026-11-23T18:00:00.000Z')).toMatchObject({ dueNow: false, reason: 'disabled' });
    });
  });

  describe('weekends and holidays', () => {
    const tz = 'America/Chicago';
    it('skips Saturday and Sunday by default', () => {
      expect(due(defaults, tz, '2026-11-28T15:00:00.000Z')).toMatchObject({ localDate: '2026-11-28', dueNow: false, reason: 'not_selected_day' });
      expect(due(defaults, tz, '2026-11-29T15:00:00.000Z')).toMatchObject({ localDate: '2026-11-29', dueNow: false, reason: 'not_selected_day' });
      expect(due(everyDay, tz, '2026-11-28T15:00:00.000Z').dueNow).toBe(true);
    });

    it('skips Thanksgiving (and the July 3rd substitute day) unless the person turned that off', () => {
      expect(due(defaults, tz, '2026-11-26T15:00:00.000Z')).toMatchObject({ localDate: '2026-11-26', dueNow: false, reason: 'holiday', holiday: 'Thanksgiving Day' });
      expect(due({ ...defaults, skipHolidays: false }, tz, '2026-11-26T15:00:00.000Z').dueNow).toBe(true);
      expect(due(defaults, tz, '2026-07-03T15:00:00.000Z')).toMatchObject({ dueNow: false, reason: 'holiday' });
      expect(due(defaults, tz, '2026-11-27T14:00:00.000Z').dueNow).toBe(true); // the Friday after
    });

    it('judges the holiday on the person’s local date, not UTC’s', () => {
      // 2026-11-27T03:00Z is Thursday 21:00 in Chicago: still Thanksgiving there.
      expect(due(defaults, tz, '2026-11-27T03:00:00.000Z')).toMatchObject({ localDate: '2026-11-26', reason: 'holiday' });
    });
  });

  describe('DST change days (08:00 local is a different UTC hour before and after)', () => {
    it('America/Chicago, spring forward on Sunday 2026-03-08: 08:00 is 14:00Z the day before, 13:00Z that day', () => {
      expect(due(everyDay, 'America/Chicago', '2026-03-07T13:59:00.000Z').dueNow).toBe(false);
      expect(due(everyDay, 'America/Chicago', '2026-03-07T14:00:00.000Z').dueNow).toBe(true);
      expect(due(everyDay, 'America/Chicago', '2026-03-08T12:59:00.000Z')).toMatchObject({ localDate: '2026-03-08', localTime: '07:59', dueNow: false });
      expect(due(everyDay, 'America/Chicago', '2026-03-08T13:00:00.000Z')).toMatchObject({ localDate: '2026-03-08', localTime: '08:00', dueNow: true });
      // Sunday is not a default digest day; Monday 03-09 at 08:00 CDT = 13:00Z.
      expect(due(defaults, 'America/Chicago', '2026-03-08T13:00:00.000Z').reason).toBe('not_selected_day');
      expect(due(defaults, 'America/Chicago', '2026-03-09T12:59:00.000Z').dueNow).toBe(false);
      expect(due(defaults, 'America/Chicago', '2026-03-09T13:00:00.000Z').dueNow).toBe(true);
    });

    it('a time inside the skipped hour (02:30) is reached at 03:00 CDT', () => {
      const s = { ...everyDay, localTime: '02:30' };
      expect(due(s, 'America/Chicago', '2026-03-08T07:59:00.000Z')).toMatchObject({ localTime: '01:59', dueNow: false });
      expect(due(s, 'America/Chicago', '2026-03-08T08:00:00.000Z')).toMatchObject({ localTime: '03:00', dueNow: true });
    });

    it('America/Chicago, fall back on Sunday 2026-11-01: 08:00 is 13:00Z the day before, 14:00Z that day', () => {
      expect(due(everyDay, 'America/Chicago', '2026-10-31T13:00:00.000Z').dueNow).toBe(true);
      expect(due(everyDay, 'America/Chicago', '2026-11-01T13:00:00.000Z')).toMatchObject({ localDate: '2026-11-01', localTime: '07:00', dueNow: false });
      expect(due(everyDay, 'America/Chicago', '2026-11-01T13:59:00.000Z').dueNow).toBe(false);
      expect(due(everyDay, 'America/Chicago', '2026-11-01T14:00:00.000Z')).toMatchObject({ localTime: '08:00', dueNow: true });
      expect(due(defaults, 'America/Chicago', '2026-11-02T13:59:00.000Z').dueNow).toBe(false);
      expect(due(defaults, 'America/Chicago', '2026-11-02T14:00:00.000Z').dueNow).toBe(true);
    });

    it('America/New_York on the same days (12:00Z / 13:00Z)', () => {
      expect(due(everyDay, 'America/New_York', '2026-03-07T12:59:00.000Z').dueNow).toBe(false);
      expect(due(everyDay, 'America/New_York', '2026-03-07T13:00:00.000Z').dueNow).toBe(true);
      expect(due(everyDay, 'America/New_York', '2026-03-08T11:59:00.000Z').dueNow).toBe(false);
      expect(due(everyDay, 'America/New_York', '2026-03-08T12:00:00.000Z')).toMatchObject({ localDate: '2026-03-08', localTime: '08:00', dueNow: true });
      expect(due(everyDay, 'America/New_York', '2026-11-01T12:00:00.000Z')).toMatchObject({ localTime: '07:00', dueNow: false });
      expect(due(everyDay, 'America/New_York', '2026-11-01T13:00:00.000Z')).toMatchObject({ localTime: '08:00', dueNow: true });
      expect(due(defaults, 'America/New_York', '2026-03-09T12:00:00.000Z').dueNow).toBe(true);
      expect(due(defaults, 'America/New_York', '2026-11-02T12:59:00.000Z').dueNow).toBe(false);
    });
  });

  describe('people far from the agency', () => {
    it('Pacific/Honolulu (UTC−10, no DST): 08:00 is 18:00Z all year', () => {
      expect(due(defaults, 'Pacific/Honolulu', '2026-11-23T17:59:00.000Z').dueNow).toBe(false);
      expect(due(defaults, 'Pacific/Honolulu', '2026-11-23T18:00:00.000Z')).toMatchObject({ localDate: '2026-11-23', dueNow: true });
      expect(due(defaults, 'Pacific/Honolulu', '2026-03-09T18:00:00.000Z').dueNow).toBe(true);
      expect(due(defaults, 'Pacific/Honolulu', '2026-03-09T17:59:00.000Z').dueNow).toBe(false);
    });

    it('uses the person’s local date when UTC is already tomorrow (Honolulu, Friday evening = Saturday UTC)', () => {
      // Friday 2026-11-27 17:00 HST = Saturday 03:00Z: still Friday's digest, due (catch-up).
      expect(due(defaults, 'Pacific/Honolulu', '2026-11-28T03:00:00.000Z')).toMatchObject({ localDate: '2026-11-27', localTime: '17:00', dueNow: true });
      // Sunday UTC evening is Monday morning in Auckland.
      expect(due(defaults, 'Pacific/Auckland', '2026-11-22T19:00:00.000Z')).toMatchObject({ localDate: '2026-11-23', localTime: '08:00', dueNow: true });
      expect(due(defaults, 'Pacific/Auckland', '2026-11-22T18:59:00.000Z')).toMatchObject({ localDate: '2026-11-23', dueNow: false });
    });

    it('gives Chicago and Honolulu different answers at the same instant', () => {
      const instant = '2026-11-23T15:00:00.000Z';
      expect(due(defaults, 'America/Chicago', instant).dueNow).toBe(true); // 09:00
      expect(due(defaults, 'Pacific/Honolulu', instant).dueNow).toBe(false); // 05:00
    });
  });
});

describe('nextDigestAt', () => {
  it('finds the next digest instant, skipping the weekend and Thanksgiving', () => {
    expect(nextDigestAt(defaults, 'America/Chicago', holidays, at('2026-11-25T15:00:00.000Z'))).toEqual({ localDate: '2026-11-27', at: at('2026-11-27T14:00:00.000Z') });
    expect(nextDigestAt(defaults, 'America/Chicago', holidays, at('2026-11-25T13:00:00.000Z'))?.localDate).toBe('2026-11-25');
    expect(nextDigestAt(defaults, 'America/Chicago', holidays, at('2026-11-27T15:00:00.000Z'))?.at).toEqual(at('2026-11-30T14:00:00.000Z'));
    expect(nextDigestAt({ ...defaults, enabled: false }, 'America/Chicago', holidays, at('2026-11-25T15:00:00.000Z'))).toBeNull();
  });
});
