// After an IRT meeting (issue #6; seed 001 "Facilitating"): when an outcome may be recorded,
// what a valid outcome is, the case note it becomes, what the planning thread is told, who may
// mark a step done, the action-step due rule, and the modal's Block Kit.
import { describe, expect, it } from 'vitest';
import type { AccessDecision } from '../../src/domain/access';
import type { DueContext, DueParticipant } from '../../src/domain/due';
import {
  composeOutcomeNote,
  contactKindFor,
  mayMarkDone,
  MAX_STEP_ROWS,
  noteLengthProblems,
  noteMethodFor,
  outcomeBlocker,
  threadSummary,
  validateOutcome,
  type Outcome,
  type OutcomeDraft,
  type OutcomeNoteFacts,
} from '../../src/domain/irt-outcome';
import { DEFAULT_PROFILES, strictestProfile } from '../../src/domain/profiles';
import { dueContext } from '../../src/due/engine';
import { DUE_RULES } from '../../src/due/registry';
import { irtActionItem, type OpenActionItem } from '../../src/due/rules/irt-action-item';
import type { OutcomeForm } from '../../src/db/irt-outcome';
import type { FlatForm } from '../../src/slack/forms';
import { outcomeBlockErrors, parseOutcomeForm } from '../../src/slack/irt-outcome/forms';
import { doneMessage, outcomeModal, outcomeThreadMessage } from '../../src/slack/irt-outcome/views';
import { validateMessage, validateView } from '../harness/blockkit';

const NOW = new Date('2026-12-09T17:30:00.000Z'); // Wed Dec 9, 11:30 in Chicago
const TODAY = '2026-12-09';
const CHICAGO = 'America/Chicago';

// Attendees of the meeting: 1 the participant, 2 the case manager, 3 a Goodwill contact, 4 a brother.
const ATTENDEES = [1, 2, 3, 4];
const FACTS = { attendeeIds: ATTENDEES, partnerIds: [7], today: TODAY };

function draft(overrides: Partial<OutcomeDraft> = {}): OutcomeDraft {
  return {
    attendedIds: [1, 2, 3],
    goal: 'Start the CNA program in January.',
    strengths: 'Punctual; finished the ESL class; her brother drives her.',
    needs: [
      { category: 'transportation', description: 'Bus pass until the car is repaired' },
      { category: null, description: null },
      { category: null, description: null },
    ],
    services: [{ partnerId: 7, text: 'Resume workshop on Tuesdays' }],
    steps: [
      { description: 'Apply for the reduced-fare bus pass', responsible: 'a:1', dueDate: '2026-12-15' },
      { description: 'Send the CNA enrollment packet', responsible: 'a:3', dueDate: '2026-12-18' },
      { description: null, responsible: null, dueDate: null },
    ],
    nextIrtDate: '2027-01-20',
    ...overrides,
  };
}

function valid(d: OutcomeDraft = draft()): Outcome {
  const r = validateOutcome(d, FACTS);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.outcome;
}

function errorsOf(d: OutcomeDraft): Record<string, string> {
  const r = validateOutcome(d, FACTS);
  return r.ok ? {} : r.errors;
}

describe('when the outcome may be recorded', () => {
  const scheduled = { status: 'scheduled' as const, startsAt: '2026-12-09T16:00:00.000Z' };

  it('once the confirmed meeting has begun, and not before', () => {
    expect(outcomeBlocker(scheduled, NOW)).toBeNull();
    expect(outcomeBlocker(scheduled, new Date('2026-12-09T16:00:00.000Z'))).toBeNull();
    expect(outcomeBlocker(scheduled, new Date('2026-12-09T15:59:59.000Z'))).toBe('not-yet-held');
  });

  it('never twice, never for a cancelled meeting or one without a confirmed time', () => {
    expect(outcomeBlocker({ ...scheduled, status: 'held' }, NOW)).toBe('already-recorded');
    expect(outcomeBlocker({ ...scheduled, status: 'cancelled' }, NOW)).toBe('cancelled');
    expect(outcomeBlocker({ status: 'planning', startsAt: null }, NOW)).toBe('not-scheduled');
  });
});

describe('a valid outcome', () => {
  it('keeps the filled rows, trimmed, and drops blank ones', () => {
    const o = valid(draft({ goal: '  Start the CNA program in January.  ' }));
    expect(o.goal).toBe('Start the CNA program in January.');
    expect(o.needs).toEqual([{ category: 'transportation', description: 'Bus pass until the car is repaired' }]);
    expect(o.steps).toEqual([
      { description: 'Apply for the reduced-fare bus pass', responsible: { kind: 'attendee', attendeeId: 1 }, dueDate: '2026-12-15' },
      { description: 'Send the CNA enrollment packet', responsible: { kind: 'attendee', attendeeId: 3 }, dueDate: '2026-12-18' },
    ]);
    expect(o.services).toEqual([{ partnerId: 7, text: 'Resume workshop on Tuesdays' }]);
  });

  it('a step due today is fine; a step due yesterday (in the case manager’s zone) is not', () => {
    expect(valid(draft({ steps: [{ description: 'Call the landlord', responsible: 'cm', dueDate: TODAY }] })).steps[0]!.responsible).toEqual({ kind: 'case_manager' });
    expect(errorsOf(draft({ steps: [{ description: 'Call the landlord', responsible: 'cm', dueDate: '2026-12-08' }] }))).toEqual({
      'steps.0.dueDate': 'The due date Dec 8, 2026 is in the past. Pick today or a later day.',
    });
  });

  it('a step partly filled must say what, who and by when', () => {
    expect(errorsOf(draft({ steps: [{ description: 'Call the landlord', responsible: null, dueDate: null }] }))).toEqual({
      'steps.0.responsible': 'Pick who is responsible for this step.',
      'steps.0.dueDate': 'Pick the date this step is due.',
    });
    expect(errorsOf(draft({ steps: [{ description: null, responsible: 'cm', dueDate: '2026-12-10' }] }))).toEqual({ 'steps.0.description': 'Enter what will be done.' });
  });

  it('needs at least one step, a goal, strengths and someone who attended', () => {
    const none = { description: null, responsible: null, dueDate: null };
    expect(errorsOf(draft({ steps: [none, none, none], goal: ' ', strengths: null, attendedIds: [] }))).toEqual({
      steps: 'Write at least one step of the action plan: what, who and by when.',
      goal: 'Enter the goal the participant named.',
      strengths: 'Enter the participant’s strengths.',
      attended: 'Tick everyone who attended the meeting.',
    });
  });

  it('only the meeting’s own attendees can attend or be responsible', () => {
    expect(errorsOf(draft({ attendedIds: [1, 99] }))).toEqual({ attended: 'Tick only people invited to this meeting.' });
    expect(errorsOf(draft({ steps: [{ description: 'Drive to the clinic', responsible: 'a:99', dueDate: '2026-12-10' }] }))).toEqual({
      'steps.0.responsible': 'Pick who is responsible for this step.',
    });
  });

  it('a need row needs its kind and its words', () => {
    expect(errorsOf(draft({ needs: [{ category: 'housing', description: null }, { category: null, description: 'Winter boots' }, { category: 'x', description: 'y' }] }))).toEqual({
      'needs.0.description': 'Enter the need.',
      'needs.1.category': 'Pick the kind of need.',
      'needs.2.category': 'Pick the kind of need.',
    });
  });

  it('the next IRT date is optional and must be after today', () => {
    expect(valid(draft({ nextIrtDate: null })).nextIrtDate).toBeNull();
    expect(errorsOf(draft({ nextIrtDate: TODAY }))).toEqual({ nextIrtDate: 'The next IRT meeting must be after today. Leave it empty if none is planned.' });
    expect(errorsOf(draft({ nextIrtDate: '2027-02-30' }))).toEqual({ nextIrtDate: 'Pick the next IRT date from the calendar.' });
  });

  it('answers longer than their field are refused', () => {
    expect(errorsOf(draft({ goal: 'x'.repeat(501) }))).toEqual({ goal: 'Keep the goal the participant named to 500 characters or fewer.' });
  });
});

describe('the case note the outcome becomes', () => {
  const facts: OutcomeNoteFacts = {
    meetingDate: TODAY,
    reason: 'needs',
    calledBy: 'participant',
    attendees: [
      { id: 1, kind: 'participant', label: 'Amina Kone (participant)' },
      { id: 2, kind: 'staff', label: 'Dana Rivera (staff)' },
      { id: 3, kind: 'partner_contact', label: 'Joe Smith, Goodwill' },
      { id: 4, kind: 'natural_support', label: 'Musa Kone (brother)' },
    ],
    partnerNames: new Map([[7, 'Goodwill']]),
    caseManagerName: 'Dana Rivera',
  };

  it('a face-to-face contact with the participant when they attended; otherwise a collateral contact with the team', () => {
    expect(noteMethodFor('in_person')).toBe('face_to_face');
    expect(noteMethodFor('video')).toBe('video');
    expect(noteMethodFor('phone')).toBe('phone');
    expect(contactKindFor(true)).toBe('participant');
    expect(contactKindFor(false)).toBe('collateral');
  });

  it('tells attendance, goal, strengths, needs and services; the action plan is the next steps', () => {
    const text = composeOutcomeNote(valid(), facts);
    expect(text.subject).toBe('IRT meeting: Start the CNA program in January.');
    expect(text.body).toBe(
      [
        'Integrated Resource Team meeting on Dec 9, 2026 (needs arose; called by the participant).',
        'Attended: Amina Kone (participant); Dana Rivera (staff); Joe Smith, Goodwill.',
        'Absent: Musa Kone (brother).',
        '',
        'Goal named by the participant: Start the CNA program in January.',
        'Strengths: Punctual; finished the ESL class; her brother drives her.',
        'Needs identified:',
        '- Transportation: Bus pass until the car is repaired',
        'Services offered:',
        '- Goodwill: Resume workshop on Tuesdays',
      ].join('\n'),
    );
    expect(text.nextSteps).toBe(
      [
        'Action plan:',
        '1. Apply for the reduced-fare bus pass (Amina Kone (participant); by Dec 15, 2026)',
        '2. Send the CNA enrollment packet (Joe Smith, Goodwill; by Dec 18, 2026)',
        'Next IRT meeting: Jan 20, 2027.',
      ].join('\n'),
    );
    expect(text.othersPresent).toBe('Dana Rivera (staff); Joe Smith, Goodwill');
  });

  it('a note holds 3,000 characters: too much lands on the longest answer', () => {
    const many = { ...facts, attendees: [...facts.attendees, ...Array.from({ length: 80 }, (_, i) => ({ id: 100 + i, kind: 'staff' as const, label: `Staff member number ${i} (staff)` }))] };
    const outcome = valid(draft({ strengths: 's'.repeat(800), attendedIds: [1, 2, 3] }));
    const wide = { ...outcome, attendedIds: [1, 2, 3, ...many.attendees.slice(4).map((a) => a.id)] };
    const text = composeOutcomeNote(wide, many);
    expect(text.body.length).toBeGreaterThan(3000);
    expect(Object.keys(noteLengthProblems(text, wide))).toEqual(['strengths']);
    expect(noteLengthProblems(composeOutcomeNote(outcome, facts), outcome)).toEqual({});
  });
});

describe('what the planning thread is told', () => {
  it('logistics only in every mode: how many steps and the next IRT date, nothing about the participant', () => {
    const s = threadSummary({ stepCount: 3, nextIrtDate: '2027-01-12' });
    expect(s).toEqual({ stepCount: 3, nextIrtDate: '2027-01-12' });
    const message = outcomeThreadMessage(s);
    expect(validateMessage(message)).toEqual([]);
    expect(message.text).toBe('Outcome recorded · 3 action steps · next IRT Jan 12, 2027');
    expect(outcomeThreadMessage(threadSummary({ stepCount: 1, nextIrtDate: null })).text).toBe('Outcome recorded · 1 action step');
  });
});

describe('who may mark a step done', () => {
  const step = { responsibleSlackUserId: 'UPARTNER1' };
  const meeting = { organizerId: 'UORGANIZER' };
  const denied: AccessDecision = { allowed: false };

  it('the person responsible, the organizer while they may still write the file, or staff who may; nobody else', () => {
    expect(mayMarkDone('UPARTNER1', step, meeting, denied)).toBe('responsible');
    expect(mayMarkDone('UORGANIZER', step, meeting, { allowed: true, basis: 'assigned' })).toBe('organizer');
    expect(mayMarkDone('UORGANIZER', step, meeting, denied)).toBeNull(); // reassigned away from them
    expect(mayMarkDone('USUPER', step, meeting, { allowed: true, basis: 'supervisor' })).toBe('supervisor');
    expect(mayMarkDone('USTRANGER', step, meeting, denied)).toBeNull();
    expect(mayMarkDone('USTRANGER', { responsibleSlackUserId: null }, meeting, denied)).toBeNull();
  });
});

// ------------------------------------------------------------------------------- the due rule

const ctxOn = (date: string, zone = CHICAGO): DueContext => dueContext(new Date(`${date}T16:00:00Z`), zone);
const person = (id: number): DueParticipant => ({ id, enrolledOn: '2026-10-01', rules: strictestProfile([DEFAULT_PROFILES['wioa-adult']]) });

function item(overrides: Partial<OpenActionItem> = {}): OpenActionItem {
  return {
    id: 31,
    participantId: 1,
    description: 'Send the CNA enrollment packet',
    responsibleKind: 'partner_contact',
    responsibleName: 'Joe Smith',
    dueDate: '2026-12-18',
    meetingStartsAt: '2026-12-09T16:00:00.000Z',
    ...overrides,
  };
}

describe('IRT action step due rule', () => {
  it('is registered once', () => {
    expect(DUE_RULES.filter((r) => r.id === 'irt-action-item')).toHaveLength(1);
  });

  it('an open step due Dec 18 is due soon from Dec 11, due today on Dec 18, overdue after — with the same key', () => {
    const on = (date: string) => irtActionItem.evaluate([item()], [person(1)], ctxOn(date));
    expect(on('2026-12-10')).toEqual([]);
    expect(on('2026-12-11')).toEqual([
      {
        key: 'irt-action-item:1:irt-step-31:2026-12-18',
        ruleId: 'irt-action-item',
        participantId: 1,
        dueDate: '2026-12-18',
        severity: 'due_soon',
        title: 'IRT step “Send the CNA enrollment packet” due Dec 18, 2026',
        detail: 'Responsible: Joe Smith · from the IRT meeting of Dec 9, 2026',
        policy: irtActionItem.policy,
        clearingAction: 'open_card',
        compliance: false,
      },
    ]);
    expect(on('2026-12-18')[0]).toMatchObject({ severity: 'due_today', title: 'IRT step “Send the CNA enrollment packet” due today' });
    expect(on('2027-01-04')[0]).toMatchObject({ severity: 'overdue', key: 'irt-action-item:1:irt-step-31:2026-12-18', title: 'IRT step “Send the CNA enrollment packet” overdue since Dec 18, 2026' });
  });

  it('a step the participant owns says so without their name; other people’s steps are left out', () => {
    const [mine] = irtActionItem.evaluate([item({ responsibleKind: 'participant', responsibleName: 'Amina Kone' }), item({ id: 32, participantId: 2 })], [person(1)], ctxOn('2026-12-18'));
    expect(mine!.detail).toBe('Responsible: the participant · from the IRT meeting of Dec 9, 2026');
    expect(irtActionItem.evaluate([item({ participantId: 2 })], [person(1)], ctxOn('2026-12-18'))).toEqual([]);
  });

  it('the viewer’s zone decides “today”: 23:30 on Dec 17 in Chicago is still Dec 17 (due soon)', () => {
    const late = dueContext(new Date('2026-12-18T05:30:00Z'), CHICAGO);
    expect(irtActionItem.evaluate([item()], [person(1)], late)[0]!.severity).toBe('due_soon');
    expect(irtActionItem.evaluate([item()], [person(1)], dueContext(new Date('2026-12-18T05:30:00Z'), 'Europe/Berlin'))[0]!.severity).toBe('due_today');
  });
});

// ---------------------------------------------------------------------------- the Slack forms

const form: OutcomeForm = {
  meeting: {
    id: 5,
    participantId: 1,
    organizerId: 'UORGANIZER',
    reason: 'needs',
    reasonDetail: null,
    urgent: false,
    calledBy: 'participant',
    status: 'scheduled',
    locationKind: 'in_person',
    locationDetail: 'Main St. One-Stop, room 2',
    planningChannelId: 'C0IRT00001',
    threadTs: '1700000000.000100',
    threadMode: 'full',
    bringAssessment: false,
    bringPlan: false,
    bringResources: false,
    preferredCommunication: 'text',
    startsAt: '2026-12-09T16:00:00.000Z',
    endsAt: '2026-12-09T17:00:00.000Z',
    goalStatement: null,
    strengths: null,
    nextIrtDate: null,
    outcomeNoteId: null,
    createdAt: '2026-11-23T18:00:00.000Z',
    createdBy: 'UORGANIZER',
    updatedAt: '2026-11-23T18:00:00.000Z',
  },
  participant: { id: 1, fullName: 'Amina Kone', preferredName: null },
  attendees: Array.from({ length: 14 }, (_, i) => ({
    id: i + 1,
    kind: i === 0 ? ('participant' as const) : ('partner_contact' as const),
    label: i === 0 ? 'Amina Kone (participant)' : `Contact ${i}, Partner ${i}`,
    name: i === 0 ? 'Amina Kone' : `Contact ${i}`,
    slackUserId: i === 0 ? null : `UCONTACT${i}`,
    partnerId: i === 0 ? null : 100 + i,
    attendance: 'unknown' as const,
  })),
  partners: Array.from({ length: 13 }, (_, i) => ({ id: 101 + i, name: `Partner ${i + 1} with a rather long organization name` })),
  caseManager: { staffId: 'UORGANIZER', name: 'Dana Rivera' },
  meetingDate: TODAY,
};

describe('the Record outcome modal', () => {
  it('is valid Block Kit with 14 attendees, 13 partners and the most steps, late field and warnings', () => {
    const view = outcomeModal(form, null, {
      steps: MAX_STEP_ROWS,
      askLate: true,
      warnings: Array.from({ length: 8 }, (_, i) => ({ field: `outcome_step_desc_${i}`, label: `Step ${i + 1}`, text: 'I think she is lazy', warnings: [{ kind: 'opinion' as const, start: 0, end: 7, matched: 'I think', message: 'An opinion.', suggestion: 'Say what happened.' }] })),
      privateMetadata: JSON.stringify({ meetingId: 5, steps: MAX_STEP_ROWS, askLate: true }),
    });
    expect(validateView(view)).toEqual([]);
    const blocks = view.blocks as Array<{ block_id?: string; type: string }>;
    expect(blocks.filter((b) => b.block_id?.startsWith('outcome_attended_')).map((b) => b.block_id)).toEqual(['outcome_attended_0', 'outcome_attended_1']);
    expect(blocks.some((b) => b.block_id === 'outcome_add_step')).toBe(false);
    // The first ten organizations have a field each; the other three share one.
    expect(blocks.filter((b) => /^outcome_services_\d+$/.test(b.block_id ?? '')).map((b) => b.block_id)).toEqual(Array.from({ length: 10 }, (_, i) => `outcome_services_${101 + i}`));
    expect(JSON.stringify(blocks.find((b) => b.block_id === 'outcome_services_others'))).toContain('Partner 13 with a rather long organization name');
  });

  it('stays within a modal’s 100 blocks with 60 partner organizations, 70 attendees, every step, warnings and the late field', () => {
    const big: OutcomeForm = {
      ...form,
      attendees: Array.from({ length: 70 }, (_, i) => ({ ...form.attendees[1]!, id: i + 1, label: `Contact ${i}`, name: `Contact ${i}`, partnerId: 100 + i })),
      partners: Array.from({ length: 60 }, (_, i) => ({ id: 101 + i, name: `Partner ${i + 1}` })),
    };
    const view = outcomeModal(big, null, {
      steps: MAX_STEP_ROWS,
      askLate: true,
      warnings: Array.from({ length: 8 }, (_, i) => ({ field: `outcome_step_desc_${i}`, label: `Step ${i + 1}`, text: 'I think so', warnings: [{ kind: 'opinion' as const, start: 0, end: 7, matched: 'I think', message: 'An opinion.', suggestion: 'Say what happened.' }] })),
      privateMetadata: '{}',
    });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(validateView(view)).toEqual([]);
    expect(view.blocks.filter((b) => b.type === 'input' && b.block_id?.startsWith('outcome_services_'))).toHaveLength(11);
  });

  it('what the other partners offered is read, checked and written into the note', () => {
    const parsed = parseOutcomeForm({ outcome_attended_0: ['1'], outcome_goal: 'Work', outcome_strengths: 'Punctual', outcome_services_101: 'Forklift course', outcome_services_others: 'Northside: rent help; Eastside: a bus pass', outcome_step_desc_0: 'Call', outcome_step_who_0: 'cm', outcome_step_due_0: '2026-12-10' });
    expect(parsed.ok && parsed.data.values.otherServices).toBe('Northside: rent help; Eastside: a bus pass');
    const outcome = valid(draft({ otherServices: '  Northside: rent help  ' }));
    expect(outcome.otherServices).toBe('Northside: rent help');
    expect(composeOutcomeNote(outcome, { meetingDate: TODAY, reason: 'needs', calledBy: 'participant', attendees: [], partnerNames: new Map([[7, 'Goodwill']]), caseManagerName: 'Dana' }).body).toContain('- Other partners: Northside: rent help');
    expect(errorsOf(draft({ otherServices: 'x'.repeat(1001) }))).toHaveProperty(['services.others']);
    expect(outcomeBlockErrors({ 'services.others': 'Too long' })).toEqual({ outcome_services_others: 'Too long' });
  });

  it('starts with three steps and an *Add step* button; every attendee is ticked until told otherwise', () => {
    const view = outcomeModal(form, null, { steps: 3, askLate: false, privateMetadata: '{}' });
    const blocks = view.blocks as Array<{ block_id?: string; element?: { initial_options?: unknown[] } }>;
    expect(blocks.filter((b) => /^outcome_step_desc_\d$/.test(b.block_id ?? ''))).toHaveLength(3);
    expect(blocks.some((b) => b.block_id === 'outcome_add_step')).toBe(true);
    expect(blocks.find((b) => b.block_id === 'outcome_attended_0')!.element!.initial_options).toHaveLength(10);
    expect(blocks.some((b) => b.block_id === 'outcome_late')).toBe(false);
  });

  it('a rebuilt form keeps what was typed (initial values), so *Add step* loses nothing', () => {
    const values = { ...draft(), attendedIds: [1, 3], services: [{ partnerId: 101, text: 'Forklift course' }], lateExplanation: null };
    const view = outcomeModal(form, values, { steps: 4, askLate: false, privateMetadata: '{}' });
    expect(validateView(view)).toEqual([]);
    const blocks = view.blocks as Array<{ block_id?: string; element?: Record<string, unknown> }>;
    const el = (id: string) => blocks.find((b) => b.block_id === id)!.element!;
    expect(el('outcome_goal').initial_value).toBe('Start the CNA program in January.');
    expect(el('outcome_step_due_1').initial_date).toBe('2026-12-18');
    expect((el('outcome_step_who_0').initial_option as { value: string }).value).toBe('a:1');
    expect((el('outcome_attended_0').initial_options as Array<{ value: string }>).map((o) => o.value)).toEqual(['1', '3']);
    expect(el('outcome_services_101').initial_value).toBe('Forklift course');
    expect(el('outcome_step_desc_3').initial_value).toBeUndefined();
  });
});

describe('reading the submitted form', () => {
  const state: FlatForm = {
    outcome_attended_0: ['1', '2'],
    outcome_goal: 'Start the CNA program',
    outcome_strengths: 'Punctual',
    outcome_need_category_0: 'housing',
    outcome_need_desc_0: 'Deposit for an apartment',
    outcome_need_category_1: null,
    outcome_need_desc_1: null,
    outcome_need_category_2: null,
    outcome_need_desc_2: null,
    outcome_services_101: 'Forklift course',
    outcome_step_desc_0: 'Call the landlord',
    outcome_step_who_0: 'cm',
    outcome_step_due_0: '2026-12-10',
    outcome_step_desc_1: null,
    outcome_step_who_1: null,
    outcome_step_due_1: null,
    outcome_next_irt: null,
  };

  it('turns Slack’s state into the draft, rows and partners read from the blocks present', () => {
    const parsed = parseOutcomeForm(state);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.layout).toMatchObject({ attendanceBlocks: 1, partnerIds: [101], steps: 2, hasLate: false });
    expect(parsed.data.values).toMatchObject({
      attendedIds: [1, 2],
      needs: [{ category: 'housing', description: 'Deposit for an apartment' }, { category: null, description: null }, { category: null, description: null }],
      services: [{ partnerId: 101, text: 'Forklift course' }],
      steps: [{ description: 'Call the landlord', responsible: 'cm', dueDate: '2026-12-10' }, { description: null, responsible: null, dueDate: null }],
    });
  });

  it('a malformed value is refused on its own block', () => {
    const parsed = parseOutcomeForm({ ...state, outcome_step_due_0: '12/10/2026', outcome_step_who_0: 'someone' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({ outcome_step_due_0: 'Pick the due date from the calendar.', outcome_step_who_0: 'Pick who is responsible from the list.' });
  });

  it('the domain’s field problems land on the matching blocks', () => {
    expect(
      outcomeBlockErrors({
        attended: 'a',
        'needs.2.category': 'b',
        'services.101': 'c',
        steps: 'd',
        'steps.1.dueDate': 'e',
        'steps.1.responsible': 'f',
        nextIrtDate: 'g',
        mystery: 'h',
      }),
    ).toEqual({
      outcome_attended_0: 'a',
      outcome_need_category_2: 'b',
      outcome_services_101: 'c',
      outcome_step_desc_0: 'd',
      outcome_step_due_1: 'e',
      outcome_step_who_1: 'f',
      outcome_next_irt: 'g',
      outcome_goal: 'h',
    });
  });
});

describe('the reminder once its step is done', () => {
  it('loses its Done button and says who did it, keeping the rest', () => {
    const original = {
      text: 'Reminder: a step is due today',
      blocks: [
        { type: 'section', block_id: 'irt_reminder', text: { type: 'mrkdwn', text: '*Due today:* send the packet' } },
        { type: 'actions', block_id: 'irt_reminder_actions', elements: [{ type: 'button', action_id: 'irt_action_done', text: { type: 'plain_text', text: 'Done' }, value: '31' }] },
      ],
    };
    const done = doneMessage(original, 'UPARTNER1', '2026-12-18', 31);
    expect(validateMessage(done)).toEqual([]);
    expect(done.blocks.map((b) => b.block_id)).toEqual(['irt_reminder', 'irt_step_done_31']);
    expect(JSON.stringify(done.blocks)).toContain('Done by <@UPARTNER1> on Dec 18, 2026');
    expect(JSON.stringify(done.blocks)).not.toContain('irt_action_done');
    expect(doneMessage(done, 'UPARTNER1', '2026-12-18', 31).blocks).toEqual(done.blocks);
  });
});
