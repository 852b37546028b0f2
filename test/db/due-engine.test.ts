import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/connection';
import { amendNote, saveNote, type NewNote } from '../../src/db/notes';
import { changeParticipantStatus, enrollParticipant, type NewParticipant } from '../../src/db/participants';
import { dueItemState } from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import type { Actor } from '../../src/domain/access';
import type { DueItem } from '../../src/domain/due';
import { DEFAULT_PROFILES } from '../../src/domain/profiles';
import { caseloadDue, dueContext, dueItemsFor } from '../../src/due/engine';
import { noteTimelinessByWorker } from '../../src/due/note-timeliness';
import { addStaff, tempDatabase } from '../harness/db';
import { newParticipant } from '../harness/fixtures';

const NOW = new Date('2026-11-23T16:00:00Z'); // Monday Nov 23, 10:00 in Chicago
const CHICAGO = 'America/Chicago';
const HOUR = 3_600_000;
const ctxAt = (iso: string) => dueContext(new Date(iso), CHICAGO);

function person(caseManager: string, fullName: string, enrollmentDate = '2026-09-01'): NewParticipant {
  return newParticipant(caseManager, { fullName, preferredLanguage: 'English', programs: [{ profileId: 'wioa-adult', enrollmentDate }] });
}

function note(participantId: number, interactionAt: string, overrides: Partial<NewNote> = {}): NewNote {
  return {
    participantId,
    source: 'modal',
    contactKind: 'participant',
    method: 'phone',
    interactionAt: new Date(interactionAt),
    interactionTz: CHICAGO,
    timeKnown: true,
    location: 'Remote',
    subject: 'Follow-up call',
    body: 'Participant confirmed the CASAS appointment and will bring an ID.',
    checkWarnings: [],
    checkChoice: 'none',
    ...overrides,
  };
}

describe('the due engine on a real SQLite file', () => {
  let t: ReturnType<typeof tempDatabase>;
  let worker: Actor, other: Actor;

  /** Saves a note entered `enteredAfterHours` after the interaction (on time by default). */
  function contact(actor: Actor, participantId: number, interactionAt: string, overrides: Partial<NewNote> = {}, enteredAfterHours = 1) {
    const r = saveNote(t.db, actor, note(participantId, interactionAt, overrides), DEFAULT_PROFILES, new Date(new Date(interactionAt).getTime() + enteredAfterHours * HOUR));
    expect(r.kind).toBe('saved');
    return r as { kind: 'saved'; noteId: number; timeliness: string };
  }

  function snooze(itemKey: string, participantId: number, dueDate: string, snoozedUntil: string) {
    t.db.insert(dueItemState)
      .values({ itemKey, ruleId: 'contact-due', participantId, dueDate, snoozedUntil, snoozeReason: 'In the hospital until the 25th', snoozedBy: 'W1', snoozedAt: NOW.toISOString(), updatedAt: NOW.toISOString() })
      .run();
  }

  beforeEach(() => {
    t = tempDatabase();
    addStaff(t.db, 'SA', { role: 'supervisor' });
    addStaff(t.db, 'W1', { supervisorId: 'SA', name: 'Dana' });
    addStaff(t.db, 'W2', { supervisorId: 'SA', name: 'Sam' });
    worker = actorFor(getStaff(t.db, 'W1')!, new Set());
    other = actorFor(getStaff(t.db, 'W2')!, new Set());
  });
  afterEach(() => t.cleanup());

  describe('caseloadDue', () => {
    let ana: number, bea: number, cruz: number, dee: number, eli: number, fay: number;

    beforeEach(() => {
      // Bea is enrolled first, so without the urgency order she would be listed before Ana.
      bea = enrollParticipant(t.db, worker, person('W1', 'Bea Contacted-Yesterday'), NOW);
      ana = enrollParticipant(t.db, worker, person('W1', 'Ana Thirty-One-Days'), NOW);
      eli = enrollParticipant(t.db, worker, person('W1', 'Eli Due-Today'), NOW);
      fay = enrollParticipant(t.db, worker, person('W1', 'Fay Due-Soon'), NOW);
      cruz = enrollParticipant(t.db, worker, person('W1', 'Cruz Closed'), NOW);
      dee = enrollParticipant(t.db, other, person('W2', 'Dee Other-Worker'), NOW);
      contact(worker, ana, '2026-10-23T15:00:00Z'); // 31 days ago → due Nov 22 → overdue
      contact(worker, bea, '2026-11-22T15:00:00Z'); // yesterday → due Dec 22 → nothing
      contact(worker, eli, '2026-10-24T15:00:00Z'); // → due Nov 23 → today
      contact(worker, fay, '2026-10-28T15:00:00Z'); // → due Nov 27 → this week
      // Cruz and Dee were never contacted (enrolled Sep 1 → overdue since Oct 1), but Cruz is
      // closed and Dee is another worker's.
      expect(changeParticipantStatus(t.db, worker, cruz, { status: 'closed', effectiveDate: '2026-11-20', reason: 'Moved out of state' }, NOW)).toBe('ok');
    });

    it('lists the active caseload most urgent first, participants with nothing due last, with exact counts', () => {
      const due = caseloadDue(t.db, 'W1', DEFAULT_PROFILES, ctxAt(NOW.toISOString()));
      expect(due.counts).toEqual({ active: 4, overdue: 1, dueToday: 1, dueThisWeek: 1 });
      expect(due.entries.map((e) => [e.fullName, e.items.map((i) => [i.key, i.severity])])).toEqual([
        ['Ana Thirty-One-Days', [[`contact-due:${ana}:-:2026-11-22`, 'overdue']]],
        ['Eli Due-Today', [[`contact-due:${eli}:-:2026-11-23`, 'due_today']]],
        ['Fay Due-Soon', [[`contact-due:${fay}:-:2026-11-27`, 'due_soon']]],
        ['Bea Contacted-Yesterday', []],
      ]);
      expect(due.entries[0]).toMatchObject({ id: ana, role: 'primary', latestEnrollment: '2026-09-01' });
      expect(due.entries[0]!.items[0]).toMatchObject({ title: 'Contact overdue since Nov 22, 2026', detail: 'Last contact Oct 23, 2026 (phone)', clearingAction: 'log_note', compliance: true });
      expect(due.entries.map((e) => e.id)).not.toContain(cruz);
      expect(due.entries.map((e) => e.id)).not.toContain(dee);
    });

    it('the other worker sees only their own participant', () => {
      const due = caseloadDue(t.db, 'W2', DEFAULT_PROFILES, ctxAt(NOW.toISOString()));
      expect(due.counts).toEqual({ active: 1, overdue: 1, dueToday: 0, dueThisWeek: 0 });
      expect(due.entries.map((e) => [e.id, e.items.map((i) => i.key)])).toEqual([[dee, [`contact-due:${dee}:-:2026-10-01`]]]);
    });

    it('a snooze hides the item from the worker’s list until its date; the supervisor’s figures still count it', () => {
      snooze(`contact-due:${ana}:-:2026-11-22`, ana, '2026-11-22', '2026-11-25');
      const mine = caseloadDue(t.db, 'W1', DEFAULT_PROFILES, ctxAt(NOW.toISOString()));
      expect(mine.counts).toEqual({ active: 4, overdue: 0, dueToday: 1, dueThisWeek: 1 });
      expect(mine.entries.map((e) => [e.fullName, e.items.length])).toEqual([
        ['Eli Due-Today', 1],
        ['Fay Due-Soon', 1],
        ['Bea Contacted-Yesterday', 0],
        ['Ana Thirty-One-Days', 0],
      ]);
      const figures = caseloadDue(t.db, 'W1', DEFAULT_PROFILES, ctxAt(NOW.toISOString()), { forFigures: true });
      expect(figures.counts).toEqual({ active: 4, overdue: 1, dueToday: 1, dueThisWeek: 1 });
      expect(figures.entries[0]).toMatchObject({ id: ana, items: [{ key: `contact-due:${ana}:-:2026-11-22`, severity: 'overdue' }] });
      // Still hidden the day before the snooze date (Nov 24, 23:30 in Chicago = Nov 25 in UTC) …
      expect(caseloadDue(t.db, 'W1', DEFAULT_PROFILES, ctxAt('2026-11-25T05:30:00Z')).entries.find((e) => e.id === ana)!.items).toEqual([]);
      // … back on it.
      const back = caseloadDue(t.db, 'W1', DEFAULT_PROFILES, ctxAt('2026-11-25T16:00:00Z'));
      expect(back.entries[0]).toMatchObject({ id: ana, items: [{ key: `contact-due:${ana}:-:2026-11-22`, severity: 'overdue' }] });
      expect(back.counts).toEqual({ active: 4, overdue: 2, dueToday: 0, dueThisWeek: 1 });
    });

    it('a cleared row hides the item, from the figures too', () => {
      t.db.insert(dueItemState)
        .values({ itemKey: `contact-due:${eli}:-:2026-11-23`, ruleId: 'contact-due', participantId: eli, dueDate: '2026-11-23', clearedAt: NOW.toISOString(), clearedBy: 'W1', updatedAt: NOW.toISOString() })
        .run();
      for (const forFigures of [false, true]) {
        const due = caseloadDue(t.db, 'W1', DEFAULT_PROFILES, ctxAt(NOW.toISOString()), { forFigures });
        expect(due.counts).toEqual({ active: 4, overdue: 1, dueToday: 0, dueThisWeek: 1 });
        expect(due.entries.find((e) => e.id === eli)!.items).toEqual([]);
      }
    });

    it('a state row for an older due date does not hide the new item (a new due date is a new item)', () => {
      snooze(`contact-due:${ana}:-:2026-10-23`, ana, '2026-10-23', '2026-12-31');
      expect(caseloadDue(t.db, 'W1', DEFAULT_PROFILES, ctxAt(NOW.toISOString())).counts.overdue).toBe(1);
    });

    it('a new contact note clears the contact item', () => {
      contact(worker, ana, '2026-11-23T15:00:00Z');
      const due = caseloadDue(t.db, 'W1', DEFAULT_PROFILES, ctxAt(NOW.toISOString()));
      expect(due.counts).toEqual({ active: 4, overdue: 0, dueToday: 1, dueThisWeek: 1 });
      expect(due.entries.find((e) => e.id === ana)!.items).toEqual([]);
    });
  });

  it('collateral contacts and attempts never reset the clock; the last attempt shows', () => {
    const gil = enrollParticipant(t.db, worker, person('W1', 'Gil'), NOW);
    contact(worker, gil, '2026-10-23T15:00:00Z');
    contact(worker, gil, '2026-11-20T15:00:00Z', { contactKind: 'collateral', collateralName: 'Rosa', collateralRelationship: 'sister' });
    contact(worker, gil, '2026-11-21T15:00:00Z', { contactKind: 'attempt', subject: 'Attempted call', body: 'Called; no answer, left a voicemail.' });
    const items = dueItemsFor(t.db, [gil], DEFAULT_PROFILES, ctxAt(NOW.toISOString())).get(gil);
    expect(items).toMatchObject([
      { key: `contact-due:${gil}:-:2026-11-22`, severity: 'overdue', detail: 'Last contact Oct 23, 2026 (phone) · last attempt Nov 21, 2026' },
    ]);
  });

  it('a co-enrolled participant is held to the strictest profile; Wagner-Peyser alone has no contact item', () => {
    const profiles = { ...DEFAULT_PROFILES, 'refugee-ss': { ...DEFAULT_PROFILES['refugee-ss'], contactIntervalDays: 14 } };
    const both = enrollParticipant(t.db, worker, { ...person('W1', 'Hana'), programs: [{ profileId: 'wioa-adult', enrollmentDate: '2026-09-01' }, { profileId: 'refugee-ss', enrollmentDate: '2026-10-01' }] }, NOW);
    const wp = enrollParticipant(t.db, worker, { ...person('W1', 'Ivo'), programs: [{ profileId: 'wagner-peyser', enrollmentDate: '2026-01-05' }] }, NOW);
    contact(worker, both, '2026-11-09T15:00:00Z');
    const due = dueItemsFor(t.db, [both, wp], profiles, ctxAt(NOW.toISOString()));
    expect(due.get(both)!.filter((i) => i.ruleId === 'contact-due')).toMatchObject([{ key: `contact-due:${both}:-:2026-11-23`, severity: 'due_today' }]);
    // Her refugee enrollment also owes a family plan within 30 working days of opening (none yet).
    expect(due.get(both)!.map((i) => i.ruleId)).toContain('fsp-not-complete');
    expect(due.has(wp)).toBe(false);
  });

  it('appointment today from a note or from added details; a contact note the same day clears it', () => {
    const jo = enrollParticipant(t.db, worker, person('W1', 'Jo'), NOW);
    const kai = enrollParticipant(t.db, worker, person('W1', 'Kai'), NOW);
    contact(worker, jo, '2026-11-20T15:00:00Z', { nextAppointmentAt: new Date('2026-11-23T20:30:00Z'), nextAppointmentDate: '2026-11-23' });
    const first = contact(worker, kai, '2026-11-20T16:00:00Z');
    expect(amendNote(t.db, worker, first.noteId, { reason: 'Added the next appointment', text: 'Next appointment Monday.', nextAppointmentAt: null, nextAppointmentDate: '2026-11-23', checkWarnings: [], checkChoice: 'none' }, NOW).kind).toBe('saved');
    const appointments = (at: string, zone = CHICAGO) =>
      [...dueItemsFor(t.db, [jo, kai], DEFAULT_PROFILES, dueContext(new Date(at), zone)).entries()].map(([id, items]) => [id, items.filter((i) => i.ruleId === 'appointment-today').map((i) => i.title)]);
    expect(appointments(NOW.toISOString())).toEqual([
      [jo, ['Appointment today at 14:30']],
      [kai, ['Appointment today']],
    ]);
    expect(appointments(NOW.toISOString(), 'America/New_York')[0]).toEqual([jo, ['Appointment today at 15:30']]);
    contact(worker, jo, '2026-11-23T15:30:00Z', {}, 0.5);
    expect(appointments(NOW.toISOString())).toEqual([[kai, ['Appointment today']]]);
    expect(appointments('2026-11-24T16:00:00Z')).toEqual([]);
  });

  it('dueItemsFor over 1,000 participants runs a bounded number of queries', () => {
    const ids = inTransaction(t.db, () => {
      const out: number[] = [];
      for (let i = 0; i < 1000; i++) {
        const id = enrollParticipant(t.db, worker, person('W1', `Participant ${i}`), NOW);
        if (i % 2 === 0) contact(worker, id, '2026-11-22T15:00:00Z');
        out.push(id);
      }
      return out;
    });
    const client = t.db.$client;
    const prepare = client.prepare;
    const count = (work: () => void): number => {
      let n = 0;
      client.prepare = ((source: string) => {
        n++;
        return prepare.call(client, source);
      }) as typeof client.prepare;
      try {
        work();
      } finally {
        client.prepare = prepare;
      }
      return n;
    };
    let due = new Map<number, DueItem[]>();
    const forAll = count(() => {
      due = dueItemsFor(t.db, ids, DEFAULT_PROFILES, ctxAt(NOW.toISOString()));
    });
    const forTen = count(() => dueItemsFor(t.db, ids.slice(0, 10), DEFAULT_PROFILES, ctxAt(NOW.toISOString())));
    expect(forTen).toBeGreaterThan(0);
    expect(forAll).toBeLessThanOrEqual(2 * forTen); // 900 ids per query: two chunks at most
    expect(forAll).toBeLessThan(25);
    // The never-contacted half (enrolled Sep 1) is overdue since Oct 1; the other half was seen yesterday.
    expect(due.size).toBe(500);
    expect([...due.keys()].sort((a, b) => a - b)).toEqual(ids.filter((_, i) => i % 2 === 1));
    expect([...due.entries()].filter(([id, items]) => items.length !== 1 || items[0]!.key !== `contact-due:${id}:-:2026-10-01` || items[0]!.severity !== 'overdue')).toEqual([]);
  });

  describe('noteTimelinessByWorker', () => {
    let mia: number, ned: number;

    beforeEach(() => {
      mia = enrollParticipant(t.db, worker, person('W1', 'Mia', '2026-06-01'), NOW);
      ned = enrollParticipant(t.db, other, person('W2', 'Ned', '2026-06-01'), NOW);
      const saved = (actor: Actor, id: number, interactionAt: string, enteredAt: string, lateExplanation?: string) => {
        const r = saveNote(t.db, actor, note(id, interactionAt, { lateExplanation }), DEFAULT_PROFILES, new Date(enteredAt));
        expect(r.kind).toBe('saved');
        return (r as { timeliness: string }).timeliness;
      };
      // Inside the window (NOW − 30 days = Oct 24, 16:00 UTC):
      expect(saved(worker, mia, '2026-11-20T15:00:00Z', '2026-11-20T17:00:00Z')).toBe('on_time');
      expect(saved(worker, mia, '2026-11-21T15:00:00Z', '2026-11-21T16:00:00Z')).toBe('on_time');
      expect(saved(worker, mia, '2026-10-24T15:00:00Z', '2026-10-24T16:00:00Z')).toBe('on_time'); // exactly 30 days ago
      expect(saved(worker, mia, '2026-11-10T15:00:00Z', '2026-11-13T16:00:00Z')).toBe('late_best_practice'); // 3 days late
      expect(saved(worker, mia, '2026-11-01T15:00:00Z', '2026-11-12T16:00:00Z', 'Out sick Nov 2–11.')).toBe('late_out_of_compliance'); // 11 days late
      // Entered more than 30 days ago: not counted.
      expect(saved(worker, mia, '2026-10-23T15:00:00Z', '2026-10-24T15:59:59Z')).toBe('on_time');
      expect(saved(worker, mia, '2026-10-01T15:00:00Z', '2026-10-12T16:00:00Z', 'Training week.')).toBe('late_out_of_compliance');
      // Another worker's note.
      expect(saved(other, ned, '2026-11-22T15:00:00Z', '2026-11-22T16:00:00Z')).toBe('on_time');
    });

    it('per author: shares within 48 hours and within the limit, over notes entered in the last 30 days', () => {
      const rates = noteTimelinessByWorker(t.db, ['W1', 'W2', 'SA'], NOW);
      expect([...rates.keys()]).toEqual(['W1', 'W2', 'SA']);
      expect(rates.get('W1')).toEqual({ notes: 5, within48h: 3, withinLimit: 4, shareWithin48h: 3 / 5, shareWithinLimit: 4 / 5 });
      expect(rates.get('W2')).toEqual({ notes: 1, within48h: 1, withinLimit: 1, shareWithin48h: 1, shareWithinLimit: 1 });
      expect(rates.get('SA')).toEqual({ notes: 0, within48h: 0, withinLimit: 0, shareWithin48h: null, shareWithinLimit: null });
    });

    it('a shorter window, and notes entered after asOf, are left out', () => {
      // Since Nov 13, 16:00 UTC: the two on-time notes and the 3-days-late one.
      expect(noteTimelinessByWorker(t.db, ['W1'], NOW, 10).get('W1')).toEqual({ notes: 3, within48h: 2, withinLimit: 3, shareWithin48h: 2 / 3, shareWithinLimit: 1 });
      // As of Nov 12, 17:00 UTC, the window is Oct 13 … Nov 12: the 11-days-late note, the boundary one and the Oct 24 one.
      expect(noteTimelinessByWorker(t.db, ['W1'], new Date('2026-11-12T17:00:00Z')).get('W1')).toEqual({ notes: 3, within48h: 2, withinLimit: 2, shareWithin48h: 2 / 3, shareWithinLimit: 2 / 3 });
      expect(noteTimelinessByWorker(t.db, [], NOW).size).toBe(0);
    });

    it('is one grouped query answered from case_notes_author_entered_idx', () => {
      const client = t.db.$client;
      const prepare = client.prepare;
      const sources: string[] = [];
      client.prepare = ((source: string) => {
        sources.push(source);
        return prepare.call(client, source);
      }) as typeof client.prepare;
      try {
        noteTimelinessByWorker(t.db, ['W1', 'W2', 'SA'], NOW);
      } finally {
        client.prepare = prepare;
      }
      expect(sources).toHaveLength(1);
      const sql = sources[0]!;
      const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 'x');
      const plan = (client.prepare(`explain query plan ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join('\n');
      expect(plan).toMatch(/USING COVERING INDEX case_notes_author_entered_idx/);
    });
  });
});
