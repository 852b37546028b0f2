// The digest claim protocol on a real SQLite file, through TWO connections (two processes).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../src/db/connection';
import { digestRuns } from '../../src/db/schema';
import { claimRun, getRun, getRunById, markFailed, markSent, runsOn, type ClaimRequest } from '../../src/jobs/digest-runs';
import { addStaff, tempDatabase } from '../harness/db';

const WORKER = 'U0WORKER01';
const T0 = new Date('2026-11-23T14:00:00.000Z');
const LEASE = 10 * 60_000;
const plus = (ms: number) => new Date(T0.getTime() + ms);

describe('digest_runs claim protocol (two connections on one file)', () => {
  let files: ReturnType<typeof tempDatabase>;
  let a: Db;
  let b: Db;

  const req = (owner: string, over: Partial<ClaimRequest> = {}): ClaimRequest => ({
    staffId: WORKER,
    localDate: '2026-11-23',
    kind: 'scheduled',
    owner,
    now: T0,
    leaseMs: LEASE,
    ...over,
  });

  beforeEach(() => {
    files = tempDatabase();
    addStaff(files.db, WORKER);
    a = files.db;
    b = openDatabase(files.path);
  });
  afterEach(() => {
    closeDatabase(b);
    files.cleanup();
  });

  it('lets exactly one of two claimers win, and counts the attempt', () => {
    const first = claimRun(a, req('process-a'));
    const second = claimRun(b, req('process-b'));
    expect(first).toEqual(expect.any(Number));
    expect(second).toBeNull();
    // The winner's own retry within the lease does not win twice either.
    expect(claimRun(a, req('process-a', { now: plus(1000) }))).toBeNull();
    const row = getRunById(b, first!)!;
    expect(row).toMatchObject({ state: 'pending', leaseOwner: 'process-a', leaseExpiresAt: plus(LEASE).toISOString(), attempts: 1, createdAt: T0.toISOString() });
    expect(b.select().from(digestRuns).all()).toHaveLength(1);
  });

  it('interleaved claims from many "processes" at the same instant still produce one winner', () => {
    const winners = [a, b, a, b, a, b].map((db, i) => claimRun(db, req(`p${i}`))).filter((id) => id !== null);
    expect(winners).toHaveLength(1);
  });

  it('re-claims an expired lease (the holder died mid-send), but not a live one', () => {
    const id = claimRun(a, req('process-a'))!;
    expect(claimRun(b, req('process-b', { now: plus(LEASE) }))).toBeNull(); // exactly at expiry: still held
    expect(claimRun(b, req('process-b', { now: plus(LEASE + 1) }))).toBe(id);
    expect(getRunById(a, id)).toMatchObject({ leaseOwner: 'process-b', attempts: 2, state: 'pending' });
    // The old holder can no longer mark it failed (it lost the lease)…
    expect(markFailed(a, id, 'process-a', 'channel_not_found', plus(LEASE + 2))).toBe(false);
    expect(getRunById(a, id)).toMatchObject({ leaseOwner: 'process-b', state: 'pending' });
  });

  it('never re-claims a sent run, even after its lease would have expired', () => {
    const id = claimRun(a, req('process-a'))!;
    expect(markSent(a, id, 'process-a', { channel: 'D0001', ts: '1700000000.000100' }, plus(2000))).toBe(true);
    expect(getRunById(b, id)).toMatchObject({ state: 'sent', slackChannelId: 'D0001', slackMessageTs: '1700000000.000100', sentAt: plus(2000).toISOString(), leaseExpiresAt: null });
    expect(claimRun(b, req('process-b', { now: plus(LEASE * 10) }))).toBeNull();
    expect(claimRun(a, req('process-a', { now: plus(LEASE * 10) }))).toBeNull();
    expect(markSent(b, id, 'process-b', { channel: 'D0001', ts: '1700000000.000200' }, plus(3000))).toBe(false);
    expect(markFailed(a, id, 'process-a', 'x', plus(3000))).toBe(false);
    expect(getRunById(a, id)?.slackMessageTs).toBe('1700000000.000100');
  });

  it('makes a failed run claimable again by a later tick (after its back-off), with the error kept', () => {
    const id = claimRun(a, req('process-a'))!;
    expect(markFailed(a, id, 'process-a', 'channel_not_found', plus(1000), { retryAfterMs: 60_000 })).toBe(true);
    expect(getRunById(b, id)).toMatchObject({ state: 'failed', lastError: 'channel_not_found', leaseOwner: null, leaseExpiresAt: plus(61_000).toISOString() });
    expect(claimRun(b, req('process-b', { now: plus(30_000) }))).toBeNull(); // still backing off
    expect(claimRun(b, req('process-b', { now: plus(61_001) }))).toBe(id);
    expect(getRunById(a, id)).toMatchObject({ state: 'pending', leaseOwner: 'process-b', attempts: 2 });
    // Without a back-off, any later tick can retry.
    expect(markFailed(b, id, 'process-b', 'ratelimited', plus(62_000))).toBe(true);
    expect(claimRun(a, req('process-a', { now: plus(62_001) }))).toBe(id);
  });

  it('gives up on a run after maxAttempts', () => {
    const id = claimRun(a, req('p', { maxAttempts: 2 }))!;
    markFailed(a, id, 'p', 'e', plus(1));
    expect(claimRun(b, req('p', { now: plus(2), maxAttempts: 2 }))).toBe(id);
    markFailed(b, id, 'p', 'e', plus(3));
    expect(claimRun(a, req('p', { now: plus(4), maxAttempts: 2 }))).toBeNull();
    expect(getRunById(a, id)).toMatchObject({ state: 'failed', attempts: 2 });
  });

  it('keys runs by person, local date and kind: a manual run never uses up the scheduled one', () => {
    const manual = claimRun(a, req('cli', { kind: 'manual' }))!;
    markSent(a, manual, 'cli', { channel: 'D1', ts: '1.1' }, plus(1));
    const scheduled = claimRun(b, req('bot'));
    expect(scheduled).not.toBeNull();
    expect(scheduled).not.toBe(manual);
    // The next local date is a new run; so is another person.
    addStaff(a, 'U0WORKER02');
    expect(claimRun(a, req('bot', { localDate: '2026-11-24' }))).not.toBeNull();
    expect(claimRun(b, req('bot', { staffId: 'U0WORKER02' }))).not.toBeNull();
    expect(runsOn(a, ['2026-11-23'], 'scheduled').map((r) => r.staffId).sort()).toEqual([WORKER, 'U0WORKER02']);
    expect(getRun(b, WORKER, '2026-11-23', 'manual')?.state).toBe('sent');
  });

  it('lets a later `digest --now` the same day re-claim the manual row (resend), never a scheduled one', () => {
    const id = claimRun(a, req('cli', { kind: 'manual' }))!;
    markSent(a, id, 'cli', { channel: 'D1', ts: '1.1' }, plus(1));
    expect(claimRun(b, req('cli-2', { kind: 'manual', now: plus(5) }))).toBeNull();
    expect(claimRun(b, req('cli-2', { kind: 'manual', now: plus(5), resend: true }))).toBe(id);
    expect(getRunById(a, id)).toMatchObject({ state: 'pending', attempts: 2, slackMessageTs: null });
    // …but not while another --now holds it.
    expect(claimRun(a, req('cli-3', { kind: 'manual', now: plus(6), resend: true }))).toBeNull();
    expect(() => claimRun(a, req('bot', { resend: true }))).toThrow(/manual/);
  });

  it('records "nothing to send" as a completed run without a message', () => {
    const id = claimRun(a, req('bot'))!;
    expect(markSent(a, id, 'bot', null, plus(1))).toBe(true);
    expect(getRunById(b, id)).toMatchObject({ state: 'sent', slackChannelId: null, slackMessageTs: null });
    expect(claimRun(b, req('bot', { now: plus(LEASE * 2) }))).toBeNull();
  });
});
