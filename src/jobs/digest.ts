// The daily digest DM: who is due now (each in their own zone), exactly once per person and
// local date, sent through the paced queue.
//
// A tick: read every active staff member with an active caseload (or a team, for supervisors
// with the team summary on) and their settings; keep those whose digest is due now in their
// zone (catch-up included: due = the local time has been reached today); skip those whose
// scheduled run for that local date is already sent, in flight or backing off; then, one
// person at a time, claim the run (digest_runs lease), build the digest, open the DM and post
// it through the paced queue, and mark the run sent or failed. Claims are taken right before
// each send, so a lease only has to cover one person's send. The caseloads of everyone due in
// one zone are computed up front in one engine pass (`caseloadsDue`).
//
// Safe with two ticks, a restart or two processes on one database file: only the claimer
// sends. Nothing here reads the wall clock for business logic: `deps.clock` decides.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import { and, asc, eq, sql } from 'drizzle-orm';
import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Db } from '../db/connection';
import { digestSettings, staff } from '../db/schema';
import type { Clock } from '../domain/clock';
import { isTimeZone } from '../domain/dates';
import { digestDue, scheduleFromSettings, type DigestSchedule } from '../domain/digest-schedule';
import type { HolidayCalendar } from '../domain/holidays';
import type { ProfileId, ProgramProfile } from '../domain/profiles';
import { caseloadDue, caseloadsDue, countItems, dueContext, type CaseloadDue } from '../due/engine';
import { digestAsPlainText, digestMessage, isDigestEmpty, type DigestContent, type DigestMessage, type TeamSummaryRow } from '../slack/digest/views';
import { claimRun, DEFAULT_LEASE_MS, getRunById, markFailed, markSent, runsOn } from './digest-runs';
import { PacedQueue, SlackCallError, slackErrorCode, type PacedQueueOptions } from './paced-queue';

export type DigestLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export interface DigestDeps {
  db: Db;
  /** Build it with `createSlackClient` (no SDK retries; the queue owns them). */
  client: WebClient;
  profiles: Record<ProfileId, ProgramProfile>;
  clock: Clock;
  holidays: HolidayCalendar;
  /** This process's lease token: `processOwner()`. */
  owner: string;
  logger: DigestLogger;
  /** Zone of staff whose Slack profile gave none. */
  agencyTz: string;
  /** One queue per process (the scheduler keeps one across ticks). Default: a new one per call. */
  queue?: PacedQueue;
  /** Lease length (default 15 minutes). */
  leaseMs?: number;
  /** A scheduled run is attempted at most this many times a day (default 8). */
  maxAttempts?: number;
  /** For a `slack://` link to the App Home in the digest (optional). */
  appHome?: { teamId: string; appId: string };
  /** DM channel ids already opened by this process (staff id → channel); the scheduler keeps one. */
  dmChannels?: Map<string, string>;
}

/** Errors after which a remembered DM channel id is forgotten (and opened again next time). */
const STALE_CHANNEL_ERRORS = new Set(['channel_not_found', 'is_archived', 'not_in_channel', 'cannot_dm_bot']);

/**
 * Paces for Slack's limits: at most 20 calls/s overall, chat.postMessage at 300/min (the
 * workspace cap is "several hundred a minute"), conversations.open at 50/min (Tier 3; only
 * the first DM to a person per process opens it — the channel id is remembered).
 */
export const DIGEST_PACE: Pick<PacedQueueOptions, 'minIntervalMs' | 'methodIntervalMs'> = {
  minIntervalMs: 50,
  methodIntervalMs: { 'chat.postMessage': 200, 'conversations.open': 1_200 },
};
/**
 * The server: 3 retries per call, Retry-After ≤ 60 s (one person's send stays well inside the
 * 15-minute lease); a longer wait fails the run, which a later tick retries with back-off.
 */
export const SCHEDULER_QUEUE: PacedQueueOptions = { ...DIGEST_PACE, maxRetries: 3, maxRetryAfterMs: 60_000 };
/**
 * The CLI gives up in minutes, not Slack's 30-minute default: 3 retries per call,
 * Retry-After ≤ 60 s, and at most 3 minutes of Retry-After waiting in all.
 */
export const CLI_QUEUE: PacedQueueOptions = { ...DIGEST_PACE, maxRetries: 3, maxRetryAfterMs: 60_000, maxTotalRetryWaitMs: 180_000 };

const DEFAULT_MAX_ATTEMPTS = 8;
/** How long a caseload built in the tick's batch stays good enough to send. */
export const BATCH_FRESH_MS = 60_000;
const RETRY_BASE_MS = 60_000;
const RETRY_MAX_MS = 60 * 60_000;

/** A lease token unique to this process: host, pid and a random part. */
export function processOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

interface Candidate {
  staffId: string;
  tz: string;
  schedule: DigestSchedule;
  hasCaseload: boolean;
  hasTeam: boolean;
}

function zoneOf(tz: string | null, agencyTz: string): string {
  return tz && isTimeZone(tz) ? tz : agencyTz;
}

/** Active staff with their settings, and whether they have an active caseload or a team. */
function loadCandidates(deps: DigestDeps, onlyStaffId?: string): Candidate[] {
  const hasCaseload = sql<number>`exists (select 1 from assignments a join participants p on p.id = a.participant_id where a.staff_id = ${staff.slackUserId} and p.status = 'active')`;
  const hasTeam = sql<number>`exists (select 1 from staff t where t.supervisor_id = ${staff.slackUserId} and t.active = 1)`;
  const rows = deps.db
    .select({ staffId: staff.slackUserId, tz: staff.tz, settings: digestSettings, hasCaseload, hasTeam })
    .from(staff)
    .leftJoin(digestSettings, eq(digestSettings.staffId, staff.slackUserId))
    .where(and(eq(staff.active, true), onlyStaffId ? eq(staff.slackUserId, onlyStaffId) : undefined))
    .orderBy(asc(staff.slackUserId))
    .all();
  return rows.map((r) => ({
    staffId: r.staffId,
    tz: zoneOf(r.tz, deps.agencyTz),
    schedule: scheduleFromSettings(r.settings),
    hasCaseload: Boolean(r.hasCaseload),
    hasTeam: Boolean(r.hasTeam),
  }));
}

const wantsTeam = (c: Candidate) => c.schedule.teamSummary && c.hasTeam;

/** Per-worker figures for a supervisor's team (snoozed compliance items count, as in all supervisor figures). */
function teamSummary(deps: DigestDeps, supervisorId: string, now: Date, tz: string): TeamSummaryRow[] {
  const ctx = dueContext(now, tz, deps.holidays);
  const members = deps.db
    .select({ id: staff.slackUserId })
    .from(staff)
    .where(and(eq(staff.supervisorId, supervisorId), eq(staff.active, true)))
    .orderBy(asc(staff.slackUserId))
    .all();
  return members
    .map(({ id }) => {
      const due = caseloadDue(deps.db, id, deps.profiles, ctx, { forFigures: true });
      const counts = countItems(due.entries.flatMap((e) => e.items), ctx.today);
      return { staffId: id, overdue: counts.overdue, dueToday: counts.dueToday, participantsOverdue: counts.participantsOverdue, active: due.counts.active };
    })
    .sort((a, b) => b.overdue - a.overdue || a.staffId.localeCompare(b.staffId));
}

/**
 * What one person's digest says at `now` (their zone decides "today"). `caseload` is their
 * caseload already built in a batch (`caseloadsDue`) for the same zone and moment.
 */
export function buildDigest(deps: DigestDeps, person: { staffId: string; tz: string; team: boolean }, now: Date, caseload?: CaseloadDue): DigestContent {
  const ctx = dueContext(now, person.tz, deps.holidays);
  const due = caseload ?? caseloadDue(deps.db, person.staffId, deps.profiles, ctx);
  return {
    localDate: ctx.today,
    counts: due.counts,
    entries: due.entries,
    team: person.team ? teamSummary(deps, person.staffId, now, person.tz) : undefined,
    appHome: deps.appHome,
  };
}

/** conversations.open, then chat.postMessage to the returned channel, both through the queue. */
async function deliver(deps: DigestDeps, queue: PacedQueue, staffId: string, message: DigestMessage, run: { id: number; kind: string; localDate: string }) {
  let channel = deps.dmChannels?.get(staffId);
  if (!channel) {
    const opened = await queue.run('conversations.open', () => deps.client.conversations.open({ users: staffId }), { retryTransient: true });
    channel = opened.channel?.id;
    if (!channel) throw new SlackCallError('no_channel', 'conversations.open', 1);
    deps.dmChannels?.set(staffId, channel);
  }
  const dm = channel;
  const posted = await queue.run('chat.postMessage', () =>
    deps.client.chat.postMessage({
      channel: dm,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
      // Lets a run whose lease expired mid-send be recognised in the DM's history.
      metadata: { event_type: 'tickler_digest', event_payload: { run_id: run.id, kind: run.kind, local_date: run.localDate } },
    }),
  ).catch((err: unknown) => {
    if (STALE_CHANNEL_ERRORS.has(slackErrorCode(err))) deps.dmChannels?.delete(staffId);
    throw err;
  });
  if (!posted.ts) throw new SlackCallError('no_ts', 'chat.postMessage', 1);
  return { channel: posted.channel ?? dm, ts: posted.ts };
}

function queueFor(deps: DigestDeps, defaults: PacedQueueOptions): PacedQueue {
  return deps.queue ?? new PacedQueue(defaults);
}

function retryDelay(attempts: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

export interface DigestTickReport {
  /** Instant of the tick (the injected clock). */
  at: string;
  /** People whose digest is due now and not yet done. */
  due: number;
  sent: string[];
  /** Runs completed without a message (nothing due, empty digests off). */
  empty: string[];
  failed: Array<{ staffId: string; error: string }>;
  /** Claimed by another tick or process. */
  busy: string[];
  /** The tick was skipped, or stopped early, because Slack asked us to wait (429). */
  skipped?: 'rate_limited';
}

/** One scheduler tick. Idempotent; run it as often as you like, from as many processes as you like. */
export async function runDigestTick(deps: DigestDeps, opts: { staffId?: string } = {}): Promise<DigestTickReport> {
  const now = deps.clock.now();
  const report: DigestTickReport = { at: now.toISOString(), due: 0, sent: [], empty: [], failed: [], busy: [] };
  const queue = queueFor(deps, SCHEDULER_QUEUE);
  if (queue.pausedForMs() > 0) {
    deps.logger.info({ pausedForMs: Math.round(queue.pausedForMs()) }, 'digest tick skipped: Slack asked us to wait');
    return { ...report, skipped: 'rate_limited' };
  }
  const maxAttempts = deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;

  const due = loadCandidates(deps, opts.staffId)
    .filter((c) => c.hasCaseload || wantsTeam(c))
    .map((c) => ({ ...c, when: digestDue(c.schedule, c.tz, deps.holidays, now) }))
    .filter((c) => c.when.dueNow);
  // Skip, without a write, whoever is done for the day, in flight, backing off or out of attempts.
  const runs = new Map(runsOn(deps.db, due.map((c) => c.when.localDate), 'scheduled').map((r) => [`${r.staffId}|${r.localDate}`, r]));
  const nowIso = now.toISOString();
  const open = due.filter((c) => {
    const run = runs.get(`${c.staffId}|${c.when.localDate}`);
    if (!run) return true;
    if (run.state === 'sent' || run.attempts >= maxAttempts) return false;
    return run.leaseExpiresAt === null || run.leaseExpiresAt < nowIso;
  });
  report.due = open.length;

  // Everyone due now in one zone shares "today": their caseloads are built in one engine pass.
  const caseloads = new Map<string, CaseloadDue>();
  const zones = new Map<string, string[]>();
  for (const person of open) if (person.hasCaseload) zones.set(person.tz, [...(zones.get(person.tz) ?? []), person.staffId]);
  for (const [tz, ids] of zones) {
    try {
      for (const [id, caseload] of caseloadsDue(deps.db, ids, deps.profiles, dueContext(now, tz, deps.holidays))) caseloads.set(id, caseload);
    } catch (err) {
      // One bad row must not cost everyone their digest: each is then built alone, in its own try.
      deps.logger.warn({ tz, people: ids.length, error: (err as Error)?.name }, 'digest batch build failed; building one at a time');
    }
  }

  for (const person of open) {
    // Slack asked for a longer pause than the queue waits: leave the rest unclaimed for a later tick.
    if (queue.rejecting()) {
      report.skipped = 'rate_limited';
      break;
    }
    const localDate = person.when.localDate;
    // A long tick reaches later people minutes after it started: lease from the time of the claim.
    const claimedAt = deps.clock.now();
    const runId = claimRun(deps.db, { staffId: person.staffId, localDate, kind: 'scheduled', owner: deps.owner, now: claimedAt, leaseMs, maxAttempts });
    if (runId === null) {
      report.busy.push(person.staffId);
      continue;
    }
    const attempts = getRunById(deps.db, runId)?.attempts ?? 1;
    try {
      // Paced sending can reach later people minutes after the batch: past BATCH_FRESH_MS, build anew.
      const batched = claimedAt.getTime() - now.getTime() <= BATCH_FRESH_MS ? caseloads.get(person.staffId) : undefined;
      const content = buildDigest(deps, { staffId: person.staffId, tz: person.tz, team: wantsTeam(person) }, batched ? now : claimedAt, batched);
      if (isDigestEmpty(content) && !person.schedule.sendWhenEmpty) {
        markSent(deps.db, runId, deps.owner, null, deps.clock.now());
        report.empty.push(person.staffId);
        continue;
      }
      const posted = await deliver(deps, queue, person.staffId, digestMessage(content), { id: runId, kind: 'scheduled', localDate });
      markSent(deps.db, runId, deps.owner, posted, deps.clock.now());
      report.sent.push(person.staffId);
    } catch (err) {
      const error = slackErrorCode(err);
      markFailed(deps.db, runId, deps.owner, error, deps.clock.now(), { retryAfterMs: retryDelay(attempts) });
      report.failed.push({ staffId: person.staffId, error });
      deps.logger.warn({ staffId: person.staffId, runId, attempts, error }, 'digest send failed; a later tick retries');
    }
  }
  if (report.due || report.failed.length) {
    deps.logger.info({ due: report.due, sent: report.sent.length, empty: report.empty.length, failed: report.failed.length, busy: report.busy.length }, 'digest tick');
  }
  return report;
}

/**
 * Ticks every minute (node-cron) and once at start-up (catch-up after downtime). Returns a
 * function that stops the schedule and waits for a running tick to finish.
 */
export function startDigestScheduler(deps: DigestDeps, opts: { cronExpression?: string; runAtStart?: boolean } = {}): () => Promise<void> {
  const withQueue: DigestDeps = { ...deps, queue: deps.queue ?? new PacedQueue(SCHEDULER_QUEUE), dmChannels: deps.dmChannels ?? new Map() };
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return running ?? Promise.resolve();
    running = runDigestTick(withQueue)
      .catch((err: unknown) => deps.logger.error({ err: { name: (err as Error)?.name, message: (err as Error)?.message } }, 'digest tick failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const task = cron.schedule(opts.cronExpression ?? '* * * * *', () => tick(), { name: 'tickler-digest', noOverlap: true });
  if (opts.runAtStart ?? true) void tick();
  return async () => {
    stopped = true;
    await task.destroy();
    await running;
  };
}

export interface ManualDigestResult {
  staffId: string;
  localDate: string | null;
  status: 'sent' | 'dry-run' | 'failed' | 'busy';
  /** Slack error code, or `not_registered` / `inactive` / `internal_error`. */
  error?: string;
  /** The rendered digest (dry run). */
  text?: string;
  channel?: string;
  ts?: string;
}

/**
 * `digest --now [--user U…] [--dry-run]`: to every active staff member with a caseload (or
 * just `userId`), whatever the day, time or settings, even when nothing is due. Records a
 * `manual` run (never the scheduled one). A dry run sends and records nothing and returns the
 * rendered text. The CLI exits non-zero when any result is `failed`.
 */
export async function sendDigestNow(deps: DigestDeps, opts: { userId?: string; dryRun: boolean }): Promise<ManualDigestResult[]> {
  const results: ManualDigestResult[] = [];
  let targets: Candidate[];
  if (opts.userId) {
    const row = deps.db.select({ id: staff.slackUserId, active: staff.active }).from(staff).where(eq(staff.slackUserId, opts.userId)).get();
    if (!row) return [{ staffId: opts.userId, localDate: null, status: 'failed', error: 'not_registered' }];
    if (!row.active) return [{ staffId: opts.userId, localDate: null, status: 'failed', error: 'inactive' }];
    targets = loadCandidates(deps, opts.userId);
  } else {
    targets = loadCandidates(deps).filter((c) => c.hasCaseload);
  }
  const queue = queueFor(deps, CLI_QUEUE);
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  for (const person of targets) {
    const now = deps.clock.now();
    let content: DigestContent;
    let message: DigestMessage;
    try {
      content = buildDigest(deps, { staffId: person.staffId, tz: person.tz, team: wantsTeam(person) }, now);
      message = digestMessage(content);
    } catch (err) {
      deps.logger.error({ staffId: person.staffId, err: { name: (err as Error)?.name, message: (err as Error)?.message } }, 'digest build failed');
      results.push({ staffId: person.staffId, localDate: null, status: 'failed', error: 'internal_error' });
      continue;
    }
    if (opts.dryRun) {
      results.push({ staffId: person.staffId, localDate: content.localDate, status: 'dry-run', text: digestAsPlainText(message) });
      continue;
    }
    const runId = claimRun(deps.db, { staffId: person.staffId, localDate: content.localDate, kind: 'manual', owner: deps.owner, now, leaseMs, resend: true });
    if (runId === null) {
      results.push({ staffId: person.staffId, localDate: content.localDate, status: 'busy' });
      continue;
    }
    try {
      const posted = await deliver(deps, queue, person.staffId, message, { id: runId, kind: 'manual', localDate: content.localDate });
      markSent(deps.db, runId, deps.owner, posted, deps.clock.now());
      results.push({ staffId: person.staffId, localDate: content.localDate, status: 'sent', ...posted });
    } catch (err) {
      const error = slackErrorCode(err);
      markFailed(deps.db, runId, deps.owner, error, deps.clock.now());
      results.push({ staffId: person.staffId, localDate: content.localDate, status: 'failed', error });
    }
  }
  return results;
}
