// A person's digest settings; no row means the defaults (08:00 on working days, in their zone).
import { eq } from 'drizzle-orm';
import type { Db } from './connection';
import { digestSettings } from './schema';

export interface DigestPreferences {
  enabled: boolean;
  localTime: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  skipHolidays: boolean;
  sendWhenEmpty: boolean;
  teamSummary: boolean;
}

export const DEFAULT_DIGEST: DigestPreferences = { enabled: true, localTime: '08:00', weekdays: [1, 2, 3, 4, 5], skipHolidays: true, sendWhenEmpty: false, teamSummary: false };

export function parseWeekdays(text: string): number[] {
  return [...new Set(text.split(',').map(Number).filter((d) => Number.isInteger(d) && d >= 1 && d <= 7))].sort();
}

export function digestPreferences(db: Db, staffId: string): DigestPreferences {
  const row = db.select().from(digestSettings).where(eq(digestSettings.staffId, staffId)).get();
  if (!row) return DEFAULT_DIGEST;
  return { enabled: row.enabled, localTime: row.localTime, weekdays: parseWeekdays(row.weekdays), skipHolidays: row.skipHolidays, sendWhenEmpty: row.sendWhenEmpty, teamSummary: row.teamSummary };
}

export function saveDigestPreferences(db: Db, staffId: string, prefs: DigestPreferences, by: string, now: Date): void {
  const values = { ...prefs, weekdays: prefs.weekdays.join(','), updatedAt: now.toISOString(), updatedBy: by };
  db.insert(digestSettings).values({ staffId, ...values }).onConflictDoUpdate({ target: digestSettings.staffId, set: values }).run();
}
