import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, openDatabase, type Db } from '../../src/db/connection';
import { upsertStaffProfile, setStaffRole, setSupervisor } from '../../src/db/staff';
import type { Role } from '../../src/domain/access';

/** A real SQLite file in a fresh temp folder, migrated with the real migrations. */
export function tempDatabase(): { db: Db; path: string; dir: string; reopen(): Db; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tickler-test-'));
  const path = join(dir, 'tickler.db');
  let db = openDatabase(path);
  return {
    get db() {
      return db;
    },
    path,
    dir,
    reopen() {
      closeDatabase(db);
      db = openDatabase(path);
      return db;
    },
    cleanup() {
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function addStaff(db: Db, id: string, opts: { role?: Role; supervisorId?: string; tz?: string; name?: string } = {}, now = new Date('2026-11-02T15:00:00Z')) {
  upsertStaffProfile(db, { slackUserId: id, displayName: opts.name ?? id, realName: opts.name ?? null, tz: opts.tz ?? 'America/Chicago' }, now);
  if (opts.role) setStaffRole(db, id, opts.role);
  if (opts.supervisorId) setSupervisor(db, id, opts.supervisorId);
}
