// When a person's daily digest is due. Pure: the person's settings, their IANA zone, the
// agency's holiday calendar and the injected `now` decide it. Everything is judged on the
// person's own local date and clock, so DST changes and people far from the agency's zone
// (Pacific/Honolulu) get their digest at their own 08:00.
//
// Due = today (in their zone) is a selected weekday, not a skipped holiday, and their local
// time has reached the chosen time. "Reached", not "equals": a bot that was down at 08:00 and
// ticks at 10:30 still sends today's digest (catch-up), while a tick the next morning before
// 08:00 is about the next local date, which is not due yet — yesterday's is never sent late.
import { addCalendarDays } from './due';
import { instantAt, localDate as localDateOf, localTime as localTimeOf } from './dates';
import { isoWeekday, type HolidayCalendar } from './holidays';

export interface DigestSchedule {
  enabled: boolean;
  /** `HH:mm`, 24 h, in the person's zone. */
  localTime: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** Skip the agency's holidays. */
  skipHolidays: boolean;
  /** Send "Nothing is due today" rather than nothing. */
  sendWhenEmpty: boolean;
  /** Supervisors: add per-worker overdue counts for their team. */
  teamSummary: boolean;
}

export const DEFAULT_DIGEST_SCHEDULE: Readonly<DigestSchedule> = Object.freeze({
  enabled: true,
  localTime: '08:00',
  weekdays: [1, 2, 3, 4, 5],
  skipHolidays: true,
  sendWhenEmpty: false,
  teamSummary: false,
});

const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isLocalTime(value: string): boolean {
  return LOCAL_TIME.test(value);
}

/** `1,2,3,4,5` → [1, 2, 3, 4, 5]; unknown entries are dropped, duplicates removed, sorted. */
export function parseWeekdays(text: string): number[] {
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const n = Number(part.trim());
    if (Number.isInteger(n) && n >= 1 && n <= 7 && part.trim() !== '') days.add(n);
  }
  return [...days].sort((a, b) => a - b);
}

export function formatWeekdays(days: readonly number[]): string {
  return [...new Set(days)].filter((d) => Number.isInteger(d) && d >= 1 && d <= 7).sort((a, b) => a - b).join(',');
}

/** A `digest_settings` row as stored (weekdays as text), or nothing (= the defaults). */
export interface StoredDigestSettings {
  enabled: boolean;
  localTime: string;
  weekdays: string;
  skipHolidays: boolean;
  sendWhenEmpty: boolean;
  teamSummary: boolean;
}

/** The schedule of a stored row, or the defaults when the person never changed them. */
export function scheduleFromSettings(row: StoredDigestSettings | null | undefined): DigestSchedule {
  if (!row) return { ...DEFAULT_DIGEST_SCHEDULE, weekdays: [...DEFAULT_DIGEST_SCHEDULE.weekdays] };
  return {
    enabled: row.enabled,
    localTime: isLocalTime(row.localTime) ? row.localTime : DEFAULT_DIGEST_SCHEDULE.localTime,
    weekdays: parseWeekdays(row.weekdays),
    skipHolidays: row.skipHolidays,
    sendWhenEmpty: row.sendWhenEmpty,
    teamSummary: row.teamSummary,
  };
}

export type DigestDayDecision = 'due' | 'disabled' | 'not_selected_day' | 'holiday' | 'before_time';

export interface DigestDueness {
  /** The person's date at `now` — the digest run's key. */
  localDate: string;
  /** The person's clock at `now`, `HH:mm`. */
  localTime: string;
  dueNow: boolean;
  reason: DigestDayDecision;
  /** The holiday's name when `reason` is `holiday`. */
  holiday?: string;
}

/** Whether `date` is a digest day for these settings (ignoring the time of day). */
export function isDigestDay(settings: Pick<DigestSchedule, 'enabled' | 'weekdays' | 'skipHolidays'>, date: string, calendar: HolidayCalendar): Exclude<DigestDayDecision, 'before_time'> {
  if (!settings.enabled) return 'disabled';
  if (!settings.weekdays.includes(isoWeekday(date))) return 'not_selected_day';
  if (settings.skipHolidays && calendar.isHoliday(date)) return 'holiday';
  return 'due';
}

export function digestDue(settings: DigestSchedule, timeZone: string, calendar: HolidayCalendar, now: Date): DigestDueness {
  const localDate = localDateOf(now, timeZone);
  const localTime = localTimeOf(now, timeZone);
  const day = isDigestDay(settings, localDate, calendar);
  if (day !== 'due') {
    const holiday = day === 'holiday' ? calendar.name(localDate) : null;
    return { localDate, localTime, dueNow: false, reason: day, ...(holiday ? { holiday } : {}) };
  }
  // `HH:mm` strings compare as times. On a spring-forward day a time inside the gap (02:30)
  // is reached at 03:00; on a fall-back day the first 01:30 reaches it (the run is claimed once).
  const time = isLocalTime(settings.localTime) ? settings.localTime : DEFAULT_DIGEST_SCHEDULE.localTime;
  if (localTime < time) return { localDate, localTime, dueNow: false, reason: 'before_time' };
  return { localDate, localTime, dueNow: true, reason: 'due' };
}

/**
 * The next instant a digest is due strictly after `now`'s local date if today's time has
 * passed (or today's, if not yet) — for the settings screen ("Next digest: Mon Nov 30, 08:00").
 * Null when disabled or no day within a year qualifies.
 */
export function nextDigestAt(settings: DigestSchedule, timeZone: string, calendar: HolidayCalendar, now: Date): { localDate: string; at: Date } | null {
  if (!settings.enabled || settings.weekdays.length === 0) return null;
  const time = isLocalTime(settings.localTime) ? settings.localTime : DEFAULT_DIGEST_SCHEDULE.localTime;
  const today = localDateOf(now, timeZone);
  for (let i = 0; i <= 366; i++) {
    const date = addCalendarDays(today, i);
    if (isDigestDay(settings, date, calendar) !== 'due') continue;
    const at = instantAt(date, time, timeZone);
    if (i === 0 && localTimeOf(now, timeZone) >= time) continue;
    return { localDate: date, at };
  }
  return null;
}
