import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/** Opens (creating the folder if needed) and migrates the database. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db;
}

export function closeDatabase(db: Db): void {
  if (db.$client.open) db.$client.close();
}

/** An online backup of the live database (safe while the bot is writing). */
export async function backupDatabase(db: Db, destination: string): Promise<void> {
  mkdirSync(dirname(resolve(destination)), { recursive: true });
  await db.$client.backup(destination);
}

/**
 * Runs `work` in one SQLite transaction (nested calls become savepoints). Queries inside use
 * the same `db`: better-sqlite3 is synchronous, so nothing else runs in between.
 */
export function inTransaction<T>(db: Db, work: () => T): T {
  return db.$client.transaction(work)();
}
