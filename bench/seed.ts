// Seeds an agency-scale Tickler database through the real schema (openDatabase runs the
// migrations): 200 staff, 20,000 co-enrolled participants, 1,000,000 case notes over three
// years, amendments, needs, employment changes and the audit rows those writes leave.
//
// One transaction, prepared statements on the better-sqlite3 client, the full-text triggers
// off during the load and each FTS index rebuilt once at the end (src/db/fts.ts bulkLoadNotes).
// Deterministic: the same seed gives the same rows (times are relative to `now`).
//
// Run on its own (the benchmark runs it in a child process so its memory is not counted as the
// app's):  npx tsx bench/seed.ts <db path> [--notes N]   → one JSON line of figures on stdout.
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, statSync } from 'node:fs';
import { closeDatabase, openDatabase } from '../src/db/connection';
import { bulkLoadNotes } from '../src/db/fts';
import { searchTextFor } from '../src/db/participants';
import { outcomeQuarter } from '../src/domain/plan';
import { DEFAULT_PROFILES, strictestProfile, type ProfileId } from '../src/domain/profiles';
import { createRng, normal, type Rng } from './prng';
import { buildVocabulary, FIRST_NAMES, LANGUAGES, LAST_NAMES, TextGenerator } from './vocabulary';

export const SEED_SHAPE = {
  staff: 200,
  supervisors: 10,
  admins: 1,
  participants: 20_000,
  closedShare: 0.15,
  notes: 1_000_000,
  years: 3,
  amendmentShare: 0.02,
  emergentNeeds: 4_000,
  assessmentNeedsPerParticipant: 1.5,
  secondaryShare: 0.1,
  /** The worker whose active caseload is exactly this size (the /caseload figure). */
  bigCaseload: 150,
} as const;

const DEFER_INDEXES = process.env.SEED_DEFER_INDEXES !== '0';
export const ADMIN_ID = 'UADMIN0001';
export const BIG_CASELOAD_WORKER = 'UCM0001';
const supervisorId = (i: number) => `USUP${String(i + 1).padStart(3, '0')}`;
const caseManagerId = (i: number) => `UCM${String(i + 1).padStart(4, '0')}`;

export interface SeedResult {
  path: string;
  now: string;
  ms: { total: number; generateAndInsert: number; indexes: number; ftsRebuild: number; open: number; finish: number };
  rows: Record<string, number>;
  fileBytes: number;
  worker150: string;
  admin: string;
  caseManagers: string[];
  supervisors: string[];
  /** The worker with the 150-person caseload: active participants with an MIS id and a name. */
  worker150Participants: Array<{ id: number; misId: string | null; fullName: string }>;
  rareEmployers: string[];
  maxRssMb: number;
}

const PROFILE_MIX: Array<[ProfileId, number]> = [
  ['wioa-adult', 0.24],
  ['wioa-dw', 0.1],
  ['wioa-youth', 0.1],
  ['wagner-peyser', 0.2],
  ['refugee-ss', 0.14],
  ['refugee-tap', 0.06],
  ['tanf-employment', 0.16],
];
/** Second programs people are commonly co-enrolled in, with the chance. */
const CO_ENROLL: Partial<Record<ProfileId, Array<[ProfileId, number]>>> = {
  'wioa-adult': [['wagner-peyser', 0.45], ['tanf-employment', 0.05]],
  'wioa-dw': [['wagner-peyser', 0.55]],
  'wioa-youth': [['tanf-employment', 0.06], ['wagner-peyser', 0.1]],
  'wagner-peyser': [['wioa-adult', 0.15], ['wioa-dw', 0.05]],
  'refugee-ss': [['refugee-tap', 0.35], ['wagner-peyser', 0.1]],
  'refugee-tap': [['refugee-ss', 0.6]],
  'tanf-employment': [['wioa-adult', 0.25], ['wagner-peyser', 0.1]],
};
const METHODS: Array<[string, number]> = [['phone', 0.38], ['face_to_face', 0.24], ['text', 0.15], ['email', 0.13], ['video', 0.06], ['mail', 0.04]];
const METHOD_LABEL: Record<string, string> = { phone: 'Phone', face_to_face: 'Face to face', text: 'Text message', email: 'Email', video: 'Video', mail: 'Mail' };
const SOURCES: Array<[string, number]> = [['quick_entry', 0.45], ['modal', 0.45], ['message_shortcut', 0.04], ['import', 0.06]];
const RELATIONSHIPS = ['partner', 'employer', 'family', 'natural_support', 'on_behalf', 'other'];
const OFFICES = ['Northside Job Center', 'Southside Job Center', 'Downtown Office', 'Westgate Resource Center', 'Refugee Services Office'];
const NEED_CATEGORIES = ['employment', 'training_education', 'housing', 'child_care', 'transportation', 'health_care_access', 'mental_health_services', 'food', 'clothing_tools', 'language_esl', 'legal_documents_id', 'financial_budget', 'other'];
const AMEND_REASONS = ['Wrong date recorded', 'Added missing detail', 'Corrected method of contact', 'Clarified next steps', 'Details added', 'Typo in employer name'];
const CLOSE_REASONS = ['Exited: employed', 'Moved out of the service area', 'No contact for 90 days', 'Completed program', 'Participant withdrew'];

function weighted<T>(rng: Rng, table: ReadonlyArray<readonly [T, number]>): T {
  let r = rng.next();
  for (const [v, w] of table) {
    r -= w;
    if (r < 0) return v;
  }
  return table[table.length - 1]![0];
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const dateOf = (ms: number) => iso(ms).slice(0, 10);
/** A working-hours instant (14:00–22:59 UTC = morning to late afternoon in US Central) on `dayMs`'s date. */
function workingInstant(rng: Rng, dayMs: number): number {
  let d = Math.floor(dayMs / DAY) * DAY;
  const wd = new Date(d).getUTCDay();
  if ((wd === 0 || wd === 6) && rng.chance(0.9)) d += (wd === 6 ? -1 : 1) * DAY;
  return d + (14 * 60 + rng.int(9 * 60)) * 60_000 + rng.int(60_000);
}

export function seedDatabase(path: string, opts: { notes?: number; now?: Date; seed?: number } = {}): SeedResult {
  const started = performance.now();
  const nowDate = opts.now ?? new Date();
  const NOW = nowDate.getTime();
  const totalNotes = opts.notes ?? SEED_SHAPE.notes;
  const rng = createRng(opts.seed ?? 20261123);
  const db = openDatabase(path);
  const openMs = performance.now() - started;
  const c = db.$client;
  // Bulk-load settings: no fsync, big page cache, in-memory rollback journal for the load
  // (WAL would write every page twice), no per-row FK lookups (the generator keeps them).
  c.pragma('journal_mode = MEMORY');
  c.pragma('synchronous = OFF');
  c.pragma(`cache_size = -${Number(process.env.SEED_CACHE_MB ?? 1024) * 1024}`);
  c.pragma(`mmap_size = ${Number(process.env.SEED_MMAP_MB ?? 0) * 1024 * 1024}`);
  c.pragma('temp_store = MEMORY');
  c.pragma('foreign_keys = OFF');
  c.pragma('locking_mode = EXCLUSIVE');

  const vocab = buildVocabulary();
  const gen = new TextGenerator(vocab);
  const start = NOW - SEED_SHAPE.years * 365 * DAY;
  const nowIso = iso(NOW);
  const rows: Record<string, number> = {};
  const count = (t: string, n = 1) => (rows[t] = (rows[t] ?? 0) + n);

  // ------------------------------------------------------------------ staff
  const supervisors = Array.from({ length: SEED_SHAPE.supervisors }, (_, i) => supervisorId(i));
  const cmCount = SEED_SHAPE.staff - SEED_SHAPE.supervisors - SEED_SHAPE.admins;
  const caseManagers = Array.from({ length: cmCount }, (_, i) => caseManagerId(i));
  const office = new Map<string, string>();

  // ------------------------------------------------------------------ participants (plan)
  type P = {
    id: number;
    fullName: string;
    preferredName: string | null;
    misId: string | null;
    active: boolean;
    enrollMs: number;
    endMs: number;
    profiles: Array<{ id: ProfileId; ms: number }>;
    primary: string;
    secondary: string | null;
    bestPracticeDays: number;
    requiredDays: number;
    noteIds: number[];
    enrollmentIds: number[];
    needIds: Array<{ id: number; at: number; emergent: boolean }>;
  };
  const N = SEED_SHAPE.participants;
  const closedCount = Math.round(N * SEED_SHAPE.closedShare);
  const people: P[] = [];
  const usedMis = new Set<string>();
  for (let i = 0; i < N; i++) {
    const active = i >= closedCount; // ids 1..closedCount are the older, closed cases
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const fullName = rng.chance(0.15) ? `${first} ${rng.pick(FIRST_NAMES)} ${last}` : `${first} ${last}`;
    let misId: string | null = null;
    if (rng.chance(0.85)) {
      do misId = `WI${String(10_000_000 + rng.int(89_999_999))}`;
      while (usedMis.has(misId));
      usedMis.add(misId);
    }
    const span = SEED_SHAPE.years * 365 * DAY;
    const enrollMs = active ? start + Math.pow(rng.next(), 0.8) * (span - 7 * DAY) : start + rng.next() * span * 0.75;
    const endMs = active ? NOW : Math.min(NOW - DAY, enrollMs + (60 + rng.int(640)) * DAY);
    const main = weighted(rng, PROFILE_MIX);
    const profiles = [{ id: main, ms: enrollMs }];
    for (const [extra, p] of CO_ENROLL[main] ?? []) {
      if (profiles.length < 3 && rng.chance(p) && !profiles.some((x) => x.id === extra)) {
        profiles.push({ id: extra, ms: Math.min(endMs, enrollMs + rng.int(90) * DAY) });
      }
    }
    const rules = strictestProfile(profiles.map((x) => DEFAULT_PROFILES[x.id]));
    people.push({
      id: i + 1,
      fullName,
      preferredName: rng.chance(0.12) ? rng.pick(FIRST_NAMES) : null,
      misId,
      active,
      enrollMs,
      endMs,
      profiles,
      primary: '',
      secondary: null,
      bestPracticeDays: rules.noteDueBestPracticeDays,
      requiredDays: rules.noteDueRequiredDays,
      noteIds: [],
      enrollmentIds: [],
      needIds: [],
    });
  }
  // Assignments: the big-caseload worker gets exactly 150 active (140 primary, 10 secondary);
  // the others share the rest, about 100 active each with their secondaries.
  const big = BIG_CASELOAD_WORKER;
  const others = caseManagers.filter((id) => id !== big);
  const activePeople = people.filter((p) => p.active);
  const bigPrimary = SEED_SHAPE.bigCaseload - 10;
  activePeople.forEach((p, i) => {
    p.primary = i < bigPrimary ? big : others[i % others.length]!;
  });
  let bigSecondaries = 0;
  for (const p of activePeople.slice(bigPrimary)) {
    if (bigSecondaries < 10 && rng.chance(0.01)) {
      p.secondary = big;
      bigSecondaries++;
    } else if (rng.chance(SEED_SHAPE.secondaryShare)) {
      let s = rng.pick(others);
      while (s === p.primary) s = rng.pick(others);
      p.secondary = s;
    }
  }
  for (const p of people.filter((x) => !x.active)) p.primary = rng.chance(0.02) ? big : rng.pick(others);

  // ------------------------------------------------------------------ notes (schedule)
  // Each participant's share of the notes follows their time in the program and a per-person
  // contact rate; notes are inserted in entered_at order so ids are chronological, as in life.
  const weights = people.map((p) => Math.max(1, (p.endMs - p.enrollMs) / DAY) * Math.exp(0.4 * normal(rng)));
  const wSum = weights.reduce((s, w) => s + w, 0);
  const perPerson = weights.map((w) => Math.floor((w / wSum) * totalNotes));
  let missing = totalNotes - perPerson.reduce((s, n) => s + n, 0);
  for (let i = 0; missing > 0; i = (i + 7919) % N, missing--) perPerson[i]!++;

  const nPerson = new Uint32Array(totalNotes);
  const interMs = new Float64Array(totalNotes);
  const keys = new Float64Array(totalNotes);
  const timeliness = new Uint8Array(totalNotes);
  let k = 0;
  const TWO21 = 2 ** 21;
  for (let pi = 0; pi < N; pi++) {
    const p = people[pi]!;
    const span = p.endMs - p.enrollMs;
    for (let j = 0; j < perPerson[pi]!; j++, k++) {
      const at = workingInstant(rng, p.enrollMs + rng.next() * span);
      const t = rng.next();
      let delayDays = t < 0.88 ? (rng.chance(0.6) ? 0 : 1 + rng.int(p.bestPracticeDays)) : t < 0.97 ? p.bestPracticeDays + 1 + rng.int(Math.max(1, p.requiredDays - p.bestPracticeDays)) : p.requiredDays + 1 + rng.int(30);
      let entered = at + delayDays * DAY + rng.int(8 * 3600_000);
      if (entered >= NOW) {
        entered = Math.max(at + 60_000, NOW - 1000 - rng.int(3600_000));
        delayDays = Math.floor((entered - at) / DAY);
      }
      const fixedAt = Math.min(at, entered - 1000);
      nPerson[k] = pi;
      interMs[k] = fixedAt;
      timeliness[k] = delayDays <= p.bestPracticeDays ? 0 : delayDays <= p.requiredDays ? 1 : 2;
      keys[k] = Math.floor(entered / 1000) * TWO21 + k;
    }
  }
  keys.sort();
  const TIMELINESS = ['on_time', 'late_best_practice', 'late_out_of_compliance'];

  // ------------------------------------------------------------------ load
  let genMs = 0;
  let ftsMs = 0;
  let ftsStarted = 0;
  const loadStarted = performance.now();
  const audit = c.prepare('INSERT INTO audit_log (at, actor_id, action, entity, entity_id, basis, detail) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const worker150Participants: SeedResult['worker150Participants'] = [];
  // The plan (#5): an assessment, goals, services from the enrollment's catalog tied to needs,
  // referrals, a version per change with its items and mostly acknowledged, and the notes that
  // document services and goals. Proportions: ~2.5 goals, ~2 services, ~0.8 referrals, ~2.5
  // versions per participant.
  const seedPlans = () => {
    const insAssess = c.prepare(`INSERT INTO assessments (participant_id, assessment_date, tool, instrument_name, summary, note_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const insGoal = c.prepare(
      `INSERT INTO goals (participant_id, term, parent_goal_id, specific, measure, attainable_relevant, target_date, status, achieved_date, is_cm_outcome, outcome_quarter, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insSvc = c.prepare(
      `INSERT INTO services (participant_id, enrollment_id, service_code, service_name, provider_kind, provider_name, start_date, planned_end_date, actual_end_date, status, need_met, outcome, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insSvcNeed = c.prepare(`INSERT OR IGNORE INTO service_needs (service_id, need_id) VALUES (?, ?)`);
    const insExt = c.prepare(`INSERT INTO service_extensions (service_id, participant_id, previous_end_date, new_end_date, reason, extended_by, extended_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const insRef = c.prepare(
      `INSERT INTO referrals (participant_id, partner_name, status, sent_date, status_date, review_date, outcome, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insRefNeed = c.prepare(`INSERT OR IGNORE INTO referral_needs (referral_id, need_id) VALUES (?, ?)`);
    const insVer = c.prepare(
      `INSERT INTO plan_versions (participant_id, version_no, reason, change_summary, plan_kinds, snapshot_json, pdf_file_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insItem = c.prepare(`INSERT OR IGNORE INTO plan_version_items (plan_version_id, item_kind, item_id) VALUES (?, ?, ?)`);
    const insAck = c.prepare(`INSERT INTO plan_acknowledgments (plan_version_id, participant_id, initials, acknowledged_date, copy_given, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const insNoteSvc = c.prepare(`INSERT OR IGNORE INTO case_note_services (note_id, service_id, update_kind, outcome) VALUES (?, ?, ?, ?)`);
    const insNoteGoal = c.prepare(`INSERT OR IGNORE INTO case_note_goals (note_id, goal_id, progress) VALUES (?, ?, ?)`);
    for (const p of people) {
      const by = p.primary;
      const enrollDate = dateOf(p.enrollMs);
      const at = iso(p.enrollMs);
      const notes = p.noteIds;
      insAssess.run(p.id, enrollDate, rng.pick(['interview', 'form', 'casas', 'instrument']), null, gen.sentence(rng), notes[0] ?? null, at, by);
      count('assessments');
      type Item = { kind: 'need' | 'goal' | 'service' | 'referral'; id: number; at: number };
      const items: Item[] = p.needIds.map((n) => ({ kind: 'need' as const, id: n.id, at: n.at }));
      // Goals: one long-term, one or two short-term steps under it.
      const goalRow = (term: 'long' | 'short', parent: number | null, targetMs: number) => {
        const past = targetMs < p.endMs;
        const r = rng.next();
        const status = past ? (r < 0.5 ? 'achieved' : r < 0.65 ? 'discontinued' : 'open') : 'open';
        const achieved = status === 'achieved' ? dateOf(Math.min(targetMs, NOW - DAY)) : null;
        const outcome = achieved && rng.chance(0.2);
        const id = Number(
          insGoal.run(p.id, term, parent, gen.sentence(rng), gen.sentence(rng), gen.sentence(rng), dateOf(targetMs), status, achieved, outcome ? 1 : 0, outcome ? outcomeQuarter(achieved!) : null, at, by, at, by).lastInsertRowid,
        );
        count('goals');
        items.push({ kind: 'goal', id, at: p.enrollMs });
        for (let k = 0; k < 2 && notes.length; k++) insNoteGoal.run(notes[rng.int(notes.length)]!, id, gen.sentence(rng));
        count('case_note_goals', Math.min(2, notes.length));
        return id;
      };
      const longId = goalRow('long', null, p.enrollMs + (180 + rng.int(185)) * DAY);
      for (let k = 0, n = 1 + rng.int(2); k < n; k++) goalRow('short', longId, p.enrollMs + (30 + rng.int(90)) * DAY);
      // Services from the catalog of one of the participant's programs.
      for (let k = 0, n = 1 + rng.int(3); k < n; k++) {
        const e = rng.int(p.profiles.length);
        const catalog = DEFAULT_PROFILES[p.profiles[e]!.id].services;
        if (!catalog.length) continue;
        const def = rng.pick(catalog);
        const startMs = p.profiles[e]!.ms + rng.int(60) * DAY;
        if (startMs > NOW) continue;
        const plannedMs = startMs + (def.defaultDurationDays ?? 90) * DAY;
        const r = rng.next();
        const ended = plannedMs < Math.min(NOW, p.endMs) - 30 * DAY || !p.active;
        const status = ended ? (r < 0.75 ? 'completed' : r < 0.88 ? 'discontinued' : 'active') : 'active';
        const endDate = status === 'active' ? null : dateOf(Math.min(plannedMs, NOW - DAY));
        const partner = rng.chance(0.3);
        const id = Number(
          insSvc.run(
            p.id, p.enrollmentIds[e]!, def.code, def.name, partner ? 'partner' : 'in_house', partner ? `${gen.employer(rng)} ${rng.pick(vocab.employerKinds)}` : null,
            dateOf(startMs), dateOf(plannedMs), endDate, status, status === 'active' ? null : status === 'completed' ? 1 : 0, status === 'active' ? null : gen.sentence(rng), iso(startMs), by, iso(startMs), by,
          ).lastInsertRowid,
        );
        count('services');
        if (p.needIds.length && rng.chance(0.99)) {
          insSvcNeed.run(id, p.needIds[rng.int(p.needIds.length)]!.id);
          count('service_needs');
        }
        if (def.extendable && rng.chance(0.1)) {
          insExt.run(id, p.id, dateOf(plannedMs - 30 * DAY), dateOf(plannedMs), 'Training runs longer than planned', by, iso(startMs + 20 * DAY));
          count('service_extensions');
        }
        const kinds = status === 'completed' ? ['started', 'progress', 'completed'] : ['started', 'progress'];
        for (const kind of kinds) {
          if (!notes.length) break;
          insNoteSvc.run(notes[rng.int(notes.length)]!, id, kind, kind === 'completed' ? gen.sentence(rng) : null);
          count('case_note_services');
        }
        items.push({ kind: 'service', id, at: startMs });
      }
      // Referrals to partners.
      for (let k = 0, n = rng.chance(0.55) ? 1 + rng.int(2) : 0; k < n; k++) {
        const sentMs = p.enrollMs + rng.int(Math.max(1, Math.floor((p.endMs - p.enrollMs) / DAY))) * DAY;
        const r = rng.next();
        const status = sentMs < NOW - 45 * DAY ? (r < 0.5 ? 'completed' : r < 0.7 ? 'declined' : r < 0.85 ? 'accepted' : 'sent') : r < 0.6 ? 'sent' : 'accepted';
        const id = Number(
          insRef.run(p.id, `${gen.employer(rng)} ${rng.pick(vocab.employerKinds)}`, status, dateOf(sentMs), dateOf(Math.min(NOW - DAY, sentMs + rng.int(30) * DAY)), dateOf(sentMs + (14 + rng.int(17)) * DAY), status === 'completed' ? gen.sentence(rng) : null, iso(sentMs), by, iso(sentMs), by).lastInsertRowid,
        );
        count('referrals');
        if (p.needIds.length) {
          insRefNeed.run(id, p.needIds[rng.int(p.needIds.length)]!.id);
          count('referral_needs');
        }
        items.push({ kind: 'referral', id, at: sentMs });
      }
      // Versions: the initial plan, then updates and reviews; each lists the items then on the plan.
      const kinds = [...new Set(p.profiles.map((e) => DEFAULT_PROFILES[e.id].planKind))].join(', ');
      const versions = 1 + rng.int(4);
      const span = Math.max(DAY, p.endMs - p.enrollMs - 7 * DAY);
      for (let v = 1; v <= versions; v++) {
        const vMs = v === 1 ? p.enrollMs + 7 * DAY : p.enrollMs + 7 * DAY + Math.floor((span * (v - 1)) / versions);
        if (vMs > NOW) break;
        const onPlan = items.filter((it) => it.at <= vMs && (it.kind !== 'need' || !p.needIds.find((n) => n.id === it.id)?.emergent || rng.chance(0.6)));
        const snapshot = JSON.stringify({ needs: onPlan.filter((i) => i.kind === 'need').map((i) => i.id), goals: onPlan.filter((i) => i.kind === 'goal').map((i) => i.id), services: onPlan.filter((i) => i.kind === 'service').map((i) => i.id), referrals: onPlan.filter((i) => i.kind === 'referral').map((i) => i.id), responsible: by, summary: gen.sentence(rng) });
        const reason = v === 1 ? 'initial' : rng.chance(0.5) ? 'review' : 'update';
        const vid = Number(insVer.run(p.id, v, reason, v === 1 ? 'Initial plan' : gen.sentence(rng), kinds, snapshot, rng.chance(0.7) ? `F${p.id}V${v}` : null, iso(vMs), by).lastInsertRowid);
        count('plan_versions');
        for (const it of onPlan) insItem.run(vid, it.kind, it.id);
        count('plan_version_items', onPlan.length);
        if (rng.chance(0.85) && vMs + 10 * DAY < NOW) {
          insAck.run(vid, p.id, 'XX', dateOf(vMs + rng.int(10) * DAY), rng.chance(0.9) ? 1 : 0, by, iso(vMs + rng.int(10) * DAY));
          count('plan_acknowledgments');
        }
      }
    }
  };

  // Secondary indexes are dropped for the load and recreated from their own SQL once the rows
  // are in (one sort per index instead of millions of random B-tree inserts). Primary keys stay.
  const deferredIndexes = c.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() as Array<{ name: string; sql: string }>;
  let indexMs = 0;
  bulkLoadNotes(db, () => {
    if (DEFER_INDEXES) for (const ix of deferredIndexes) c.exec(`DROP INDEX \`${ix.name}\``);
    const insStaff = c.prepare(
      'INSERT INTO staff (slack_user_id, display_name, real_name, tz, role, supervisor_id, active, default_office, profile_refreshed_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)',
    );
    const staffName = () => `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    const created = iso(start - 30 * DAY);
    insStaff.run(ADMIN_ID, 'Agency Admin', 'Agency Admin', 'America/Chicago', 'admin', null, OFFICES[2], nowIso, created);
    supervisors.forEach((id) => {
      const name = staffName();
      insStaff.run(id, name, name, 'America/Chicago', 'supervisor', null, rng.pick(OFFICES), nowIso, created);
    });
    caseManagers.forEach((id, i) => {
      const name = staffName();
      const o = rng.pick(OFFICES);
      office.set(id, o);
      insStaff.run(id, name, name, rng.chance(0.9) ? 'America/Chicago' : 'America/New_York', 'case_manager', supervisors[i % supervisors.length]!, o, nowIso, created);
    });
    count('staff', SEED_SHAPE.staff);

    const insP = c.prepare(
      'INSERT INTO participants (id, full_name, preferred_name, search_text, preferred_language, interpreter_needed, mis_id, phone, email, preferred_contact_method, status, status_date, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insE = c.prepare('INSERT INTO enrollments (participant_id, profile_id, enrollment_date, created_at) VALUES (?, ?, ?, ?)');
    const insA = c.prepare('INSERT INTO assignments (participant_id, staff_id, role, assigned_at, assigned_by) VALUES (?, ?, ?, ?, ?)');
    const insS = c.prepare('INSERT INTO participant_status_changes (participant_id, status, effective_date, reason, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?)');
    for (const p of people) {
      let lang = rng.next();
      let language = 'English';
      for (const [l, w] of LANGUAGES) {
        lang -= w;
        if (lang < 0) {
          language = l;
          break;
        }
      }
      const enrolledAt = iso(p.enrollMs);
      insP.run(
        p.id,
        p.fullName,
        p.preferredName,
        searchTextFor(p),
        language,
        language !== 'English' && rng.chance(0.6) ? 1 : 0,
        p.misId,
        rng.chance(0.9) ? `414-555-${String(rng.int(10_000)).padStart(4, '0')}` : null,
        rng.chance(0.6) ? `p${p.id}@example.org` : null,
        rng.pick(['phone', 'text', 'email', 'face_to_face']),
        p.active ? 'active' : 'closed',
        p.active ? dateOf(p.enrollMs) : dateOf(p.endMs),
        enrolledAt,
        p.primary,
      );
      for (const e of p.profiles) p.enrollmentIds.push(Number(insE.run(p.id, e.id, dateOf(e.ms), iso(e.ms)).lastInsertRowid));
      insA.run(p.id, p.primary, 'primary', enrolledAt, p.primary);
      if (p.secondary) insA.run(p.id, p.secondary, 'secondary', iso(p.enrollMs + DAY), supervisors[0]!);
      audit.run(enrolledAt, p.primary, 'enroll', 'participant', String(p.id), 'enrolled', JSON.stringify({ programs: p.profiles.length }));
      if (!p.active) {
        const reason = rng.pick(CLOSE_REASONS);
        insS.run(p.id, 'closed', dateOf(p.endMs), reason, p.primary, iso(p.endMs));
        audit.run(iso(p.endMs), p.primary, 'close', 'participant', String(p.id), 'assigned', JSON.stringify({ fields: ['status'] }));
        count('participant_status_changes');
        count('audit_log');
      }
      count('participants');
      count('enrollments', p.profiles.length);
      count('assignments', p.secondary ? 2 : 1);
      count('audit_log');
      if (p.active && (p.primary === big || p.secondary === big)) worker150Participants.push({ id: p.id, misId: p.misId, fullName: p.fullName });
    }

    const insN = c.prepare(
      `INSERT INTO case_notes (id, participant_id, author_id, source, contact_kind, method, collateral_name, collateral_relationship,
        interaction_at, interaction_tz, interaction_date, interaction_time_known, entered_at, location, subject, body, others_present,
        next_steps, next_appointment_at, next_appointment_date, timeliness, note_due_days, late_explanation, check_warnings, check_choice,
        source_permalink, slack_view_id, slack_view_hash, quick_entry_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const noteAuthor = new Array<string>(totalNotes + 1);
    const noteEntered = new Float64Array(totalNotes + 1);
    const notePerson = new Uint32Array(totalNotes + 1);
    for (let i = 0; i < totalNotes; i++) {
      const key = keys[i]!;
      const src = key % TWO21;
      const enteredMs = Math.floor(key / TWO21) * 1000 + rng.int(1000);
      const p = people[nPerson[src]!]!;
      const at = Math.min(interMs[src]!, enteredMs - 1);
      const id = i + 1;
      const author = p.secondary && rng.chance(0.07) ? p.secondary : rng.chance(0.03) ? rng.pick(others) : p.primary;
      const kindDraw = rng.next();
      const kind = kindDraw < 0.78 ? 'participant' : kindDraw < 0.9 ? 'attempt' : 'collateral';
      const method = kind === 'attempt' ? (rng.chance(0.8) ? 'phone' : 'text') : weighted(rng, METHODS);
      const source = weighted(rng, SOURCES);
      const timeKnown = source === 'quick_entry' ? rng.chance(0.2) : rng.chance(0.85);
      const interactionAt = timeKnown ? at : Math.floor(at / DAY) * DAY + 18 * 3600_000;
      const hasAppt = kind !== 'attempt' && rng.chance(0.22);
      const apptMs = hasAppt ? workingInstant(rng, at + (3 + rng.int(26)) * DAY) : 0;
      const apptTimed = hasAppt && rng.chance(0.7);
      const t = timeliness[src]!;
      const choice = rng.next();
      const checkChoice = choice < 0.02 ? 'saved_anyway' : choice < 0.06 ? 'revised' : 'none';
      insN.run(
        id,
        p.id,
        author,
        source,
        kind,
        method,
        kind === 'collateral' ? `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}` : null,
        kind === 'collateral' ? rng.pick(RELATIONSHIPS) : null,
        iso(Math.min(interactionAt, enteredMs - 1)),
        'America/Chicago',
        dateOf(at),
        timeKnown ? 1 : 0,
        iso(enteredMs),
        method === 'face_to_face' ? (rng.chance(0.85) ? (office.get(author) ?? OFFICES[0]!) : 'Participant home') : 'Remote',
        gen.subject(rng, METHOD_LABEL[method]!),
        gen.body(rng),
        rng.chance(0.05) ? rng.pick(['Interpreter', 'Spouse', 'Employer representative', 'Partner agency staff']) : null,
        rng.chance(0.45) ? gen.nextSteps(rng) : null,
        apptTimed ? iso(apptMs) : null,
        hasAppt ? dateOf(apptMs) : null,
        TIMELINESS[t]!,
        p.requiredDays,
        t === 2 ? 'Documentation arrived after the contact; entered once received.' : null,
        checkChoice === 'saved_anyway' ? '[{"check":"opinion","field":"body","start":0,"end":9,"term":"I believe"}]' : null,
        checkChoice,
        source === 'message_shortcut' ? `https://tickler-bench.slack.com/archives/C0BENCH01/p${Math.floor(enteredMs / 1000)}000100` : null,
        source === 'modal' ? `V${id.toString(36).toUpperCase().padStart(8, '0')}` : null,
        source === 'modal' ? `${Math.floor(enteredMs / 1000)}.${id.toString(16)}` : null,
        source === 'quick_entry' ? createHash('sha256').update(`n${id}`).digest('hex') : null,
      );
      noteAuthor[id] = author;
      noteEntered[id] = enteredMs;
      notePerson[id] = p.id;
      if (p.noteIds.length < 40) p.noteIds.push(id);
    }
    count('case_notes', totalNotes);
    // Every note-add leaves an audit row (ids only); written set-based from the notes.
    c.exec(`INSERT INTO audit_log (at, actor_id, action, entity, entity_id, basis, detail)
            SELECT entered_at, author_id, 'note-add', 'participant', CAST(participant_id AS TEXT), 'assigned', '{"note":' || id || '}' FROM case_notes ORDER BY id`);
    count('audit_log', totalNotes);

    // Amendments (~2%), in amended_at order.
    const amendCount = Math.round(totalNotes * SEED_SHAPE.amendmentShare);
    const amendKeys = new Float64Array(amendCount);
    for (let i = 0; i < amendCount; i++) {
      const noteId = 1 + rng.int(totalNotes);
      const amendedAt = Math.min(NOW - 1000, noteEntered[noteId]! + 3600_000 + rng.int(10 * DAY));
      amendKeys[i] = Math.floor(amendedAt / 1000) * TWO21 + noteId;
    }
    amendKeys.sort();
    const insAm = c.prepare(
      `INSERT INTO case_note_amendments (note_id, participant_id, author_id, amended_at, reason, text, next_appointment_at, next_appointment_date, check_warnings, check_choice, slack_view_id, slack_view_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, 'none', ?, ?)`,
    );
    for (let i = 0; i < amendCount; i++) {
      const key = amendKeys[i]!;
      const noteId = key % TWO21;
      const amendedMs = Math.floor(key / TWO21) * 1000;
      const reason = rng.pick(AMEND_REASONS);
      const appt = reason === 'Details added' && rng.chance(0.5) ? workingInstant(rng, amendedMs + (2 + rng.int(20)) * DAY) : 0;
      insAm.run(
        noteId,
        notePerson[noteId]!,
        noteAuthor[noteId]!,
        iso(amendedMs),
        reason,
        `${gen.sentence(rng)} ${gen.sentence(rng)}`,
        appt ? iso(appt) : null,
        appt ? dateOf(appt) : null,
        `VA${(i + 1).toString(36).toUpperCase().padStart(8, '0')}`,
        `${Math.floor(amendedMs / 1000)}.a${i.toString(16)}`,
      );
    }
    c.exec(`INSERT INTO audit_log (at, actor_id, action, entity, entity_id, basis, detail)
            SELECT amended_at, author_id, 'note-amend', 'participant', CAST(participant_id AS TEXT), 'assigned', '{"note":' || note_id || ',"amendment":' || id || '}' FROM case_note_amendments ORDER BY id`);
    count('case_note_amendments', amendCount);
    count('audit_log', amendCount);

    // Needs: from the assessment at intake, and emergent ones recorded with a note.
    const insNeed = c.prepare(
      `INSERT INTO needs (participant_id, category, description, impact, source, source_note_id, status, met_date, recorded_at, recorded_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const needStatus = (recordedMs: number) => {
      const r = rng.next();
      if (r < 0.25) return { status: 'met', met: dateOf(Math.min(NOW - DAY, recordedMs + (14 + rng.int(200)) * DAY)) };
      return { status: r < 0.6 ? 'being_addressed' : 'open', met: null };
    };
    for (const p of people) {
      const n = Math.floor(SEED_SHAPE.assessmentNeedsPerParticipant) + (rng.chance(SEED_SHAPE.assessmentNeedsPerParticipant % 1) ? 1 : 0);
      for (let j = 0; j < n; j++) {
        const s = needStatus(p.enrollMs);
        const id = insNeed.run(p.id, rng.pick(NEED_CATEGORIES), gen.sentence(rng), gen.sentence(rng), 'assessment', null, s.status, s.met, iso(p.enrollMs), p.primary, iso(p.enrollMs), p.primary).lastInsertRowid;
        p.needIds.push({ id: Number(id), at: p.enrollMs, emergent: false });
        count('needs');
      }
    }
    for (let j = 0; j < SEED_SHAPE.emergentNeeds; j++) {
      const noteId = 1 + rng.int(totalNotes);
      const at = noteEntered[noteId]!;
      const s = needStatus(at);
      const id = insNeed.run(notePerson[noteId]!, rng.pick(NEED_CATEGORIES), gen.sentence(rng), gen.sentence(rng), 'emergent', noteId, s.status, s.met, iso(at), noteAuthor[noteId]!, iso(at), noteAuthor[noteId]!).lastInsertRowid;
      people[notePerson[noteId]! - 1]!.needIds.push({ id: Number(id), at, emergent: true });
      count('needs');
    }

    seedPlans();

    // Employment changes: hires for about a third of participants, some jobs ending.
    const insJob = c.prepare(
      `INSERT INTO employment_changes (participant_id, note_id, kind, employer_name, job_title, effective_date, wage_cents, wage_period, hours_per_week, supersedes_id, recorded_at, recorded_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'hour', ?, NULL, ?, ?)`,
    );
    for (const p of people) {
      if (!p.noteIds.length || !rng.chance(0.35)) continue;
      const noteId = p.noteIds[rng.int(p.noteIds.length)]!;
      const at = noteEntered[noteId]!;
      const employer = `${gen.employer(rng)} ${rng.pick(vocab.employerKinds)}`;
      insJob.run(p.id, noteId, 'hired', employer, rng.pick(['Warehouse associate', 'Cook', 'Cashier', 'Forklift operator', 'Housekeeper', 'Driver']), dateOf(at), 1500 + rng.int(1200), 20 + rng.int(21), iso(at), noteAuthor[noteId]!);
      count('employment_changes');
      if (rng.chance(0.2)) {
        const end = Math.min(NOW - DAY, at + (30 + rng.int(300)) * DAY);
        insJob.run(p.id, noteId, 'terminated', employer, null, dateOf(end), null, null, iso(end), noteAuthor[noteId]!);
        count('employment_changes');
      }
    }

    // A few snoozed items, digest preferences and recently processed requests.
    const insDue = c.prepare(
      `INSERT OR IGNORE INTO due_item_state (item_key, rule_id, participant_id, due_date, snoozed_until, snooze_reason, snoozed_by, snoozed_at, updated_at) VALUES (?, 'contact-due', ?, ?, ?, 'Participant traveling', ?, ?, ?)`,
    );
    for (let j = 0; j < 2000; j++) {
      const p = rng.pick(activePeople);
      const due = dateOf(NOW - rng.int(20) * DAY);
      insDue.run(`contact-due:${p.id}:-:${due}`, p.id, due, dateOf(NOW + (1 + rng.int(14)) * DAY), p.primary, nowIso, nowIso);
    }
    count('due_item_state', 2000);
    const insDigest = c.prepare(`INSERT INTO digest_settings (staff_id, enabled, local_time, weekdays, skip_holidays, send_when_empty, team_summary, updated_at, updated_by) VALUES (?, 1, ?, '1,2,3,4,5', 1, 0, ?, ?, ?)`);
    for (const id of [...supervisors, ...caseManagers.slice(0, 30)]) insDigest.run(id, rng.pick(['07:30', '08:00', '08:30']), id.startsWith('USUP') ? 1 : 0, nowIso, id);
    count('digest_settings', supervisors.length + 30);
    const insReq = c.prepare(`INSERT INTO processed_slack_requests (key, kind, received_at, result) VALUES (?, ?, ?, NULL)`);
    for (let j = 0; j < 3000; j++) insReq.run(`Ev${j.toString(36).toUpperCase().padStart(9, '0')}`, j % 3 ? 'event' : 'view_submission', iso(NOW - rng.int(7 * DAY)));
    count('processed_slack_requests', 3000);

    genMs = performance.now() - loadStarted;
    const ixStarted = performance.now();
    if (DEFER_INDEXES) for (const ix of deferredIndexes) c.exec(ix.sql);
    indexMs = performance.now() - ixStarted;
    ftsStarted = performance.now();
  });
  ftsMs = performance.now() - ftsStarted;

  const finishStarted = performance.now();
  c.pragma('locking_mode = NORMAL');
  c.pragma('journal_mode = WAL');
  c.pragma('synchronous = NORMAL');
  c.pragma('foreign_keys = ON');
  closeDatabase(db);
  // Write the file out now: the load ran without fsync, and the app's first WAL checkpoint would
  // otherwise flush a gigabyte of dirty pages inside a request (a production file has none).
  const fd = openSync(path, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  const finishMs = performance.now() - finishStarted;
  const fileBytes = statSync(path).size;
  return {
    path,
    now: nowIso,
    ms: { total: performance.now() - started, generateAndInsert: genMs, indexes: indexMs, ftsRebuild: ftsMs, open: openMs, finish: finishMs },
    rows,
    fileBytes,
    worker150: big,
    admin: ADMIN_ID,
    caseManagers,
    supervisors,
    worker150Participants,
    rareEmployers: vocab.employers.slice(0, 50),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

// CLI: npx tsx bench/seed.ts <path> [--notes N]
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const path = process.argv[2];
  if (!path) {
    process.stderr.write('usage: tsx bench/seed.ts <db path> [--notes N]\n');
    process.exit(2);
  }
  const i = process.argv.indexOf('--notes');
  const notes = i > 0 ? Number(process.argv[i + 1]) : undefined;
  const result = seedDatabase(path, { ...(notes ? { notes } : {}) });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
