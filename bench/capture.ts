// Records every SQL statement an operation runs (text, parameters, time), and explains them:
// the benchmark's way to show *why* a figure misses its target, with the real queries the
// code issued rather than hand-copied ones.
import type { Db } from '../src/db/connection';

export interface CapturedStatement {
  sql: string;
  params: unknown[];
  ms: number;
  rows: number;
}

export interface ExplainedStatement {
  sql: string;
  ms: number;
  rows: number;
  /** EXPLAIN QUERY PLAN as an indented tree. */
  plan: string[];
}

const METHODS = ['all', 'get', 'run', 'iterate'] as const;

/** Runs `work` with every prepared statement on `db` timed and recorded. */
export function captureStatements<T>(db: Db, work: () => T): { result: T; statements: CapturedStatement[] } {
  const client = db.$client;
  const original = client.prepare;
  const statements: CapturedStatement[] = [];
  client.prepare = function patched(this: typeof client, source: string) {
    const stmt = original.call(this, source) as unknown as Record<string, unknown>;
    for (const m of METHODS) {
      const fn = stmt[m] as ((...a: unknown[]) => unknown) | undefined;
      if (typeof fn !== 'function') continue;
      stmt[m] = (...params: unknown[]) => {
        const t = performance.now();
        const out = fn.apply(stmt, params);
        const rows = m === 'get' || m === 'run' ? (out === undefined ? 0 : 1) : Array.isArray(out) ? out.length : 0;
        statements.push({ sql: source, params, ms: performance.now() - t, rows });
        return out;
      };
    }
    return stmt as never;
  } as typeof client.prepare;
  try {
    return { result: work(), statements };
  } finally {
    client.prepare = original;
  }
}

/** EXPLAIN QUERY PLAN for one statement, as an indented tree like the sqlite3 shell prints. */
export function explain(db: Db, sql: string, params: unknown[]): string[] {
  if (!/^\s*(select|with)/i.test(sql)) return ['(write statement: not explained)'];
  try {
    const rows = db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as never[])) as Array<{ id: number; parent: number; detail: string }>;
    const depth = new Map<number, number>([[0, -1]]);
    return rows.map((r) => {
      const d = (depth.get(r.parent) ?? -1) + 1;
      depth.set(r.id, d);
      return `${'  '.repeat(d)}${r.detail}`;
    });
  } catch (err) {
    return [`(could not explain: ${(err as Error).message})`];
  }
}

/**
 * Captures `work`, then explains each distinct read statement (slowest first). `warm` runs it
 * once uncaptured first, so cold pages and first-call costs do not land in the figures.
 */
export function explainOperation<T>(db: Db, work: () => T, opts: { warm?: boolean } = {}): { result: T; statements: ExplainedStatement[]; totalMs: number } {
  if (opts.warm) work();
  const t = performance.now();
  const { result, statements } = captureStatements(db, work);
  const totalMs = performance.now() - t;
  const bySql = new Map<string, { ms: number; rows: number; params: unknown[]; n: number }>();
  for (const s of statements) {
    const e = bySql.get(s.sql);
    if (e) {
      e.ms += s.ms;
      e.rows += s.rows;
      e.n++;
    } else bySql.set(s.sql, { ms: s.ms, rows: s.rows, params: s.params, n: 1 });
  }
  const explained = [...bySql.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([sql, e]) => ({ sql: e.n > 1 ? `${compact(sql)}  -- ×${e.n}` : compact(sql), ms: e.ms, rows: e.rows, plan: explain(db, sql, e.params) }));
  return { result, statements: explained, totalMs };
}

function compact(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}
