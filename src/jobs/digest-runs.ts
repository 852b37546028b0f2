// The digest's exactly-once claim protocol on `digest_runs` (docs/data-model.md):
//
//   INSERT … ON CONFLICT (staff_id, local_date, kind) DO NOTHING
//   UPDATE … SET lease_owner, lease_expires_at, attempts = attempts + 1
//          WHERE key AND state <> 'sent' AND (lease_expires_at IS NULL OR lease_expires_at < :now)
//
// both in one IMMEDIATE transaction, so of any number of ticks, restarts or processes on the
// same database file exactly one holds the lease; only that one sends. `sent` is final. A
// failed run (or one whose lease expired, e.g. the process died mid-send) is claimable again
// by a later tick. Slack calls never happen inside these transactions.
import { and, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { digestRuns, type DigestRunRow } from '../db/schema';

export type DigestKind = 'scheduled' | 'manual';

/** Long enough for one person's send including the queue's bounded 429 waits. */
export const DEFAULT_LEASE_MS = 15 * 60_000;

export interface ClaimRequest {
  staffId: string;
  /** The recipient's local date (their zone). */
  localDate: string;
  kind: DigestKind;
  /** This process's token (see `processOwner()` in ./digest). */
  owner: string;
  now: Date;
  leaseMs: number;
  /**
   * Give up on the run once it has been attempted this many times (the tick's bound on
   * retrying a permanent failure all day). Default: no bound.
   */
  maxAttempts?: number;
  /**
   * Manual runs only (`digest --now`): claim the day's manual row again even after it was
   * sent — each `--now` is an explicit request to send. Never allowed for scheduled runs.
   */
  resend?: boolean;
}

/** Runs `work` in a BEGIN IMMEDIATE transaction: the write lock is taken up front. */
function immediate<T>(db: Db, work: () => T): T {
  return db.$client.transaction(work).immediate();
}

/** The run id when THIS caller now holds the lease, else null (someone else has it, or it was sent). */
export function claimRun(db: Db, req: ClaimRequest): number | null {
  if (req.resend && req.kind !== 'manual') throw new Error('only manual digest runs can be re-sent');
  const now = req.now.toISOString();
  const expires = new Date(req.now.getTime() + req.leaseMs).toISOString();
  return immediate(db, () => {
    db.insert(digestRuns)
      .values({ staffId: req.staffId, localDate: req.localDate, kind: req.kind, state: 'pending', attempts: 0, createdAt: now })
      .onConflictDoNothing({ target: [digestRuns.staffId, digestRuns.localDate, digestRuns.kind] })
      .run();
    const conditions = [
      eq(digestRuns.staffId, req.staffId),
      eq(digestRuns.localDate, req.localDate),
      eq(digestRuns.kind, req.kind),
      or(isNull(digestRuns.leaseExpiresAt), lt(digestRuns.leaseExpiresAt, now)),
    ];
    if (!req.resend) conditions.push(ne(digestRuns.state, 'sent'));
    if (req.maxAttempts !== undefined) conditions.push(lt(digestRuns.attempts, req.maxAttempts));
    const row = db
      .update(digestRuns)
      .set({
        state: 'pending',
        leaseOwner: req.owner,
        leaseExpiresAt: expires,
        attempts: sql`${digestRuns.attempts} + 1`,
        ...(req.resend ? { sentAt: null, slackChannelId: null, slackMessageTs: null } : {}),
      })
      .where(and(...conditions))
      .returning({ id: digestRuns.id })
      .get();
    return row?.id ?? null;
  });
}

/**
 * Records the delivered message (`message` null: the run is complete with nothing to send —
 * nothing due and the person does not want empty digests). Final. Returns false when the run
 * was already sent.
 */
export function markSent(db: Db, id: number, owner: string, message: { channel: string; ts: string } | null, now: Date): boolean {
  const result = db
    .update(digestRuns)
    .set({
      state: 'sent',
      leaseOwner: owner,
      leaseExpiresAt: null,
      lastError: null,
      slackChannelId: message?.channel ?? null,
      slackMessageTs: message?.ts ?? null,
      sentAt: now.toISOString(),
    })
    .where(and(eq(digestRuns.id, id), ne(digestRuns.state, 'sent')))
    .run();
  return result.changes > 0;
}

/**
 * Records a failed send (Slack error code only) and releases the lease, so a later tick
 * retries — not before `retryAfterMs` has passed (default: the next tick). Only the lease
 * holder can do this; returns false otherwise.
 */
export function markFailed(db: Db, id: number, owner: string, error: string, now: Date, opts: { retryAfterMs?: number } = {}): boolean {
  const notBefore = new Date(now.getTime() + Math.max(0, opts.retryAfterMs ?? 0)).toISOString();
  const result = db
    .update(digestRuns)
    .set({ state: 'failed', lastError: error.slice(0, 200), leaseOwner: null, leaseExpiresAt: notBefore })
    .where(and(eq(digestRuns.id, id), eq(digestRuns.leaseOwner, owner), ne(digestRuns.state, 'sent')))
    .run();
  return result.changes > 0;
}

export function getRun(db: Db, staffId: string, localDate: string, kind: DigestKind): DigestRunRow | undefined {
  return db
    .select()
    .from(digestRuns)
    .where(and(eq(digestRuns.staffId, staffId), eq(digestRuns.localDate, localDate), eq(digestRuns.kind, kind)))
    .get();
}

export function getRunById(db: Db, id: number): DigestRunRow | undefined {
  return db.select().from(digestRuns).where(eq(digestRuns.id, id)).get();
}

/** The scheduled runs of these local dates, for the tick to skip people already done or in flight. */
export function runsOn(db: Db, localDates: readonly string[], kind: DigestKind): DigestRunRow[] {
  if (localDates.length === 0) return [];
  return db
    .select()
    .from(digestRuns)
    .where(and(eq(digestRuns.kind, kind), inArray(digestRuns.localDate, [...new Set(localDates)])))
    .all();
}
