// Recording an IRT meeting's outcome and marking its steps done, on a real SQLite file with the
// real migrations (issue #6 "After the meeting"): one transaction writes the note, the meeting,
// attendance, needs and steps — or nothing at all; a double submit records once; access is the
// participant file's; each open step is a due item until done.
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markActionItemDone, meetingsAwaitingOutcome, outcomeFormFor, recordOutcome, type OutcomeContext, type RecordOutcomeInput } from '../../src/db/irt-outcome';
import { enrollParticipant } from '../../src/db/participants';
import { readPlan } from '../../src/db/plan';
import {
  auditLog,
  caseNotes,
  irtActionItems,
  irtAttendees,
  irtMeetings,
  needs,
  partnerContacts,
  partners,
  type IrtMeetingRow,
} from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import type { Actor } from '../../src/domain/access';
import type { OutcomeDraft } from '../../src/domain/irt-outcome';
import { DEFAULT_PROFILES } from '../../src/domain/profiles';
import { dueContext, dueItemsFor } from '../../src/due/engine';
import { irtActionItem } from '../../src/due/rules/irt-action-item';
import { addStaff, tempDatabase } from '../harness/db';
import { newParticipant } from '../harness/fixtures';

const CHICAGO = 'America/Chicago';
const STARTS = '2026-12-09T16:00:00.000Z'; // Wed Dec 9, 10:00 in Chicago
const NOW = new Date('2026-12-09T18:00:00.000Z'); // noon, after the meeting
const TODAY = '2026-12-09';
const WORKER = 'U0WORKER01';
const SUPERVISOR = 'U0SUPERV01';
const OUTSIDER = 'U0WORKER03';
const PARTNER_USER = 'U0PARTNER1';
const STAMP = '2026-11-23T18:00:00.000Z';

describe('recording an IRT outcome on a real SQLite file', () => {
  let t: ReturnType<typeof tempDatabase>;
  let participantId: number;
  let meetingId: number;
  let goodwill: number;
  let attendee: { participant: number; partner: number; worker: number; brother: number };

  const actor = (id: string): Actor => actorFor(getStaff(t.db, id)!, new Set());
  const ctx = (now = NOW, today = TODAY): OutcomeContext => ({ profiles: DEFAULT_PROFILES, now, today, timeZone: CHICAGO, office: 'Main St. One-Stop' });
  const count = (table: typeof caseNotes | typeof needs | typeof irtActionItems | typeof auditLog) => t.db.select().from(table).all().length;
  const meeting = (): IrtMeetingRow => t.db.select().from(irtMeetings).where(eq(irtMeetings.id, meetingId)).get()!;

  beforeEach(() => {
    t = tempDatabase();
    addStaff(t.db, SUPERVISOR, { role: 'supervisor', name: 'Sol Marquez' });
    addStaff(t.db, WORKER, { supervisorId: SUPERVISOR, name: 'Dana Rivera' });
    addStaff(t.db, OUTSIDER, { name: 'Sam Okafor' });
    participantId = enrollParticipant(t.db, actor(WORKER), newParticipant(WORKER, { fullName: 'Amina Kone' }), new Date(STAMP));
    goodwill = t.db
      .insert(partners)
      .values({ name: 'Goodwill Workforce', nameKey: 'goodwill workforce', kind: 'community_provider', createdAt: STAMP, createdBy: WORKER, updatedAt: STAMP, updatedBy: WORKER })
      .returning({ id: partners.id })
      .get().id;
    const contact = t.db
      .insert(partnerContacts)
      .values({ partnerId: goodwill, name: 'Joe Smith', slackUserId: PARTNER_USER, createdAt: STAMP, updatedAt: STAMP })
      .returning({ id: partnerContacts.id })
      .get().id;
    meetingId = t.db
      .insert(irtMeetings)
      .values({
        participantId,
        organizerId: WORKER,
        reason: 'needs',
        calledBy: 'participant',
        status: 'scheduled',
        locationKind: 'in_person',
        locationDetail: 'Main St. One-Stop, room 2',
        planningChannelId: 'C0IRT00001',
        threadTs: '1765296000.000100',
        threadMode: 'full',
        preferredCommunication: 'text',
        startsAt: STARTS,
        endsAt: '2026-12-09T17:00:00.000Z',
        createdAt: STAMP,
        createdBy: WORKER,
        updatedAt: STAMP,
      })
      .returning({ id: irtMeetings.id })
      .get().id;
    const add = (values: Omit<typeof irtAttendees.$inferInsert, 'meetingId' | 'createdAt'>) =>
      t.db.insert(irtAttendees).values({ meetingId, createdAt: STAMP, ...values }).returning({ id: irtAttendees.id }).get().id;
    attendee = {
      participant: add({ kind: 'participant' }),
      partner: add({ kind: 'partner_contact', partnerContactId: contact, name: 'Joe Smith', slackUserId: PARTNER_USER }),
      worker: add({ kind: 'staff', staffId: WORKER, slackUserId: WORKER }),
      brother: add({ kind: 'natural_support', name: 'Musa Kone', relationship: 'brother' }),
    };
  });
  afterEach(() => t.cleanup());

  function draft(overrides: Partial<OutcomeDraft> = {}): OutcomeDraft {
    return {
      attendedIds: [attendee.participant, attendee.partner, attendee.worker],
      goal: 'Start the CNA program in January.',
      strengths: 'Punctual; finished the ESL class.',
      needs: [
        { category: 'transportation', description: 'Bus pass until the car is repaired' },
        { category: 'child_care', description: 'After-school care on class days' },
        { category: null, description: null },
      ],
      services: [{ partnerId: goodwill, text: 'Resume workshop on Tuesdays' }],
      steps: [
        { description: 'Apply for the reduced-fare bus pass', responsible: `a:${attendee.participant}`, dueDate: '2026-12-15' },
        { description: 'Send the CNA enrollment packet', responsible: `a:${attendee.partner}`, dueDate: '2026-12-18' },
        { description: 'Check the child-care subsidy', responsible: 'cm', dueDate: '2026-12-11' },
      ],
      nextIrtDate: '2027-01-20',
      ...overrides,
    };
  }

  const input = (overrides: Partial<RecordOutcomeInput> = {}): RecordOutcomeInput => ({
    meetingId,
    draft: draft(),
    lateExplanation: null,
    checkWarnings: [],
    checkChoice: 'none',
    view: { id: 'V0OUTCOME1', hash: '1765303200.abc' },
    ...overrides,
  });

  it('writes the note, the meeting held, attendance, needs and steps in one go, with ids-only audit rows', () => {
    const result = recordOutcome(t.db, actor(WORKER), input(), ctx());
    expect(result.kind).toBe('recorded');
    if (result.kind !== 'recorded') return;
    const { noteId, needIds, steps } = result.outcome;

    const note = t.db.select().from(caseNotes).where(eq(caseNotes.id, noteId)).get()!;
    expect(note).toMatchObject({
      participantId,
      authorId: WORKER,
      source: 'irt_outcome',
      contactKind: 'participant',
      method: 'face_to_face',
      interactionAt: STARTS,
      interactionTz: CHICAGO,
      interactionDate: '2026-12-09',
      interactionTimeKnown: true,
      location: 'Main St. One-Stop, room 2',
      subject: 'IRT meeting: Start the CNA program in January.',
      timeliness: 'on_time',
      checkChoice: 'none',
      slackViewId: 'V0OUTCOME1',
    });
    expect(note.body).toContain('Absent: Musa Kone (brother).');
    expect(note.nextSteps).toContain('3. Check the child-care subsidy (Dana Rivera (case manager); by Dec 11, 2026)');

    expect(meeting()).toMatchObject({ status: 'held', goalStatement: 'Start the CNA program in January.', strengths: 'Punctual; finished the ESL class.', nextIrtDate: '2027-01-20', outcomeNoteId: noteId });
    const attendance = Object.fromEntries(t.db.select().from(irtAttendees).all().map((a) => [a.id, a.attendance]));
    expect(attendance).toEqual({ [attendee.participant]: 'attended', [attendee.partner]: 'attended', [attendee.worker]: 'attended', [attendee.brother]: 'absent' });

    expect(t.db.select().from(needs).all()).toMatchObject([
      { id: needIds[0], participantId, category: 'transportation', source: 'irt', sourceNoteId: noteId, status: 'open', recordedBy: WORKER },
      { id: needIds[1], category: 'child_care', source: 'irt', sourceNoteId: noteId },
    ]);
    // On the plan as it reads today.
    const plan = readPlan(t.db, actor(WORKER), participantId, { now: NOW });
    expect(plan.kind === 'ok' && plan.plan.needs.map((n) => n.category)).toEqual(['transportation', 'child_care']);

    expect(t.db.select().from(irtActionItems).all()).toMatchObject([
      { id: steps[0]!.id, meetingId, participantId, responsibleKind: 'participant', responsibleAttendeeId: attendee.participant, responsibleName: 'Amina Kone', responsibleSlackUserId: null, dueDate: '2026-12-15', status: 'open', createdBy: WORKER },
      { responsibleKind: 'partner_contact', responsibleAttendeeId: attendee.partner, responsibleName: 'Joe Smith', responsibleSlackUserId: PARTNER_USER, dueDate: '2026-12-18' },
      { responsibleKind: 'staff', responsibleAttendeeId: attendee.worker, responsibleName: 'Dana Rivera', responsibleSlackUserId: WORKER, dueDate: '2026-12-11' },
    ]);

    const audit = t.db.select().from(auditLog).where(eq(auditLog.entityId, String(participantId))).all();
    const outcomeRow = audit.find((a) => a.action === 'irt-outcome')!;
    expect(JSON.parse(outcomeRow.detail!)).toEqual({ meeting: meetingId, note: noteId, needs: needIds.join(','), steps: steps.map((s) => s.id).join(','), attended: 3, absent: 1 });
    expect(audit.some((a) => a.action === 'note-add')).toBe(true);
    expect(JSON.stringify(audit)).not.toMatch(/Amina|CNA|bus pass|Joe Smith/i);
  });

  it('a rejected outcome writes nothing at all', () => {
    const before = [count(caseNotes), count(needs), count(irtActionItems), count(auditLog)];
    const result = recordOutcome(
      t.db,
      actor(WORKER),
      input({ draft: draft({ steps: [{ description: 'Send the packet', responsible: `a:${attendee.partner}`, dueDate: null }, { description: 'Call', responsible: 'cm', dueDate: '2026-12-01' }] }) }),
      ctx(),
    );
    expect(result).toEqual({
      kind: 'invalid',
      errors: { 'steps.0.dueDate': 'Pick the date this step is due.', 'steps.1.dueDate': 'The due date Dec 1, 2026 is in the past. Pick today or a later day.' },
    });
    expect([count(caseNotes), count(needs), count(irtActionItems), count(auditLog)]).toEqual(before);
    expect(meeting()).toMatchObject({ status: 'scheduled', outcomeNoteId: null });
    expect(t.db.select().from(irtAttendees).all().every((a) => a.attendance === 'unknown')).toBe(true);
  });

  it('a double submit (same view id and hash) records once; another form afterwards is told it is recorded', () => {
    const first = recordOutcome(t.db, actor(WORKER), input(), ctx());
    const again = recordOutcome(t.db, actor(WORKER), input(), ctx());
    expect(first.kind).toBe('recorded');
    expect(again).toEqual({ kind: 'duplicate', meetingId, participantId, noteId: first.kind === 'recorded' ? first.outcome.noteId : -1 });
    expect([count(caseNotes), count(needs), count(irtActionItems)]).toEqual([1, 2, 3]);
    const other = recordOutcome(t.db, actor(WORKER), input({ view: { id: 'V0OUTCOME2', hash: '1765303300.def' } }), ctx());
    expect(other).toEqual({ kind: 'blocked', blocker: 'already-recorded', meetingDate: TODAY });
    expect(count(caseNotes)).toBe(1);
  });

  it('only staff who may write the file: the team’s supervisor may, another worker gets “not found”', () => {
    expect(outcomeFormFor(t.db, actor(OUTSIDER), meetingId, { now: NOW, timeZone: CHICAGO })).toEqual({ kind: 'not-found' });
    expect(recordOutcome(t.db, actor(OUTSIDER), input(), ctx())).toEqual({ kind: 'not-found' });
    expect(count(caseNotes)).toBe(0);
    const form = outcomeFormFor(t.db, actor(SUPERVISOR), meetingId, { now: NOW, timeZone: CHICAGO });
    expect(form.kind).toBe('ok');
    if (form.kind === 'ok') {
      expect(form.form.attendees.map((a) => a.label)).toEqual(['Amina Kone (participant)', 'Joe Smith, Goodwill Workforce', 'Dana Rivera (staff)', 'Musa Kone (brother)']);
      expect(form.form.partners).toEqual([{ id: goodwill, name: 'Goodwill Workforce' }]);
      expect(form.form.caseManager).toEqual({ staffId: WORKER, name: 'Dana Rivera' });
    }
    expect(t.db.select().from(auditLog).where(and(eq(auditLog.actorId, SUPERVISOR), eq(auditLog.action, 'irt-read'))).all()).toHaveLength(1);
  });

  it('not before the meeting has begun', () => {
    const early = new Date('2026-12-09T15:00:00.000Z');
    expect(outcomeFormFor(t.db, actor(WORKER), meetingId, { now: early, timeZone: CHICAGO })).toEqual({ kind: 'blocked', blocker: 'not-yet-held', meetingDate: TODAY });
    expect(recordOutcome(t.db, actor(WORKER), input(), ctx(early)).kind).toBe('blocked');
    expect(meetingsAwaitingOutcome(t.db, actor(WORKER), participantId, early)).toEqual([]);
    expect(meetingsAwaitingOutcome(t.db, actor(WORKER), participantId, NOW)).toEqual([{ id: meetingId, startsAt: STARTS }]);
    expect(meetingsAwaitingOutcome(t.db, actor(OUTSIDER), participantId, NOW)).toEqual([]);
  });

  it('without the participant it is a collateral contact with the team, which does not reset the contact clock', () => {
    const result = recordOutcome(t.db, actor(WORKER), input({ draft: draft({ attendedIds: [attendee.partner, attendee.worker, attendee.brother] }) }), ctx());
    expect(result.kind).toBe('recorded');
    const note = t.db.select().from(caseNotes).get()!;
    expect(note).toMatchObject({ contactKind: 'collateral', collateralName: 'Integrated Resource Team', collateralRelationship: 'partner' });
  });

  it('recorded past the program’s 10-day limit it needs the reason why; then it is saved as late', () => {
    const later = new Date('2026-12-21T18:00:00.000Z');
    const late = recordOutcome(t.db, actor(WORKER), input({ draft: draft({ steps: [{ description: 'Call', responsible: 'cm', dueDate: '2026-12-22' }], nextIrtDate: null }) }), ctx(later, '2026-12-21'));
    expect(late).toEqual({ kind: 'explanation-required', lastCompliantDate: '2026-12-19' });
    expect([count(caseNotes), count(needs), count(irtActionItems)]).toEqual([0, 0, 0]);
    expect(meeting().status).toBe('scheduled');
    const saved = recordOutcome(
      t.db,
      actor(WORKER),
      input({ lateExplanation: 'Out sick Dec 10–20.', draft: draft({ steps: [{ description: 'Call', responsible: 'cm', dueDate: '2026-12-22' }], nextIrtDate: null }) }),
      ctx(later, '2026-12-21'),
    );
    expect(saved.kind).toBe('recorded');
    expect(t.db.select().from(caseNotes).get()).toMatchObject({ timeliness: 'late_out_of_compliance', lateExplanation: 'Out sick Dec 10–20.' });
  });

  describe('the steps afterwards', () => {
    let stepIds: number[];
    beforeEach(() => {
      const result = recordOutcome(t.db, actor(WORKER), input(), ctx());
      if (result.kind !== 'recorded') throw new Error(result.kind);
      stepIds = result.outcome.steps.map((s) => s.id);
    });

    const dueSteps = (iso: string) =>
      (dueItemsFor(t.db, [participantId], DEFAULT_PROFILES, dueContext(new Date(iso), CHICAGO)).get(participantId) ?? []).filter((i) => i.ruleId === 'irt-action-item');

    it('every open step is a due item for the case manager, by its own date', () => {
      expect(dueSteps('2026-12-09T18:00:00Z').map((i) => [i.key, i.severity])).toEqual([
        [`irt-action-item:${participantId}:irt-step-${stepIds[2]}:2026-12-11`, 'due_soon'],
        [`irt-action-item:${participantId}:irt-step-${stepIds[0]}:2026-12-15`, 'due_soon'],
      ]);
      expect(dueSteps('2026-12-16T18:00:00Z').map((i) => [i.dueDate, i.severity])).toEqual([
        ['2026-12-11', 'overdue'],
        ['2026-12-15', 'overdue'],
        ['2026-12-18', 'due_soon'],
      ]);
    });

    it('the person responsible marks it done; a stranger cannot; a second click changes nothing; the due item goes', () => {
      const partnerStep = stepIds[1]!;
      expect(markActionItemDone(t.db, { userId: OUTSIDER, actor: actor(OUTSIDER) }, partnerStep, NOW)).toEqual({ kind: 'refused' });
      expect(markActionItemDone(t.db, { userId: 'U0NOBODY01', actor: null }, partnerStep, NOW)).toEqual({ kind: 'refused' });
      const at = new Date('2026-12-17T15:00:00.000Z');
      const done = markActionItemDone(t.db, { userId: PARTNER_USER, actor: null }, partnerStep, at);
      expect(done).toMatchObject({ kind: 'done', basis: 'responsible', item: { id: partnerStep, status: 'done', doneAt: at.toISOString(), doneBy: PARTNER_USER } });
      const again = markActionItemDone(t.db, { userId: PARTNER_USER, actor: null }, partnerStep, new Date('2026-12-18T15:00:00.000Z'));
      expect(again).toMatchObject({ kind: 'already-done', item: { doneAt: at.toISOString(), doneBy: PARTNER_USER } });
      expect(t.db.select().from(irtActionItems).where(eq(irtActionItems.id, partnerStep)).get()).toMatchObject({ status: 'done', doneAt: at.toISOString(), doneBy: PARTNER_USER });
      expect(t.db.select().from(auditLog).where(eq(auditLog.action, 'irt-step-done')).all()).toMatchObject([{ actorId: PARTNER_USER, basis: 'responsible', detail: JSON.stringify({ meeting: meetingId, step: partnerStep }) }]);
      expect(dueSteps('2026-12-16T18:00:00Z').map((i) => i.dueDate)).toEqual(['2026-12-11', '2026-12-15']);
    });

    it('the rule is one query per caseload, searching the action items’ participant index (no table scan)', () => {
      const client = t.db.$client;
      const prepare = client.prepare;
      const sources: string[] = [];
      client.prepare = ((source: string) => {
        sources.push(source);
        return prepare.call(client, source);
      }) as typeof client.prepare;
      try {
        irtActionItem.load(t.db, [participantId, 9998, 9999], dueContext(NOW, CHICAGO));
      } finally {
        client.prepare = prepare;
      }
      expect(sources).toHaveLength(1);
      const params = Array.from({ length: (sources[0]!.match(/\?/g) ?? []).length }, () => '[1]');
      const plan = (client.prepare(`explain query plan ${sources[0]}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);
      expect(plan.filter((d) => /^SCAN /.test(d) && !/^SCAN json_each/.test(d))).toEqual([]);
      expect(plan.join('\n')).toMatch(/irt_action_items_participant_idx/);
    });

    it('the organizer and the supervisor may mark any step done', () => {
      expect(markActionItemDone(t.db, { userId: WORKER, actor: actor(WORKER) }, stepIds[0]!, NOW)).toMatchObject({ kind: 'done', basis: 'organizer' });
      expect(markActionItemDone(t.db, { userId: SUPERVISOR, actor: actor(SUPERVISOR) }, stepIds[1]!, NOW)).toMatchObject({ kind: 'done', basis: 'supervisor' });
      expect(markActionItemDone(t.db, { userId: WORKER, actor: actor(WORKER) }, 9999, NOW)).toEqual({ kind: 'not-found' });
    });
  });
});
