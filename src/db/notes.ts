// Case notes: append-only, written and read on behalf of an Actor (src/domain/access.ts), with
// double-submit protection, timeliness fixed at entry, and full-text search limited to the
// participants the reader may see.
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import { decideAccess, mustAudit, type Actor } from '../domain/access';
import { localDate } from '../domain/dates';
import { requiredTextProblem, type FieldErrors } from '../domain/plan';
import { strictestProfile, type EffectiveRules, type ProfileId, type ProgramProfile } from '../domain/profiles';
import { foldForSearch } from '../domain/text';
import { assessTimeliness, type Timeliness } from '../domain/timeliness';
import { recordAudit } from './audit';
import { inTransaction, type Db } from './connection';
import { completeService, insertNeed } from './plan';
import {
  caseNoteAmendments,
  caseNoteGoals,
  caseNoteServices,
  caseNotes,
  employmentChanges,
  enrollments,
  goals,
  participants,
  services,
  staff,
  type CaseNoteAmendmentRow,
  type CaseNoteRow,
} from './schema';
import { accessFacts, scopeFor, visibleParticipantsCondition } from './participants';

export type ContactKind = 'participant' | 'collateral' | 'attempt';
export type CheckChoice = 'none' | 'revised' | 'saved_anyway';

export interface StoredWarning {
  kind: 'opinion' | 'medical';
  field: string;
  start: number;
  end: number;
  matched: string;
}

export interface NewNote {
  participantId: number;
  source: CaseNoteRow['source'];
  contactKind: ContactKind;
  method: string;
  collateralName?: string | null;
  collateralRelationship?: string | null;
  interactionAt: Date;
  interactionTz: string;
  timeKnown: boolean;
  location: string;
  subject: string;
  body: string;
  othersPresent?: string | null;
  nextSteps?: string | null;
  nextAppointmentAt?: Date | null;
  nextAppointmentDate?: string | null;
  lateExplanation?: string | null;
  checkWarnings: StoredWarning[];
  checkChoice: CheckChoice;
  sourcePermalink?: string | null;
  /** The modal submission (view id + hash): a double submit creates one note. */
  view?: { id: string; hash: string } | null;
  /** Quick entry: the same text for the same participant by the same person within 60 s is saved once. */
  quickEntry?: boolean;
  emergentNeed?: { category: string; description: string; impact: string } | null;
  employmentChange?: {
    kind: 'hired' | 'terminated';
    employerName: string;
    jobTitle?: string | null;
    effectiveDate: string;
    wageCents?: number | null;
    wagePeriod?: 'hour' | 'week' | 'month' | 'year' | null;
  } | null;
}

/** How a note touches a service; `completed` closes the service on the plan with its outcome. */
export interface NoteServiceUpdate {
  serviceId: number;
  updateKind: 'started' | 'progress' | 'completed';
  /** Required when completed. */
  outcome?: string | null;
  /** Completed: did it meet the need? Required when completed. */
  needMet?: boolean | null;
}

export interface NotePlanLinks {
  services: NoteServiceUpdate[];
  goals: Array<{ goalId: number; progress: string }>;
}

export type SaveNoteResult =
  | { kind: 'saved'; noteId: number; timeliness: Timeliness; servicesCompleted: number[] }
  | { kind: 'duplicate'; noteId: number }
  | { kind: 'not-found' }
  | { kind: 'explanation-required'; lastCompliantDate: string };

export type SaveLinkedNoteResult =
  | SaveNoteResult
  /** A plan link was refused; nothing was written. Keys: `services.<id>` (the update), `services.<id>.outcome`, `goals.<id>`. */
  | { kind: 'invalid'; errors: FieldErrors };

export const QUICK_ENTRY_WINDOW_MS = 60_000;

/** The profile rules that apply to a participant: the strictest of their programs. */
export function rulesForParticipant(db: Db, participantId: number, profiles: Record<ProfileId, ProgramProfile>): EffectiveRules {
  const ids = db.select({ profileId: enrollments.profileId }).from(enrollments).where(eq(enrollments.participantId, participantId)).all();
  const applicable = ids.map((r) => profiles[r.profileId as ProfileId]).filter((p): p is ProgramProfile => !!p);
  return strictestProfile(applicable.length ? applicable : [profiles['wioa-adult']]);
}

function quickEntryHash(authorId: string, note: NewNote, interactionDate: string): string {
  return createHash('sha256')
    .update([authorId, note.participantId, note.contactKind, note.method, interactionDate, foldForSearch(note.body)].join('|'))
    .digest('hex');
}

/** The emergent need and employment change a note (or its added details) records, linked to the note. */
function recordNoteFacts(
  db: Db,
  actor: Actor,
  participantId: number,
  noteId: number,
  facts: Pick<NewNote, 'emergentNeed' | 'employmentChange'>,
  at: string,
): Record<string, number> {
  const ids: Record<string, number> = {};
  if (facts.emergentNeed) {
    ids.need = insertNeed(db, actor, participantId, facts.emergentNeed, 'emergent', { sourceNoteId: noteId, assessmentId: null }, at);
  }
  if (facts.employmentChange) {
    ids.employment = db
      .insert(employmentChanges)
      .values({ participantId, noteId, ...facts.employmentChange, recordedAt: at, recordedBy: actor.staffId })
      .returning({ id: employmentChanges.id })
      .get().id;
  }
  return ids;
}

/** A refusal found after the first write: thrown to roll the whole note back. */
class LinksRefused extends Error {
  constructor(readonly errors: FieldErrors) {
    super('plan links refused');
  }
}

/**
 * Problems with the services and goals a note touches: each must be the participant's own, the
 * service active, the goal open; a completion needs its outcome and whether it met the need, and
 * cannot predate the service. Empty when fine.
 */
function planLinkProblems(db: Db, participantId: number, links: NotePlanLinks, interactionDate: string): FieldErrors {
  const errors: FieldErrors = {};
  const serviceIds = [...new Set(links.services.map((l) => l.serviceId))];
  const goalIds = [...new Set(links.goals.map((l) => l.goalId))];
  const serviceRows = serviceIds.length ? db.select().from(services).where(inArray(services.id, serviceIds)).all() : [];
  const goalRows = goalIds.length ? db.select().from(goals).where(inArray(goals.id, goalIds)).all() : [];
  for (const link of links.services) {
    const key = `services.${link.serviceId}`;
    const s = serviceRows.find((r) => r.id === link.serviceId);
    if (!s || s.participantId !== participantId) errors[key] = 'That service is not on this participant’s plan.';
    else if (s.status !== 'active') errors[key] = `${s.serviceName} has already ended.`;
    else if (link.updateKind === 'completed') {
      if (interactionDate < s.startDate) errors[key] = `This contact is before ${s.serviceName} started (${s.startDate}), so it cannot complete it.`;
      else if (typeof link.needMet !== 'boolean') errors[key] = 'Say whether the service met the need.';
      const o = requiredTextProblem(link.outcome, 'the outcome of the service');
      if (o) errors[`${key}.outcome`] = o;
    } else if (link.outcome && link.outcome.trim().length > 1000) errors[`${key}.outcome`] = 'Keep the outcome to 1000 characters or fewer.';
  }
  for (const link of links.goals) {
    const key = `goals.${link.goalId}`;
    const g = goalRows.find((r) => r.id === link.goalId);
    if (!g || g.participantId !== participantId) errors[key] = 'That goal is not on this participant’s plan.';
    else if (g.status !== 'open') errors[key] = `This goal is already ${g.status}.`;
    else {
      const p = requiredTextProblem(link.progress, 'the progress toward the goal');
      if (p) errors[key] = p;
    }
  }
  return errors;
}

/**
 * Saves a note (and the emergent need / employment change it records) in one transaction.
 * Checks access, refuses a late note without the explanation its profile asks for, and turns a
 * double submit into the note already saved.
 */
export function saveNote(db: Db, actor: Actor, note: NewNote, profiles: Record<ProfileId, ProgramProfile>, now: Date): SaveNoteResult {
  const result = saveLinkedNote(db, actor, note, null, profiles, now);
  if (result.kind === 'invalid') throw new Error('saveNote: a note without plan links cannot have link problems');
  return result;
}

/**
 * `saveNote`, plus the participant's services and goals the note touches, written in the same
 * transaction. A service the note completes is closed through the plan's own completion
 * (outcome, needs met, a new plan version); any refusal writes nothing.
 */
export function saveLinkedNote(
  db: Db,
  actor: Actor,
  note: NewNote,
  planLinks: NotePlanLinks | null,
  profiles: Record<ProfileId, ProgramProfile>,
  now: Date,
): SaveLinkedNoteResult {
  try {
    return saveNoteIn(db, actor, note, planLinks ?? { services: [], goals: [] }, profiles, now);
  } catch (err) {
    if (err instanceof LinksRefused) return { kind: 'invalid', errors: err.errors };
    throw err;
  }
}

function saveNoteIn(db: Db, actor: Actor, note: NewNote, links: NotePlanLinks, profiles: Record<ProfileId, ProgramProfile>, now: Date): SaveLinkedNoteResult {
  return inTransaction(db, () => {
    const decision = decideAccess(actor, accessFacts(db, note.participantId), 'write');
    if (!decision.allowed) return { kind: 'not-found' };
    if (note.view) {
      const existing = db
        .select({ id: caseNotes.id })
        .from(caseNotes)
        .where(and(eq(caseNotes.slackViewId, note.view.id), eq(caseNotes.slackViewHash, note.view.hash)))
        .get();
      if (existing) return { kind: 'duplicate', noteId: existing.id };
    }
    const rules = rulesForParticipant(db, note.participantId, profiles);
    const timeliness = assessTimeliness({
      interactionAt: note.interactionAt,
      timeKnown: note.timeKnown,
      enteredAt: now,
      timeZone: note.interactionTz,
      bestPracticeDays: rules.noteDueBestPracticeDays,
      requiredDays: rules.noteDueRequiredDays,
      requiresExplanation: rules.lateNoteRequiresExplanation,
    });
    if (timeliness.explanationRequired && !note.lateExplanation?.trim()) {
      return { kind: 'explanation-required', lastCompliantDate: timeliness.lastCompliantDate };
    }
    const linkErrors = planLinkProblems(db, note.participantId, links, timeliness.interactionDate);
    if (Object.keys(linkErrors).length) return { kind: 'invalid', errors: linkErrors };
    const hash = note.quickEntry ? quickEntryHash(actor.staffId, note, timeliness.interactionDate) : null;
    if (hash) {
      const since = new Date(now.getTime() - QUICK_ENTRY_WINDOW_MS).toISOString();
      const existing = db
        .select({ id: caseNotes.id })
        .from(caseNotes)
        .where(and(eq(caseNotes.authorId, actor.staffId), eq(caseNotes.quickEntryHash, hash), gt(caseNotes.enteredAt, since)))
        .get();
      if (existing) return { kind: 'duplicate', noteId: existing.id };
    }
    const at = now.toISOString();
    const row = db
      .insert(caseNotes)
      .values({
        participantId: note.participantId,
        authorId: actor.staffId,
        source: note.source,
        contactKind: note.contactKind,
        method: note.method,
        collateralName: note.collateralName ?? null,
        collateralRelationship: note.collateralRelationship ?? null,
        interactionAt: note.interactionAt.toISOString(),
        interactionTz: note.interactionTz,
        interactionDate: timeliness.interactionDate,
        interactionTimeKnown: note.timeKnown,
        enteredAt: at,
        location: note.location,
        subject: note.subject,
        body: note.body,
        othersPresent: note.othersPresent ?? null,
        nextSteps: note.nextSteps ?? null,
        nextAppointmentAt: note.nextAppointmentAt?.toISOString() ?? null,
        nextAppointmentDate: note.nextAppointmentDate ?? null,
        timeliness: timeliness.timeliness,
        noteDueDays: rules.noteDueRequiredDays,
        lateExplanation: note.lateExplanation?.trim() || null,
        checkWarnings: note.checkWarnings.length ? JSON.stringify(note.checkWarnings) : null,
        checkChoice: note.checkChoice,
        sourcePermalink: note.sourcePermalink ?? null,
        slackViewId: note.view?.id ?? null,
        slackViewHash: note.view?.hash ?? null,
        quickEntryHash: hash,
      })
      .returning({ id: caseNotes.id })
      .get();
    const detail: Record<string, number | string> = { note: row.id, ...recordNoteFacts(db, actor, note.participantId, row.id, note, at) };
    const completed: number[] = [];
    if (links.services.length) {
      db.insert(caseNoteServices)
        .values(links.services.map((l) => ({ noteId: row.id, serviceId: l.serviceId, updateKind: l.updateKind, outcome: l.outcome?.trim() || null })))
        .run();
      detail.services = links.services.map((l) => l.serviceId).join(',');
    }
    if (links.goals.length) {
      db.insert(caseNoteGoals)
        .values(links.goals.map((l) => ({ noteId: row.id, goalId: l.goalId, progress: l.progress.trim() })))
        .run();
      detail.goals = links.goals.map((l) => l.goalId).join(',');
    }
    recordAudit(db, now, [{ actorId: actor.staffId, action: 'note-add', entity: 'participant', entityId: note.participantId, basis: decision.basis, detail }]);
    const ctx = { profiles, now, today: localDate(now, note.interactionTz) };
    for (const l of links.services.filter((x) => x.updateKind === 'completed')) {
      const done = completeService(db, actor, l.serviceId, { actualEndDate: timeliness.interactionDate, needMet: l.needMet === true, outcome: l.outcome ?? '', status: 'completed' }, ctx);
      if (done.kind === 'invalid') throw new LinksRefused({ [`services.${l.serviceId}`]: Object.values(done.errors).join(' ') });
      if (done.kind !== 'ok') throw new LinksRefused({ [`services.${l.serviceId}`]: 'That service is not on this participant’s plan.' });
      completed.push(l.serviceId);
    }
    return { kind: 'saved', noteId: row.id, timeliness: timeliness.timeliness, servicesCompleted: completed };
  });
}

export interface NewAmendment extends Pick<NewNote, 'emergentNeed' | 'employmentChange'> {
  reason: string;
  text: string;
  nextAppointmentAt?: Date | null;
  nextAppointmentDate?: string | null;
  checkWarnings: StoredWarning[];
  checkChoice: CheckChoice;
  view?: { id: string; hash: string } | null;
}

export type AmendResult = { kind: 'saved' | 'duplicate'; amendmentId: number; participantId: number } | { kind: 'not-found' };

/** Adds a correction under a note. The note itself never changes. */
export function amendNote(db: Db, actor: Actor, noteId: number, amendment: NewAmendment, now: Date): AmendResult {
  return inTransaction(db, () => {
    const note = db.select({ participantId: caseNotes.participantId }).from(caseNotes).where(eq(caseNotes.id, noteId)).get();
    if (!note) return { kind: 'not-found' };
    const decision = decideAccess(actor, accessFacts(db, note.participantId), 'write');
    if (!decision.allowed) return { kind: 'not-found' };
    if (amendment.view) {
      const existing = db
        .select({ id: caseNoteAmendments.id })
        .from(caseNoteAmendments)
        .where(and(eq(caseNoteAmendments.slackViewId, amendment.view.id), eq(caseNoteAmendments.slackViewHash, amendment.view.hash)))
        .get();
      if (existing) return { kind: 'duplicate', amendmentId: existing.id, participantId: note.participantId };
    }
    const row = db
      .insert(caseNoteAmendments)
      .values({
        noteId,
        participantId: note.participantId,
        authorId: actor.staffId,
        amendedAt: now.toISOString(),
        reason: amendment.reason,
        text: amendment.text,
        nextAppointmentAt: amendment.nextAppointmentAt?.toISOString() ?? null,
        nextAppointmentDate: amendment.nextAppointmentDate ?? null,
        checkWarnings: amendment.checkWarnings.length ? JSON.stringify(amendment.checkWarnings) : null,
        checkChoice: amendment.checkChoice,
        slackViewId: amendment.view?.id ?? null,
        slackViewHash: amendment.view?.hash ?? null,
      })
      .returning({ id: caseNoteAmendments.id })
      .get();
    const facts = recordNoteFacts(db, actor, note.participantId, noteId, amendment, now.toISOString());
    recordAudit(db, now, [
      { actorId: actor.staffId, action: 'note-amend', entity: 'participant', entityId: note.participantId, basis: decision.basis, detail: { note: noteId, amendment: row.id, ...facts } },
    ]);
    return { kind: 'saved', amendmentId: row.id, participantId: note.participantId };
  });
}

export interface NoteWithAmendments {
  note: CaseNoteRow;
  authorName: string;
  amendments: Array<CaseNoteAmendmentRow & { authorName: string }>;
}

function withAmendments(db: Db, rows: Array<{ note: CaseNoteRow; authorName: string }>): NoteWithAmendments[] {
  if (rows.length === 0) return [];
  const amendments = db
    .select({ amendment: caseNoteAmendments, authorName: staff.displayName })
    .from(caseNoteAmendments)
    .innerJoin(staff, eq(staff.slackUserId, caseNoteAmendments.authorId))
    .where(inArray(caseNoteAmendments.noteId, rows.map((r) => r.note.id)))
    .orderBy(asc(caseNoteAmendments.id))
    .all();
  return rows.map((r) => ({
    ...r,
    amendments: amendments.filter((a) => a.amendment.noteId === r.note.id).map((a) => ({ ...a.amendment, authorName: a.authorName })),
  }));
}

/** One note with its amendments, if the actor may read the participant's file. */
export function readNote(db: Db, actor: Actor, noteId: number, now: Date): NoteWithAmendments | null {
  const row = db
    .select({ note: caseNotes, authorName: staff.displayName })
    .from(caseNotes)
    .innerJoin(staff, eq(staff.slackUserId, caseNotes.authorId))
    .where(eq(caseNotes.id, noteId))
    .get();
  if (!row) return null;
  const decision = decideAccess(actor, accessFacts(db, row.note.participantId), 'read');
  if (!decision.allowed) return null;
  if (mustAudit(decision, 'read')) {
    recordAudit(db, now, [{ actorId: actor.staffId, action: 'read', entity: 'participant', entityId: row.note.participantId, basis: decision.basis, detail: { note: noteId } }]);
  }
  return withAmendments(db, [row])[0]!;
}

/**
 * A page of a participant's notes, newest interaction first, with amendments. The caller has
 * already read (and so audited) the card; `audit` is for pages read on their own.
 */
export function participantNotes(
  db: Db,
  actor: Actor,
  participantId: number,
  page: { offset: number; limit: number },
  now: Date,
  opts: { audit: boolean } = { audit: true },
): { total: number; notes: NoteWithAmendments[] } | null {
  const decision = decideAccess(actor, accessFacts(db, participantId), 'read');
  if (!decision.allowed) return null;
  if (opts.audit && mustAudit(decision, 'read')) {
    recordAudit(db, now, [{ actorId: actor.staffId, action: 'read', entity: 'participant', entityId: participantId, basis: decision.basis, detail: { notes: page.offset } }]);
  }
  const total = db.select({ n: sql<number>`count(*)` }).from(caseNotes).where(eq(caseNotes.participantId, participantId)).get()?.n ?? 0;
  const rows = db
    .select({ note: caseNotes, authorName: staff.displayName })
    .from(caseNotes)
    .innerJoin(staff, eq(staff.slackUserId, caseNotes.authorId))
    .where(eq(caseNotes.participantId, participantId))
    .orderBy(desc(caseNotes.interactionAt), desc(caseNotes.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  return { total, notes: withAmendments(db, rows) };
}

export interface NoteSearchHit {
  noteId: number;
  participantId: number;
  participantName: string;
  interactionDate: string;
  method: string;
  contactKind: ContactKind;
  subject: string;
  /** mrkdwn-ready snippet: matched words wrapped in U+E000 / U+E001 markers for the view to format. */
  snippet: string;
}

/** Marks around matched words in snippets (private-use characters; `char(57344)` in SQL). */
export const SNIPPET_OPEN = '\uE000';
export const SNIPPET_CLOSE = '\uE001';

/**
 * Turns what a person typed into an FTS5 query: each word a quoted term, all required. Whole
 * words, not prefixes: a prefix query over a million notes merges the doclists of every word
 * it starts and takes seconds for a common one (measured in `npm run bench`).
 */
export function ftsQuery(text: string): string | null {
  const words = foldForSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  return words.length ? words.map((w) => `"${w}"`).join(' ') : null;
}

type HitRow = Omit<NoteSearchHit, 'snippet'>;

/**
 * Notes with an amendment matching the query. A small scope is walked from its own amendments
 * (a caseload has about a hundred); a large one from the index, newest amendment first —
 * amendments come after their note, so a generous window reaches the newest notes.
 */
function amendmentMatches(db: Db, query: string, staffIds: string[] | null, scopeSql: SQL, wanted: number): Array<{ id: number }> {
  const scopeSize =
    staffIds === null ? Infinity : (db.get<{ n: number }>(sql`select count(*) as n from assignments where staff_id in (${sql.join(staffIds.map((id) => sql`${id}`), sql`, `)})`)?.n ?? 0);
  if (scopeSize <= 1000) {
    return db.all<{ id: number }>(sql`
      select a.note_id as id from case_notes n join case_note_amendments a on a.note_id = n.id
       where ${scopeSql}
         and exists (select 1 from case_note_amendments_fts f where f.rowid = a.id and case_note_amendments_fts match ${query})`);
  }
  return db.all<{ id: number }>(sql`
    select a.note_id as id from case_note_amendments_fts f
      join case_note_amendments a on a.id = f.rowid
      join case_notes n on n.id = a.note_id
     where case_note_amendments_fts match ${query} and ${scopeSql}
     order by f.rowid desc limit ${Math.max(50, wanted * 10)}`);
}

/**
 * Notes the actor may see that contain every word of `text` (in the note or one amendment),
 * most recently written first, with snippets. The full-text index is walked newest rowid first
 * and stops at the page, so a word in every note costs no more than a rare one; snippets are
 * made for the page only. Reads of participants the actor is not assigned to are audited, one
 * row per participant shown, without the query text.
 */
export function searchNotes(db: Db, actor: Actor, text: string, page: { offset: number; limit: number }, now: Date): { hits: NoteSearchHit[]; more: boolean } {
  const query = ftsQuery(text);
  const scope = scopeFor(db, actor);
  if (!query || scope.kind === 'none') return { hits: [], more: false };
  const scopeSql =
    scope.kind === 'all'
      ? sql`1`
      : sql`n.participant_id in (select participant_id from assignments where staff_id in (${sql.join(scope.staffIds.map((id) => sql`${id}`), sql`, `)}))`;
  const wanted = page.offset + page.limit + 1;
  const inNotes = db.all<{ id: number }>(sql`
    select n.id as id from case_notes_fts f join case_notes n on n.id = f.rowid
     where case_notes_fts match ${query} and ${scopeSql}
     order by f.rowid desc limit ${wanted}`);
  const inAmendments = amendmentMatches(db, query, scope.kind === 'all' ? null : scope.staffIds, scopeSql, wanted);
  const ids = [...new Set([...inNotes, ...inAmendments].map((r) => r.id))].sort((x, y) => y - x).slice(page.offset, page.offset + page.limit + 1);
  const more = ids.length > page.limit;
  const shownIds = ids.slice(0, page.limit);
  if (shownIds.length === 0) return { hits: [], more: false };
  const rows = db
    .select({
      noteId: caseNotes.id,
      participantId: caseNotes.participantId,
      participantName: participants.fullName,
      interactionDate: caseNotes.interactionDate,
      method: caseNotes.method,
      contactKind: caseNotes.contactKind,
      subject: caseNotes.subject,
    })
    .from(caseNotes)
    .innerJoin(participants, eq(participants.id, caseNotes.participantId))
    .where(inArray(caseNotes.id, shownIds))
    .all() as HitRow[];
  const byId = new Map(rows.map((r) => [r.noteId, r]));
  // The ids are integers read from the database; written into the query because FTS5 ignores a
  // rowid constraint bound as a parameter (better-sqlite3 binds numbers as REAL) and would
  // compute a snippet for every match.
  const idList = shownIds.filter(Number.isSafeInteger).join(',');
  const snippets = new Map<number, string>();
  for (const r of db.$client
    .prepare(`select rowid as id, snippet(case_notes_fts, 1, char(57344), char(57345), '…', 24) as s from case_notes_fts where case_notes_fts match ? and rowid in (${idList})`)
    .all(query) as Array<{ id: number; s: string }>) {
    if (r.s.includes(SNIPPET_OPEN)) snippets.set(r.id, r.s);
  }
  const missing = shownIds.filter((id) => !snippets.has(id));
  if (missing.length) {
    for (const r of db.$client
      .prepare(
        `select a.note_id as id, snippet(case_note_amendments_fts, 0, char(57344), char(57345), '…', 24) as s from case_note_amendments_fts f
           join case_note_amendments a on a.id = f.rowid where case_note_amendments_fts match ? and a.note_id in (${missing.join(',')})`,
      )
      .all(query) as Array<{ id: number; s: string }>) {
      if (!snippets.has(r.id)) snippets.set(r.id, r.s);
    }
  }
  const snippetFor = (id: number): string => snippets.get(id) ?? '';
  const hits = shownIds.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ ...row, snippet: snippetFor(id) }] : [];
  });
  const shown = [...new Set(hits.map((h) => h.participantId))];
  const audits = shown.flatMap((participantId) => {
    const decision = decideAccess(actor, accessFacts(db, participantId), 'read');
    return decision.allowed && mustAudit(decision, 'read')
      ? [{ actorId: actor.staffId, action: 'note-search', entity: 'participant' as const, entityId: participantId, basis: decision.basis }]
      : [];
  });
  recordAudit(db, now, audits);
  return { hits, more };
}

/** The participants whose names could start a quick entry typed by this person (narrowed by SQL). */
export function quickEntryCandidates(db: Db, actor: Actor, firstWord: string, limit = 200) {
  const inScope = visibleParticipantsCondition(db, actor);
  if (inScope === false) return [];
  const pattern = `%${foldForSearch(firstWord).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select({ id: participants.id, fullName: participants.fullName, preferredName: participants.preferredName, misId: participants.misId })
    .from(participants)
    .where(and(inScope, eq(participants.status, 'active'), sql`${participants.searchText} like ${pattern} escape '\\'`))
    .limit(limit)
    .all();
}

/** The latest direct contact and the latest attempt, for the card. */
export function lastContacts(db: Db, participantId: number): { contact: Pick<CaseNoteRow, 'interactionDate' | 'method'> | null; attempt: Pick<CaseNoteRow, 'interactionDate' | 'method'> | null } {
  const latest = (kind: ContactKind) =>
    db
      .select({ interactionDate: caseNotes.interactionDate, method: caseNotes.method })
      .from(caseNotes)
      .where(and(eq(caseNotes.participantId, participantId), eq(caseNotes.contactKind, kind)))
      .orderBy(desc(caseNotes.interactionAt))
      .limit(1)
      .get() ?? null;
  return { contact: latest('participant'), attempt: latest('attempt') };
}
