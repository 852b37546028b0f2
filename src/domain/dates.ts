import { TZDate } from '@date-fns/tz';
import { format, parseISO } from 'date-fns';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (`YYYY-MM-DD`) of an instant in a time zone. Hot: due rules call it per item. */
export function localDate(instant: Date, timeZone: string): string {
  let f = dateFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, f);
  }
  // en-CA formats as YYYY-MM-DD; the parts are the fallback should an ICU build differ.
  const formatted = f.format(instant);
  if (/^\d{4}-\d{2}-\d{2}$/.test(formatted)) return formatted;
  const parts = f.formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** True for a real calendar date written `YYYY-MM-DD` (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const displayDates = new Map<string, string>();

/** "Nov 20, 2026" for a `YYYY-MM-DD` date, as people read it in a card. Hot: every due item's title. */
export function displayDate(date: string): string {
  let shown = displayDates.get(date);
  if (shown === undefined) {
    shown = format(parseISO(date), 'MMM d, yyyy');
    if (displayDates.size >= 10_000) displayDates.clear();
    displayDates.set(date, shown);
  }
  return shown;
}

/** The instant of a local date and `HH:mm` time in a time zone (DST-aware). */
export function instantAt(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, timeZone).getTime());
}

/** `HH:mm` of an instant in a time zone. */
export function localTime(instant: Date, timeZone: string): string {
  return format(new TZDate(instant.getTime(), timeZone), 'HH:mm');
}
