// Notes entered late, for the supervisor view: per worker, over the notes they ENTERED in the
// last 30 days, the share entered within 48 hours of the interaction (best practice, seed 000)
// and the share within the program's limit (10 calendar days by default; seeds 000, 001).
// Timeliness is fixed when a note is saved (src/domain/timeliness.ts), so this only counts.
import { and, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { caseNotes } from '../db/schema';
import { chunks } from './rule';

export interface NoteTimeliness {
  /** Notes the worker entered in the window. */
  notes: number;
  /** Of those, entered within 48 hours (best practice): timeliness 'on_time'. */
  within48h: number;
  /** Of those, entered within the program's limit: anything but 'late_out_of_compliance'. */
  withinLimit: number;
  /** within48h / notes, or null when the worker entered no notes. */
  shareWithin48h: number | null;
  /** withinLimit / notes, or null when the worker entered no notes. */
  shareWithinLimit: number | null;
}

export const NOTE_TIMELINESS_DAYS = 30;

const DAY_MS = 86_400_000;

/**
 * Note timeliness per author over notes entered in `(asOf − days × 24 h) … asOf` (both ends
 * included). One grouped query (per 900 workers), answered from the index
 * case_notes_author_entered_idx (author_id, entered_at, timeliness). Every requested worker is in
 * the result; those with no notes have zeros and null shares.
 */
export function noteTimelinessByWorker(
  db: Db,
  workerIds: readonly string[],
  asOf: Date,
  days = NOTE_TIMELINESS_DAYS,
): Map<string, NoteTimeliness> {
  const result = new Map<string, NoteTimeliness>();
  for (const id of workerIds) result.set(id, { notes: 0, within48h: 0, withinLimit: 0, shareWithin48h: null, shareWithinLimit: null });
  const unique = [...result.keys()];
  if (unique.length === 0) return result;
  const since = new Date(asOf.getTime() - days * DAY_MS).toISOString();
  const until = asOf.toISOString();
  for (const ids of chunks(unique)) {
    const rows = db
      .select({
        authorId: caseNotes.authorId,
        notes: sql<number>`count(*)`,
        within48h: sql<number>`sum(case when ${caseNotes.timeliness} = 'on_time' then 1 else 0 end)`,
        withinLimit: sql<number>`sum(case when ${caseNotes.timeliness} <> 'late_out_of_compliance' then 1 else 0 end)`,
      })
      .from(caseNotes)
      .where(and(inArray(caseNotes.authorId, ids), gte(caseNotes.enteredAt, since), lte(caseNotes.enteredAt, until)))
      .groupBy(caseNotes.authorId)
      .all();
    for (const r of rows) {
      const notes = Number(r.notes);
      const within48h = Number(r.within48h);
      const withinLimit = Number(r.withinLimit);
      result.set(r.authorId, {
        notes,
        within48h,
        withinLimit,
        shareWithin48h: notes ? within48h / notes : null,
        shareWithinLimit: notes ? withinLimit / notes : null,
      });
    }
  }
  return result;
}
