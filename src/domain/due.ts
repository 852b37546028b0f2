// Due items: what a case manager owes, computed from what happened — never stored. Pure types
// and helpers; the rules themselves live one per file in src/due/rules/ (a load query plus a
// pure evaluate), so adding a rule is a one-file change plus its tests.
import type { HolidayCalendar } from './holidays';
import type { EffectiveRules, ProfileId, ProgramProfile } from './profiles';

export type Severity = 'overdue' | 'due_today' | 'due_soon';

/** What clears the item: the button shown beside it. */
export type ClearingAction = 'log_note' | 'open_card';

export interface DueItem {
  /** `<rule id>:<participant id>:<subject or ->:<due date>`; snoozes are stored under it. */
  key: string;
  ruleId: string;
  participantId: number;
  dueDate: string;
  severity: Severity;
  /** Short, e.g. "Contact due" — shown in lists. */
  title: string;
  /** The facts behind it, e.g. "Last contact Oct 23 (phone) · last attempt Nov 20". */
  detail: string;
  /** The policy the rule comes from, in words (shown on request and in the digest). */
  policy: string;
  clearingAction: ClearingAction;
  /** Compliance items count in supervisors' figures even when snoozed. */
  compliance: boolean;
}

/** A participant as every rule sees them: ids, dates and the strictest rules of their programs. */
export interface DueParticipant {
  id: number;
  /** The earliest enrollment date: a never-contacted participant counts from it. */
  enrolledOn: string;
  rules: EffectiveRules;
}

export interface DueContext {
  /** The viewer's local date (`YYYY-MM-DD`) at `now`, in `timeZone`. */
  today: string;
  now: Date;
  timeZone: string;
  /** Items due within this many days after today are "due soon". */
  soonDays: number;
  /**
   * The agency's holiday calendar, for rules counted in working days (refugee plan within 30
   * working days of opening). Absent → US federal holidays.
   */
  holidays?: HolidayCalendar;
  /**
   * The configured program profiles, for rules that must know which enrollment carries a rule
   * (the refugee plan clock starts at the refugee enrollment). Absent → the shipped defaults.
   */
  profiles?: Record<ProfileId, ProgramProfile>;
}

export const DUE_SOON_DAYS = 7;

// Plain UTC arithmetic on the date's parts: no time zone (the process's or anyone's) can shift
// a calendar date, and these run for every due item.
function utcDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

export function addCalendarDays(date: string, days: number): string {
  return new Date(utcDay(date) + days * 86_400_000).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((utcDay(to) - utcDay(from)) / 86_400_000);
}

/** overdue / due today / due soon, or null when it is further out than `soonDays`. */
export function severityOf(dueDate: string, ctx: DueContext): Severity | null {
  if (dueDate < ctx.today) return 'overdue';
  if (dueDate === ctx.today) return 'due_today';
  return daysBetween(ctx.today, dueDate) <= ctx.soonDays ? 'due_soon' : null;
}

export function itemKey(ruleId: string, participantId: number, subject: string | number | null, dueDate: string): string {
  return `${ruleId}:${participantId}:${subject ?? '-'}:${dueDate}`;
}

const SEVERITY_RANK: Record<Severity, number> = { overdue: 0, due_today: 1, due_soon: 2 };

/** Most urgent first: overdue (oldest first), then due today, then due soon by date. */
export function compareItems(a: DueItem, b: DueItem): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.dueDate.localeCompare(b.dueDate) || a.key.localeCompare(b.key);
}

/** Orders participants by their most urgent item; those with nothing due come last. */
export function compareByUrgency(a: { items: DueItem[] }, b: { items: DueItem[] }): number {
  const [x] = a.items;
  const [y] = b.items;
  if (x && y) return compareItems(x, y);
  return x ? -1 : y ? 1 : 0;
}

export interface DueState {
  snoozedUntil: string | null;
  cleared: boolean;
}

/**
 * What the viewer sees: items cleared by hand are gone; items snoozed until a date after today
 * are hidden (until that date) from the worker's lists (`forFigures` keeps snoozed compliance items, as the
 * supervisor's numbers must).
 */
export function visibleItems(items: DueItem[], state: ReadonlyMap<string, DueState>, today: string, forFigures = false): DueItem[] {
  return items.filter((item) => {
    const s = state.get(item.key);
    if (!s) return true;
    if (s.cleared) return false;
    const snoozed = s.snoozedUntil !== null && s.snoozedUntil > today;
    return !snoozed || (forFigures && item.compliance);
  });
}
