import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FTS_TRIGGERS } from '../../src/db/fts';
import { tempDatabase } from '../harness/db';

describe('the migrations', () => {
  let t: ReturnType<typeof tempDatabase>;
  beforeEach(() => {
    t = tempDatabase();
  });
  afterEach(() => t.cleanup());

  it('leave the full-text triggers exactly as src/db/fts.ts recreates them after a bulk load', () => {
    const rows = t.db.$client.prepare("select name, sql from sqlite_master where type = 'trigger' and name like '%_fts_ai'").all() as Array<{ name: string; sql: string }>;
    expect(Object.fromEntries(rows.map((r) => [r.name, r.sql]))).toEqual(FTS_TRIGGERS);
  });

  it.each(['case_notes', 'case_note_amendments', 'audit_log', 'participant_status_changes'])('make %s append-only', (table) => {
    const names = (t.db.$client.prepare("select name from sqlite_master where type = 'trigger' and tbl_name = ?").all(table) as Array<{ name: string }>).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining([`${table}_no_update`, `${table}_no_delete`]));
  });

  it('turn on WAL and foreign keys', () => {
    expect(t.db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(t.db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('are idempotent: reopening the same file applies nothing twice', () => {
    const count = () => (t.db.$client.prepare('select count(*) n from __drizzle_migrations').get() as { n: number }).n;
    const before = count();
    t.reopen();
    expect(count()).toBe(before);
  });
});
