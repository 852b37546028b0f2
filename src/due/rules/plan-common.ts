// Shared by the plan rules (#5): how they bind a caseload's ids, turn instants into the viewer's
// dates, count months and working days, and word their titles. Not a rule itself.
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { displayDate, localDate } from '../../domain/dates';
import type { DueContext, Severity } from '../../domain/due';
import { createHolidayCalendar, type HolidayCalendar } from '../../domain/holidays';
import { DEFAULT_PROFILES, type ProfileId, type ProgramProfile } from '../../domain/profiles';

/**
 * `column IN (…ids)` with the whole id list bound as ONE JSON parameter (`json_each`), so a
 * plan rule is one query for any number of participants: no `IN (?, ?, …)` list, hence no
 * variable limit and no chunking. SQLite still walks the list and searches the participant
 * index once per id (`SEARCH … USING INDEX …(participant_id=?)` + `LIST SUBQUERY`). With ten
 * plan rules, two 900-id `chunks` each would double their queries for a 1,000-person set; one
 * query each keeps the engine within its query budget (test/db/due-engine.test.ts).
 */
export function participantIn(column: SQLiteColumn, ids: readonly number[]): SQL {
  return sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`;
}

/** The viewer's calendar date of a stored instant (`created_at`, `recorded_at`). */
export function viewerDate(instant: string, ctx: DueContext): string {
  return localDate(new Date(instant), ctx.timeZone);
}

const DAYS_IN_MONTH = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * `date` plus `months` calendar months; a day the target month lacks becomes its last day
 * (Aug 31 + 6 months = Feb 28, or Feb 29 in a leap year). Plain arithmetic on the date's
 * parts, so the server's time zone never matters.
 */
export function addCalendarMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, DAYS_IN_MONTH(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

let usFederal: HolidayCalendar | undefined;

/** The agency's holidays from the context; US federal holidays when none was given. */
export function holidaysOf(ctx: DueContext): HolidayCalendar {
  return ctx.holidays ?? (usFederal ??= createHolidayCalendar({ country: 'US' }));
}

/** The configured profiles from the context; the shipped defaults when none were given. */
export function profilesOf(ctx: DueContext): Record<ProfileId, ProgramProfile> {
  return ctx.profiles ?? DEFAULT_PROFILES;
}

/** "<what> overdue since Nov 23, 2026" / "<what> due today" / "<what> due Nov 23, 2026". */
export function dueTitle(what: string, severity: Severity, dueDate: string): string {
  if (severity === 'overdue') return `${what} overdue since ${displayDate(dueDate)}`;
  if (severity === 'due_today') return `${what} due today`;
  return `${what} due ${displayDate(dueDate)}`;
}

/** A need category as people read it: `health_care_access` → "health care access". */
export function needCategory(category: string): string {
  return category.replace(/_/g, ' ');
}

/** A stored free-text label cut to fit a list line. */
export function short(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1).trimEnd()}…` : oneLine;
}

/** Subjects in item keys name what they point at: `svc-45`, `need-9`, `goal-3`, `version-7`, `referral-5`. */
export const subject = {
  service: (id: number) => `svc-${id}`,
  need: (id: number) => `need-${id}`,
  goal: (id: number) => `goal-${id}`,
  version: (id: number) => `version-${id}`,
  referral: (id: number) => `referral-${id}`,
};
