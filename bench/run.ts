// `npm run bench`: agency-scale data, Slack-speed acknowledgments, measured against a bare Bolt
// app (issue #7). See bench/README.md for the method. Reports; never asserts.
//
// Knobs (environment): BENCH_NOTES (1000000), BENCH_N (2000 measured per figure),
// BENCH_WARMUP (200), BENCH_ROUNDS (8), BENCH_DEADLINE_S (270), BENCH_KEEP=1 keeps the
// temporary folder (and its seed.json), BENCH_REUSE=<that folder> skips the seed (benchmark
// development only), BENCH_TRACE=1 logs every chunk.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { App } from '@slack/bolt';
import { pino } from 'pino';
import { loadConfig } from '../src/config';
import { closeDatabase, openDatabase } from '../src/db/connection';
import { digestPreferences } from '../src/db/digest-settings';
import { ftsQuery, quickEntryCandidates, saveNote, searchNotes } from '../src/db/notes';
import { searchParticipants } from '../src/db/participants';
import { actorFor, getStaff, listStaff } from '../src/db/staff';
import type { Actor } from '../src/domain/access';
import { systemClock } from '../src/domain/clock';
import { localDate } from '../src/domain/dates';
import { addCalendarDays } from '../src/domain/due';
import { upcomingAppointments } from '../src/due/appointments';
import { caseloadDue, caseloadsDue, dueContext } from '../src/due/engine';
import { createSlackApp, type SlackApp } from '../src/slack/app';
import { NOTE_BLOCKS, noteModal, SEARCH_PAGE_SIZE } from '../src/slack/casenote/views';
import { ACTIONS } from '../src/slack/ids';
import { manifestBotScopes } from '../test/harness/app';
import { FakeSlack } from '../test/harness/fake-slack';
import { startBareApp } from './bare-app';
import { explainOperation, type ExplainedStatement } from './capture';
import { createRng } from './prng';
import {
  appHomeOpenedRequest,
  BENCH_CHANNEL,
  blockSuggestionRequest,
  commandRequest,
  slackView,
  stateFor,
  viewSubmissionRequest,
  type BenchRequest,
} from './requests';
import type { SeedResult } from './seed';
import { fmtMs, round, summarize, table, type Summary } from './stats';
import { buildVocabulary, TextGenerator } from './vocabulary';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH_DIR, '..');
const SIGNING_SECRET = 'bench-signing-secret-5c1e';
const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const OPTS = {
  notes: env('BENCH_NOTES', 1_000_000),
  n: env('BENCH_N', 2000),
  warmup: env('BENCH_WARMUP', 200),
  rounds: env('BENCH_ROUNDS', 8),
  deadlineMs: env('BENCH_DEADLINE_S', 270) * 1000,
};

export const TARGETS = {
  ackP99Ms: 50,
  ackP99VsBare: 1.5,
  caseloadServerMs: 20,
  searchMs: 50,
  digestAllStaffMs: 1000,
  startupMs: 2000,
  rssMb: 200,
} as const;

const startedAt = performance.now();

/** Pauses of this process: garbage collections and event-loop gaps (> 60 ms), epoch ms. */
const gcPauses: Array<[number, number, number]> = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.duration > 20) gcPauses.push([performance.timeOrigin + e.startTime, performance.timeOrigin + e.startTime + e.duration, (e as { detail?: { kind?: number } }).detail?.kind ?? 0]);
  }
}).observe({ entryTypes: ['gc'] });
const loopGaps: Array<[number, number]> = [];
{
  let last = performance.timeOrigin + performance.now();
  setInterval(() => {
    const now = performance.timeOrigin + performance.now();
    if (now - last > 60) loopGaps.push([last, now]);
    last = now;
  }, 10).unref();
}
const elapsed = () => performance.now() - startedAt;
const epochNow = () => performance.timeOrigin + performance.now();
const log = (msg: string) => process.stderr.write(`[bench ${(elapsed() / 1000).toFixed(1).padStart(5)} s] ${msg}\n`);

// ------------------------------------------------------------------------------ processes

function tsxArgs(file: string, args: string[] = []): string[] {
  return ['--import', 'tsx', file, ...args];
}

async function runSeed(dbPath: string): Promise<SeedResult> {
  const child = spawn(process.execPath, tsxArgs(join(BENCH_DIR, 'seed.ts'), [dbPath, '--notes', String(OPTS.notes)]), {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, SEED_MMAP_MB: process.env.SEED_MMAP_MB ?? '4096', SEED_CACHE_MB: process.env.SEED_CACHE_MB ?? '256' },
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const code = await new Promise<number | null>((res) => child.on('close', res));
  if (code !== 0) throw new Error(`seed failed (exit ${code})`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as SeedResult;
}

interface ClientResult {
  ms: number;
  status: number;
  t0: number;
  bytes: number;
  reused: boolean;
  error?: string;
}

/** The separate load-client process, driven one message at a time over its stdin/stdout. */
class LoadClient {
  private readonly child;
  private readonly pending = new Map<number, (r: ClientResult[]) => void>();
  private nextId = 1;
  /** Intervals (epoch ms) in which the client process itself was not running. */
  readonly stalls: Array<[number, number]> = [];

  constructor() {
    this.child = spawn(process.execPath, tsxArgs(join(BENCH_DIR, 'client.ts')), {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, BENCH_SIGNING_SECRET: SIGNING_SECRET },
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const msg = JSON.parse(line) as { id: number; results: ClientResult[]; stalls?: Array<[number, number]> };
      if (msg.stalls) this.stalls.push(...msg.stalls);
      this.pending.get(msg.id)?.(msg.results);
      this.pending.delete(msg.id);
    });
  }

  send(port: number, reqs: Array<BenchRequest & { benchId: string }>): Promise<ClientResult[]> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.stdin.write(`${JSON.stringify({ op: 'send', id, port, reqs: reqs.map((r) => ({ body: r.body, contentType: r.contentType, benchId: r.benchId })) })}\n`);
    });
  }

  async close(): Promise<void> {
    this.child.stdin.write(`${JSON.stringify({ op: 'exit' })}\n`);
    await new Promise((res) => this.child.on('close', res));
  }
}

/** Peak RSS (VmHWM) of a process, in MB; null where /proc is not available. */
function peakRssOf(pid: number | undefined): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

interface AppProcess {
  ms: number;
  port: number;
  startupPeakRssMb: number | null;
  peakRssMb(): number | null;
  stop(): Promise<void>;
}

/**
 * Process start-up as an operator sees it: spawn `src/main.ts` (tsx, as `npm start` does) on the
 * big file → /healthz 200. The process is kept for a short load at the end, so the RSS target
 * is judged on the app alone.
 */
async function startAppProcess(dbPath: string, fake: FakeSlack): Promise<AppProcess | { error: string }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, tsxArgs(join(ROOT, 'src/main.ts')), {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      DATABASE_PATH: dbPath,
      PORT: '0',
      LOG_LEVEL: 'info',
      AGENCY_TZ: 'America/Chicago',
    },
  });
  child.stderr.resume();
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((res) => (child.exitCode !== null ? res(null) : child.on('close', res)));
  };
  try {
    const port = await new Promise<number>((res, rej) => {
      const timer = setTimeout(() => rej(new Error('no "Tickler is running" line within 20 s')), 20_000);
      createInterface({ input: child.stdout }).on('line', (line) => {
        try {
          const j = JSON.parse(line) as { msg?: string; port?: number };
          if (j.msg === 'Tickler is running' && j.port) {
            clearTimeout(timer);
            res(j.port);
          }
        } catch {
          // not a log line
        }
      });
      child.on('close', (code) => rej(new Error(`src/main.ts exited (${code})`)));
    });
    for (;;) {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
      if (r?.status === 200) break;
      if (performance.now() - t0 > 20_000) throw new Error('/healthz never answered 200');
      await new Promise((res) => setTimeout(res, 10));
    }
    return { ms: performance.now() - t0, port, startupPeakRssMb: peakRssOf(child.pid), peakRssMb: () => peakRssOf(child.pid), stop };
  } catch (err) {
    await stop();
    return { error: (err as Error).message };
  }
}

// ------------------------------------------------------------------------- timing hooks

interface ServerTiming {
  arrive: number;
  finish?: number;
}

/** Server-side ack time: request event → response handed to the socket, keyed by the client's X-Bench-Id. */
function hookServer(server: Server, sink: Map<string, ServerTiming>): void {
  server.prependListener('request', (req, res) => {
    const id = req.headers['x-bench-id'];
    if (typeof id !== 'string') return;
    const rec: ServerTiming = { arrive: epochNow() };
    sink.set(id, rec);
    // The moment the app hands its answer to the socket ('finish' would wait for any
    // synchronous work the listener does right after the ack).
    const end = res.end;
    res.end = function (this: typeof res, ...args: unknown[]) {
      rec.finish ??= epochNow();
      return (end as (...a: unknown[]) => typeof res).apply(this, args);
    } as typeof res.end;
  });
}

/** Counts requests Bolt is still processing (ack sent or not), so the next request waits for quiet. */
function trackInFlight(app: App): { idle(timeoutMs: number): Promise<void> } {
  let inFlight = 0;
  let waiters: Array<() => void> = [];
  const original = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    inFlight++;
    try {
      return await original(event);
    } finally {
      if (--inFlight === 0) {
        const w = waiters;
        waiters = [];
        for (const f of w) f();
      }
    }
  };
  return {
    idle(timeoutMs) {
      if (inFlight === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}

/**
 * Drops what the fake Slack keeps about past requests (messages posted through response URLs,
 * issued trigger ids and URLs, views) once a chunk is answered, so its memory — and the garbage
 * collector's work in this process, which the app shares — does not grow with the run.
 */
function pruneFake(fake: FakeSlack): void {
  const f = fake as unknown as { messages: unknown[]; triggers: Map<string, unknown>; responseUrls: Map<string, unknown>; views: Map<string, unknown>; viewMeta: Map<string, unknown>; stacks: Map<string, unknown>; homeByUser: Map<string, unknown> };
  f.messages.length = 0;
  for (const m of [f.triggers, f.responseUrls, f.views, f.viewMeta, f.stacks, f.homeByUser]) m.clear();
  fake.reset();
}

interface FollowUp {
  arrive: number;
  done: number;
  status: number;
}

/** Arrivals at the fake Slack: a response_url post (by path) or a views.publish. */
class FollowUps {
  private readonly waiting = new Map<string, (f: FollowUp) => void>();
  stray = 0;

  constructor(server: Server) {
    server.prependListener('request', (req, res) => {
      const arrive = epochNow();
      const path = (req.url ?? '').split('?')[0] ?? '';
      const key = path === '/api/views.publish' ? 'publish' : path;
      res.once('finish', () => {
        const w = this.waiting.get(key);
        if (w) {
          this.waiting.delete(key);
          w({ arrive, done: epochNow(), status: res.statusCode });
        } else if (key === 'publish' || key.startsWith('/response/')) this.stray++;
      });
    });
  }

  /** Call before sending the request that should cause it. */
  expect(key: string, timeoutMs: number): Promise<FollowUp | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        resolve(null);
      }, timeoutMs);
      this.waiting.set(key, (f) => {
        clearTimeout(timer);
        resolve(f);
      });
    });
  }
}

// ------------------------------------------------------------------------------ figures

type Kind = 'command' | 'view_submission' | 'block_suggestion' | 'event';

interface Figure {
  key: string;
  label: string;
  kind: Kind;
  target: 'ours' | 'bare';
  build: () => BenchRequest;
  /** What to wait for after the ack before the next request: the response_url post, or views.publish. */
  follow: 'response' | 'publish' | null;
  /** Quick entries and modal notes refresh the App Home 400 ms later: wait for it after each chunk. */
  drainPublish: boolean;
  /** Measured requests wanted (the method's 2,000; 400 for search) and planned after the time budget. */
  want: number;
  n: number;
  warmup: number;
  /** Wall time of one request in the lockstep loop (ack + follow-up + quiet), from calibration. */
  costMs: number;
  /** True when the time budget gave this figure fewer than `want` requests. */
  limited: boolean;
  /** Fixed time a chunk of this figure adds beyond its requests (waiting for the App Home refresh). */
  chunkOverheadMs: number;
  samples: Array<{ ack: number; serverAck: number; follow: number; status: number; followOk: boolean; reused: boolean; at: number; t0: number; stalled?: boolean }>;
  errors: number;
}

// ------------------------------------------------------------------------------ main

async function main(): Promise<void> {
  const machine = {
    os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    totalMemoryMb: Math.round(os.totalmem() / 1024 / 1024),
    loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
  };
  log(`machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.totalMemoryMb} MB, node ${machine.node}, load ${machine.loadAverageAtStart.join(' ')}`);
  // BENCH_REUSE=<folder kept by BENCH_KEEP=1> skips the seed (for working on the benchmark only:
  // the earlier run's writes are in that file, so its figures are not comparable).
  const reuse = process.env.BENCH_REUSE;
  const dir = reuse ?? mkdtempSync(join(os.tmpdir(), 'tickler-bench-'));
  const dbPath = join(dir, 'tickler.db');

  // 1. Seed (in a child process, so its memory is not the app's).
  log(reuse ? `reusing ${dbPath} (no seed)` : `seeding ${OPTS.notes.toLocaleString('en-US')} notes into ${dbPath} …`);
  const seed: SeedResult = reuse ? (JSON.parse(readFileSync(join(dir, 'seed.json'), 'utf8')) as SeedResult) : await runSeed(dbPath);
  if (process.env.BENCH_KEEP && !reuse) writeFileSync(join(dir, 'seed.json'), JSON.stringify(seed));
  log(`seeded in ${fmtMs(seed.ms.total)} (insert ${fmtMs(seed.ms.generateAndInsert)}, indexes ${fmtMs(seed.ms.indexes)}, FTS rebuild ${fmtMs(seed.ms.ftsRebuild)}), ${(seed.fileBytes / 1e6).toFixed(0)} MB`);

  // 2. Fake Slack Web API in this process.
  const fake = new FakeSlack({ scopes: manifestBotScopes() });
  await fake.start();
  fake.addChannel({ id: BENCH_CHANNEL, name: 'case-notes' });
  const followUps = new FollowUps((fake as unknown as { server: Server }).server);

  // 3. Start-up on the big file: open + migrate + createSlackApp + listen.
  const config = loadConfig({
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    DATABASE_PATH: dbPath,
    AGENCY_TZ: 'America/Chicago',
    LOG_LEVEL: 'info',
  });
  const logger = pino({ level: 'info', base: { app: 'tickler' } }, pino.destination({ dest: join(dir, 'app.log'), sync: false }));
  const s0 = performance.now();
  const db = openDatabase(dbPath);
  const s1 = performance.now();
  const slack: SlackApp = createSlackApp({ db, clock: systemClock, config, logger });
  const s2 = performance.now();
  const ourPort = (await slack.start(0))!;
  const s3 = performance.now();
  const startup = { totalMs: s3 - s0, openAndMigrateMs: s1 - s0, createAppMs: s2 - s1, listenMs: s3 - s2 };
  log(`start-up ${fmtMs(startup.totalMs)} (open+migrate ${fmtMs(startup.openAndMigrateMs)}, createSlackApp ${fmtMs(startup.createAppMs)}, listen ${fmtMs(startup.listenMs)})`);

  const bare = await startBareApp({ signingSecret: SIGNING_SECRET, botToken: fake.botToken, slackApiUrl: fake.apiUrl });
  const ourTimings = new Map<string, ServerTiming>();
  const bareTimings = new Map<string, ServerTiming>();
  hookServer((slack.app as unknown as { receiver: { server: Server } }).receiver.server, ourTimings);
  hookServer(bare.server, bareTimings);
  const ourTracker = trackInFlight(slack.app);
  const bareTracker = trackInFlight(bare.app);

  // People and words the requests use.
  const now = new Date();
  const w150 = getStaff(db, seed.worker150)!;
  const adminRow = getStaff(db, seed.admin)!;
  const cmActor: Actor = actorFor(w150, config.adminUserIds);
  const adminActor: Actor = actorFor(adminRow, config.adminUserIds);
  const tz150 = w150.tz ?? config.agencyTz;
  const w150Count = caseloadDue(db, w150.slackUserId, config.profiles, dueContext(now, tz150)).counts.active;
  // Notes are written for participants only this worker is assigned to: a note refreshes the App
  // Home of everyone assigned, and the benchmark waits for exactly one refresh after a chunk.
  const onlyW150 = new Set(
    (db.$client.prepare('SELECT participant_id AS id FROM assignments GROUP BY participant_id HAVING count(*) = 1 AND max(staff_id) = ?').all(w150.slackUserId) as Array<{ id: number }>).map((r) => r.id),
  );
  const ownParticipants = seed.worker150Participants.filter((p) => onlyW150.has(p.id));
  const withMis = ownParticipants.filter((p) => p.misId);
  const vocab = buildVocabulary();
  const gen = new TextGenerator(vocab);
  const rng = createRng(99);

  // 4. Digest build for all 200 staff, as the digest tick does it: one engine pass per zone.
  const staffRows = listStaff(db);
  const byZone = new Map<string, string[]>();
  for (const s of staffRows) byZone.set(s.tz ?? config.agencyTz, [...(byZone.get(s.tz ?? config.agencyTz) ?? []), s.slackUserId]);
  const d0 = performance.now();
  let digestEntries = 0;
  for (const [tz, ids] of byZone) for (const due of caseloadsDue(db, ids, config.profiles, dueContext(now, tz)).values()) digestEntries += due.entries.length;
  const digestMs = performance.now() - d0;
  // One person at a time (what /caseload pays), for comparison and the slowest worker.
  const perStaff: Array<{ id: string; ms: number; active: number }> = [];
  const e0 = performance.now();
  for (const s of staffRows) {
    const t = performance.now();
    const due = caseloadDue(db, s.slackUserId, config.profiles, dueContext(now, s.tz ?? config.agencyTz));
    perStaff.push({ id: s.slackUserId, ms: performance.now() - t, active: due.counts.active });
  }
  const digestEachMs = performance.now() - e0;
  const slowestDigest = [...perStaff].sort((a, b) => b.ms - a.ms)[0]!;
  log(`digest build for ${staffRows.length} staff: ${fmtMs(digestMs)} in ${byZone.size} zone passes (${digestEntries} caseload rows); one at a time ${fmtMs(digestEachMs)}, slowest ${slowestDigest.id} ${fmtMs(slowestDigest.ms)}`);

  // 5. Search terms, their hit counts, and searchNotes in-process.
  const rare = seed.rareEmployers[0]!.toLowerCase();
  const terms = [
    { key: 'rare', text: rare },
    { key: 'common', text: 'participant' },
    { key: 'two-term', text: 'housing voucher' },
  ];
  const hits = new Map<string, number>();
  for (const t of terms) {
    const q = ftsQuery(t.text)!;
    const n = (db.$client.prepare('SELECT count(*) AS n FROM case_notes_fts WHERE case_notes_fts MATCH ?').get(q) as { n: number }).n;
    hits.set(t.key, n);
  }
  const searchActors = [
    { key: 'cm', label: 'case manager', actor: cmActor },
    { key: 'admin', label: 'admin', actor: adminActor },
  ];
  const inProcessSearch: Record<string, { ms: Summary; hitsShown: number }> = {};
  const searchExplained: Record<string, { totalMs: number; statements: ExplainedStatement[] }> = {};
  for (const t of terms) {
    for (const a of searchActors) {
      const run = () => searchNotes(db, a.actor, t.text, { offset: 0, limit: SEARCH_PAGE_SIZE }, new Date()).hits.length;
      // The first run is captured (statements timed and explained); fast searches run twice more.
      const first = explainOperation(db, run);
      searchExplained[`${t.key}-${a.key}`] = { totalMs: first.totalMs, statements: first.statements };
      const times = [first.totalMs];
      let shown = first.result;
      if (first.totalMs < 500) {
        for (let i = 0; i < 2; i++) {
          const t0 = performance.now();
          shown = run();
          times.push(performance.now() - t0);
        }
      }
      inProcessSearch[`${t.key}-${a.key}`] = { ms: summarize(times), hitsShown: shown };
      log(`searchNotes ${t.key} (“${t.text}”, ${hits.get(t.key)} matching notes) as ${a.label}: ${fmtMs(summarize(times).p50)}`);
    }
  }

  // 6. HTTP figures.
  const today150 = localDate(now, tz150);
  const noteView = noteModal({ date: today150, contactKind: 'participant' }, { privateMetadata: '{}' }) as unknown as Record<string, unknown>;
  let seq = 0;
  const quickBody = () => {
    for (;;) {
      const body = `Reviewed ${gen.sentence(rng)} ${gen.sentence(rng)} Ref ${++seq}.`;
      if (body.length < 2900) return body;
    }
  };
  const buildQuick = () => {
    const p = withMis[seq % withMis.length]!;
    return commandRequest(fake, { command: '/casenote', text: `${p.misId} phone ${quickBody()}`, userId: w150.slackUserId });
  };
  const buildModal = () => {
    const p = ownParticipants[seq % ownParticipants.length]!;
    const responseUrl = fake.issueResponseUrl({ channelId: BENCH_CHANNEL, userId: w150.slackUserId });
    const view = noteModal({ participant: { id: p.id, label: p.fullName }, date: today150, contactKind: 'participant' }, { privateMetadata: '{}' }) as unknown as Record<string, unknown>;
    const state = stateFor(view, {
      [NOTE_BLOCKS.participant]: { type: 'external_select', selected_option: { text: { type: 'plain_text', text: p.fullName, emoji: true }, value: String(p.id) } },
      [NOTE_BLOCKS.date]: { type: 'datepicker', selected_date: today150 },
      [NOTE_BLOCKS.method]: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'Face to face', emoji: true }, value: 'face_to_face' } },
      [NOTE_BLOCKS.contactKind]: { type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: 'The participant', emoji: true }, value: 'participant' } },
      [NOTE_BLOCKS.subject]: { type: 'plain_text_input', value: gen.subject(rng, 'Face to face') },
      [NOTE_BLOCKS.body]: { type: 'plain_text_input', value: quickBody() },
      [NOTE_BLOCKS.nextSteps]: { type: 'plain_text_input', value: gen.nextSteps(rng) },
      [NOTE_BLOCKS.nextApptDate]: { type: 'datepicker', selected_date: addCalendarDays(today150, 7) },
    });
    const meta = JSON.stringify({ responseUrl, source: 'modal' });
    return { ...viewSubmissionRequest(fake, { userId: w150.slackUserId, view: slackView(fake, view, state, meta) }), responsePath: new URL(responseUrl).pathname };
  };
  const lastNames = [...new Set(seed.worker150Participants.map((p) => p.fullName.split(' ').at(-1)!.toLowerCase().normalize('NFD').replace(/\p{Diacritic}/gu, '').slice(0, 3)))];
  const buildOptions = () =>
    blockSuggestionRequest(fake, {
      userId: w150.slackUserId,
      actionId: ACTIONS.participantSearch,
      blockId: NOTE_BLOCKS.participant,
      value: lastNames[++seq % lastNames.length]!,
      view: slackView(fake, noteView, stateFor(noteView, {})),
    });
  const buildCaseload = () => commandRequest(fake, { command: '/caseload', text: '', userId: w150.slackUserId });
  const buildHome = () => appHomeOpenedRequest(fake, { userId: w150.slackUserId });
  const buildSearch = (text: string, userId: string) => () => commandRequest(fake, { command: '/casenote', text: `search ${text}`, userId });

  const mk = (f: Omit<Figure, 'samples' | 'errors' | 'n' | 'warmup' | 'want' | 'costMs' | 'limited' | 'chunkOverheadMs'> & { want?: number; costMs?: number }): Figure => ({
    want: OPTS.n,
    costMs: NaN,
    ...f,
    n: 0,
    warmup: 0,
    limited: false,
    chunkOverheadMs: 0,
    samples: [],
    errors: 0,
  });
  const ours: Figure[] = [
    mk({ key: 'quick', label: '/casenote quick entry', kind: 'command', target: 'ours', build: buildQuick, follow: 'response', drainPublish: true }),
    mk({ key: 'modal', label: 'case-note view submission', kind: 'view_submission', target: 'ours', build: buildModal, follow: 'response', drainPublish: true }),
    mk({ key: 'caseload', label: `/caseload (${w150Count} participants)`, kind: 'command', target: 'ours', build: buildCaseload, follow: 'response', drainPublish: false }),
    mk({ key: 'home', label: 'app_home_opened → views.publish', kind: 'event', target: 'ours', build: buildHome, follow: 'publish', drainPublish: false }),
    mk({ key: 'options', label: 'participant search (options)', kind: 'block_suggestion', target: 'ours', build: buildOptions, follow: null, drainPublish: false }),
  ];
  // Search: each request waits for its answer, so a search's cost is known from the in-process
  // run; at most 400 measured per query (the figure that matters is its server time).
  const searchFigures = terms.flatMap((t) =>
    searchActors.map((a) => {
      const inProc = inProcessSearch[`${t.key}-${a.key}`]!.ms.p50;
      return mk({
        key: `search-${t.key}-${a.key}`,
        label: `/casenote search ${t.key} (${a.label})`,
        kind: 'command',
        target: 'ours',
        build: buildSearch(t.text, a.key === 'cm' ? w150.slackUserId : adminRow.slackUserId),
        follow: 'response',
        drainPublish: false,
        want: Math.min(OPTS.n, 400),
        ...(inProc > 300 ? { costMs: inProc + 10 } : {}),
      });
    }),
  );
  ours.push(...searchFigures);
  const commandBuilders = [buildQuick, buildCaseload, buildSearch('bus pass', w150.slackUserId)];
  let cmdTurn = 0;
  const bareFigs: Record<Kind, Figure> = {
    command: mk({ key: 'bare-command', label: 'bare Bolt: slash command', kind: 'command', target: 'bare', build: () => commandBuilders[cmdTurn++ % commandBuilders.length]!(), follow: null, drainPublish: false }),
    view_submission: mk({ key: 'bare-view', label: 'bare Bolt: view submission', kind: 'view_submission', target: 'bare', build: buildModal, follow: null, drainPublish: false }),
    block_suggestion: mk({ key: 'bare-options', label: 'bare Bolt: options', kind: 'block_suggestion', target: 'bare', build: buildOptions, follow: null, drainPublish: false }),
    event: mk({ key: 'bare-event', label: 'bare Bolt: event', kind: 'event', target: 'bare', build: buildHome, follow: null, drainPublish: false }),
  };

  const client = new LoadClient();
  let benchSeq = 0;
  /** Sends `count` requests of a figure, one at a time; each waits for its follow-up. */
  const runChunk = async (f: Figure, count: number, record: boolean, port = f.target === 'ours' ? ourPort : bare.port) => {
    const timings = f.target === 'ours' ? ourTimings : bareTimings;
    const walls: number[] = [];
    const chunkStarted = performance.now();
    if (process.env.BENCH_TRACE) log(`chunk ${f.key} ×${count} at ${(epochNow() % 1e6).toFixed(0)}`);
    for (let i = 0; i < count; i++) {
      const wall = performance.now();
      const req = f.build();
      const benchId = `b${++benchSeq}`;
      const followKey = f.follow === 'publish' ? 'publish' : f.follow === 'response' ? req.responsePath : undefined;
      const followed = followKey ? followUps.expect(followKey, 15_000) : Promise.resolve(null);
      const [res] = await client.send(port, [{ ...req, benchId }]);
      const fu = await followed;
      // Quiet before the next request: the listener has finished and the loop has turned once.
      await (f.target === 'ours' ? ourTracker : bareTracker).idle(15_000);
      await new Promise((res) => setImmediate(res));
      const st = timings.get(benchId);
      timings.delete(benchId);
      if (!res || res.status !== 200 || (followKey && (!fu || fu.status !== 200))) f.errors++;
      if (record && res) {
        f.samples.push({
          ack: res.ms,
          serverAck: st?.finish !== undefined ? st.finish - st.arrive : NaN,
          follow: fu && st ? fu.arrive - st.arrive : NaN,
          status: res.status,
          followOk: !followKey || fu?.status === 200,
          reused: res.reused,
          at: round(elapsed() / 1000, 1),
          t0: res.t0,
        });
      }
      walls.push(performance.now() - wall);
    }
    if (f.drainPublish) {
      // The debounced App Home refresh (400 ms after the last note), then a moment for stragglers.
      await followUps.expect('publish', 2000);
      while (await followUps.expect('publish', 150)) {
        // another refresh arrived; keep waiting until quiet
      }
    }
    pruneFake(fake);
    // The time plan needs the mean wall time per request, and the chunk's own fixed cost (the
    // App Home refresh it waits for) apart.
    const sum = walls.reduce((a, b) => a + b, 0);
    if (count > 0) f.chunkOverheadMs = Math.max(0, performance.now() - chunkStarted - sum);
    return count > 0 ? sum / count : NaN;
  };

  const groups: Array<{ bare: Figure; ours: Figure[] }> = (['command', 'view_submission', 'block_suggestion', 'event'] as Kind[]).map((k) => ({
    bare: bareFigs[k],
    ours: ours.filter((f) => f.kind === k),
  }));
  const allFigures = [...Object.values(bareFigs), ...ours];

  // Calibrate: a few requests per figure (part of the warm-up) give each one's cost in the loop.
  const CALIBRATION = 10;
  for (const f of allFigures) {
    if (Number.isFinite(f.costMs)) continue;
    f.costMs = await runChunk(f, CALIBRATION, false);
  }
  // Plan within the time left: every figure gets its warm-up + `want` measured requests if that
  // fits; otherwise the most expensive ones share what is left equally (water-filling), and the
  // table marks them. Re-planned after the warm-up and after every round with the costs seen, so
  // a fixed (faster) figure gets its full count on the next run.
  const reserveMs = 18_000; // the app-process start-up and RSS check, and the report
  const remainingMs = () => OPTS.deadlineMs - elapsed() - reserveMs;
  const waterFill = (items: Array<{ f: Figure; wantMs: number }>, budget: number): Map<Figure, number> => {
    const sorted = [...items].sort((a, b) => a.wantMs - b.wantMs);
    let left = budget;
    let cap = Infinity;
    for (let i = 0; i < sorted.length; i++) {
      const share = left / (sorted.length - i);
      if (sorted[i]!.wantMs > share) {
        cap = share;
        break;
      }
      left -= sorted[i]!.wantMs;
    }
    return new Map(items.map((it) => [it.f, Math.min(it.wantMs, Math.max(0, cap))]));
  };
  /** Sets each figure's total measured target `n` from what is done and the time left. */
  const replan = (includeWarmup: boolean, roundsLeft: number) => {
    const items = allFigures.map((f) => {
      const warm = includeWarmup ? Math.max(0, OPTS.warmup - CALIBRATION) : 0;
      return { f, wantMs: (Math.max(0, f.want - f.samples.length) + warm) * f.costMs };
    });
    const overheads = allFigures.reduce((sum, f) => sum + f.chunkOverheadMs * (roundsLeft + (includeWarmup ? 1 : 0)), 0);
    const budget = Math.max(5_000, remainingMs() - overheads);
    const allotted = waterFill(items, budget);
    for (const it of items) {
      const f = it.f;
      const ms = allotted.get(f)!;
      if (ms >= it.wantMs) {
        f.n = f.want;
        if (includeWarmup) f.warmup = Math.max(0, OPTS.warmup - CALIBRATION);
        continue;
      }
      f.limited = true;
      const requests = Math.floor(ms / f.costMs);
      if (includeWarmup) {
        f.warmup = requests >= 20 ? Math.round(requests * 0.1) : 0;
        f.n = Math.max(1, requests - f.warmup);
      } else f.n = Math.max(Math.min(f.samples.length + 1, f.want), f.samples.length + requests);
    }
  };
  replan(true, OPTS.rounds);
  log(`HTTP: warm-up …`);
  for (const f of allFigures) {
    const mean = await runChunk(f, f.warmup, false);
    if (f.warmup >= 3) f.costMs = mean;
  }
  replan(false, OPTS.rounds);
  log(`HTTP: ${OPTS.rounds} rounds, bare and ours alternately; planned ${allFigures.map((f) => `${f.key} ${f.n}`).join(', ')}`);
  const roundTimes: number[] = [];
  let roundsDone = 0;
  for (let r = 0; r < OPTS.rounds; r++) {
    const rt = performance.now();
    const roundsLeft = OPTS.rounds - r;
    for (const g of groups) {
      const order = r % 2 === 0 ? [g.bare, ...g.ours] : [...g.ours, g.bare];
      for (const f of order) {
        const share = Math.ceil((f.n - f.samples.length) / roundsLeft);
        if (share <= 0) continue;
        const mean = await runChunk(f, share, true);
        if (share >= 3) f.costMs = mean;
      }
    }
    roundTimes.push(performance.now() - rt);
    roundsDone++;
    log(`round ${r + 1}/${OPTS.rounds}: ${fmtMs(roundTimes.at(-1)!)}`);
    if (r + 1 < OPTS.rounds) {
      replan(false, roundsLeft - 1);
      const next = allFigures.reduce((sum, f) => sum + Math.max(0, Math.ceil((f.n - f.samples.length) / (roundsLeft - 1))) * f.costMs + f.chunkOverheadMs, 0);
      if (next > remainingMs() + 2_000) {
        log(`stopping after ${r + 1} rounds to stay within the ${OPTS.deadlineMs / 1000} s deadline`);
        break;
      }
    }
  }

  for (const f of allFigures) f.limited = f.samples.length < f.want;

  // The app in its own process, as `npm start` runs it (tsx src/main.ts, with its digest
  // scheduler): start-up time to /healthz, then a short mixed load, then its peak RSS — the figure
  // the RSS target is about (this process also holds the fake Slack and the harness). Started
  // only now, so its start-up catch-up digest does not run beside the measured rounds.
  const appProcess = await startAppProcess(dbPath, fake);
  log(`process start-up (spawn src/main.ts → /healthz 200): ${'ms' in appProcess ? fmtMs(appProcess.ms) : appProcess.error}`);
  let appProcessRssMb: number | null = null;
  if ('port' in appProcess) {
    const burst: Array<[Figure, number]> = [
      [ours.find((f) => f.key === 'quick')!, 30],
      [ours.find((f) => f.key === 'modal')!, 30],
      [ours.find((f) => f.key === 'caseload')!, 30],
      [ours.find((f) => f.key === 'home')!, 30],
      [ours.find((f) => f.key === 'options')!, 30],
      [searchFigures.find((f) => f.key === 'search-rare-admin')!, 10],
      [searchFigures.find((f) => f.key === 'search-two-term-admin')!, 10],
    ];
    const probe: Figure = { ...burst[0]![0], samples: [], errors: 0 };
    for (const [f, count] of burst) {
      Object.assign(probe, { build: f.build, follow: f.follow, drainPublish: f.drainPublish, errors: 0 });
      await runChunk(probe, count, false, appProcess.port);
    }
    appProcessRssMb = appProcess.peakRssMb();
    log(`app process after a mixed load: peak RSS ${appProcessRssMb?.toFixed(0) ?? '?'} MB`);
    await appProcess.stop();
  }
  await client.close();

  // 7. Analysis. A sample during which the load client itself was stalled (not scheduled for
  // > 60 ms: the machine, not the app) is left out of the ack figures and counted instead.
  const stalls = client.stalls;
  for (const f of allFigures) {
    for (const x of f.samples) x.stalled = stalls.some(([a, b]) => a < x.t0 + x.ack && b > x.t0);
  }
  const analyze = (f: Figure) => {
    const clean = f.samples.filter((x) => !x.stalled);
    return {
      ack: summarize(clean.map((x) => x.ack)),
      ackAll: summarize(f.samples.map((x) => x.ack)),
      stalled: f.samples.length - clean.length,
      serverAck: summarize(f.samples.map((x) => x.serverAck)),
      follow: summarize(f.samples.map((x) => x.follow)),
    };
  };
  const stats = new Map(allFigures.map((f) => [f.key, analyze(f)]));
  const maxRssMb = process.resourceUsage().maxRSS / 1024;

  /** `reportOnly`: no target in the issue; shown against a reference limit, never a miss. */
  type Check = { target: string; figure: string; value: number; limit: number; pass: boolean; explain?: string; reportOnly?: boolean };
  const checks: Check[] = [];
  const check = (target: string, figure: string, value: number, limit: number, explainKey?: string) =>
    checks.push({ target, figure, value: round(value, 2), limit, pass: Number.isFinite(value) && value <= limit, ...(explainKey ? { explain: explainKey } : {}) });
  for (const f of ours) {
    const s = stats.get(f.key)!;
    const b = stats.get(bareFigs[f.kind].key)!;
    check(`ack p99 ≤ ${TARGETS.ackP99Ms} ms`, f.label, s.ack.p99, TARGETS.ackP99Ms, `preack:${f.key}`);
    check(`ack p99 ≤ ${TARGETS.ackP99VsBare}× bare Bolt`, f.label, s.ack.p99 / b.ack.p99, TARGETS.ackP99VsBare, `preack:${f.key}`);
  }
  check(`/caseload server time p95 ≤ ${TARGETS.caseloadServerMs} ms`, '/caseload', stats.get('caseload')!.follow.p95, TARGETS.caseloadServerMs, 'caseload');
  for (const f of searchFigures) check(`search p95 ≤ ${TARGETS.searchMs} ms (server time)`, f.label, stats.get(f.key)!.follow.p95, TARGETS.searchMs, f.key.replace(/^search-/, 'search:'));
  for (const [k, v] of Object.entries(inProcessSearch)) check(`search ≤ ${TARGETS.searchMs} ms (searchNotes in-process, median)`, k, v.ms.p50, TARGETS.searchMs, `search:${k}`);
  check(`digest build, ${staffRows.length} staff ≤ ${TARGETS.digestAllStaffMs} ms`, 'digest', digestMs, TARGETS.digestAllStaffMs, 'digest');
  check(`start-up ≤ ${TARGETS.startupMs} ms`, 'open + migrate + createSlackApp + listen', startup.totalMs, TARGETS.startupMs);
  if (appProcessRssMb !== null) check(`peak RSS ≤ ${TARGETS.rssMb} MB`, 'app process (src/main.ts) after start-up and a mixed load', appProcessRssMb, TARGETS.rssMb);
  check(`(report only) peak RSS vs ${TARGETS.rssMb} MB`, 'bench process (app + fake Slack + harness)', maxRssMb, TARGETS.rssMb);
  checks.at(-1)!.reportOnly = true;
  if ('ms' in appProcess) {
    check(`(report only) start-up vs ${TARGETS.startupMs} ms`, 'process: spawn tsx src/main.ts → /healthz 200', appProcess.ms, TARGETS.startupMs);
    checks.at(-1)!.reportOnly = true;
  }

  // 8. Why: the statements behind each missed figure, with EXPLAIN QUERY PLAN.
  const explainers: Record<string, () => unknown> = {};
  const staffLookup = () => getStaff(db, w150.slackUserId);
  explainers['preack:quick'] = () => {
    staffLookup();
    const p = withMis[0]!;
    quickEntryCandidates(db, cmActor, p.misId!);
    saveNote(db, cmActor, { participantId: p.id, source: 'quick_entry', contactKind: 'participant', method: 'phone', interactionAt: new Date(), interactionTz: tz150, timeKnown: false, location: 'Remote', subject: 'Phone: explain', body: `Explain ${Date.now()}`, checkWarnings: [], checkChoice: 'none', quickEntry: true }, config.profiles, new Date());
  };
  explainers['preack:modal'] = () => {
    staffLookup();
    const p = ownParticipants[0]!;
    saveNote(db, cmActor, { participantId: p.id, source: 'modal', contactKind: 'participant', method: 'face_to_face', interactionAt: new Date(), interactionTz: tz150, timeKnown: false, location: 'Office', subject: 'Explain', body: `Explain ${Date.now()}`, checkWarnings: [], checkChoice: 'none', view: { id: `VEXPLAIN${Date.now()}`, hash: 'h' } }, config.profiles, new Date());
  };
  explainers['preack:options'] = () => {
    staffLookup();
    searchParticipants(db, cmActor, lastNames[0]!, 50);
  };
  for (const k of ['caseload', 'home', ...searchFigures.map((f) => f.key)]) explainers[`preack:${k}`] = staffLookup;
  explainers['caseload'] = () => caseloadDue(db, w150.slackUserId, config.profiles, dueContext(new Date(), tz150));
  explainers['home'] = () => {
    const ctx = dueContext(new Date(), tz150);
    const due = caseloadDue(db, w150.slackUserId, config.profiles, ctx);
    upcomingAppointments(db, due.entries.map((e) => e.id), ctx.today, addCalendarDays(ctx.today, 7));
    digestPreferences(db, w150.slackUserId);
  };
  explainers['digest'] = () => caseloadDue(db, slowestDigest.id, config.profiles, dueContext(new Date(), config.agencyTz));
  // A publish miss is also explained by the home queries.
  check(`(report only) views.publish p95 vs ${TARGETS.ackP99Ms} ms after app_home_opened`, 'App Home', stats.get('home')!.follow.p95, TARGETS.ackP99Ms, 'home');
  checks.at(-1)!.reportOnly = true;

  const explanations: Record<string, { totalMs: number; statements: ExplainedStatement[] }> = {};
  for (const c of checks) {
    if (c.pass || !c.explain || explanations[c.explain]) continue;
    const searched = c.explain.startsWith('search:') ? searchExplained[c.explain.slice('search:'.length)] : undefined;
    if (searched) {
      explanations[c.explain] = { totalMs: round(searched.totalMs), statements: searched.statements.map((s) => ({ ...s, ms: round(s.ms) })) };
      continue;
    }
    if (!explainers[c.explain]) continue;
    const e = explainOperation(db, explainers[c.explain]!, { warm: true });
    explanations[c.explain] = { totalMs: round(e.totalMs), statements: e.statements.map((s) => ({ ...s, ms: round(s.ms) })) };
  }
  // The hot queries of docs/data-model.md, explained whatever the figures say.
  const hotQueries = {
    caseload: explainOperation(db, explainers['caseload']!, { warm: true }).statements,
    appHome: explainOperation(db, explainers['home']!, { warm: true }).statements,
    digestSlowestWorker: explainOperation(db, explainers['digest']!, { warm: true }).statements,
    participantOptions: explainOperation(db, explainers['preack:options']!, { warm: true }).statements,
    caseNoteView: explainOperation(db, explainers['preack:modal']!, { warm: true }).statements,
    searchCaseManager: searchExplained['two-term-cm']!.statements,
    searchAdmin: searchExplained['two-term-admin']!.statements,
    quickEntry: explainOperation(db, explainers['preack:quick']!, { warm: true }).statements,
  };

  await slack.stop();
  await bare.stop();
  await fake.stop();
  logger.flush();
  closeDatabase(db);
  if (!process.env.BENCH_KEEP && !reuse) rmSync(dir, { recursive: true, force: true });

  // 9. Report.
  const rows = ours.map((f) => {
    const s = stats.get(f.key)!;
    const b = stats.get(bareFigs[f.kind].key)!;
    return [
      f.label,
      `${s.ack.n}${f.limited ? '*' : ''}`,
      fmtMs(s.ack.p50),
      fmtMs(s.ack.p95),
      fmtMs(s.ack.p99),
      fmtMs(s.ackAll.p99),
      String(s.stalled),
      `${(s.ack.p50 / b.ack.p50).toFixed(2)}×`,
      `${(s.ack.p99 / b.ack.p99).toFixed(2)}×`,
      fmtMs(s.serverAck.p50),
      f.follow ? fmtMs(s.follow.p50) : '—',
      f.follow ? fmtMs(s.follow.p95) : '—',
      f.follow ? fmtMs(s.follow.p99) : '—',
      String(f.errors),
    ];
  });
  const bareRows = Object.values(bareFigs).map((f) => {
    const s = stats.get(f.key)!;
    return [f.label, `${s.ack.n}${f.limited ? '*' : ''}`, fmtMs(s.ack.p50), fmtMs(s.ack.p95), fmtMs(s.ack.p99), fmtMs(s.ackAll.p99), String(s.stalled), '1.00×', '1.00×', fmtMs(s.serverAck.p50), '—', '—', '—', String(f.errors)];
  });
  const header = ['figure', 'n', 'ack p50', 'ack p95', 'ack p99', 'p99 all', 'stalled', '÷bare p50', '÷bare p99', 'srv ack p50', 'server p50', 'server p95', 'server p99', 'errors'];
  const out: string[] = [];
  out.push('');
  out.push(`Tickler benchmark — ${machine.cpus} × ${machine.cpuModel}, ${machine.totalMemoryMb} MB, ${machine.os}, node ${machine.node}`);
  out.push(`Data: ${seed.rows.staff} staff, ${seed.rows.participants?.toLocaleString('en-US')} participants, ${seed.rows.case_notes?.toLocaleString('en-US')} notes, ${seed.rows.case_note_amendments?.toLocaleString('en-US')} amendments, ${seed.rows.needs?.toLocaleString('en-US')} needs; file ${(seed.fileBytes / 1e6).toFixed(0)} MB; seeded in ${fmtMs(seed.ms.total)} (FTS rebuild ${fmtMs(seed.ms.ftsRebuild)})`);
  out.push(`Search terms: rare “${rare}” (${hits.get('rare')} notes), common “participant” (${hits.get('common')} notes), two-term “housing voucher” (${hits.get('two-term')} notes)`);
  out.push('');
  out.push('Acknowledgment latency (client-observed, separate process, keep-alive) and server time (request arrival → follow-up arrives at the fake Slack)');
  out.push(table(header, [...rows, ...bareRows]));
  out.push(`ack = client-observed, without the samples during which the load client was itself stalled > 60 ms ("stalled"; ${stalls.length} stalls, longest ${fmtMs(Math.max(0, ...stalls.map(([a, b]) => b - a)))}); "p99 all" keeps them.`);
  if (allFigures.some((f) => f.limited)) out.push(`* fewer than ${OPTS.n} measured (search: 400): each request waits for its answer and the run is held under ${OPTS.deadlineMs / 1000} s`);
  out.push('');
  out.push(
    table(
      ['in-process', 'p50', 'max', 'notes shown'],
      Object.entries(inProcessSearch).map(([k, v]) => [`searchNotes ${k}`, fmtMs(v.ms.p50), fmtMs(v.ms.max), String(v.hitsShown)]),
    ),
  );
  out.push('');
  out.push(`Digest build for ${staffRows.length} staff (caseloadsDue, one pass per zone): ${fmtMs(digestMs)}; one at a time (caseloadDue each) ${fmtMs(digestEachMs)}, slowest ${slowestDigest.id} (${slowestDigest.active} active) ${fmtMs(slowestDigest.ms)}`);
  out.push(`Start-up (open + migrate + createSlackApp + listen): ${fmtMs(startup.totalMs)}; as a process (spawn src/main.ts → /healthz 200): ${'ms' in appProcess ? `${fmtMs(appProcess.ms)}, peak RSS then ${appProcess.startupPeakRssMb?.toFixed(0) ?? '?'} MB` : appProcess.error}`);
  out.push(`Peak RSS: app process after a mixed load ${appProcessRssMb?.toFixed(0) ?? '?'} MB; bench process (app + fake Slack + harness) ${maxRssMb.toFixed(0)} MB; seed process ${seed.maxRssMb.toFixed(0)} MB`);
  out.push('');
  const misses = checks.filter((c) => !c.pass && !c.reportOnly);
  out.push(`Targets: ${checks.filter((c) => !c.reportOnly).length - misses.length} pass, ${misses.length} miss`);
  out.push(table(['target', 'figure', 'value', 'limit', 'result'], checks.map((c) => [c.target, c.figure, String(c.value), String(c.limit), c.reportOnly ? (c.pass ? 'under' : 'over') : c.pass ? 'pass' : 'MISS'])));
  const printed = new Map<string, string>();
  for (const [key, e] of Object.entries(explanations)) {
    const signature = e.statements.map((st) => st.sql).join('\n');
    const same = printed.get(signature);
    if (same) {
      out.push(`Why (${key}): the same statements as ${same} (${fmtMs(e.totalMs)} in-process)`);
      continue;
    }
    printed.set(signature, key);
    out.push('');
    const inStatements = e.statements.reduce((sum, st) => sum + st.ms, 0);
    out.push(`Why (${key}): the statements it runs, slowest first (operation ${fmtMs(e.totalMs)} in-process, of which SQL statements ${fmtMs(inStatements)}; the rest is JS, query building and transaction commit)`);
    for (const s of e.statements.slice(0, 6)) {
      out.push(`  ${fmtMs(s.ms)} · ${s.rows} rows · ${s.sql.length > 300 ? `${s.sql.slice(0, 300)}…` : s.sql}`);
      for (const p of s.plan) out.push(`      ${p}`);
    }
  }
  // Plans that read a whole table, or sort without an index, among the statements the hot paths ran.
  const flagged = Object.entries(hotQueries).flatMap(([k, list]) =>
    list.flatMap((st) => st.plan.filter((line) => (/^\s*SCAN (?!json_each)/.test(line) && !/VIRTUAL TABLE/.test(line)) || /TEMP B-TREE/.test(line)).map((line) => `${k}: ${line.trim()} — ${st.sql.slice(0, 90)}…`)),
  );
  out.push('');
  out.push(`Hot-path statements that scan a table or sort in a temp B-tree (${flagged.length}; full-text MATCH scans not counted; every plan is in results.json → hotQueries):`);
  for (const line of [...new Set(flagged)].slice(0, 20)) out.push(`  ${line}`);
  const totalMs = elapsed();
  out.push('');
  out.push(`Total run time ${fmtMs(totalMs)}; HTTP rounds ${roundsDone}/${OPTS.rounds}; stray follow-ups ${followUps.stray}; load average now ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  process.stdout.write(`${out.join('\n')}\n`);

  const results = {
    generatedAt: new Date().toISOString(),
    machine: { ...machine, loadAverageAtEnd: os.loadavg().map((x) => round(x, 2)) },
    options: OPTS,
    targets: TARGETS,
    totalRunMs: round(totalMs),
    seed: { ms: seed.ms, rows: seed.rows, fileBytes: seed.fileBytes, maxRssMb: round(seed.maxRssMb), worker150: seed.worker150, worker150ActiveCaseload: w150Count, admin: seed.admin },
    searchTerms: terms.map((t) => ({ ...t, matchingNotes: hits.get(t.key) })),
    http: {
      roundsDone,
      strayFollowUps: followUps.stray,
      clientStalls: { count: stalls.length, longestMs: round(Math.max(0, ...stalls.map(([a, b]) => b - a))), totalMs: round(stalls.reduce((sum, [a, b]) => sum + (b - a), 0)) },
      figures: allFigures.map((f) => {
        const s = stats.get(f.key)!;
        const b = f.target === 'ours' ? stats.get(bareFigs[f.kind].key)! : null;
        return {
          key: f.key,
          label: f.label,
          target: f.target,
          kind: f.kind,
          warmup: f.warmup,
          wanted: f.want,
          limitedByTime: f.limited,
          loopCostMs: round(f.costMs),
          errors: f.errors,
          slowestAcks: [...f.samples].sort((a, b) => b.ack - a.ack).slice(0, 5).map((x) => ({
            ack: round(x.ack),
            serverAck: round(x.serverAck),
            serverTime: round(x.follow),
            reusedConnection: x.reused,
            atSeconds: x.at,
            t0: round(x.t0 % 1e6, 0),
            clientStalled: x.stalled,
            benchGc: gcPauses.filter(([a, b]) => a < x.t0 + x.ack && b > x.t0).map(([a, b, k]) => `${round(b - a)} ms kind ${k}`),
            benchLoopGap: loopGaps.filter(([a, b]) => a < x.t0 + x.ack && b > x.t0).map(([a, b]) => round(b - a)),
          })),
          ackMs: roundSummary(s.ack),
          ackMsIncludingClientStalls: roundSummary(s.ackAll),
          samplesDuringClientStalls: s.stalled,
          serverAckMs: roundSummary(s.serverAck),
          ...(f.follow ? { serverTimeMs: roundSummary(s.follow), serverTimeMeans: f.follow === 'publish' ? 'request arrival → views.publish arrives at the fake' : 'request arrival → response_url post arrives at the fake' } : {}),
          ...(b ? { vsBare: { p50: round(s.ack.p50 / b.ack.p50), p99: round(s.ack.p99 / b.ack.p99) } } : {}),
        };
      }),
    },
    inProcessSearchMs: Object.fromEntries(Object.entries(inProcessSearch).map(([k, v]) => [k, { ...roundSummary(v.ms), hitsShown: v.hitsShown }])),
    digest: { staff: staffRows.length, totalMs: round(digestMs), oneAtATimeMs: round(digestEachMs), zonePasses: byZone.size, slowest: { ...slowestDigest, ms: round(slowestDigest.ms) } },
    startup: {
      ...Object.fromEntries(Object.entries(startup).map(([k, v]) => [k, round(v)])),
      process: 'ms' in appProcess ? { ms: round(appProcess.ms), peakRssMb: appProcess.startupPeakRssMb && round(appProcess.startupPeakRssMb) } : appProcess,
    },
    peakRssMb: { appProcessAfterLoad: appProcessRssMb && round(appProcessRssMb), benchProcess: round(maxRssMb), seedProcess: round(seed.maxRssMb) },
    checks,
    explanations,
    report: out.join('\n'),
    hotQueries: Object.fromEntries(Object.entries(hotQueries).map(([k, v]) => [k, v.map((s) => ({ ...s, ms: round(s.ms) }))])),
  };
  writeFileSync(join(BENCH_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote bench/results.json`);
}

function roundSummary(s: Summary) {
  return { n: s.n, p50: round(s.p50), p95: round(s.p95), p99: round(s.p99), max: round(s.max), mean: round(s.mean) };
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
