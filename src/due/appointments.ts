// Upcoming appointments (next appointments recorded in notes or added as details), for the App
// Home and the digest. Served by the *_appointment_idx partial indexes.
import { and, gte, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { caseNoteAmendments, caseNotes } from '../db/schema';
import { chunks } from './rule';

export interface Appointment {
  participantId: number;
  date: string;
  at: string | null;
}

/**
 * `+column IN (…)`: the unary plus keeps SQLite (which has no statistics) from choosing the
 * participant index and reading every note of the caseload; the appointment index's date range
 * is far narrower (measured 20 ms → 0.5 ms for 150 participants at 1M notes).
 */
function notIndexedIn(column: typeof caseNotes.participantId | typeof caseNoteAmendments.participantId, ids: readonly number[]) {
  return sql`+${column} in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`;
}

export function upcomingAppointments(db: Db, participantIds: readonly number[], from: string, to: string): Appointment[] {
  const found = new Map<string, Appointment>();
  for (const ids of chunks(participantIds)) {
    const fromNotes = db
      .select({ participantId: caseNotes.participantId, date: caseNotes.nextAppointmentDate, at: caseNotes.nextAppointmentAt })
      .from(caseNotes)
      .where(and(gte(caseNotes.nextAppointmentDate, from), lte(caseNotes.nextAppointmentDate, to), notIndexedIn(caseNotes.participantId, ids)))
      .all();
    const fromDetails = db
      .select({ participantId: caseNoteAmendments.participantId, date: caseNoteAmendments.nextAppointmentDate, at: caseNoteAmendments.nextAppointmentAt })
      .from(caseNoteAmendments)
      .where(and(gte(caseNoteAmendments.nextAppointmentDate, from), lte(caseNoteAmendments.nextAppointmentDate, to), notIndexedIn(caseNoteAmendments.participantId, ids)))
      .all();
    for (const a of [...fromNotes, ...fromDetails]) {
      if (!a.date) continue;
      found.set(`${a.participantId}:${a.date}:${a.at ?? ''}`, { participantId: a.participantId, date: a.date, at: a.at });
    }
  }
  return [...found.values()].sort((a, b) => a.date.localeCompare(b.date) || (a.at ?? '').localeCompare(b.at ?? ''));
}
