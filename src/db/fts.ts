// The full-text index triggers, as the custom migration 0002 creates them. Bulk loads (the
// benchmark seeder, imports) drop them, insert, rebuild the index once, and recreate them
// from here; a db test checks these strings still match the migrated database.
import type { Db } from './connection';

export const FTS_TRIGGERS = {
  case_notes_fts_ai:
    'CREATE TRIGGER `case_notes_fts_ai` AFTER INSERT ON `case_notes` BEGIN INSERT INTO case_notes_fts(rowid, subject, body, next_steps) VALUES (new.id, new.subject, new.body, new.next_steps); END',
  case_note_amendments_fts_ai:
    'CREATE TRIGGER `case_note_amendments_fts_ai` AFTER INSERT ON `case_note_amendments` BEGIN INSERT INTO case_note_amendments_fts(rowid, text) VALUES (new.id, new.text); END',
} as const;

/** Runs `load` with the index triggers off, then rebuilds both indexes once. One transaction. */
export function bulkLoadNotes(db: Db, load: () => void): void {
  db.$client.transaction(() => {
    for (const name of Object.keys(FTS_TRIGGERS)) db.$client.exec(`DROP TRIGGER IF EXISTS \`${name}\``);
    load();
    db.$client.exec("INSERT INTO case_notes_fts(case_notes_fts) VALUES('rebuild')");
    db.$client.exec("INSERT INTO case_note_amendments_fts(case_note_amendments_fts) VALUES('rebuild')");
    for (const sql of Object.values(FTS_TRIGGERS)) db.$client.exec(sql);
  })();
}
