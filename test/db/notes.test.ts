import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { amendNote, participantNotes, readNote, saveNote, searchNotes, type NewNote } from '../../src/db/notes';
import { bulkLoadNotes } from '../../src/db/fts';
import { enrollParticipant, type NewParticipant } from '../../src/db/participants';
import { auditLog, caseNotes, employmentChanges, needs } from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import type { Actor } from '../../src/domain/access';
import { DEFAULT_PROFILES } from '../../src/domain/profiles';
import { addStaff, tempDatabase } from '../harness/db';
import { newParticipant } from '../harness/fixtures';

const NOW = new Date('2026-11-23T16:00:00Z'); // 10:00 in Chicago

function person(caseManager: string, overrides: Partial<NewParticipant> = {}): NewParticipant {
  return newParticipant(caseManager, overrides);
}

function note(participantId: number, overrides: Partial<NewNote> = {}): NewNote {
  return {
    participantId,
    source: 'modal',
    contactKind: 'participant',
    method: 'phone',
    interactionAt: new Date('2026-11-23T15:00:00Z'),
    interactionTz: 'America/Chicago',
    timeKnown: true,
    location: 'Remote',
    subject: 'Follow-up call',
    body: 'Participant confirmed the CASAS appointment for 12/3 and will bring an ID.',
    checkWarnings: [],
    checkChoice: 'none',
    ...overrides,
  };
}

describe('case notes on a real SQLite file', () => {
  let t: ReturnType<typeof tempDatabase>;
  let worker: Actor, other: Actor, supervisor: Actor;
  let maria: number, jose: number;

  beforeEach(() => {
    t = tempDatabase();
    addStaff(t.db, 'SA', { role: 'supervisor' });
    addStaff(t.db, 'W1', { supervisorId: 'SA', name: 'Dana' });
    addStaff(t.db, 'W2', { name: 'Sam' });
    const a = (id: string) => actorFor(getStaff(t.db, id)!, new Set());
    [worker, other, supervisor] = [a('W1'), a('W2'), a('SA')];
    maria = enrollParticipant(t.db, worker, person('W1'), NOW);
    jose = enrollParticipant(t.db, other, person('W2', { fullName: 'José Pérez' }), NOW);
  });
  afterEach(() => t.cleanup());

  it('saves a note with its timeliness fixed at entry and writes the audit row', () => {
    const r = saveNote(t.db, worker, note(maria), DEFAULT_PROFILES, NOW);
    expect(r).toMatchObject({ kind: 'saved', timeliness: 'on_time' });
    const row = t.db.select().from(caseNotes).get()!;
    expect(row).toMatchObject({ interactionDate: '2026-11-23', noteDueDays: 10, authorId: 'W1', checkChoice: 'none' });
    expect(t.db.select().from(auditLog).all().at(-1)).toMatchObject({ action: 'note-add', basis: 'assigned', detail: `{"note":${row.id}}` });
  });

  it('a note for someone else’s participant is refused as not found', () => {
    expect(saveNote(t.db, other, note(maria), DEFAULT_PROFILES, NOW)).toEqual({ kind: 'not-found' });
    expect(t.db.select().from(caseNotes).all()).toEqual([]);
  });

  it('a note 11 days late needs the explanation; with it, it is saved out of compliance', () => {
    const late = note(maria, { interactionAt: new Date('2026-11-12T15:00:00Z') });
    expect(saveNote(t.db, worker, late, DEFAULT_PROFILES, NOW)).toEqual({ kind: 'explanation-required', lastCompliantDate: '2026-11-22' });
    expect(t.db.select().from(caseNotes).all()).toEqual([]);
    const r = saveNote(t.db, worker, { ...late, lateExplanation: 'Worker was out sick Nov 13–22.' }, DEFAULT_PROFILES, NOW);
    expect(r).toMatchObject({ kind: 'saved', timeliness: 'late_out_of_compliance' });
  });

  it('the same view submitted twice creates one note', () => {
    const first = saveNote(t.db, worker, note(maria, { view: { id: 'V1', hash: 'h1' } }), DEFAULT_PROFILES, NOW);
    const again = saveNote(t.db, worker, note(maria, { view: { id: 'V1', hash: 'h1' } }), DEFAULT_PROFILES, NOW);
    expect(first.kind).toBe('saved');
    expect(again).toEqual({ kind: 'duplicate', noteId: (first as { noteId: number }).noteId });
    expect(t.db.select().from(caseNotes).all()).toHaveLength(1);
  });

  it('the same quick entry within 60 seconds is saved once; after a minute it is a new note', () => {
    const q = note(maria, { source: 'quick_entry', quickEntry: true });
    expect(saveNote(t.db, worker, q, DEFAULT_PROFILES, NOW).kind).toBe('saved');
    expect(saveNote(t.db, worker, q, DEFAULT_PROFILES, new Date(NOW.getTime() + 59_000)).kind).toBe('duplicate');
    expect(saveNote(t.db, worker, { ...q, body: `${q.body} Also asked about bus passes.` }, DEFAULT_PROFILES, new Date(NOW.getTime() + 59_000)).kind).toBe('saved');
    expect(saveNote(t.db, worker, q, DEFAULT_PROFILES, new Date(NOW.getTime() + 61_000)).kind).toBe('saved');
    expect(t.db.select().from(caseNotes).all()).toHaveLength(3);
  });

  it('records an emergent need and an employment change with the note', () => {
    const r = saveNote(
      t.db,
      worker,
      note(maria, {
        emergentNeed: { category: 'child_care', description: 'Lost child care for the evening shift', impact: 'Cannot attend the evening CNA class' },
        employmentChange: { kind: 'hired', employerName: 'Mercy Hospital', effectiveDate: '2026-11-30', wageCents: 1850, wagePeriod: 'hour' },
      }),
      DEFAULT_PROFILES,
      NOW,
    );
    const noteId = (r as { noteId: number }).noteId;
    expect(t.db.select().from(needs).all()).toMatchObject([{ source: 'emergent', sourceNoteId: noteId, status: 'open', category: 'child_care' }]);
    expect(t.db.select().from(employmentChanges).all()).toMatchObject([{ noteId, kind: 'hired', wageCents: 1850 }]);
  });

  it('notes are append-only: the database refuses to change or delete one', () => {
    saveNote(t.db, worker, note(maria), DEFAULT_PROFILES, NOW);
    expect(() => t.db.$client.prepare("update case_notes set body = 'changed'").run()).toThrow(/append-only/);
    expect(() => t.db.$client.prepare('delete from case_notes').run()).toThrow(/append-only/);
    expect(() => t.db.$client.prepare('delete from audit_log').run()).toThrow(/append-only/);
  });

  it('an amendment is kept under its note, newest notes first, by those allowed to write', () => {
    const a = saveNote(t.db, worker, note(maria, { interactionAt: new Date('2026-11-20T15:00:00Z') }), DEFAULT_PROFILES, NOW) as { noteId: number };
    saveNote(t.db, worker, note(maria, { body: 'Second contact.' }), DEFAULT_PROFILES, NOW);
    expect(amendNote(t.db, other, a.noteId, { reason: 'x', text: 'y', checkWarnings: [], checkChoice: 'none' }, NOW)).toEqual({ kind: 'not-found' });
    const amended = amendNote(t.db, worker, a.noteId, { reason: 'Wrong date for the appointment', text: 'The CASAS appointment is 12/4, not 12/3.', checkWarnings: [], checkChoice: 'none', view: { id: 'V9', hash: 'h' } }, NOW);
    expect(amended.kind).toBe('saved');
    expect(amendNote(t.db, worker, a.noteId, { reason: 'r', text: 't', checkWarnings: [], checkChoice: 'none', view: { id: 'V9', hash: 'h' } }, NOW).kind).toBe('duplicate');
    const page = participantNotes(t.db, worker, maria, { offset: 0, limit: 10 }, NOW)!;
    expect(page.total).toBe(2);
    expect(page.notes.map((n) => n.note.body)).toEqual(['Second contact.', note(maria).body]);
    expect(page.notes[1]!.amendments.map((x) => [x.text, x.authorName])).toEqual([['The CASAS appointment is 12/4, not 12/3.', 'Dana']]);
    expect(participantNotes(t.db, other, maria, { offset: 0, limit: 10 }, NOW)).toBeNull();
    expect(readNote(t.db, other, a.noteId, NOW)).toBeNull();
  });

  it('search finds only notes the person may see, accent-blind, newest first, with snippets', () => {
    saveNote(t.db, worker, note(maria, { body: 'Discussed the résumé workshop at the library.', interactionAt: new Date('2026-11-20T15:00:00Z') }), DEFAULT_PROFILES, NOW);
    saveNote(t.db, worker, note(maria, { body: 'Resume reviewed; next step is the job fair.' }), DEFAULT_PROFILES, NOW);
    saveNote(t.db, other, note(jose, { body: 'Resume help for José.' }), DEFAULT_PROFILES, NOW);
    const hits = searchNotes(t.db, worker, 'resume', { offset: 0, limit: 10 }, NOW).hits;
    expect(hits.map((h) => h.participantId)).toEqual([maria, maria]);
    expect(hits[0]!.snippet).toContain('\uE000Resume\uE001');
    expect(hits[1]!.snippet).toContain('\uE000résumé\uE001');
    expect(searchNotes(t.db, worker, 'resume job fair', { offset: 0, limit: 10 }, NOW).hits).toHaveLength(1);
    expect(searchNotes(t.db, other, 'library', { offset: 0, limit: 10 }, NOW).hits).toEqual([]);
    const before = t.db.select().from(auditLog).all().length;
    expect(searchNotes(t.db, supervisor, 'resume', { offset: 0, limit: 10 }, NOW).hits).toHaveLength(2);
    expect(t.db.select().from(auditLog).all().slice(before)).toMatchObject([{ actorId: 'SA', action: 'note-search', entityId: String(maria), detail: null }]);
  });

  it('an amendment’s words find its note; search text with FTS syntax is taken literally', () => {
    const a = saveNote(t.db, worker, note(maria), DEFAULT_PROFILES, NOW) as { noteId: number };
    amendNote(t.db, worker, a.noteId, { reason: 'Added detail', text: 'Participant also needs steel-toe boots.', checkWarnings: [], checkChoice: 'none' }, NOW);
    expect(searchNotes(t.db, worker, 'boots', { offset: 0, limit: 10 }, NOW).hits.map((h) => h.noteId)).toEqual([a.noteId]);
    expect(searchNotes(t.db, worker, 'NOT "boots" OR *', { offset: 0, limit: 10 }, NOW).hits).toEqual([]);
    expect(searchNotes(t.db, worker, '   ', { offset: 0, limit: 10 }, NOW).hits).toEqual([]);
  });

  it('a bulk load without triggers, then one rebuild, gives the same search results', () => {
    bulkLoadNotes(t.db, () => {
      for (let i = 0; i < 50; i++) saveNote(t.db, worker, note(maria, { body: `Bulk note ${i} about forklift certification.` }), DEFAULT_PROFILES, new Date(NOW.getTime() + i * 61_000));
    });
    expect(searchNotes(t.db, worker, 'forklift', { offset: 0, limit: 100 }, NOW).hits).toHaveLength(50);
    saveNote(t.db, worker, note(maria, { body: 'After the load: forklift license received.' }), DEFAULT_PROFILES, NOW);
    expect(searchNotes(t.db, worker, 'forklift', { offset: 0, limit: 100 }, NOW).hits).toHaveLength(51);
  });
});
