// Which times an IRT meeting is offered: about two weeks out on working days, sooner when
// urgent, in the organizer's own zone, around holidays, DST and the organizer's other meetings.
import { describe, expect, it } from 'vitest';
import { instantAt, localDate, localTime } from '../../src/domain/dates';
import { addCalendarDays } from '../../src/domain/due';
import { createHolidayCalendar, isWorkingDay } from '../../src/domain/holidays';
import { proposeSlots, type ProposeSlotsInput, type ProposedSlot } from '../../src/domain/irt-schedule';

const us = createHolidayCalendar({ country: 'US' });
const CHICAGO = 'America/Chicago';

function plan(localNow: string, overrides: Partial<ProposeSlotsInput> = {}): ProposedSlot[] {
  const zone = overrides.timeZone ?? CHICAGO;
  const [date, time] = localNow.split(' ') as [string, string];
  return proposeSlots({ now: instantAt(date, time, zone), timeZone: zone, leadDays: 14, urgent: false, holidays: us, busy: [], ...overrides });
}

/** "2026-12-09 10:00" per slot, in the organizer's zone. */
const local = (slots: ProposedSlot[]) => slots.map((s) => `${s.localDate} ${s.localStart}`);
const utc = (slots: ProposedSlot[]) => slots.map((s) => s.startsAt.toISOString());

describe('standard planning: about two weeks out, one slot per working day', () => {
  it('planning on Wed 2026-11-25 (the day before Thanksgiving) starts on Wed 2026-12-09, mornings and afternoons alternating', () => {
    const slots = plan('2026-11-25 09:00');
    expect(local(slots)).toEqual(['2026-12-09 10:00', '2026-12-10 14:00', '2026-12-11 10:00', '2026-12-14 14:00']);
    expect(utc(slots)[0]).toBe('2026-12-09T16:00:00.000Z'); // CST = UTC−6
    for (const s of slots) {
      expect(isWorkingDay(s.localDate, us)).toBe(true);
      expect(s.endsAt.getTime() - s.startsAt.getTime()).toBe(60 * 60_000);
    }
  });

  it('starts on the first working day on or after today + lead days (Saturday + 14 → Monday)', () => {
    expect(local(plan('2026-11-28 12:00'))[0]).toBe('2026-12-14 10:00');
    expect(local(plan('2026-11-25 09:00', { leadDays: 7 }))[0]).toBe('2026-12-02 10:00');
  });

  it('skips Christmas Day and New Year’s Day (planning Fri 2026-12-11 → Mon Dec 28 onward)', () => {
    const slots = plan('2026-12-11 09:00', { count: 5 });
    expect(local(slots)).toEqual(['2026-12-28 10:00', '2026-12-29 14:00', '2026-12-30 10:00', '2026-12-31 14:00', '2027-01-04 10:00']);
    expect(slots.map((s) => s.localDate)).not.toContain('2026-12-25');
    expect(slots.map((s) => s.localDate)).not.toContain('2027-01-01');
  });

  it('keeps Christmas Eve (a working day in 2026) and skips only the 25th and the weekend', () => {
    expect(local(plan('2026-12-09 09:00'))).toEqual(['2026-12-23 10:00', '2026-12-24 14:00', '2026-12-28 10:00', '2026-12-29 14:00']);
  });

  it('offers 3 or 5 slots when asked, and refuses other counts', () => {
    expect(plan('2026-11-25 09:00', { count: 3 })).toHaveLength(3);
    expect(local(plan('2026-11-25 09:00', { count: 5 }))).toEqual([
      '2026-12-09 10:00', '2026-12-10 14:00', '2026-12-11 10:00', '2026-12-14 14:00', '2026-12-15 10:00',
    ]);
    expect(() => plan('2026-11-25 09:00', { count: 2 })).toThrow(/count/);
    expect(() => plan('2026-11-25 09:00', { count: 6 })).toThrow(/count/);
  });
});

describe('urgent: within the next 1–3 working days', () => {
  it('planning Mon 2026-11-23 offers Tue 24, Wed 25 and Fri 27 — never Thanksgiving (Thu 26)', () => {
    const slots = plan('2026-11-23 09:00', { urgent: true, count: 3 });
    expect(local(slots)).toEqual(['2026-11-24 10:00', '2026-11-25 14:00', '2026-11-27 10:00']);
  });

  it('goes round the three days when more than three slots are wanted, never overlapping itself', () => {
    expect(local(plan('2026-11-23 09:00', { urgent: true }))).toEqual([
      '2026-11-24 10:00', '2026-11-24 14:00', '2026-11-25 14:00', '2026-11-27 10:00',
    ]);
    expect(local(plan('2026-11-23 09:00', { urgent: true, count: 5 }))).toEqual([
      '2026-11-24 10:00', '2026-11-24 14:00', '2026-11-25 10:00', '2026-11-25 14:00', '2026-11-27 10:00',
    ]);
  });

  it('planning Wed 2026-11-25 gives Fri Nov 27 (not a federal holiday), then Mon Nov 30 and Tue Dec 1', () => {
    expect(us.isHoliday('2026-11-27')).toBe(false);
    const slots = plan('2026-11-25 09:00', { urgent: true, count: 3 });
    expect(local(slots)).toEqual(['2026-11-27 10:00', '2026-11-30 14:00', '2026-12-01 10:00']);
  });

  it('never offers a time in the past or today, even when planning at 16:30', () => {
    const now = instantAt('2026-11-24', '16:30', CHICAGO);
    const slots = plan('2026-11-24 16:30', { urgent: true });
    expect(slots.length).toBe(4);
    for (const s of slots) expect(s.startsAt.getTime()).toBeGreaterThan(now.getTime());
    expect(new Set(slots.map((s) => s.localDate))).toEqual(new Set(['2026-11-25', '2026-11-27', '2026-11-30']));
  });
});

describe('never in the past', () => {
  it('with no lead time at 16:30, today is over: the first slot is the next working day', () => {
    expect(local(plan('2026-11-24 16:30', { leadDays: 0 }))).toEqual(['2026-11-25 10:00', '2026-11-27 14:00', '2026-11-30 10:00', '2026-12-01 14:00']);
  });

  it('with no lead time at 11:15, the morning slot moves to the nearest start still ahead', () => {
    expect(local(plan('2026-11-24 11:15', { leadDays: 0 }))[0]).toBe('2026-11-24 11:30');
  });
});

describe('DST: 10:00 local stays 10:00 local while the UTC offset changes', () => {
  it('across the fall-back on Sun 2026-11-01', () => {
    const slots = plan('2026-10-14 09:00', { count: 5 });
    expect(local(slots)).toEqual(['2026-10-28 10:00', '2026-10-29 14:00', '2026-10-30 10:00', '2026-11-02 14:00', '2026-11-03 10:00']);
    expect(utc(slots)).toEqual([
      '2026-10-28T15:00:00.000Z', // CDT, UTC−5
      '2026-10-29T19:00:00.000Z',
      '2026-10-30T15:00:00.000Z',
      '2026-11-02T20:00:00.000Z', // CST, UTC−6
      '2026-11-03T16:00:00.000Z',
    ]);
  });

  it('across the spring-forward on Sun 2027-03-14', () => {
    const slots = plan('2027-02-24 09:00', { count: 5 });
    expect(local(slots)).toEqual(['2027-03-10 10:00', '2027-03-11 14:00', '2027-03-12 10:00', '2027-03-15 14:00', '2027-03-16 10:00']);
    expect(utc(slots)).toEqual([
      '2027-03-10T16:00:00.000Z', // CST
      '2027-03-11T20:00:00.000Z',
      '2027-03-12T16:00:00.000Z',
      '2027-03-15T19:00:00.000Z', // CDT
      '2027-03-16T15:00:00.000Z',
    ]);
  });
});

describe('the organizer’s zone decides, never the server’s', () => {
  const now = new Date('2026-11-25T20:00:00Z');

  it('the same instant is Wed Nov 25 in Chicago but Thu Nov 26 in Kolkata (UTC+5:30), so the days differ', () => {
    const chicago = proposeSlots({ now, timeZone: CHICAGO, leadDays: 14, urgent: false, holidays: us, busy: [] });
    const kolkata = proposeSlots({ now, timeZone: 'Asia/Kolkata', leadDays: 14, urgent: false, holidays: us, busy: [] });
    expect(local(chicago)[0]).toBe('2026-12-09 10:00');
    expect(local(kolkata)).toEqual(['2026-12-10 10:00', '2026-12-11 14:00', '2026-12-14 10:00', '2026-12-15 14:00']);
    expect(utc(kolkata)).toEqual(['2026-12-10T04:30:00.000Z', '2026-12-11T08:30:00.000Z', '2026-12-14T04:30:00.000Z', '2026-12-15T08:30:00.000Z']);
  });

  it('east of UTC (Pacific/Auckland, UTC+13 in summer) a 10:00 slot is the previous UTC day', () => {
    const slots = proposeSlots({ now: new Date('2026-11-25T12:00:00Z'), timeZone: 'Pacific/Auckland', leadDays: 14, urgent: false, holidays: us, busy: [] });
    expect(local(slots)).toEqual(['2026-12-10 10:00', '2026-12-11 14:00', '2026-12-14 10:00', '2026-12-15 14:00']);
    expect(utc(slots)).toEqual(['2026-12-09T21:00:00.000Z', '2026-12-11T01:00:00.000Z', '2026-12-13T21:00:00.000Z', '2026-12-15T01:00:00.000Z']);
  });

  it('localDate and localStart always describe startsAt in the organizer’s zone', () => {
    for (const zone of [CHICAGO, 'Asia/Kolkata', 'Pacific/Auckland', 'America/Los_Angeles']) {
      for (const s of proposeSlots({ now, timeZone: zone, leadDays: 14, urgent: true, holidays: us, busy: [], count: 5 })) {
        expect(localDate(s.startsAt, zone)).toBe(s.localDate);
        expect(localTime(s.startsAt, zone)).toBe(s.localStart);
      }
    }
  });
});

describe('the organizer’s other meetings', () => {
  it('a slot never overlaps a busy interval; a fully booked day is skipped', () => {
    const busy = [
      { startsAt: instantAt('2026-12-09', '09:30', CHICAGO), endsAt: instantAt('2026-12-09', '10:30', CHICAGO) },
      { startsAt: instantAt('2026-12-10', '09:00', CHICAGO), endsAt: instantAt('2026-12-10', '17:00', CHICAGO) },
    ];
    const slots = plan('2026-11-25 09:00', { busy });
    expect(local(slots)).toEqual(['2026-12-09 10:30', '2026-12-11 14:00', '2026-12-14 10:00', '2026-12-15 14:00']);
    for (const s of slots) {
      for (const b of busy) expect(s.startsAt < b.endsAt && b.startsAt < s.endsAt).toBe(false);
    }
  });

  it('back-to-back with a busy meeting is fine', () => {
    const busy = [{ startsAt: instantAt('2026-12-09', '09:00', CHICAGO), endsAt: instantAt('2026-12-09', '10:00', CHICAGO) }];
    expect(local(plan('2026-11-25 09:00', { busy }))[0]).toBe('2026-12-09 10:00');
  });

  it('a re-proposal starts after the previous round, on new days', () => {
    const first = plan('2026-11-25 09:00');
    const last = first.at(-1)!;
    const again = plan('2026-11-25 15:00', { after: last.startsAt, busy: first });
    expect(local(again)).toEqual(['2026-12-15 10:00', '2026-12-16 14:00', '2026-12-17 10:00', '2026-12-18 14:00']);

    const urgent = plan('2026-11-23 09:00', { urgent: true, count: 3 });
    const urgentAgain = plan('2026-11-23 15:00', { urgent: true, count: 3, after: urgent.at(-1)!.startsAt, busy: urgent });
    expect(local(urgentAgain)).toEqual(['2026-11-30 10:00', '2026-12-01 14:00', '2026-12-02 10:00']);
  });
});

describe('working hours', () => {
  it('a 90-minute meeting never runs past the end of working hours', () => {
    const hours = { start: '09:00', end: '15:00' };
    const slots = plan('2026-11-25 09:00', { durationMinutes: 90, workingHours: hours });
    expect(local(slots)).toEqual(['2026-12-09 10:00', '2026-12-10 13:30', '2026-12-11 10:00', '2026-12-14 13:30']);
    for (const s of slots) {
      expect(s.endsAt.getTime() - s.startsAt.getTime()).toBe(90 * 60_000);
      expect(s.endsAt.getTime()).toBeLessThanOrEqual(instantAt(s.localDate, hours.end, CHICAGO).getTime());
    }
  });

  it('with the default 09:00–17:00 a 90-minute afternoon slot keeps 14:00', () => {
    expect(local(plan('2026-11-25 09:00', { durationMinutes: 90 }))[1]).toBe('2026-12-10 14:00');
  });

  it('hours that exclude 10:00 use the nearest start inside them', () => {
    expect(local(plan('2026-11-25 09:00', { workingHours: { start: '12:00', end: '20:00' } }))[0]).toBe('2026-12-09 12:00');
  });

  it('refuses impossible input', () => {
    expect(() => plan('2026-11-25 09:00', { workingHours: { start: '17:00', end: '09:00' } })).toThrow(/working hours/);
    expect(() => plan('2026-11-25 09:00', { workingHours: { start: '9am', end: '17:00' } })).toThrow(/working hours/);
    expect(() => plan('2026-11-25 09:00', { durationMinutes: 9 * 60 })).toThrow(/fits/);
    expect(() => plan('2026-11-25 09:00', { leadDays: -1 })).toThrow(/leadDays/);
    expect(() => proposeSlots({ now: new Date(), timeZone: 'Mars/Olympus', leadDays: 14, urgent: false, holidays: us, busy: [] })).toThrow(/time zone/);
  });
});

describe('every planning day of a year', () => {
  it('gives 4 slots on distinct working days, in hours, in order, from today + 14 on — or within 3 working days when urgent', () => {
    for (let day = '2026-06-01'; day < '2027-06-01'; day = addCalendarDays(day, 1)) {
      const standard = plan(`${day} 09:00`);
      expect(standard).toHaveLength(4);
      expect(new Set(standard.map((s) => s.localDate)).size).toBe(4);
      expect(standard[0]!.localDate >= addCalendarDays(day, 14)).toBe(true);
      const urgent = plan(`${day} 09:00`, { urgent: true });
      expect(urgent).toHaveLength(4);
      for (const s of [...standard, ...urgent]) {
        expect(isWorkingDay(s.localDate, us)).toBe(true);
        expect(s.localStart >= '09:00' && s.localStart <= '16:00').toBe(true);
      }
      for (const slots of [standard, urgent]) {
        expect([...slots].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())).toEqual(slots);
      }
      for (const s of urgent) {
        expect(s.localDate > day).toBe(true);
        expect(s.localDate <= addCalendarDays(day, 7)).toBe(true); // 3 working days never span more than a week here
      }
    }
  });
});
