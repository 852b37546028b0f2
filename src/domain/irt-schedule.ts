// Which times to offer for an IRT meeting. Pure: the injected `now`, the organizer's IANA
// zone, the agency's holiday calendar and the organizer's busy intervals decide it. Every
// date and clock time is the organizer's local one (TZDate via `instantAt`), never the
// server's, so 10:00 stays 10:00 local across DST changes and a zone east of UTC or with a
// half-hour offset works the same.
//
// Times of day: each slot prefers 10:00 or 14:00, alternating slot by slot (first slot a
// morning), so partners see mornings and afternoons on different days. When the preferred
// time is taken (busy) or outside working hours, the nearest free start on the same day is
// used instead — starts on a half-hour grid from the start of working hours, the earlier of
// two equally near ones first. A slot never overlaps a busy interval (back-to-back is fine),
// never ends after working hours, and never starts at or before `now`.
//
// Standard (about two weeks out): one slot per working day (Monday to Friday, not a holiday),
// from the first working day on or after today + `leadDays`. A day with no free start is
// skipped. The search gives up 60 calendar days after that first day, so a fully booked
// organizer gets fewer slots rather than none far in the future.
//
// Urgent: working days 1, 2 and 3 after today (today itself is never offered — partners need
// a moment's notice). Slots go round the three days (several per day when `count` > 3), each
// day alternating its preferred time, so 4 slots are day 1 10:00, day 2 14:00, day 3 10:00,
// day 1 14:00. If the days are full, fewer slots come back.
//
// Re-proposal (`after`, usually the latest start of the previous round): the new round starts
// on a later local day than `after` — the standard first day moves to the day after it, the
// urgent window becomes working days 1–3 after it — so the organizer gets new days, not the
// same ones again. The caller may also pass the previous slots in `busy`.
//
// The result is in time order.
import { instantAt, isTimeZone, localDate, localTime } from './dates';
import { addCalendarDays } from './due';
import { addWorkingDays, isWorkingDay, type HolidayCalendar } from './holidays';

export interface WorkingHours {
  /** `HH:mm` local to the organizer. */
  start: string;
  /** `HH:mm` local to the organizer; a meeting ends at or before it. */
  end: string;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = Object.freeze({ start: '09:00', end: '17:00' });
export const DEFAULT_MEETING_MINUTES = 60;
export const DEFAULT_SLOT_COUNT = 4;
export const MIN_SLOT_COUNT = 3;
export const MAX_SLOT_COUNT = 5;
/** Morning and afternoon, alternating slot by slot. */
export const PREFERRED_TIMES = ['10:00', '14:00'] as const;
export const URGENT_WORKING_DAYS = 3;
const GRID_MINUTES = 30;
const SEARCH_CALENDAR_DAYS = 60;

export interface BusyInterval {
  startsAt: Date;
  endsAt: Date;
}

export interface ProposeSlotsInput {
  now: Date;
  /** The organizer's IANA zone (Slack profile). */
  timeZone: string;
  /** Profile `irtLeadDays` (14): "schedule about two weeks out". */
  leadDays: number;
  /** Within the next 1–3 working days. */
  urgent: boolean;
  holidays: HolidayCalendar;
  /** The organizer's other IRT meetings (and slots already proposed for other meetings). */
  busy: readonly BusyInterval[];
  /** 3–5, default 4. */
  count?: number;
  /** Default 60. */
  durationMinutes?: number;
  workingHours?: WorkingHours;
  /** Re-proposal: start after these (the previous round's slots), so a new round offers new times. */
  after?: Date;
}

export interface ProposedSlot {
  startsAt: Date;
  endsAt: Date;
  /** `YYYY-MM-DD` in the organizer's zone. */
  localDate: string;
  /** `HH:mm` in the organizer's zone. */
  localStart: string;
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Starts that fit in working hours, nearest to `preferred` first (earlier first on a tie). */
function startsNear(preferred: string, hours: WorkingHours, durationMinutes: number): string[] {
  const first = minutesOf(hours.start);
  const last = minutesOf(hours.end) - durationMinutes;
  const want = minutesOf(preferred);
  const starts: number[] = [];
  for (let m = first; m <= last; m += GRID_MINUTES) starts.push(m);
  if (want >= first && want <= last && !starts.includes(want)) starts.push(want);
  return starts.sort((a, b) => Math.abs(a - want) - Math.abs(b - want) || a - b).map(timeOf);
}

function overlaps(a: BusyInterval, b: BusyInterval): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

function checkInput(input: ProposeSlotsInput, count: number, durationMinutes: number, hours: WorkingHours): void {
  if (!isTimeZone(input.timeZone)) throw new RangeError(`proposeSlots: unknown time zone "${input.timeZone}"`);
  if (!Number.isInteger(input.leadDays) || input.leadDays < 0) throw new RangeError('proposeSlots: leadDays must be a whole number of days, 0 or more');
  if (!Number.isInteger(count) || count < MIN_SLOT_COUNT || count > MAX_SLOT_COUNT) {
    throw new RangeError(`proposeSlots: count must be ${MIN_SLOT_COUNT} to ${MAX_SLOT_COUNT}`);
  }
  if (!HH_MM.test(hours.start) || !HH_MM.test(hours.end) || minutesOf(hours.start) >= minutesOf(hours.end)) {
    throw new RangeError('proposeSlots: working hours must be HH:mm with the start before the end');
  }
  if (!Number.isInteger(durationMinutes) || durationMinutes <= 0 || durationMinutes > minutesOf(hours.end) - minutesOf(hours.start)) {
    throw new RangeError('proposeSlots: the meeting must be a whole number of minutes that fits in working hours');
  }
}

export function proposeSlots(input: ProposeSlotsInput): ProposedSlot[] {
  const count = input.count ?? DEFAULT_SLOT_COUNT;
  const durationMinutes = input.durationMinutes ?? DEFAULT_MEETING_MINUTES;
  const hours = input.workingHours ?? DEFAULT_WORKING_HOURS;
  checkInput(input, count, durationMinutes, hours);
  const { now, timeZone: zone, holidays } = input;

  const chosen: ProposedSlot[] = [];
  const taken = (slot: BusyInterval) => input.busy.some((b) => overlaps(slot, b)) || chosen.some((c) => overlaps(slot, c));

  /** The free start on `day` nearest to `preferred`, or null when the day has none. */
  const slotOn = (day: string, preferred: string): ProposedSlot | null => {
    const closes = instantAt(day, hours.end, zone).getTime();
    for (const time of startsNear(preferred, hours, durationMinutes)) {
      const startsAt = instantAt(day, time, zone);
      if (localTime(startsAt, zone) !== time) continue; // a clock time skipped by a DST change
      const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000);
      if (endsAt.getTime() > closes || startsAt.getTime() <= now.getTime()) continue;
      const slot = { startsAt, endsAt, localDate: day, localStart: time };
      if (!taken(slot)) return slot;
    }
    return null;
  };

  const today = localDate(now, zone);
  const afterDay = input.after ? localDate(input.after, zone) : null;
  const preferredFor = (n: number) => PREFERRED_TIMES[n % PREFERRED_TIMES.length]!;

  if (input.urgent) {
    const base = afterDay && afterDay > today ? afterDay : today;
    const days = Array.from({ length: URGENT_WORKING_DAYS }, (_, i) => addWorkingDays(base, i + 1, holidays));
    for (let round = 0; chosen.length < count; round++) {
      const before = chosen.length;
      for (let i = 0; i < days.length && chosen.length < count; i++) {
        const slot = slotOn(days[i]!, preferredFor(round + i));
        if (slot) chosen.push(slot);
      }
      if (chosen.length === before) break;
    }
  } else {
    let first = addCalendarDays(today, input.leadDays);
    if (afterDay && afterDay >= first) first = addCalendarDays(afterDay, 1);
    for (let i = 0; i < SEARCH_CALENDAR_DAYS && chosen.length < count; i++) {
      const day = addCalendarDays(first, i);
      if (!isWorkingDay(day, holidays)) continue;
      const slot = slotOn(day, preferredFor(chosen.length));
      if (slot) chosen.push(slot);
    }
  }

  return chosen.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
