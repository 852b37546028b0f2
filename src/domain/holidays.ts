// The agency's holidays: public holidays of a country (and optionally a state) from the
// date-holidays library — observed substitute days such as Fri 2026-07-03 for a Saturday
// July 4th included — plus the agency's own closure dates, minus public holidays it works.
// Dates are calendar dates (`YYYY-MM-DD`); nothing here depends on the server's time zone.
import Holidays from 'date-holidays';
import { isCalendarDate } from './dates';
import { addCalendarDays } from './due';

export interface HolidayCalendar {
  isHoliday(date: string): boolean;
  /** The holiday's name (`Thanksgiving Day`, `Agency holiday`), or null on a normal day. */
  name(date: string): string | null;
}

export interface HolidayCalendarOptions {
  /** ISO 3166-1 country code, e.g. `US` (federal holidays). */
  country: string;
  /** ISO 3166-2 subdivision code, e.g. `IL`: adds that state's public holidays. */
  state?: string;
  /** Agency closures that are not public holidays (`YYYY-MM-DD`). */
  extraDates?: string[];
  /** Public holidays the agency works (`YYYY-MM-DD`). */
  ignoreDates?: string[];
}

export const EXTRA_HOLIDAY_NAME = 'Agency holiday';

/** A calendar without holidays (Monday to Friday are all working days). */
export const NO_HOLIDAYS: HolidayCalendar = { isHoliday: () => false, name: () => null };

function checkDates(dates: readonly string[], what: string): void {
  const bad = dates.find((d) => !isCalendarDate(d));
  if (bad !== undefined) throw new Error(`${what}: "${bad}" is not a date written YYYY-MM-DD`);
}

/** Public holidays only (US federal by default); throws on an unknown country or state. */
export function createHolidayCalendar(opts: HolidayCalendarOptions = { country: 'US' }): HolidayCalendar {
  const country = opts.country.trim().toUpperCase();
  const state = opts.state?.trim().toUpperCase() || undefined;
  const hd = new Holidays();
  if (!Object.hasOwn(hd.getCountries() ?? {}, country)) throw new Error(`unknown holiday country "${opts.country}"`);
  if (state && !Object.hasOwn(hd.getStates(country) ?? {}, state)) throw new Error(`unknown holiday state "${opts.state}" for ${country}`);
  if (state) hd.init(country, state, { types: ['public'] });
  else hd.init(country, { types: ['public'] });
  const extra = opts.extraDates ?? [];
  const ignore = new Set(opts.ignoreDates ?? []);
  checkDates(extra, 'extra holiday dates');
  checkDates([...ignore], 'ignored holiday dates');

  const years = new Map<number, Map<string, string>>();
  const yearTable = (year: number): Map<string, string> => {
    let table = years.get(year);
    if (!table) {
      table = new Map();
      for (const h of hd.getHolidays(year)) {
        if (h.type !== 'public') continue;
        const date = h.date.slice(0, 10);
        if (!table.has(date)) table.set(date, h.name);
      }
      years.set(year, table);
    }
    return table;
  };

  const name = (date: string): string | null => {
    if (!isCalendarDate(date) || ignore.has(date)) return null;
    if (extra.includes(date)) return yearTable(Number(date.slice(0, 4))).get(date) ?? EXTRA_HOLIDAY_NAME;
    return yearTable(Number(date.slice(0, 4))).get(date) ?? null;
  };
  return { name, isHoliday: (date) => name(date) !== null };
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function isWeekend(date: string): boolean {
  return isoWeekday(date) >= 6;
}

/** Monday to Friday and not a holiday. */
export function isWorkingDay(date: string, calendar: HolidayCalendar): boolean {
  return !isWeekend(date) && !calendar.isHoliday(date);
}

/**
 * The `n`-th working day after `date` (before it when `n` is negative); `date` itself when
 * `n` is 0, working day or not.
 */
export function addWorkingDays(date: string, n: number, calendar: HolidayCalendar): string {
  if (!Number.isInteger(n)) throw new Error('addWorkingDays: n must be an integer');
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let current = date;
  while (left > 0) {
    current = addCalendarDays(current, step);
    if (isWorkingDay(current, calendar)) left--;
  }
  return current;
}
