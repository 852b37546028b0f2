// When a note is late. Seeds 000/001: best at the time of service or within 24–48 hours; the
// program's limit (10 calendar days by default, 5 in South Dakota) counts calendar days from
// the day after the interaction, and a note past it must say why.
import { TZDate } from '@date-fns/tz';
import { addDays, differenceInCalendarDays, endOfDay, parseISO } from 'date-fns';
import { localDate } from './dates';

export type Timeliness = 'on_time' | 'late_best_practice' | 'late_out_of_compliance';

export interface TimelinessInput {
  /** The instant of the interaction; when only the date is known, any instant on that local date. */
  interactionAt: Date;
  /** Whether the time of day is known; if not, the 48-hour count starts at the end of the day. */
  timeKnown: boolean;
  enteredAt: Date;
  /** The case manager's zone: calendar days are counted in it. */
  timeZone: string;
  bestPracticeDays: number;
  requiredDays: number;
  requiresExplanation: boolean;
}

export interface TimelinessResult {
  timeliness: Timeliness;
  interactionDate: string;
  /** Calendar days from the interaction's date to the entry's date (0 = same day). */
  daysAfter: number;
  /** The last calendar date on which the note is within the program's limit. */
  lastCompliantDate: string;
  explanationRequired: boolean;
}

export class FutureInteractionError extends Error {
  constructor() {
    super('the interaction is in the future');
  }
}

export function assessTimeliness(input: TimelinessInput): TimelinessResult {
  if (input.interactionAt.getTime() > input.enteredAt.getTime()) throw new FutureInteractionError();
  const interactionDate = localDate(input.interactionAt, input.timeZone);
  const enteredDate = localDate(input.enteredAt, input.timeZone);
  const daysAfter = differenceInCalendarDays(parseISO(enteredDate), parseISO(interactionDate));
  const lastCompliantDate = localDate(addDays(parseISO(`${interactionDate}T12:00:00Z`), input.requiredDays), 'UTC');
  const countFrom = input.timeKnown ? input.interactionAt : endOfDay(new TZDate(input.interactionAt.getTime(), input.timeZone));
  const hours = (input.enteredAt.getTime() - countFrom.getTime()) / 3_600_000;
  const timeliness: Timeliness =
    enteredDate > lastCompliantDate ? 'late_out_of_compliance' : hours > input.bestPracticeDays * 24 ? 'late_best_practice' : 'on_time';
  return {
    timeliness,
    interactionDate,
    daysAfter,
    lastCompliantDate,
    explanationRequired: timeliness === 'late_out_of_compliance' && input.requiresExplanation,
  };
}
